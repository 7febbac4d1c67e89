package dev.mapiworkbench.teardown;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two documented teardown procedures: {@code desktop} (seed 000, "Ending a MAPI Session", 8 steps)
 * and {@code ce} (seed 002, Windows CE, 3 steps). The after-sending mode prepends {@link #FLUSH_OUTBOX}.
 */
public enum Plan {
    DESKTOP(
            "desktop",
            "000_f9b54471987da018",
            List.of(
                    new StepDefinition(StepId.UNADVISE, "Cancel every notification registration (Unadvise)", 1),
                    Extra.STORE_LOGOFF,
                    new StepDefinition(StepId.RELEASE_OBJECTS, "Release every open object", 2),
                    new StepDefinition(StepId.FREE_BUFFERS, "Free cached entry identifiers (MAPIFreeBuffer)", 3),
                    new StepDefinition(StepId.LOGOFF, "Log off the session (IMAPISession::Logoff)", 4),
                    new StepDefinition(StepId.RELEASE_SESSION, "Release the session pointer", 5),
                    new StepDefinition(StepId.OLE_UNINITIALIZE, "Uninitialize OLE (OleUninitialize)", 6),
                    new StepDefinition(StepId.MAPI_UNINITIALIZE, "Uninitialize MAPI (MAPIUninitialize)", 7),
                    new StepDefinition(
                            StepId.DEINIT_MAPI_UTIL, "Uninitialize the MAPI utility library (DeinitMapiUtil)", 8))),
    /**
     * Fast shutdown ("Best Practices for Fast Shutdown",
     * https://learn.microsoft.com/en-us/previous-versions/office/developer/office-2010/dd941346(v=office.14)):
     * QueryFastShutdown, NotifyProcessShutdown, DoFastShutdown, then no MAPI call at all. When the query
     * fails, Notify and Do are skipped and the desktop steps that follow run as the fallback; after a
     * successful DoFastShutdown they are skipped.
     */
    FAST_SHUTDOWN("fast-shutdown", "000_f9b54471987da018", fastShutdownSteps()),
    CE(
            "ce",
            "002_62c4d6273aedbed0",
            List.of(
                    new StepDefinition(StepId.LOGOFF, "End the session: Logoff(0, 0, 0)", 1),
                    new StepDefinition(
                            StepId.RELEASE_SESSION, "Release the session (decrement its reference count)", 2),
                    new StepDefinition(StepId.MAPI_UNINITIALIZE, "Uninitialize MAPI (MAPIUninitialize)", 3)));

    /**
     * The optional documented-elsewhere step of the desktop plan (seed step 0: the seed does not name it).
     * {@link TeardownRequest#strict8Steps()} leaves it out.
     */
    public static final StepDefinition STORE_LOGOFF = Extra.STORE_LOGOFF;

    /** Steps the enum constants need before the enum's own static fields exist. */
    private static final class Extra {
        static final StepDefinition STORE_LOGOFF = new StepDefinition(
                StepId.STORE_LOGOFF,
                "StoreLogoff every open store (documented elsewhere: IMsgStore::StoreLogoff page; pywin32 PR #2196;"
                        + " MFCMAPI mapiProcessor.cpp)",
                0);
    }

    private static List<StepDefinition> fastShutdownSteps() {
        List<StepDefinition> steps = new java.util.ArrayList<>(List.of(
                new StepDefinition(
                        StepId.QUERY_FAST_SHUTDOWN,
                        "Ask for fast shutdown (IMAPIClientShutdown::"
                                + "QueryFastShutdown; Best Practices for Fast Shutdown)",
                        0),
                new StepDefinition(
                        StepId.NOTIFY_PROCESS_SHUTDOWN,
                        "Tell the providers (NotifyProcessShutdown)," + " only after S_OK",
                        0),
                new StepDefinition(StepId.DO_FAST_SHUTDOWN, "Exit now (DoFastShutdown); no MAPI call after it", 0)));
        steps.addAll(DESKTOP.steps());
        return List.copyOf(steps);
    }

    /** The step the after-sending mode runs first. */
    public static final StepDefinition FLUSH_OUTBOX =
            new StepDefinition(StepId.FLUSH_OUTBOX, "Flush the Outbox and wait until it is sent", 0);

    private final String id;
    private final String seed;

    @SuppressWarnings("ImmutableEnumChecker") // List.copyOf: unmodifiable, of immutable records
    private final List<StepDefinition> steps;

    Plan(String id, String seed, List<StepDefinition> steps) {
        this.id = id;
        this.seed = seed;
        this.steps = List.copyOf(steps);
    }

    /** {@code desktop} or {@code ce}, as the command line and the transcript spell it. */
    public String id() {
        return id;
    }

    /** The seed file's name (without .txt). */
    public String seed() {
        return seed;
    }

    /** The seed's steps in order. */
    public List<StepDefinition> steps() {
        return steps;
    }

    /** The step with this id, if the plan has it. */
    public Optional<StepDefinition> step(StepId stepId) {
        return steps.stream().filter(s -> s.id() == stepId).findFirst();
    }

    /** The seed step number of a step id in this plan (0 when absent). */
    public int seedStep(StepId stepId) {
        return step(stepId).map(StepDefinition::seedStep).orElse(0);
    }

    /** Parses {@code desktop} / {@code ce} (case-insensitive). */
    public static Plan parse(String text) {
        for (Plan p : values()) {
            if (p.id.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown plan '" + text + "' (expected desktop, fast-shutdown or ce)");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
