package dev.mapiworkbench.ui.teardown;

import dev.mapiworkbench.teardown.StepStatus;
import java.util.Locale;

/**
 * The state of one teardown step row. Its {@link #cssName()} is both the row's pseudo-class
 * ({@code :pending}, {@code :running}, ...) and the word in its accessible text.
 */
public enum StepState {
    PENDING,
    RUNNING,
    DONE,
    SKIPPED,
    FAILED,
    WARNING,
    ABANDONED;

    /** {@code pending}, {@code running}, {@code done}, {@code skipped}, {@code failed}, {@code warning}, {@code abandoned}. */
    public String cssName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True once the step has ended one way or another. */
    public boolean isFinished() {
        return this != PENDING && this != RUNNING;
    }

    /** The row state of a step that ended with this status. */
    public static StepState of(StepStatus status) {
        return switch (status) {
            case DONE -> DONE;
            case SKIPPED -> SKIPPED;
            case FAILED -> FAILED;
            case WARNING -> WARNING;
            case ABANDONED -> ABANDONED;
        };
    }
}
