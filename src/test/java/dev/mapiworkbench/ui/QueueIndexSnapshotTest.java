package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.ui.SessionGateway.MessageInfo;
import dev.mapiworkbench.ui.SessionGateway.OutboxDelta;
import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import dev.mapiworkbench.ui.SessionGateway.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/**
 * Decision 0860: a whole-queue snapshot that carries the queue's index (every row's number and state) and the full
 * rows of a few gives the window's lists what a snapshot with every row gives them: the same rows in the queue
 * table, the pending lines and the message list, the same drafts, replies and "Retry now"; it holds no more than
 * the first page, and a delta folded into it before the window applied it ({@link OutboxQueueModel#merged}) comes
 * out the same as applied after it.
 */
class QueueIndexSnapshotTest {

    private static final int ROWS = 5_000;

    private final FakePages pages = new FakePages();

    private static OutboxInfo row(long seq, String state, String reply) {
        boolean pending = state.equals("queued") || state.equals("sending");
        return new OutboxInfo("k" + seq, "subject " + seq, "to@example.test", state, pending, "", reply, seq);
    }

    /** A queue of every state: mostly queued and sent, some drafts, failures, deferred and replied rows. */
    private List<OutboxInfo> queue(long seed) {
        Random r = new Random(seed);
        List<OutboxInfo> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            long seq = 1_000 + i * 16L;
            int k = r.nextInt(100);
            OutboxInfo o = k < 30
                    ? row(seq, "sent", k < 10 ? "250 OK" : null)
                    : k < 33
                            ? row(seq, "draft", null)
                            : k < 36
                                    ? row(seq, "failed: 550 no such user", "550 5.1.1 no such user")
                                    : k < 40
                                            ? row(seq, "queued", "451 try later")
                                            : row(seq, k < 45 ? "sending" : "queued", null);
            rows.add(o);
            pages.model.put(seq, o);
        }
        return rows;
    }

    private static Snapshot full(List<OutboxInfo> outbox, QueueIndex index) {
        return new Snapshot(
                true,
                "Logged on",
                "queued",
                List.of(),
                List.of(),
                outbox,
                List.of(),
                0,
                null,
                "Outbox",
                List.of(),
                index);
    }

    private static Snapshot delta(OutboxDelta d) {
        return new Snapshot(
                true, "Logged on", "queued", List.of(), List.of(), List.of(), List.of(), 0, d, "Outbox", List.of());
    }

    /** The index of {@code rows} and the rows the app gives with it (SnapshotBuilder.fullRows). */
    private static Snapshot indexed(List<OutboxInfo> rows) {
        long[] seqs = rows.stream().mapToLong(OutboxInfo::seq).toArray();
        byte[] codes = new byte[rows.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = QueueIndex.codeOf(rows.get(i));
        }
        int replied = 0;
        int lastReplied = rows.size();
        while (lastReplied > 0 && replied < 200) {
            if (rows.get(--lastReplied).reply() != null) {
                replied++;
            }
        }
        List<OutboxInfo> given = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            OutboxInfo o = rows.get(i);
            if (i < QueueIndex.FIRST_ROWS
                    || codes[i] == QueueIndex.DRAFT
                    || codes[i] == QueueIndex.DEFERRED
                    || (i >= lastReplied && o.reply() != null)) {
                given.add(o);
            }
        }
        return full(given, new QueueIndex(seqs, codes));
    }

    private OutboxQueueModel model() {
        ObservableList<MessageInfo> messages = FXCollections.observableArrayList();
        OutboxQueueModel m = new OutboxQueueModel(messages, messages);
        m.pageFrom(pages::fetch);
        return m;
    }

    /** Every row of {@code list}, read page by page as a table scrolling through it would. */
    private <T> List<T> readAll(List<T> list) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            list.get(i);
            pages.answerAll();
            out.add(list.get(i));
        }
        return out;
    }

    private void assertSame(OutboxQueueModel a, OutboxQueueModel b) {
        assertThat(b.outbox()).hasSameSizeAs(a.outbox());
        assertThat(b.pendingLines()).hasSameSizeAs(a.pendingLines());
        assertThat(b.messageList()).hasSameSizeAs(a.messageList());
        assertThat(readAll(b.outbox())).isEqualTo(readAll(a.outbox()));
        assertThat(readAll(b.pendingLines())).isEqualTo(readAll(a.pendingLines()));
        assertThat(readAll(b.messageList())).isEqualTo(readAll(a.messageList()));
        assertThat(b.drafts()).isEqualTo(a.drafts());
        assertThat(b.replied()).isEqualTo(a.replied());
        assertThat(b.retryNowAvailableProperty().get())
                .isEqualTo(a.retryNowAvailableProperty().get());
    }

    @Test
    void anIndexAndAFewRowsGiveTheListsWhatEveryRowGives() {
        List<OutboxInfo> rows = queue(12);
        OutboxQueueModel everyRow = model();
        everyRow.apply(full(rows, null));
        OutboxQueueModel fromIndex = model();
        fromIndex.apply(indexed(rows));

        // before a row is read: the first page held, nothing read
        assertThat(fromIndex.outbox().heldRows()).isLessThanOrEqualTo(QueueView.PAGE);
        assertThat(fromIndex.outbox().rowsRead()).isZero();
        assertThat(fromIndex.drafts()).isNotEmpty();
        assertThat(fromIndex.replied()).hasSize(200);
        assertThat(fromIndex.retryNowAvailableProperty().get()).isTrue();
        assertSame(everyRow, fromIndex);
    }

    @Test
    void aDeltaFoldedIntoAnIndexedSnapshotComesOutAsAppliedAfterIt() {
        List<OutboxInfo> rows = queue(34);
        // the first 300 sent, a draft submitted, one row removed, a new row at the end
        List<OutboxInfo> changed = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            OutboxInfo o = rows.get(i);
            if (o.pending()) {
                changed.add(row(o.seq(), "sent", null));
            }
        }
        OutboxInfo draft =
                rows.stream().filter(o -> o.state().equals("draft")).findFirst().orElseThrow();
        changed.add(row(draft.seq(), "queued", null));
        long last = rows.get(rows.size() - 1).seq();
        changed.add(row(last + 16, "queued", null));
        OutboxInfo removed = rows.get(rows.size() / 2);
        OutboxDelta d = new OutboxDelta(changed, List.of(removed.key()), List.of(removed.seq()), 1);
        changed.forEach(o -> pages.model.put(o.seq(), o));
        pages.model.remove(removed.seq());
        pages.version = 1;

        OutboxQueueModel applied = model();
        applied.apply(indexed(rows));
        applied.apply(delta(d));
        OutboxQueueModel merged = model();
        Snapshot folded = OutboxQueueModel.merged(indexed(rows), delta(d));
        assertThat(folded.outboxDelta()).isNull();
        assertThat(folded.outboxIndex().size()).isEqualTo(ROWS);
        merged.apply(folded);
        assertSame(applied, merged);
    }

    /** Before: the replies list skipped as many rows as the queue has, not as it has replied rows, so it was empty. */
    @Test
    void theRepliesListKeepsTheLastRepliedRowsOfALongQueue() {
        List<OutboxInfo> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(row(i, "queued", i % 30 == 0 ? "451 try later" : null));
        }
        OutboxQueueModel m = model();
        m.apply(full(rows, null));
        assertThat(m.replied())
                .extracting(OutboxInfo::seq)
                .containsExactly(0L, 30L, 60L, 90L, 120L, 150L, 180L, 210L, 240L, 270L);
    }
}
