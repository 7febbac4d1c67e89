package dev.mapiworkbench.teardown;

import java.util.Locale;

/** The readable text form of a {@link Transcript} (what the headless run prints and "Export… text" writes). */
public final class TranscriptText {

    private TranscriptText() {}

    public static String format(Transcript t) {
        StringBuilder sb = new StringBuilder();
        sb.append("Teardown transcript (").append(t.schema()).append(")\n");
        sb.append("  plan ")
                .append(t.plan())
                .append(", mode ")
                .append(t.mode())
                .append(", backend ")
                .append(t.backend())
                .append(", started ")
                .append(t.startedAt())
                .append('\n');
        sb.append("  Logoff flags ")
                .append(String.format(Locale.ROOT, "0x%X", t.flags().value()))
                .append(
                        t.flags().names().isEmpty()
                                ? ""
                                : " (" + String.join("|", t.flags().names()) + ")")
                .append('\n');
        if (t.whatIf() != null
                && (!t.whatIf().skip().isEmpty()
                        || !t.whatIf().moves().isEmpty()
                        || !t.whatIf().force().isEmpty())) {
            sb.append("  what-if:");
            t.whatIf().skip().forEach(s -> sb.append(" skip ").append(s).append(';'));
            t.whatIf()
                    .moves()
                    .forEach(m -> sb.append(" move ")
                            .append(m.stepId())
                            .append(" after ")
                            .append(m.afterStepId())
                            .append(';'));
            t.whatIf().force().forEach(s -> sb.append(" force ").append(s).append(';'));
            sb.append('\n');
        }
        sb.append('\n');
        for (StepRecord s : t.steps()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%2d. %-18s %-8s %8d us  %s%n",
                    s.index(),
                    s.id(),
                    s.status().id().toUpperCase(Locale.ROOT),
                    s.durationMicros(),
                    s.title()));
            if (s.reason() != null) {
                sb.append("      ")
                        .append(s.status() == StepStatus.SKIPPED ? "skipped: " : "note: ")
                        .append(s.reason())
                        .append('\n');
            }
            for (CallRecord c : s.calls()) {
                sb.append("      ")
                        .append(c.describe())
                        .append(String.format(Locale.ROOT, " (%d us)%n", c.durationMicros()));
            }
        }
        sb.append('\n');
        sb.append("Outbox: ")
                .append(t.outbox().before())
                .append(" queued before, ")
                .append(t.outbox().after())
                .append(" after\n");
        if (!t.outbox().drafts().isEmpty()) {
            sb.append("Drafts left in the Outbox (saved, never submitted): ")
                    .append(t.outbox().drafts().size())
                    .append(t.outbox().drafts().stream()
                            .map(d -> "'" + d + "'")
                            .collect(java.util.stream.Collectors.joining(", ", " (", ")")))
                    .append('\n');
        }
        for (Transcript.Wait w : t.waits()) {
            sb.append("  '")
                    .append(w.subject())
                    .append("': ")
                    .append(w.state())
                    .append(w.reason() == null ? "" : " (" + w.reason() + ")")
                    .append(" after ")
                    .append(w.elapsedMillis())
                    .append(" ms")
                    .append(w.reply() == null ? "" : "; server: " + w.reply())
                    .append('\n');
        }
        for (Transcript.Prompt p : t.prompts()) {
            sb.append("Provider asked (")
                    .append(p.provider())
                    .append("): ")
                    .append(p.question())
                    .append(" -> ")
                    .append(p.answer())
                    .append(p.defaulted() ? " (default)" : "")
                    .append('\n');
        }
        for (Transcript.Peer p : t.peers()) {
            sb.append("Peer ")
                    .append(p.name())
                    .append(": ")
                    .append(p.did())
                    .append(p.received().isEmpty() ? "" : "; received " + String.join(", ", p.received()))
                    .append('\n');
        }
        t.threads().forEach(r -> sb.append("Scenario ").append(r.describe()).append('\n'));
        leaks(sb, "Leaks:", t.leaks());
        leaks(sb, "Carried over from an earlier session (not charged to this run):", t.carriedOver());
        if (!t.faults().isEmpty()) {
            sb.append("Faults:\n");
            t.faults()
                    .forEach(f -> sb.append("  ")
                            .append(f.fatal() ? "FATAL " : "")
                            .append(f.id())
                            .append(": ")
                            .append(f.message())
                            .append('\n'));
        }
        if (!t.findings().isEmpty()) {
            sb.append("Findings:\n");
            t.findings()
                    .forEach(f -> sb.append("  ")
                            .append(f.severity().id().toUpperCase(Locale.ROOT))
                            .append(' ')
                            .append(f.rule())
                            .append(f.seedStep() > 0 ? " (seed step " + f.seedStep() + ")" : "")
                            .append(": ")
                            .append(f.message())
                            .append('\n'));
        }
        sb.append("Result: ")
                .append(t.result())
                .append(" (")
                .append(t.outcome())
                .append(", engine ")
                .append(t.engineMicros())
                .append(" us)\n");
        return sb.toString();
    }

    /** A heading and one line per leak, nothing when there are none. */
    private static void leaks(StringBuilder sb, String heading, java.util.List<Transcript.Leak> leaks) {
        if (leaks.isEmpty()) {
            return;
        }
        sb.append(heading).append('\n');
        leaks.forEach(l -> sb.append("  ")
                .append(l.kind())
                .append(' ')
                .append(l.name())
                .append(l.detail() == null ? "" : " — " + l.detail())
                .append('\n'));
    }
}
