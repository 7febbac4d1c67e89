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

    /** True once the run has finished. */
    boolean isDone();

    /** Completes with the transcript when the run has finished (never exceptionally: failures are steps). */
    CompletableFuture<Transcript> result();

    /** Blocks until finished or the timeout passes. */
    Transcript await(Duration timeout) throws InterruptedException, TimeoutException;
}
