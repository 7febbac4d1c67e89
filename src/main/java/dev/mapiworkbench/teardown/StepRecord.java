package dev.mapiworkbench.teardown;

import java.util.List;

/**
 * A step as executed (or skipped).
 *
 * @param index          1-based position in executed order
 * @param id             the step ({@code unadvise} on the wire)
 * @param title          title for people
 * @param seedStep       the seed step number it implements (0 for flush-outbox)
 * @param status         done, skipped, failed, warning
 * @param reason         why skipped / failed / warning (null when done cleanly)
 * @param durationMicros time spent in the step (the wait included for flush-outbox)
 * @param calls          the calls made, in order
 */
public record StepRecord(
        int index,
        StepId id,
        String title,
        int seedStep,
        StepStatus status,
        String reason,
        long durationMicros,
        List<CallRecord> calls) {

    public StepRecord {
        calls = List.copyOf(calls);
    }
}
