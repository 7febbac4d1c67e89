package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/**
 * {@link FollowingList} (decision 0640): a copy kept only from its change events equals the followed list
 * after random additions, removals, replacements and sorts; switching to another list is one change after which
 * the copy is the new list; a detached list is empty and no longer listens to the one it followed.
 */
class FollowingListTest {

    /** The list as its events say it is (permutations applied too). */
    private static <T> List<T> mirror(ObservableList<T> v) {
        List<T> copy = new ArrayList<>(v);
        v.addListener((ListChangeListener<T>) c -> {
            while (c.next()) {
                if (c.wasPermutated()) {
                    List<T> before = new ArrayList<>(copy.subList(c.getFrom(), c.getTo()));
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        copy.set(c.getPermutation(i), before.get(i - c.getFrom()));
                    }
                } else {
                    if (c.wasRemoved()) {
                        copy.subList(c.getFrom(), c.getFrom() + c.getRemovedSize())
                                .clear();
                    }
                    if (c.wasAdded()) {
                        copy.addAll(c.getFrom(), c.getAddedSubList());
                    }
                }
            }
        });
        return copy;
    }

    @Test
    void itsEventsDescribeTheFollowedListAfterEveryChangeAndAfterASwitch() {
        Random random = new Random(12);
        ObservableList<Integer> a = FXCollections.observableArrayList();
        ObservableList<Integer> b = FXCollections.observableArrayList(List.of(7, 8, 9));
        FollowingList<Integer> f = new FollowingList<>(a);
        List<Integer> seen = mirror(f);
        for (int round = 0; round < 500; round++) {
            ObservableList<Integer> now = round % 100 < 50 ? a : b;
            if (round % 50 == 0) {
                f.follow(now);
                assertThat(seen).isEqualTo(now);
            }
            int op = random.nextInt(5);
            if (op == 0 || now.isEmpty()) {
                now.add(random.nextInt(now.size() + 1), random.nextInt(1000));
            } else if (op == 1) {
                now.remove(random.nextInt(now.size()));
            } else if (op == 2) {
                now.set(random.nextInt(now.size()), random.nextInt(1000));
            } else if (op == 3) {
                now.sort(Comparator.naturalOrder());
            } else {
                int from = random.nextInt(now.size());
                now.remove(from, Math.min(now.size(), from + 1 + random.nextInt(4)));
            }
            assertThat(seen).isEqualTo(now);
            assertThat(f).isEqualTo(now);
        }
    }

    @Test
    void aDetachedListIsEmptyAndNoLongerFollows() {
        ObservableList<String> live = FXCollections.observableArrayList("one", "two");
        FollowingList<String> f = new FollowingList<>(live);
        List<String> seen = mirror(f);

        f.detach();
        live.add("three");

        assertThat(f).isEmpty();
        assertThat(seen).isEmpty();
    }

    @Test
    void switchingAwayFromAPagedListReadsNoPage() {
        List<SessionGateway.OutboxInfo> rows = new ArrayList<>();
        for (long s = 0; s < 5_000; s++) {
            rows.add(new SessionGateway.OutboxInfo("k" + s, "s" + s, "to@example.test", "queued", true, "", null, s));
        }
        QueueView<SessionGateway.OutboxInfo> paged = QueueView.all();
        List<long[]> asked = new ArrayList<>();
        paged.fetcher((seqs, done) -> asked.add(seqs));
        paged.reset(rows, QueueView.PAGE, false);
        FollowingList<SessionGateway.OutboxInfo> f = new FollowingList<>(paged);
        List<Integer> removedSizes = new ArrayList<>();
        f.addListener((ListChangeListener<SessionGateway.OutboxInfo>) c -> {
            while (c.next()) {
                removedSizes.add(c.getRemovedSize());
            }
        });

        f.follow(FXCollections.observableArrayList());

        assertThat(asked).as("pages asked for").isEmpty();
        assertThat(removedSizes).containsExactly(5_000);
        assertThat(f).isEmpty();
    }
}
