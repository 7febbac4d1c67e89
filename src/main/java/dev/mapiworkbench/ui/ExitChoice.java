package dev.mapiworkbench.ui;

/**
 * What the person chose when they closed the window or pressed Ctrl+Q while a teardown was still running
 * (decision 0600): the exit no longer waits silently for a run that may be blocked for good.
 */
public enum ExitChoice {
    /** Do not exit: the window stays, and so does the running teardown. The safe default (Enter, Esc). */
    KEEP_WINDOW,
    /** Exit as soon as the running teardown ends (its transcript is saved first). */
    EXIT_WHEN_ENDED,
    /** Abandon the blocked teardown (the result names the blocked call), then exit. */
    ABANDON_AND_EXIT
}
