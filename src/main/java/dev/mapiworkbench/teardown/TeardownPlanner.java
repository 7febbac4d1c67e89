package dev.mapiworkbench.teardown;

import java.util.List;

/**
 * Expands each step of a plan, from the client's ledger, into concrete calls ("IMsgStore::Unadvise
 * (connection=0x3) on store 'Mailbox - demo'"); a step with nothing to do is skipped with a reason.
 */
public final class TeardownPlanner {

    /**
     * A step ready to run: its definition, the calls it will make (empty when skipped) and, when it is
     * skipped, why.
     */
    public record PlannedStep(StepDefinition step, List<PlannedCall> calls, String skipReason) {
        public PlannedStep {
            calls = List.copyOf(calls);
        }

        public boolean skipped() {
            return skipReason != null;
        }
    }

    /** One call of a planned step: a description for previews plus the action that makes it. */
    public record PlannedCall(String description, CallAction action) {
    }

    /** Makes the call and returns its record (HRESULT, args, duration). */
    @FunctionalInterface
    public interface CallAction {
        CallRecord run();
    }
}
