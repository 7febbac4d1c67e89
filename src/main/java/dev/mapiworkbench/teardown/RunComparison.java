package dev.mapiworkbench.teardown;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Two runs side by side (the History view's Compare): the result, then the steps aligned by step id and,
 * inside each pair of steps, the calls aligned by API and target ({@link Alignment}), then the leaks and
 * the findings. Each row says whether the two sides agree, differ (a different status or HRESULT) or
 * exist on one side only (a missing call, a new leak). Decision 0230.
 *
 * @param rows        every row, in order
 * @param differences how many rows are not {@link Diff#SAME}
 */
public record RunComparison(List<Row> rows, int differences) {

    public RunComparison {
        rows = List.copyOf(rows);
    }

    /** What a row is about. */
    public enum Kind {
        RESULT,
        STEP,
        CALL,
        LEAK,
        FINDING;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the two sides of a row compare. */
    public enum Diff {
        SAME,
        CHANGED,
        ONLY_LEFT,
        ONLY_RIGHT;

        /** {@code same}, {@code changed}, {@code only-left}, {@code only-right} (style classes, report). */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One aligned row.
     *
     * @param left  the left run's side, or "" where it has nothing
     * @param right the right run's side, or ""
     * @param note  what differs, for people ("S_OK → MAPI_E_CALL_FAILED", "new leak"), "" when the same
     */
    public record Row(Kind kind, String left, String right, Diff diff, String note) {}

    /** Compares {@code left} (usually the older run) with {@code right}. */
    public static RunComparison of(Transcript left, Transcript right) {
        List<Row> rows = new ArrayList<>();
        String lr = left.result() + " (" + left.outcome() + ")";
        String rr = right.result() + " (" + right.outcome() + ")";
        rows.add(new Row(
                Kind.RESULT,
                lr,
                rr,
                lr.equals(rr) ? Diff.SAME : Diff.CHANGED,
                lr.equals(rr) ? "" : left.result() + " → " + right.result()));
        for (Alignment.Pair p : Alignment.align(left.steps(), right.steps(), StepRecord::id)) {
            StepRecord l = p.left() >= 0 ? left.steps().get(p.left()) : null;
            StepRecord r = p.right() >= 0 ? right.steps().get(p.right()) : null;
            steps(rows, l, r);
        }
        both(
                rows,
                Kind.LEAK,
                sorted(left.leaks()),
                sorted(right.leaks()),
                RunComparison::leakText,
                "new leak",
                "leak gone");
        both(
                rows,
                Kind.FINDING,
                left.findings(),
                right.findings(),
                f -> f.severity().id() + " " + f.rule()
                        + (f.stepId() == null ? "" : " (" + f.stepId().id() + ")"),
                "new finding",
                "finding gone");
        int diffs = (int) rows.stream().filter(r -> r.diff() != Diff.SAME).count();
        return new RunComparison(rows, diffs);
    }

    private static void steps(List<Row> rows, StepRecord l, StepRecord r) {
        if (l == null || r == null) {
            StepRecord only = l == null ? r : l;
            Diff d = l == null ? Diff.ONLY_RIGHT : Diff.ONLY_LEFT;
            String note = l == null ? "step only in the right run" : "step missing in the right run";
            rows.add(new Row(Kind.STEP, l == null ? "" : stepText(l), r == null ? "" : stepText(r), d, note));
            for (CallRecord c : only.calls()) {
                rows.add(new Row(
                        Kind.CALL,
                        l == null ? "" : c.describe(),
                        r == null ? "" : c.describe(),
                        d,
                        l == null ? "new call" : "missing call"));
            }
            return;
        }
        boolean same = l.status() == r.status();
        rows.add(new Row(
                Kind.STEP,
                stepText(l),
                stepText(r),
                same ? Diff.SAME : Diff.CHANGED,
                same ? "" : l.status().id() + " → " + r.status().id()));
        for (Alignment.Pair p : Alignment.align(l.calls(), r.calls(), RunComparison::callKey)) {
            CallRecord lc = p.left() >= 0 ? l.calls().get(p.left()) : null;
            CallRecord rc = p.right() >= 0 ? r.calls().get(p.right()) : null;
            if (lc == null) {
                rows.add(new Row(Kind.CALL, "", rc.describe(), Diff.ONLY_RIGHT, "new call"));
            } else if (rc == null) {
                rows.add(new Row(Kind.CALL, lc.describe(), "", Diff.ONLY_LEFT, "missing call"));
            } else if (!lc.hresult().equals(rc.hresult())) {
                rows.add(new Row(
                        Kind.CALL, lc.describe(), rc.describe(), Diff.CHANGED, lc.hresult() + " → " + rc.hresult()));
            } else {
                rows.add(new Row(Kind.CALL, lc.describe(), rc.describe(), Diff.SAME, ""));
            }
        }
    }

    private static <T> void both(
            List<Row> rows,
            Kind kind,
            List<T> left,
            List<T> right,
            Function<T, String> text,
            String onlyRight,
            String onlyLeft) {
        for (Alignment.Pair p : Alignment.align(left, right, text)) {
            String l = p.left() >= 0 ? text.apply(left.get(p.left())) : "";
            String r = p.right() >= 0 ? text.apply(right.get(p.right())) : "";
            Diff d = p.matched() ? Diff.SAME : p.left() < 0 ? Diff.ONLY_RIGHT : Diff.ONLY_LEFT;
            rows.add(new Row(kind, l, r, d, d == Diff.SAME ? "" : d == Diff.ONLY_RIGHT ? onlyRight : onlyLeft));
        }
    }

    private static List<Transcript.Leak> sorted(List<Transcript.Leak> leaks) {
        return leaks.stream()
                .sorted(Comparator.comparing(Transcript.Leak::kind).thenComparing(l -> Objects.toString(l.name(), "")))
                .toList();
    }

    private static String leakText(Transcript.Leak l) {
        return l.kind() + " " + l.name();
    }

    private static String stepText(StepRecord s) {
        return s.index() + ". " + s.id().id() + " " + s.status().id();
    }

    /** Calls pair up by API and target; their arguments and HRESULT are what may differ. */
    private static String callKey(CallRecord c) {
        return c.api() + "\u0000" + Objects.toString(c.target(), "");
    }
}
