package dev.mapiworkbench.teardown;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A finding's weight. */
public enum Severity {
    ERROR,
    WARNING;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
