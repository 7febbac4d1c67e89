package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

class ListUpdatesTest {

    /** The list and every change it reported: {from, to, removed, added} per sub-change. */
    private final ObservableList<String> list = FXCollections.observableArrayList();

    private final List<int[]> changes = new ArrayList<>();

    ListUpdatesTest() {
        list.addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                changes.add(new int[] {c.getFrom(), c.getTo(), c.getRemovedSize(), c.getAddedSize()});
            }
        });
    }

    private static List<String> rows(int n) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add("object " + i);
        }
        return rows;
    }

    @Test
    void anEqualSnapshotChangesNothing() {
        list.setAll(rows(1000));
        changes.clear();
        assertThat(ListUpdates.update(list, rows(1000))).isFalse();
        assertThat(changes).isEmpty();
    }

    @Test
    void aRunReleasedInTheMiddleIsOneRemovalOfThatRun() {
        list.setAll(rows(12_000));
        changes.clear();
        List<String> now = rows(12_000);
        now.subList(5_000, 5_300).clear();
        assertThat(ListUpdates.update(list, now)).isTrue();
        assertThat(list).isEqualTo(now);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0)).containsExactly(5_000, 5_000, 300, 0);
    }

    @Test
    void objectsOpenedAtTheEndAreOneAddition() {
        list.setAll(rows(100));
        changes.clear();
        assertThat(ListUpdates.update(list, rows(150))).isTrue();
        assertThat(list).isEqualTo(rows(150));
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0)).containsExactly(100, 150, 0, 50);
    }

    @Test
    void aChangedRowIsReplacedAloneAndEverythingElseStays() {
        list.setAll(rows(1000));
        String kept = list.get(999);
        changes.clear();
        List<String> now = rows(1000);
        now.set(400, "object 400 (released)");
        ListUpdates.update(list, now);
        assertThat(list).isEqualTo(now);
        assertThat(list.get(999)).isSameAs(kept);
        assertThat(changes.stream().mapToInt(c -> c[2] + c[3]).sum()).isEqualTo(2);
    }

    @Test
    void anyOtherChangeEndsEqualToTheSnapshot() {
        Random random = new Random(12);
        for (int round = 0; round < 200; round++) {
            List<String> before = new ArrayList<>();
            List<String> now = new ArrayList<>();
            for (int i = random.nextInt(30); i > 0; i--) {
                before.add("r" + random.nextInt(8));
            }
            for (int i = random.nextInt(30); i > 0; i--) {
                now.add("r" + random.nextInt(8));
            }
            list.setAll(before);
            ListUpdates.update(list, now);
            assertThat(list).as("round %d: %s -> %s", round, before, now).isEqualTo(now);
        }
    }
}
