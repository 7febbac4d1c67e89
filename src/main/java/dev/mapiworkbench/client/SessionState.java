package dev.mapiworkbench.client;

/** The life cycle of a {@link ClientSession}. */
public enum SessionState {
    /** Nothing initialised (before the first logon, and again after a completed teardown). */
    LOGGED_OFF,
    /** The logon sequence is running. */
    LOGGING_ON,
    /** Logged on: the ledger is complete, mail can be composed and sent. */
    LOGGED_ON,
    /** A teardown is running; compose/send are refused. */
    TEARING_DOWN,
    /** The logon sequence failed; {@link ClientSession#lastError()} says why. Logon may be retried. */
    FAILED
}
