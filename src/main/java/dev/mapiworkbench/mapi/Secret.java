package dev.mapiworkbench.mapi;

import java.util.Arrays;

/**
 * A password held in memory only. {@link #toString()} never shows it, so it cannot reach a log line,
 * a transcript or a settings file by accident; the one way to read it is {@link #reveal()}.
 */
public final class Secret {

    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    /** A secret holding a copy of {@code value}; null or empty gives null (no password). */
    public static Secret of(char[] value) {
        return value == null || value.length == 0 ? null : new Secret(value);
    }

    /** A secret from a string; null or empty gives null. */
    public static Secret of(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value.toCharArray());
    }

    /** The password itself, for the one call that needs it (the SMTP AUTH exchange). */
    public String reveal() {
        return new String(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "********";
    }
}
