package dev.mapiworkbench.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ObservableList;

/**
 * An observable list of rows kept by key, changed row by row: a changed row is set in place, a new
 * key appended, removed keys taken out in runs. Each key has a sequence number that only grows, and
 * the rows stay in that order, so finding a row is a binary search and nothing is re-indexed when
 * rows leave: a change costs a look-up, not a pass over a 100,000-row list (decision 0260). FX thread
 * only, like the list it keeps.
 *
 * @param <T> the row type (compared with {@code equals}: an equal row is not set again)
 */
final class KeyedRows<T> {

    private final ObservableList<T> rows;
    /** The rows' sequence numbers, ascending, parallel to {@link #rows}. */
    private long[] seqs = new long[16];

    private int size;
    private final Map<String, Long> seqOf = new HashMap<>();
    private long nextSeq;

    KeyedRows(ObservableList<T> rows) {
        this.rows = rows;
    }

    /** Replaces every row (keys and rows in the same order). */
    void replaceAll(List<String> keys, List<T> newRows) {
        seqOf.clear();
        size = 0;
        seqs = new long[Math.max(16, keys.size())];
        for (String k : keys) {
            long s = nextSeq++;
            seqOf.put(k, s);
            seqs[size++] = s;
        }
        if (!rows.equals(newRows)) {
            rows.setAll(newRows);
        }
    }

    /** Forgets the keys (the list is about to be filled by someone else); the rows stay. */
    void forgetKeys() {
        seqOf.clear();
        size = 0;
    }

    /** True when {@code key} has a row. */
    boolean contains(String key) {
        return seqOf.containsKey(key);
    }

    /**
     * Applies changes: each entry's value is the key's row now, or null when the key must have no row.
     * Removals go first (in runs of neighbouring rows), then rows set in place, then new keys appended
     * in the map's order.
     */
    void apply(Map<String, T> changes) {
        List<Integer> gone = new ArrayList<>();
        for (Map.Entry<String, T> e : changes.entrySet()) {
            if (e.getValue() == null && seqOf.containsKey(e.getKey())) {
                gone.add(indexOf(seqOf.remove(e.getKey())));
            }
        }
        removeAt(gone);
        List<T> appended = new ArrayList<>();
        for (Map.Entry<String, T> e : changes.entrySet()) {
            T row = e.getValue();
            if (row == null) {
                continue;
            }
            Long s = seqOf.get(e.getKey());
            if (s != null) {
                int i = indexOf(s);
                if (!rows.get(i).equals(row)) {
                    rows.set(i, row);
                }
            } else {
                long n = nextSeq++;
                seqOf.put(e.getKey(), n);
                if (size == seqs.length) {
                    seqs = java.util.Arrays.copyOf(seqs, size * 2);
                }
                seqs[size++] = n;
                appended.add(row);
            }
        }
        if (!appended.isEmpty()) {
            rows.addAll(appended);
        }
    }

    private int indexOf(long seq) {
        int i = java.util.Arrays.binarySearch(seqs, 0, size, seq);
        if (i < 0) {
            throw new IllegalStateException("row order lost for sequence " + seq);
        }
        return i;
    }

    /** Removes the rows at these indices, one list change per run of neighbours, last run first. */
    private void removeAt(List<Integer> indices) {
        if (indices.isEmpty()) {
            return;
        }
        indices.sort(null);
        int end = indices.size() - 1;
        while (end >= 0) {
            int start = end;
            while (start > 0 && indices.get(start - 1) == indices.get(start) - 1) {
                start--;
            }
            int from = indices.get(start);
            int to = indices.get(end) + 1;
            rows.remove(from, to);
            System.arraycopy(seqs, to, seqs, from, size - to);
            size -= to - from;
            end = start - 1;
        }
    }
}
