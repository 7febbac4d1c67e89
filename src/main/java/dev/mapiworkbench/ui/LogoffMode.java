package dev.mapiworkbench.ui;

/** How the session ends: at once, after the Outbox drained, or because of a critical error. */
public enum LogoffMode {
    NOW("now"), AFTER_SENDING("after-sending"), CRITICAL_ERROR("critical-error");

    private final String id;

    LogoffMode(String id) {
        this.id = id;
    }

    /** The transcript's word: {@code now}, {@code after-sending}, {@code critical-error}. */
    public String id() {
        return id;
    }
}
