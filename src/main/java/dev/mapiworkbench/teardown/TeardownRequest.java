package dev.mapiworkbench.teardown;

import dev.mapiworkbench.mapi.MapiFlags;
import java.time.Duration;

/**
 * What teardown to run. The one place of the forcing rules: a {@link Mode#CRITICAL_ERROR} request never
 * has UI, MAPI_LOGOFF_SHARED or step-through (the constructor turns them off, so every copy made by a
 * {@code withX} method obeys it too), and {@link #logoffFlags(boolean)} is the only computation of the
 * IMAPISession::Logoff flags (0 for the CE plan and for a critical error).
 *
 * @param plan          desktop or ce
 * @param mode          now, after-sending or critical-error (the latter forces allowUi, logoffShared and
 *                      stepThrough off)
 * @param allowUi       pass MAPI_LOGOFF_UI (and let a timeout ask the caller)
 * @param logoffShared  ask for MAPI_LOGOFF_SHARED; it is passed only when the session is shared and owned
 * @param stepThrough   pause before each step until {@link Teardown#proceed()}
 * @param whatIf        deliberate skips / reorders
 * @param timeout       how long after-sending waits for the Outbox to drain (null = 5 minutes; any length,
 *                      {@code Duration.ofSeconds(Long.MAX_VALUE)} included: the wait saturates)
 * @param strict8Steps  leave out the steps documented outside the seed's eight (today: store-logoff)
 * @param rawLogoffFlags IMAPISession::Logoff ulFlags exactly as typed ("Log off with flags…",
 *                      {@code --logoff-flags}), unknown bits included; null computes them from allowUi and
 *                      logoffShared. Ignored by the CE plan and a critical error (decision 0211).
 */
public record TeardownRequest(
        Plan plan,
        Mode mode,
        boolean allowUi,
        boolean logoffShared,
        boolean stepThrough,
        WhatIf whatIf,
        Duration timeout,
        boolean strict8Steps,
        Integer rawLogoffFlags) {

    /** A request with computed Logoff flags. */
    public TeardownRequest(
            Plan plan,
            Mode mode,
            boolean allowUi,
            boolean logoffShared,
            boolean stepThrough,
            WhatIf whatIf,
            Duration timeout,
            boolean strict8Steps) {
        this(plan, mode, allowUi, logoffShared, stepThrough, whatIf, timeout, strict8Steps, null);
    }

    /**
     * A request that runs the optional store-logoff step ({@code strict8Steps} false). {@code strict8Steps}
     * true runs only what the seed's "Ending a MAPI Session" names: the documented-elsewhere
     * {@link StepId#STORE_LOGOFF} is left out.
     */
    public TeardownRequest(
            Plan plan,
            Mode mode,
            boolean allowUi,
            boolean logoffShared,
            boolean stepThrough,
            WhatIf whatIf,
            Duration timeout) {
        this(plan, mode, allowUi, logoffShared, stepThrough, whatIf, timeout, false);
    }

    /** Leave out the steps documented outside the seed's 8 (today: store-logoff). */
    public TeardownRequest withStrict8Steps(boolean value) {
        return new TeardownRequest(
                plan, mode, allowUi, logoffShared, stepThrough, whatIf, timeout, value, rawLogoffFlags);
    }

    /**
     * Pass these IMAPISession::Logoff flags as given (unknown bits too) instead of computing them; null
     * computes them again. The CE plan and a critical error still pass 0 (decision 0211).
     */
    public TeardownRequest withRawLogoffFlags(Integer value) {
        return new TeardownRequest(
                plan, mode, allowUi, logoffShared, stepThrough, whatIf, timeout, strict8Steps, value);
    }

    /**
     * Checks that the engine can run this request (its what-ifs name steps the plan has, forced steps can be
     * forced), with the command line's messages.
     *
     * @throws IllegalArgumentException naming what cannot run
     */
    public void validate() {
        TeardownEngine.executedSteps(this);
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public TeardownRequest {
        plan = plan == null ? Plan.DESKTOP : plan;
        mode = mode == null ? Mode.NOW : mode;
        whatIf = whatIf == null ? WhatIf.none() : whatIf;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        if (mode == Mode.CRITICAL_ERROR) {
            // a critical error ends the session at once: nobody may be asked, nothing may pause
            allowUi = false;
            logoffShared = false;
            stepThrough = false;
        }
    }

    /** This plan and mode; no UI, no shared logoff, no step-through, no what-if, the default timeout. */
    public static TeardownRequest of(Plan plan, Mode mode) {
        return new TeardownRequest(plan, mode, false, false, false, WhatIf.none(), DEFAULT_TIMEOUT);
    }

    /**
     * The IMAPISession::Logoff flags this request passes: 0 for the CE plan (its seed calls Logoff(0, 0, 0))
     * and for a critical error; otherwise MAPI_LOGOFF_UI when UI is allowed and MAPI_LOGOFF_SHARED when it
     * was asked for and the session is a shared one this client owns.
     *
     * @param sharedAndOwned whether the session is shared (MAPI_ALLOW_OTHERS) and this client owns it
     */
    public int logoffFlags(boolean sharedAndOwned) {
        if (plan == Plan.CE || mode == Mode.CRITICAL_ERROR) { // fast-shutdown's fallback is the desktop one
            return 0;
        }
        if (rawLogoffFlags != null) {
            return rawLogoffFlags; // as typed: the person's experiment, unknown bits included
        }
        int flags = 0;
        if (allowUi) {
            flags |= MapiFlags.MAPI_LOGOFF_UI;
        }
        if (logoffShared && sharedAndOwned) {
            flags |= MapiFlags.MAPI_LOGOFF_SHARED;
        }
        return flags;
    }

    public TeardownRequest withAllowUi(boolean value) {
        return new TeardownRequest(
                plan, mode, value, logoffShared, stepThrough, whatIf, timeout, strict8Steps, rawLogoffFlags);
    }

    public TeardownRequest withLogoffShared(boolean value) {
        return new TeardownRequest(
                plan, mode, allowUi, value, stepThrough, whatIf, timeout, strict8Steps, rawLogoffFlags);
    }

    public TeardownRequest withStepThrough(boolean value) {
        return new TeardownRequest(
                plan, mode, allowUi, logoffShared, value, whatIf, timeout, strict8Steps, rawLogoffFlags);
    }

    public TeardownRequest withWhatIf(WhatIf value) {
        return new TeardownRequest(
                plan, mode, allowUi, logoffShared, stepThrough, value, timeout, strict8Steps, rawLogoffFlags);
    }

    public TeardownRequest withTimeout(Duration value) {
        return new TeardownRequest(
                plan, mode, allowUi, logoffShared, stepThrough, whatIf, value, strict8Steps, rawLogoffFlags);
    }

    public TeardownRequest withMode(Mode value) {
        return new TeardownRequest(
                plan, value, allowUi, logoffShared, stepThrough, whatIf, timeout, strict8Steps, rawLogoffFlags);
    }

    public TeardownRequest withPlan(Plan value) {
        return new TeardownRequest(
                value, mode, allowUi, logoffShared, stepThrough, whatIf, timeout, strict8Steps, rawLogoffFlags);
    }
}
