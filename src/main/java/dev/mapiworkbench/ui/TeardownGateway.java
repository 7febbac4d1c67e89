package dev.mapiworkbench.ui;

import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.StepStatus;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.TimeoutChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The teardown half of {@link SessionGateway}: starting a logoff, the events the engine reports while it
 * runs ({@link TeardownEvents}, in the teardown package's value types), and the handle on the running
 * teardown the panel's buttons use ({@link RunningTeardown}).
 */
public interface TeardownGateway {

    /** Starts the teardown off the calling thread; events go to {@code events}. */
    RunningTeardown startTeardown(TeardownRequest request, TeardownEvents events);

    /** The teardown's events, in the order the engine emits them. */
    interface TeardownEvents {
        /** The plan expanded from the ledger: each step's id, title and planned calls. */
        void planned(String heading, List<PlannedStep> steps);

        void stepStarted(StepId stepId, String title);

        /** The calls of a step so far: the first few in full and how many in all (coalescable). */
        void calls(StepId stepId, List<String> firstCalls, int total);

        void stepFinished(StepId stepId, String title, StepStatus status, String reason, long durationMicros);

        /** Step-through: paused before {@code nextStepId} until {@link RunningTeardown#proceed()}. */
        void paused(StepId nextStepId);

        /**
         * A call of the step is being made ({@code call}: its description) since {@code sinceNanos}
         * ({@link System#nanoTime()}); {@code call} null: it returned. A call that does not return is blocked
         * (the panel counts how long and offers {@link RunningTeardown#abandon()}).
         */
        default void callInProgress(StepId stepId, String call, long sinceNanos) {}

        /**
         * The after-sending wait, once a second: how long it has waited, its timeout ({@code timeoutMillis} &lt; 0:
         * none) and why nothing moves ("" while messages go out).
         */
        default void waitStatus(long elapsedMillis, long timeoutMillis, String why) {}

        /** Just before {@link #finished}: the run was abandoned while {@code blocker} (step, call, object). */
        default void abandoned(String blocker) {}

        void waitProgress(String key, String subject, String state, double fraction);

        void waitEnded(String summary);

        /**
         * The after-sending wait timed out (only asked when UI is allowed). The stage may complete later
         * on any thread.
         */
        CompletionStage<TimeoutChoice> askTimeout(int pending, long waitedSeconds);

        /**
         * Just before {@link #finished}: leaks the subsystem reported during the run that an earlier session
         * of the process caused ("BUFFER '0x7F00' — 32 bytes …"), not charged to this run; called only when
         * there are some.
         */
        default void carriedOver(List<String> leaks) {}

        /**
         * A provider asked during Logoff (MAPI_LOGOFF_UI) and this answer went back to it ({@code defaulted}: its
         * default, nobody answered); the summary and the log report it (issue 10 item 6).
         */
        default void providerAnswered(String provider, String question, String answer, boolean defaulted) {}

        /**
         * The run is over. {@code leaks} are this run's own (a run with leaks is never "clean");
         * {@code cancelled}: the logoff was cancelled and the session stays logged on.
         */
        void finished(String result, List<String> leaks, List<Finding> findings, boolean cancelled);

        void failed(Throwable error);
    }

    /** A step as planned. */
    record PlannedStep(StepId id, String title, List<String> calls) {}

    /** The running teardown. */
    interface RunningTeardown {
        /** Step-through: run the next step. */
        void proceed();

        /** During the after-sending wait: cancel the logoff; the session stays logged on. */
        void cancelWait();

        /** Gives up on the run at once (a blocked call is left to its thread); see {@code Teardown#abandon}. */
        default void abandon() {}

        /** Step-through: cancel before the first call; false when steps have already made calls. */
        default boolean cancelSteps() {
            return false;
        }

        /** Step-through: run the rest without pausing. */
        default void runToEnd() {}

        /**
         * Every call of a step as the window shows it ({@code CallRecord#display}: name and hex HRESULT), once
         * the run has finished; empty before.
         */
        default List<String> allCalls(StepId stepId) {
            return List.of();
        }

        /** During the after-sending wait: stop waiting and log off now; the rest stays queued. */
        void stopWaitingAndLogOff();

        /**
         * Writes the transcript atomically: the text form for a {@code .txt} name, JSON otherwise (the
         * command line's rule and file permissions).
         */
        void exportTranscript(Path file) throws IOException;

        /**
         * The headless command line that reproduces the finished run on the simulator ("Copy as command",
         * docs/scenarios.md); empty before the run finished.
         */
        default Optional<String> reproducingCommand() {
            return Optional.empty();
        }

        /**
         * The whole own session as a {@code mapi-workbench/trace/v1} trace, logon to MAPIUninitialize ("Copy as
         * C++", "Export as trace", docs/trace.md "Own runs"); empty before the run finished.
         */
        default Optional<dev.mapiworkbench.trace.Trace> ownTrace() {
            return Optional.empty();
        }

        /**
         * Where the finished teardown's transcript was saved in the profile's history
         * ({@code <profile>/history/<start time>.json}, the last 200 kept), once it is: the save runs off the FX
         * thread after {@link TeardownEvents#finished} (decision 0841), and the gateway's close waits for it, so an
         * exit that follows the end loses nothing. Empty when the gateway keeps no history or the save failed
         * (logged); never completed for a run that did not finish.
         */
        default java.util.concurrent.CompletionStage<Optional<Path>> saved() {
            return java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
        }
    }
}
