package dev.mapiworkbench.ui;

/**
 * What the person chose in the logoff dialog (or what the app chose when no dialog may appear).
 * {@code allowProviderUi} maps to MAPI_LOGOFF_UI, {@code logoffShared} to MAPI_LOGOFF_SHARED.
 */
public record LogoffDecision(LogoffMode mode, LogoffPlan plan, boolean allowProviderUi, boolean logoffShared,
                             boolean stepThrough) {

    /** The no-dialog path: now, desktop plan, no provider UI, no shared logoff, no pause. */
    public static LogoffDecision withoutUi(LogoffMode mode) {
        return new LogoffDecision(mode, LogoffPlan.DESKTOP, false, false, false);
    }
}
