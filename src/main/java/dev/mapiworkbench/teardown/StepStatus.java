package dev.mapiworkbench.teardown;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a step ended; the transcript writes the lower-case name. */
public enum StepStatus {
    DONE,
    SKIPPED,
    FAILED,
    WARNING,
    /** The person abandoned the teardown while this step was blocked (its call never returned to the run). */
    ABANDONED;

    /** {@code done}, {@code skipped}, {@code failed}, {@code warning}, {@code abandoned}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
