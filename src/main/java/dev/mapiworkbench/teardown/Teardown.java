package dev.mapiworkbench.teardown;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A running teardown, as returned by {@link TeardownEngine#start}. All methods are thread-safe and
 * never block except {@link #await(Duration)}.
 */
public interface Teardown {

    TeardownRequest request();

    /** The steps in the order they will be executed (what-if moves applied, flush-outbox first when waiting). */
    List<StepDefinition> steps();

    /** Step-through: let the paused run execute the next step. No effect when not paused. */
    void proceed();

    /** True while paused before a step in step-through mode. */
    boolean awaitingProceed();

    /** During the after-sending wait: stop waiting and cancel the logoff (the session stays logged on). */
    void cancelWait();

    /** During the after-sending wait: stop waiting and log off now (the rest stays queued). */
    void stopWaitingAndLogOff();

    /**
     * Gives up on the run at once, whatever it is waiting for (a blocked call, step-through, the Outbox): the
     * result completes (on another thread, never the caller's) with outcome {@value Transcript#ABANDONED}, the
     * step in progress {@link StepStatus#ABANDONED} with the call it was blocked in, the steps after it skipped.
     * The session counts as logged off. A blocked call is left to its thread (a daemon): if it returns later,
     * the run makes no further call and reports nothing. False when the run had already finished.
     */
    default boolean abandon() {
        return false;
    }

    /**
     * {@link #abandon()} by someone other than the person, e.g. the headless call watchdog: {@code by} is added
     * to the abandoned step's reason ("given up by the call watchdog (--call-timeout 1 s)").
     */
    default boolean abandon(String by) {
        return abandon();
    }

    /**
     * Step-through: stop before the next step. Only while paused before the first step that makes a call (the
     * session is still whole): the result is {@value Transcript#CANCELLED} and the session stays logged on.
     * False (and nothing happens) otherwise.
     */
    default boolean cancelSteps() {
        return false;
    }

    /** Step-through: run the paused step and every one after it without pausing again. */
    default void runToEnd() {}

    /** Step-through: true while paused and no step has made a call yet ({@link #cancelSteps()} is possible). */
    default boolean cancellable() {
        return false;
    }

    /** True once the run has finished. */
    boolean isDone();

    /** Completes with the transcript when the run has finished (never exceptionally: failures are steps). */
    CompletableFuture<Transcript> result();

    /** Blocks until finished or the timeout passes. */
    Transcript await(Duration timeout) throws InterruptedException, TimeoutException;
}
