package dev.mapiworkbench.teardown;

import java.time.Duration;

/**
 * What teardown to run.
 *
 * @param plan          desktop or ce
 * @param mode          now, after-sending or critical-error (the latter forces allowUi and logoffShared off)
 * @param allowUi       pass MAPI_LOGOFF_UI (and let a timeout ask the caller)
 * @param logoffShared  ask for MAPI_LOGOFF_SHARED; it is passed only when the session is shared and owned
 * @param stepThrough   pause before each step until {@link Teardown#proceed()}
 * @param whatIf        deliberate skips / reorders
 * @param timeout       how long after-sending waits for the Outbox to drain (null = 5 minutes)
 */
public record TeardownRequest(Plan plan, Mode mode, boolean allowUi, boolean logoffShared, boolean stepThrough,
                              WhatIf whatIf, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public TeardownRequest {
        plan = plan == null ? Plan.DESKTOP : plan;
        mode = mode == null ? Mode.NOW : mode;
        whatIf = whatIf == null ? WhatIf.none() : whatIf;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
    }

    /** Desktop plan, log off now, no UI. */
    public static TeardownRequest of(Plan plan, Mode mode) {
        return new TeardownRequest(plan, mode, false, false, false, WhatIf.none(), DEFAULT_TIMEOUT);
    }

    public TeardownRequest withAllowUi(boolean value) {
        return new TeardownRequest(plan, mode, value, logoffShared, stepThrough, whatIf, timeout);
    }

    public TeardownRequest withLogoffShared(boolean value) {
        return new TeardownRequest(plan, mode, allowUi, value, stepThrough, whatIf, timeout);
    }

    public TeardownRequest withStepThrough(boolean value) {
        return new TeardownRequest(plan, mode, allowUi, logoffShared, value, whatIf, timeout);
    }

    public TeardownRequest withWhatIf(WhatIf value) {
        return new TeardownRequest(plan, mode, allowUi, logoffShared, stepThrough, value, timeout);
    }

    public TeardownRequest withTimeout(Duration value) {
        return new TeardownRequest(plan, mode, allowUi, logoffShared, stepThrough, whatIf, value);
    }

    public TeardownRequest withMode(Mode value) {
        return new TeardownRequest(plan, value, allowUi, logoffShared, stepThrough, whatIf, timeout);
    }
}
