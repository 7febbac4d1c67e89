package dev.mapiworkbench.ui.teardown;

import java.util.Locale;

/**
 * The state of one teardown step row. Its {@link #cssName()} is both the row's pseudo-class
 * ({@code :pending}, {@code :running}, ...) and the word in its accessible text.
 */
public enum StepState {
    PENDING, RUNNING, DONE, SKIPPED, FAILED, WARNING;

    /** {@code pending}, {@code running}, {@code done}, {@code skipped}, {@code failed}, {@code warning}. */
    public String cssName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True once the step has ended one way or another. */
    public boolean isFinished() {
        return this != PENDING && this != RUNNING;
    }

    /** Maps an engine status word ("done", "skipped", "failed", "warning", ...) to a state. */
    public static StepState fromStatus(String status) {
        return valueOf(status.trim().toUpperCase(Locale.ROOT));
    }
}
