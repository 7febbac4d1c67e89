package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The window's lists kept row by row ({@link KeyedRows}) equal the list rebuilt in full after every
 * random batch of additions, changes and removals, and an unchanged row is never set again.
 */
class KeyedRowsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 99, 2026})
    void rowByRowEqualsAFullRebuildAfterEveryBatch(long seed) {
        Random random = new Random(seed);
        ObservableList<String> shown = FXCollections.observableArrayList();
        List<ListChangeListener.Change<? extends String>> events = new ArrayList<>();
        shown.addListener((ListChangeListener<String>) events::add);
        KeyedRows<String> rows = new KeyedRows<>(shown);
        // the model: key -> row, in the order keys were (last) added
        Map<String, String> model = new LinkedHashMap<>();
        rows.replaceAll(List.of(), List.of());
        int next = 0;
        for (int batch = 0; batch < 300; batch++) {
            Map<String, String> changes = new LinkedHashMap<>();
            int n = 1 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
                List<String> keys = new ArrayList<>(model.keySet());
                int op = random.nextInt(3);
                if (op == 0 || keys.isEmpty()) {
                    String k = "k" + next++;
                    changes.put(k, k + "@" + batch);
                } else {
                    String k = keys.get(random.nextInt(keys.size()));
                    changes.put(k, op == 1 ? k + "@" + batch : null);
                }
            }
            for (Map.Entry<String, String> e : changes.entrySet()) {
                if (e.getValue() == null) {
                    model.remove(e.getKey());
                }
            }
            for (Map.Entry<String, String> e : changes.entrySet()) {
                if (e.getValue() != null) {
                    model.put(e.getKey(), e.getValue());
                }
            }
            rows.apply(changes);
            assertThat(shown).as("batch %d (seed %d)", batch, seed).containsExactlyElementsOf(model.values());
        }
        events.clear();
        String k = model.keySet().iterator().next();
        rows.apply(Map.of(k, model.get(k))); // the same row again
        assertThat(events).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50})
    void aRunOfNeighboursLeavesInOneChange(int run) {
        ObservableList<String> shown = FXCollections.observableArrayList();
        KeyedRows<String> rows = new KeyedRows<>(shown);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add("k" + i);
        }
        rows.replaceAll(keys, keys);
        List<Integer> changes = new ArrayList<>();
        shown.addListener((ListChangeListener<String>) c -> changes.add(1));
        Map<String, String> gone = new LinkedHashMap<>();
        for (int i = 0; i < run; i++) {
            gone.put("k" + i, null);
        }
        rows.apply(gone);
        assertThat(shown).hasSize(100 - run).doesNotContainAnyElementsOf(gone.keySet());
        assertThat(changes).hasSize(1);
        assertThat(rows.contains("k0")).isFalse();
    }
}
