package dev.mapiworkbench.teardown;

/** When and how the session ends. */
public enum Mode {
    /** Log off at once; queued mail stays in the Outbox for the next logon. */
    NOW("now"),
    /** Flush the Outbox and wait for it to drain (timeout, cancel), then log off. */
    AFTER_SENDING("after-sending"),
    /** A critical error arrived on the session: no UI, immediate. */
    CRITICAL_ERROR("critical-error");

    private final String id;

    Mode(String id) {
        this.id = id;
    }

    /** {@code now}, {@code after-sending}, {@code critical-error}. */
    public String id() {
        return id;
    }

    public static Mode parse(String text) {
        for (Mode m : values()) {
            if (m.id.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "unknown mode '" + text + "' (expected now, after-sending or critical-error)");
    }

    @Override
    public String toString() {
        return id;
    }
}
