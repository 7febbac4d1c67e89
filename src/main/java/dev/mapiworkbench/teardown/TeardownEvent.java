package dev.mapiworkbench.teardown;

import dev.mapiworkbench.client.OutboxItem;
import java.time.Duration;
import java.util.List;

/**
 * What a running {@link Teardown} reports, in order. Events are delivered on the executor's thread;
 * a UI must move them to its own thread (and should coalesce them).
 */
public sealed interface TeardownEvent {

    /** The run began: the steps it will go through, in executed order, and the Logoff flags it will pass. */
    record Started(TeardownRequest request, List<StepDefinition> steps, int logoffFlags) implements TeardownEvent {
        public Started {
            steps = List.copyOf(steps);
        }
    }

    /** Step-through: paused before step {@code index} until {@link Teardown#proceed()}. */
    record AwaitingProceed(int index, StepDefinition step) implements TeardownEvent {}

    /** A step starts; {@code plannedCalls} are the calls the planner expanded it into (descriptions). */
    record StepStarted(int index, StepDefinition step, List<String> plannedCalls) implements TeardownEvent {
        public StepStarted {
            plannedCalls = List.copyOf(plannedCalls);
        }
    }

    /**
     * A call of step {@code stepIndex} is about to be made ({@code call} is its planned description, API and
     * object); the next {@link CallMade} of that step is its return. A call that does not return is blocked:
     * {@link Teardown#abandon()} gives up on it.
     */
    record CallStarted(int stepIndex, StepDefinition step, String call) implements TeardownEvent {}

    /** A call was made within step {@code stepIndex}. */
    record CallMade(int stepIndex, CallRecord call) implements TeardownEvent {}

    /** A step ended (done, skipped, failed or warning). */
    record StepFinished(StepRecord step) implements TeardownEvent {}

    /**
     * After-sending wait: a message's state changed (or the periodic tick). {@code item} is null on a tick;
     * {@code pending} lists the messages still queued in the wait's first event only (later events name
     * the one message that changed, so the events of a 100,000-message wait cost the changes, not the
     * queue each time); {@code pendingCount} is always how many are still queued. {@code timeout} is when the
     * timeout question comes, counted from the wait's start like {@code elapsed}: the request's timeout, moved on
     * by each "Keep waiting" (decision 0712), so "waited 0:53 of 1:00" never reads "of 0:20, 0:00 left".
     */
    record WaitProgress(
            int stepIndex,
            OutboxItem item,
            List<OutboxItem> pending,
            int pendingCount,
            Duration elapsed,
            Duration timeout)
            implements TeardownEvent {
        public WaitProgress {
            pending = List.copyOf(pending);
        }

        /** With the messages still queued listed ({@code pendingCount} is their number). */
        public WaitProgress(
                int stepIndex, OutboxItem item, List<OutboxItem> pending, Duration elapsed, Duration timeout) {
            this(stepIndex, item, pending, pending.size(), elapsed, timeout);
        }
    }

    /** The wait timed out with messages still queued; {@code choice} is what was decided. */
    record WaitTimedOut(int stepIndex, List<OutboxItem> pending, TimeoutChoice choice) implements TeardownEvent {
        public WaitTimedOut {
            pending = List.copyOf(pending);
        }
    }

    /** A provider asked a question during Logoff (MAPI_LOGOFF_UI) and got this answer. */
    record ProviderPrompt(Transcript.Prompt prompt) implements TeardownEvent {}

    /** The run is over; the transcript is complete. Always the last event. */
    record Finished(Transcript transcript) implements TeardownEvent {}
}
