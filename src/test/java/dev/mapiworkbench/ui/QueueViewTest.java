package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The paged Outbox list ({@link QueueView}, decision 0530): after random batches of additions, state changes and
 * removals applied as deltas, a copy kept only from its list-change events equals the queue filtered and shown
 * (so the table's selection and scroll position, which follow those events, stay right); it holds at most
 * {@link QueueView#CACHE} rows of a bigger queue and reads the others by page; a page older than a delta, or
 * asked for before a new logon, does not overwrite rows.
 */
class QueueViewTest {

    private final FakePages pages = new FakePages();
    /** The client's model: seq -> row. */
    private final TreeMap<Long, OutboxInfo> model = pages.model;

    private static OutboxInfo row(long seq, String state) {
        return new OutboxInfo(
                "k" + seq, "subject " + seq, "to@example.test", state, !state.equals("sent"), "", null, seq);
    }

    private QueueView<String> view(boolean unsentOnly) {
        QueueView<String> v = new QueueView<>(o -> !unsentOnly || !o.state().equals("sent"), OutboxInfo::display);
        v.fetcher(pages::fetch);
        return v;
    }

    /** The list as its events say it is. */
    private static <T> List<T> mirror(QueueView<T> v) {
        List<T> copy = new ArrayList<>(v);
        v.addListener((ListChangeListener<T>) c -> {
            while (c.next()) {
                if (c.wasPermutated()) {
                    throw new AssertionError("a read-only list never permutes");
                }
                if (c.wasRemoved()) {
                    copy.subList(c.getFrom(), c.getFrom() + c.getRemovedSize()).clear();
                }
                if (c.wasAdded()) {
                    copy.addAll(c.getFrom(), c.getAddedSubList());
                }
            }
        });
        return copy;
    }

    private List<String> expected(boolean unsentOnly) {
        return model.values().stream()
                .filter(o -> !unsentOnly || !o.state().equals("sent"))
                .map(OutboxInfo::display)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 99, 2026})
    void theListItsEventsDescribeIsTheFilteredQueueAfterEveryBatch(long seed) {
        Random random = new Random(seed);
        for (long s = 0; s < 40; s++) {
            model.put(s, row(s, "queued"));
        }
        long next = 40;
        QueueView<String> all = view(false);
        QueueView<String> unsent = view(true);
        all.reset(List.copyOf(model.values()), 10, false);
        unsent.reset(List.copyOf(model.values()), 10, false);
        List<String> allSeen = mirror(all);
        List<String> unsentSeen = mirror(unsent);
        pages.answerAll();
        for (int batch = 0; batch < 300; batch++) {
            List<OutboxInfo> changed = new ArrayList<>();
            List<Long> removed = new ArrayList<>();
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                int op = random.nextInt(4);
                List<Long> seqs = new ArrayList<>(model.keySet());
                if (op == 0 || seqs.isEmpty()) {
                    OutboxInfo o = row(next++, "queued");
                    model.put(o.seq(), o);
                    changed.add(o);
                } else {
                    long s = seqs.get(random.nextInt(seqs.size()));
                    if (op == 3) {
                        model.remove(s);
                        removed.add(s);
                        changed.removeIf(o -> o.seq() == s);
                    } else {
                        OutboxInfo o = row(s, op == 1 ? "sent" : "sending");
                        model.put(s, o);
                        changed.removeIf(c -> c.seq() == s);
                        changed.add(o);
                    }
                }
            }
            pages.version++;
            all.apply(changed, removed, pages.version);
            unsent.apply(changed, removed, pages.version);
            // touch some rows as a scrolling table would, then let their pages arrive
            for (int i = 0; i < 3 && all.size() > 0; i++) {
                all.get(random.nextInt(all.size()));
            }
            if (unsent.size() > 0) {
                unsent.get(random.nextInt(unsent.size()));
            }
            if (random.nextBoolean()) {
                pages.answerAll();
            }
            assertThat(all.size()).isEqualTo(model.size());
            assertThat(unsent.size()).isEqualTo(expected(true).size());
        }
        // every row read once: the list its events built is the queue, row for row
        for (int i = 0; i < all.size(); i++) {
            all.get(i);
        }
        for (int i = 0; i < unsent.size(); i++) {
            unsent.get(i);
        }
        pages.answerAll();
        assertThat(allSeen).isEqualTo(expected(false));
        assertThat(unsentSeen).isEqualTo(expected(true));
        assertThat(new ArrayList<>(all)).isEqualTo(expected(false));
    }

    @Test
    void aBigQueueIsHeldOnlyInPartAndARowFarAwayIsReadByPage() {
        List<OutboxInfo> rows = new ArrayList<>();
        for (long s = 0; s < 10_000; s++) {
            OutboxInfo o = row(s, "queued");
            model.put(s, o);
            rows.add(o);
        }
        QueueView<String> v = view(false);
        v.reset(rows, QueueView.PAGE, false);
        List<Integer> replacedAt = new ArrayList<>();
        v.addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                if (c.wasReplaced()) {
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        replacedAt.add(i);
                    }
                }
            }
        });
        assertThat(v.size()).isEqualTo(10_000);
        assertThat(v.heldRows()).isEqualTo(QueueView.PAGE);

        assertThat(v.get(9_999))
                .isEqualTo(QueueView.placeholder(9_999)
                        .display()); // not read yet: a placeholder, and its page is asked for
        pages.answerAll();
        assertThat(v.get(9_999)).isEqualTo(row(9_999, "queued").display());
        assertThat(replacedAt).contains(9_900, 9_999).doesNotContain(9_899); // the placeholders of one page, replaced
        assertThat(v.rowsRead()).isEqualTo(QueueView.PAGE);

        for (int i = 0; i < 10_000; i += 50) { // scroll through it all
            v.get(i);
            pages.answerAll();
        }
        assertThat(v.heldRows()).isLessThanOrEqualTo(QueueView.CACHE);
        v.get(5_000); // let go of by now: read again
        pages.answerAll();
        assertThat(v.get(5_000)).isEqualTo(row(5_000, "queued").display());
    }

    @Test
    void aPageReadBeforeANewerDeltaOrBeforeALogonDoesNotOverwriteRows() {
        for (long s = 0; s < 500; s++) {
            model.put(s, row(s, "queued"));
        }
        QueueView<String> v = view(false);
        v.reset(List.copyOf(model.values()), 0, false);
        v.get(200); // asks for its page at version 0
        Runnable oldPage = pages.asked.remove(0);
        // meanwhile row 200 was sent (version 1), and the window applied that delta
        pages.version = 1;
        OutboxInfo sent = row(200, "sent");
        v.apply(List.of(sent), List.of(), 1);
        assertThat(v.get(200)).isEqualTo(sent.display());
        // the page answers with what it read at version 0
        model.put(200L, row(200, "queued"));
        pages.version = 0;
        oldPage.run();
        assertThat(v.get(200)).isEqualTo(sent.display());

        // a page asked for before a new logon (the numbers start again) is dropped
        v.get(300);
        Runnable beforeLogon = pages.asked.remove(0);
        v.reset(List.of(row(0, "queued"), row(300, "draft")), 0, false);
        beforeLogon.run();
        assertThat(v.heldAt(1)).isNull();
    }

    /**
     * JavaFX's selection and focus models look their item up again with {@code indexOf} after every replacement:
     * a placeholder the table selected is found where its row is once the page replaced it, a row a delta replaced
     * is found where it was, and the look-up reads no page (the whole-list walk of {@code AbstractList} asked for
     * every page of the queue and, for a placeholder no longer there, cleared the selection: OutboxPagingUiTest).
     */
    @Test
    void indexOfFindsTheRowAPlaceholderOrAReplacedRowStoodForWithoutReadingPages() {
        List<OutboxInfo> rows = new ArrayList<>();
        for (long s = 0; s < 5_000; s++) {
            OutboxInfo o = row(s * 10, "queued");
            model.put(s * 10, o);
            rows.add(o);
        }
        QueueView<OutboxInfo> v = QueueView.all();
        v.fetcher(pages::fetch);
        v.reset(rows, QueueView.PAGE, false);

        OutboxInfo selected = v.get(4_321); // a placeholder: its page is asked for
        assertThat(QueueView.isPlaceholder(selected)).isTrue();
        assertThat(v.indexOf(selected)).isEqualTo(4_321);
        pages.answerAll();
        assertThat(v.get(4_321)).isEqualTo(row(43_210, "queued"));
        assertThat(v.indexOf(selected))
                .as("the placeholder stood for row 4,321")
                .isEqualTo(4_321);

        OutboxInfo held = v.get(4_300);
        assertThat(v.indexOf(held)).isEqualTo(4_300);
        assertThat(v.lastIndexOf(held)).isEqualTo(4_300);
        v.apply(List.of(row(43_000, "sending")), List.of(), 1);
        assertThat(v.indexOf(held)).as("a row replaced by a delta").isEqualTo(4_300);
        v.apply(List.of(row(5, "queued")), List.of(), 2); // one row before it: the row moved one down
        assertThat(v.indexOf(held)).isEqualTo(4_301);
        assertThat(v.indexOf(selected)).isEqualTo(4_322);
        v.apply(List.of(), List.of(43_000L), 3);
        assertThat(v.indexOf(held)).as("a row that left").isEqualTo(-1);

        long read = v.rowsRead();
        assertThat(v.indexOf(row(1, "queued"))).isEqualTo(-1);
        assertThat(v.contains(row(49_990, "queued"))).isFalse(); // not held: not compared, no page read
        assertThat(v.indexOf(null)).isEqualTo(-1);
        assertThat(pages.asked).isEmpty();
        assertThat(v.rowsRead()).isEqualTo(read);
        assertThat(new FollowingList<>(v).indexOf(selected)).isEqualTo(4_321); // one row before it left
    }
}
