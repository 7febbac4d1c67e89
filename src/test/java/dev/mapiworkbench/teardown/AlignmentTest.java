package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AlignmentTest {

    private static List<String> chars(String s) {
        return s.chars().mapToObj(c -> String.valueOf((char) c)).toList();
    }

    /** The alignment drawn as "a=a", "-b" (left only), "+c" (right only). */
    private static String drawn(String a, String b) {
        List<String> l = chars(a);
        List<String> r = chars(b);
        StringBuilder sb = new StringBuilder();
        for (Alignment.Pair p : Alignment.align(l, r, Function.identity())) {
            if (p.matched()) {
                sb.append(l.get(p.left()));
            } else if (p.left() >= 0) {
                sb.append('-').append(l.get(p.left()));
            } else {
                sb.append('+').append(r.get(p.right()));
            }
        }
        return sb.toString();
    }

    @Test
    void identicalSequencesPairEveryElement() {
        assertThat(drawn("abcdef", "abcdef")).isEqualTo("abcdef");
    }

    @Test
    void aMissingElementIsLeftOnlyAndANewOneRightOnly() {
        assertThat(drawn("abcd", "abd")).isEqualTo("ab-cd");
        assertThat(drawn("abd", "abxd")).isEqualTo("ab+xd");
    }

    @Test
    void emptySidesAreAllOnOneSide() {
        assertThat(drawn("", "ab")).isEqualTo("+a+b");
        assertThat(drawn("ab", "")).isEqualTo("-a-b");
        assertThat(drawn("", "")).isEmpty();
    }

    @Test
    void theMatchedPartIsALongestCommonSubsequence() {
        // LCS of these two is 4 long (e.g. "bcba")
        List<Alignment.Pair> pairs = Alignment.align(chars("abcbdab"), chars("bdcaba"), Function.identity());
        assertThat(pairs.stream().filter(Alignment.Pair::matched).count()).isEqualTo(4);
    }

    @Test
    void pairsAreInOrderAndCoverEveryElementOnce() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Integer> a = randomList(rnd);
            List<Integer> b = randomList(rnd);
            List<Alignment.Pair> pairs = Alignment.align(a, b, Function.identity());
            int li = 0;
            int ri = 0;
            int matched = 0;
            for (Alignment.Pair p : pairs) {
                if (p.left() >= 0) {
                    assertThat(p.left()).isEqualTo(li++);
                }
                if (p.right() >= 0) {
                    assertThat(p.right()).isEqualTo(ri++);
                }
                if (p.matched()) {
                    assertThat(a.get(p.left())).isEqualTo(b.get(p.right()));
                    matched++;
                }
            }
            assertThat(li).isEqualTo(a.size());
            assertThat(ri).isEqualTo(b.size());
            assertThat(matched).as("round %d: %s vs %s", round, a, b).isEqualTo(lcsLength(a, b));
        }
    }

    @Test
    void longRunsWithOneDifferenceAlignWithoutAQuadraticTable() {
        // 200 000 calls a side: an n × m table would need 160 GB; trimming and Hirschberg need a few MB
        List<Integer> a = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            a.add(i);
        }
        List<Integer> b = new ArrayList<>(a);
        b.remove(100_000);
        b.add(150_000, -1);
        List<Alignment.Pair> pairs = Alignment.align(a, b, Function.identity());
        assertThat(pairs.stream().filter(p -> !p.matched()).count()).isEqualTo(2);
        assertThat(pairs).hasSize(200_001);
    }

    private static List<Integer> randomList(Random rnd) {
        int n = rnd.nextInt(12);
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(rnd.nextInt(4));
        }
        return l;
    }

    /** The textbook O(n·m) table, as the reference. */
    private static int lcsLength(List<Integer> a, List<Integer> b) {
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                t[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
            }
        }
        return t[a.size()][b.size()];
    }
}
