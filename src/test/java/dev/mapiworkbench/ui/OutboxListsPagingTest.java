package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.ui.SessionGateway.MessageInfo;
import dev.mapiworkbench.ui.SessionGateway.OutboxDelta;
import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import dev.mapiworkbench.ui.SessionGateway.Snapshot;
import java.util.List;
import java.util.TreeMap;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/**
 * Decision 0640: the logoff dialog's pending list and the message list's Outbox view page like the queue table.
 * With 10,000 queued neither holds a row per message; the dialog's list opened on the window's pending lines
 * copies nothing and follows the deltas while open (issue 10 item 11); the message list shows the unsent rows
 * while the snapshots name the Outbox and the selected folder's messages otherwise.
 */
class OutboxListsPagingTest {

    private static final int QUEUED = 10_000;

    private final FakePages pages = new FakePages();
    private final TreeMap<Long, OutboxInfo> model = pages.model;

    private final ObservableList<MessageInfo> messages = FXCollections.observableArrayList();
    private final OutboxQueueModel queue = new OutboxQueueModel(messages, messages);

    private static OutboxInfo row(long seq, String state) {
        return new OutboxInfo(
                "k" + seq, "paged " + seq, "to@example.test", state, state.equals("queued"), "", null, seq);
    }

    private static Snapshot snapshot(List<OutboxInfo> outbox, OutboxDelta delta, String outboxFolder) {
        return new Snapshot(
                true,
                "Logged on",
                "queued",
                List.of(),
                List.of(),
                outbox,
                List.of(),
                0,
                delta,
                outboxFolder,
                List.of());
    }

    private void logOnWith(int n) {
        for (long s = 0; s < n; s++) {
            model.put(s, row(s, "queued"));
        }
        queue.pageFrom(pages::fetch);
        queue.apply(snapshot(List.copyOf(model.values()), null, "Outbox"));
    }

    private void delta(List<OutboxInfo> changed, List<Long> removed) {
        pages.version++;
        changed.forEach(o -> model.put(o.seq(), o));
        removed.forEach(model::remove);
        queue.apply(snapshot(
                List.of(),
                new OutboxDelta(changed, removed.stream().map(s -> "k" + s).toList(), removed, pages.version),
                "Outbox"));
    }

    @SuppressWarnings("unchecked")
    private static <T> QueueView<T> paged(ObservableList<T> list) {
        return (QueueView<T>) (list instanceof FollowingList<?> f ? f.source() : list);
    }

    @Test
    void theLogoffDialogsListCopiesNothingReadsOnlyWhatIsDrawnAndFollowsTheDeltas() {
        logOnWith(QUEUED);
        QueueView<String> lines = paged(queue.pendingLines());
        assertThat(lines.size()).isEqualTo(QUEUED);
        assertThat(lines.heldRows()).isEqualTo(QueueView.PAGE);

        LogoffDialogViewModel dialog = new LogoffDialogViewModel(queue.pendingLines(), false);
        assertThat(dialog.pendingMessages()).hasSize(QUEUED);
        assertThat(dialog.nowExplanationProperty().get()).contains("these " + QUEUED + " messages stay");
        assertThat(lines.rowsRead()).as("opening the dialog reads no row").isZero();

        // the dialog's list drawing its last rows: one page read, not the queue
        assertThat(dialog.pendingMessages().get(QUEUED - 1)).isEqualTo("…");
        pages.answerAll();
        assertThat(dialog.pendingMessages().get(QUEUED - 1))
                .isEqualTo(row(QUEUED - 1, "queued").display());
        assertThat(lines.rowsRead()).isEqualTo(QueueView.PAGE);

        // while it is open: one sent, one taken out, two queued
        delta(List.of(row(5, "sent"), row(QUEUED, "queued"), row(QUEUED + 1, "queued")), List.of(7L));
        assertThat(dialog.pendingMessages()).hasSize(QUEUED);
        assertThat(dialog.pendingMessages().get(QUEUED - 1))
                .isEqualTo(row(QUEUED + 1, "queued").display());
        assertThat(dialog.pendingMessages().get(5)).isEqualTo(row(6, "queued").display());
        delta(List.of(row(QUEUED + 2, "queued")), List.of());
        assertThat(dialog.nowExplanationProperty().get()).contains("these " + (QUEUED + 1) + " messages stay");

        for (int i = 0; i < QUEUED; i += 50) { // scrolled through to the end
            dialog.pendingMessages().get(i);
            pages.answerAll();
        }
        assertThat(lines.heldRows()).isLessThanOrEqualTo(QueueView.CACHE);

        dialog.dispose();
        delta(List.of(row(QUEUED + 3, "queued")), List.of());
        assertThat(dialog.pendingMessages())
                .as("a closed dialog follows nothing")
                .isEmpty();
        assertThat(queue.pendingLines()).hasSize(QUEUED + 2);
    }

    @Test
    void theMessageListShowsTheUnsentQueuePagedOrTheSelectedFoldersMessages() {
        logOnWith(QUEUED);
        ObservableList<MessageInfo> list = queue.messageList();
        assertThat(list).hasSize(QUEUED);
        assertThat(paged(list).heldRows()).isEqualTo(QueueView.PAGE);
        assertThat(list.get(0)).isEqualTo(new MessageInfo("Outbox", "paged 0", "to@example.test", "queued", ""));
        assertThat(list.get(QUEUED / 2).subject()).isEqualTo("…");
        pages.answerAll();
        assertThat(list.get(QUEUED / 2).subject()).isEqualTo("paged " + QUEUED / 2);

        delta(List.of(row(0, "sent"), row(1, "sending")), List.of(2L));
        assertThat(list).hasSize(QUEUED - 2);
        assertThat(list.get(0)).isEqualTo(new MessageInfo("Outbox", "paged 1", "to@example.test", "sending", ""));

        // another folder: its messages, at once on selection and then from the snapshot
        queue.folderSelected("Sent Items", false);
        assertThat(list).isEmpty();
        MessageInfo sent = new MessageInfo("Sent Items", "paged 0", "to@example.test", "sent", "");
        queue.apply(new Snapshot(
                true,
                "Logged on",
                "queued",
                List.of(),
                List.of(sent),
                List.of(),
                List.of(),
                0,
                OutboxDelta.NONE,
                null,
                List.of()));
        assertThat(list).containsExactly(sent);

        // back to the Outbox: the queue as the deltas left it, without a new read of it
        queue.apply(snapshot(List.of(), OutboxDelta.NONE, "Outbox"));
        assertThat(list).hasSize(QUEUED - 2);
        assertThat(list.get(0).subject()).isEqualTo("paged 1");
        assertThat(paged(list).heldRows()).isLessThanOrEqualTo(QueueView.CACHE);
    }
}
