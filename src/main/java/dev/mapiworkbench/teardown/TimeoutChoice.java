package dev.mapiworkbench.teardown;

/** What to do when the after-sending wait times out with mail still queued. */
public enum TimeoutChoice {
    /** Wait another full timeout period. */
    KEEP_WAITING,
    /** Log off now; the rest stays queued in the Outbox until the next logon. */
    LOG_OFF_NOW,
    /** Do not log off: the session stays logged on, nothing is torn down. */
    CANCEL_LOGOFF
}
