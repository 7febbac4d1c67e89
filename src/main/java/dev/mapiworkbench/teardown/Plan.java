package dev.mapiworkbench.teardown;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two documented teardown procedures: {@code desktop} (seed 000, "Ending a MAPI Session", 8 steps)
 * and {@code ce} (seed 002, Windows CE, 3 steps). The after-sending mode prepends {@link #FLUSH_OUTBOX}.
 */
public enum Plan {
    DESKTOP("desktop", "000_f9b54471987da018", List.of(
            new StepDefinition(StepId.UNADVISE, "Cancel every notification registration (Unadvise)", 1),
            new StepDefinition(StepId.RELEASE_OBJECTS, "Release every open object", 2),
            new StepDefinition(StepId.FREE_BUFFERS, "Free cached entry identifiers (MAPIFreeBuffer)", 3),
            new StepDefinition(StepId.LOGOFF, "Log off the session (IMAPISession::Logoff)", 4),
            new StepDefinition(StepId.RELEASE_SESSION, "Release the session pointer", 5),
            new StepDefinition(StepId.OLE_UNINITIALIZE, "Uninitialize OLE (OleUninitialize)", 6),
            new StepDefinition(StepId.MAPI_UNINITIALIZE, "Uninitialize MAPI (MAPIUninitialize)", 7),
            new StepDefinition(StepId.DEINIT_MAPI_UTIL, "Uninitialize the MAPI utility library (DeinitMapiUtil)", 8))),
    CE("ce", "002_62c4d6273aedbed0", List.of(
            new StepDefinition(StepId.LOGOFF, "End the session: Logoff(0, 0, 0)", 1),
            new StepDefinition(StepId.RELEASE_SESSION, "Release the session (decrement its reference count)", 2),
            new StepDefinition(StepId.MAPI_UNINITIALIZE, "Uninitialize MAPI (MAPIUninitialize)", 3)));

    /** The step the after-sending mode runs first. */
    public static final StepDefinition FLUSH_OUTBOX =
            new StepDefinition(StepId.FLUSH_OUTBOX, "Flush the Outbox and wait until it is sent", 0);

    private final String id;
    private final String seed;
    private final List<StepDefinition> steps;

    Plan(String id, String seed, List<StepDefinition> steps) {
        this.id = id;
        this.seed = seed;
        this.steps = steps;
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
        throw new IllegalArgumentException("unknown plan '" + text + "' (expected desktop or ce)");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
