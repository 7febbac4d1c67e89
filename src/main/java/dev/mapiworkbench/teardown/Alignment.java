package dev.mapiworkbench.teardown;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Aligns two sequences by a key: a longest common subsequence, with what is left over on either side in
 * between, in order (the alignment a side-by-side diff shows). Hirschberg's divide and conquer after
 * trimming the common prefix and suffix: O(n·m) time in the worst case but O(n + m) memory (never an
 * n × m table), and O(n + m) for two identical or nearly identical runs (decision 0230).
 */
public final class Alignment {

    /** One aligned position: indexes into the left and right sequences, -1 where that side has nothing. */
    public record Pair(int left, int right) {
        public boolean matched() {
            return left >= 0 && right >= 0;
        }
    }

    private final int[] a;
    private final int[] b;
    private final List<Pair> out;

    private Alignment(int[] a, int[] b) {
        this.a = a;
        this.b = b;
        this.out = new ArrayList<>(Math.max(a.length, b.length) + 4);
    }

    /** The alignment of {@code left} and {@code right}, equal where their keys are equal. */
    public static <T> List<Pair> align(List<T> left, List<T> right, Function<? super T, ?> key) {
        Map<Object, Integer> ids = new HashMap<>();
        int[] a = new int[left.size()];
        int[] b = new int[right.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ids.computeIfAbsent(key.apply(left.get(i)), k -> ids.size());
        }
        for (int j = 0; j < b.length; j++) {
            b[j] = ids.computeIfAbsent(key.apply(right.get(j)), k -> ids.size());
        }
        Alignment al = new Alignment(a, b);
        int lo = 0;
        while (lo < a.length && lo < b.length && a[lo] == b[lo]) {
            lo++;
        }
        int ea = a.length;
        int eb = b.length;
        while (ea > lo && eb > lo && a[ea - 1] == b[eb - 1]) {
            ea--;
            eb--;
        }
        for (int i = 0; i < lo; i++) {
            al.out.add(new Pair(i, i));
        }
        al.split(lo, ea, lo, eb);
        for (int i = ea, j = eb; i < a.length; i++, j++) {
            al.out.add(new Pair(i, j));
        }
        return al.out;
    }

    /** Hirschberg on a[aLo, aHi) × b[bLo, bHi), appending to {@link #out} in order. */
    private void split(int aLo, int aHi, int bLo, int bHi) {
        if (aLo == aHi) {
            for (int j = bLo; j < bHi; j++) {
                out.add(new Pair(-1, j));
            }
            return;
        }
        if (bLo == bHi) {
            for (int i = aLo; i < aHi; i++) {
                out.add(new Pair(i, -1));
            }
            return;
        }
        if (aHi - aLo == 1) {
            int match = -1;
            for (int j = bLo; j < bHi && match < 0; j++) {
                if (b[j] == a[aLo]) {
                    match = j;
                }
            }
            if (match < 0) {
                out.add(new Pair(aLo, -1));
                for (int j = bLo; j < bHi; j++) {
                    out.add(new Pair(-1, j));
                }
            } else {
                for (int j = bLo; j < match; j++) {
                    out.add(new Pair(-1, j));
                }
                out.add(new Pair(aLo, match));
                for (int j = match + 1; j < bHi; j++) {
                    out.add(new Pair(-1, j));
                }
            }
            return;
        }
        int mid = (aLo + aHi) >>> 1;
        int[] forward = forwardRow(aLo, mid, bLo, bHi);
        int[] backward = backwardRow(mid, aHi, bLo, bHi);
        int n = bHi - bLo;
        int best = 0;
        int bestLen = -1;
        for (int k = 0; k <= n; k++) {
            int len = forward[k] + backward[n - k];
            if (len > bestLen) {
                bestLen = len;
                best = k;
            }
        }
        split(aLo, mid, bLo, bLo + best);
        split(mid, aHi, bLo + best, bHi);
    }

    /** LCS lengths of a[aLo, aHi) against every prefix of b[bLo, bHi): one row, O(m) memory. */
    private int[] forwardRow(int aLo, int aHi, int bLo, int bHi) {
        int n = bHi - bLo;
        int[] prev = new int[n + 1];
        int[] cur = new int[n + 1];
        for (int i = aLo; i < aHi; i++) {
            for (int k = 1; k <= n; k++) {
                cur[k] = a[i] == b[bLo + k - 1] ? prev[k - 1] + 1 : Math.max(prev[k], cur[k - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev;
    }

    /** LCS lengths of a[aLo, aHi) against every suffix of b[bLo, bHi), indexed by suffix length. */
    private int[] backwardRow(int aLo, int aHi, int bLo, int bHi) {
        int n = bHi - bLo;
        int[] prev = new int[n + 1];
        int[] cur = new int[n + 1];
        for (int i = aHi - 1; i >= aLo; i--) {
            for (int k = 1; k <= n; k++) {
                cur[k] = a[i] == b[bHi - k] ? prev[k - 1] + 1 : Math.max(prev[k], cur[k - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev;
    }
}
