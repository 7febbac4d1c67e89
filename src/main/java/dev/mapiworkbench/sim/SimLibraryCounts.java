package dev.mapiworkbench.sim;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;

/**
 * The reference counts of the two libraries a MAPI client also initialises: OLE (OleInitialize /
 * OleUninitialize) and the MAPI utility library (ScInitMapiUtil / DeinitMapiUtil), and the one rule that ties
 * OLE to MAPI: OleUninitialize must precede the last MAPIUninitialize when OleInitialize was called ("Ending a
 * MAPI Session", step 7, https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/ending-a-mapi-session),
 * else the fatal fault {@code ungraceful-termination}. Unbalanced calls are faults, not errors.
 *
 * <p>State guarded by the runtime's lock, taken explicitly so Error Prone checks it (decision 0400).
 */
final class SimLibraryCounts {

    private final SimRuntime rt;

    @GuardedBy("rt.lock")
    private int oleCount;

    @GuardedBy("rt.lock")
    private int utilCount;

    /** The last MAPIUninitialize ran while OLE was still initialised. */
    @GuardedBy("rt.lock")
    private boolean mapiEndedUnderOle;

    SimLibraryCounts(SimRuntime rt) {
        this.rt = rt;
    }

    void scInitMapiUtil(int flags) {
        rt.lock.lock();
        try {
            if (flags != 0) {
                throw new MapiException(
                        HResult.MAPI_E_INVALID_PARAMETER,
                        "ScInitMapiUtil",
                        "ulFlags must be 0, was " + HResult.hex(flags));
            }
            utilCount++;
        } finally {
            rt.lock.unlock();
        }
    }

    void deinitMapiUtil() {
        rt.lock.lock();
        try {
            if (utilCount == 0) {
                rt.fault("deinit-without-init", "DeinitMapiUtil called without a matching ScInitMapiUtil", false);
                return;
            }
            utilCount--;
        } finally {
            rt.lock.unlock();
        }
    }

    HResult oleInitialize() {
        rt.lock.lock();
        try {
            return oleCount++ == 0 ? HResult.S_OK : HResult.S_FALSE;
        } finally {
            rt.lock.unlock();
        }
    }

    void oleUninitialize() {
        rt.lock.lock();
        try {
            if (oleCount == 0) {
                rt.fault("ole-uninitialize-unbalanced", "OleUninitialize without a matching OleInitialize", false);
                return;
            }
            oleCount--;
            if (mapiEndedUnderOle && rt.initCount == 0) {
                mapiEndedUnderOle = false;
                rt.fault(
                        "ungraceful-termination",
                        "OleUninitialize was called after the last MAPIUninitialize; "
                                + "OleUninitialize must precede MAPIUninitialize when OleInitialize was called "
                                + "(Ending a MAPI Session, step 7): the client might terminate ungracefully",
                        true);
            }
        } finally {
            rt.lock.unlock();
        }
    }

    /** The first MAPIInitialize of a cycle (the caller may hold the lock: it is reentrant). */
    void mapiStarted() {
        rt.lock.lock();
        try {
            mapiEndedUnderOle = false;
        } finally {
            rt.lock.unlock();
        }
    }

    /** The last MAPIUninitialize of a cycle (the caller may hold the lock: it is reentrant). */
    void mapiEnded() {
        rt.lock.lock();
        try {
            if (oleCount > 0) {
                mapiEndedUnderOle = true;
            }
        } finally {
            rt.lock.unlock();
        }
    }

    int oleCount() {
        rt.lock.lock();
        try {
            return oleCount;
        } finally {
            rt.lock.unlock();
        }
    }

    int utilCount() {
        rt.lock.lock();
        try {
            return utilCount;
        } finally {
            rt.lock.unlock();
        }
    }
}
