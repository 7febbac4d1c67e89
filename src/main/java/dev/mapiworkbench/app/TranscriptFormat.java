package dev.mapiworkbench.app;

import dev.mapiworkbench.teardown.CallRecord;
import dev.mapiworkbench.teardown.StepRecord;
import dev.mapiworkbench.teardown.Transcript;

/** The readable text form of a transcript, for "Export transcript…" with a .txt name. */
final class TranscriptFormat {

    private TranscriptFormat() {
    }

    static String text(Transcript t) {
        StringBuilder sb = new StringBuilder();
        sb.append("MAPI Logoff Workbench teardown transcript (").append(t.schema()).append(")\n");
        sb.append("mode ").append(t.mode()).append(", plan ").append(t.plan()).append(", backend ")
                .append(t.backend()).append(", started ").append(t.startedAt()).append('\n');
        if (t.flags() != null) {
            sb.append("Logoff flags 0x").append(Integer.toHexString(t.flags().value())).append(' ')
                    .append(t.flags().names()).append('\n');
        }
        sb.append('\n');
        for (StepRecord s : t.steps()) {
            sb.append(String.format("%2d. %-18s %-8s %s%n", s.index(), s.id(), s.status().id(), s.title()));
            if (s.reason() != null && !s.reason().isBlank()) {
                sb.append("      reason: ").append(s.reason()).append('\n');
            }
            for (CallRecord c : s.calls()) {
                sb.append("      ").append(c.describe()).append('\n');
            }
        }
        sb.append('\n');
        if (t.outbox() != null) {
            sb.append("Outbox: ").append(t.outbox().before()).append(" queued before, ").append(t.outbox().after())
                    .append(" after\n");
        }
        t.leaks().forEach(l -> sb.append("leak: ").append(l.kind()).append(" '").append(l.name()).append("' ")
                .append(l.detail() == null ? "" : l.detail()).append('\n'));
        t.findings().forEach(f -> sb.append(f.severity().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                .append(f.rule()).append(": ").append(f.message()).append(" (seed step ").append(f.seedStep())
                .append(")\n"));
        sb.append("result: ").append(t.result()).append('\n');
        return sb.toString();
    }
}
