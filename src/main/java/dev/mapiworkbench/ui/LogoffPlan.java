package dev.mapiworkbench.ui;

/** The two documented teardown plans, as the logoff dialog offers them. */
public enum LogoffPlan {
    /** "Ending a MAPI Session", Outlook desktop: 8 steps (seed 000). */
    DESKTOP("desktop", "Desktop (8 steps)"),
    /** Windows CE / Windows Mobile: 3 steps (seed 002). */
    CE("ce", "Windows CE (3 steps)");

    private final String id;
    private final String label;

    LogoffPlan(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** {@code desktop} or {@code ce}, as the engine and the transcript name it. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return label;
    }
}
