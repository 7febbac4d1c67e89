package dev.mapiworkbench.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link OutboxModel}'s row order for readers that page through it (the window's lists, decision 0530):
 * each id gets a sequence number when the model first holds it and keeps it while the logon lasts (also when
 * it leaves and comes back), so a reader orders rows by number and finds a row's place with a binary search.
 * An id first seen in a read or at the end of the table goes after every other ({@value #GAP} apart); one a
 * TABLE_ROW_ADDED places after another row (its propPrior, decision 0531) gets a number between that row's
 * and the next one's, while there is room. Not thread-safe: the model calls it under its lock.
 */
final class OutboxOrder {

    /** The distance between two numbers given at the end: room for 16 rows placed between them. */
    static final long GAP = 1L << 16;

    /** The first number: far enough from zero for rows placed before the first to stay positive. */
    static final long FIRST = 1L << 40;

    private final Map<String, Long> seqOf = new HashMap<>();
    /** The id of each number, in order. */
    private final java.util.TreeMap<Long, String> ids = new java.util.TreeMap<>();

    /** Forgets every number (a new logon). */
    void clear() {
        seqOf.clear();
        ids.clear();
    }

    /** The id's number, given on first use. */
    long seq(String id) {
        Long s = seqOf.get(id);
        if (s == null) {
            s = ids.isEmpty() ? FIRST : ids.lastKey() + GAP;
            seqOf.put(id, s);
            ids.put(s, id);
        }
        return s;
    }

    /**
     * Numbers a new {@code id} so that it comes right after {@code priorId} (null: before the first row): the
     * place TABLE_NOTIFICATION's propPrior gives. Nothing when the id has a number, the prior row is not known,
     * the place is the end (the next {@link #seq} appends), or there is no number left between the two rows (it
     * is appended then).
     */
    void placeAfter(String id, String priorId) {
        if (seqOf.containsKey(id) || ids.isEmpty()) {
            return;
        }
        Long lo = priorId == null ? null : seqOf.get(priorId);
        if (priorId != null && lo == null) {
            return;
        }
        Long hi = lo == null ? ids.firstKey() : ids.higherKey(lo);
        if (hi == null) {
            return;
        }
        long s;
        if (lo == null) {
            s = hi - GAP;
        } else if (hi - lo > 1) {
            s = lo + (hi - lo) / 2;
        } else {
            return;
        }
        if (s > 0) {
            seqOf.put(id, s);
            ids.put(s, id);
        }
    }

    /** The id's number, or -1 when it never had one. */
    long existing(String id) {
        Long s = seqOf.get(id);
        return s == null ? -1 : s;
    }

    /**
     * The index of the items in {@code items}: their numbers ascending, with each one's state code and whether it
     * has a server reply. Numbers stay below 2^59 (at most {@code FIRST} + {@code GAP} per item), so the number,
     * the code (3 bits) and the reply bit sort packed in one long.
     */
    OutboxIndex index(long version, Map<String, OutboxItem> items) {
        long[] seqs = new long[items.size()];
        byte[] states = new byte[items.size()];
        long[] packed = new long[items.size()];
        int n = 0;
        boolean sorted = true;
        for (Map.Entry<String, OutboxItem> e : items.entrySet()) {
            long s = seq(e.getKey());
            packed[n] = s << 4
                    | (long) OutboxIndex.code(e.getValue()) << 1
                    | (e.getValue().reply() != null ? 1 : 0);
            sorted &= n == 0 || packed[n - 1] < packed[n];
            n++;
        }
        if (!sorted) {
            Arrays.sort(packed);
        }
        java.util.BitSet replied = new java.util.BitSet();
        for (int i = 0; i < n; i++) {
            seqs[i] = packed[i] >>> 4;
            states[i] = (byte) (packed[i] >>> 1 & 7);
            if ((packed[i] & 1) != 0) {
                replied.set(i);
            }
        }
        return new OutboxIndex(version, seqs, states, replied);
    }

    /** The items with these numbers that are in {@code items} now, in the order asked. */
    OutboxWindow window(long version, long[] seqs, Map<String, OutboxItem> items) {
        List<Long> found = new ArrayList<>(seqs.length);
        List<OutboxItem> rows = new ArrayList<>(seqs.length);
        for (long s : seqs) {
            String id = ids.get(s);
            OutboxItem item = id == null ? null : items.get(id);
            if (item != null) {
                found.add(s);
                rows.add(item);
            }
        }
        return new OutboxWindow(version, found, rows);
    }
}
