package dev.mapiworkbench.teardown;

import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.trace.TraceCall;
import dev.mapiworkbench.trace.TraceLedger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The threads rules of {@link TraceLinter}'s pass (Stephen Griffin, "MAPI Multithreading Rules", docs/rules.md
 * [S10]): {@code thread-uninitialize-without-initialize} (rule 3), {@code first-thread-uninitialized-early}
 * (rule 4, without MAPI_MULTITHREAD_NOTIFICATIONS) and {@code thread-exited-initialized} (rule 2, the end of
 * the calls taken as the end of every thread). They read the per-thread MAPIInitialize counts of the pass's
 * {@link TraceLedger}; the pass calls them in call order, around the ledger's own update.
 */
final class ThreadRules {

    private final TraceLinter.Sink sink;
    private Integer firstThread;
    private boolean multithreadNotifications;
    private final Set<Integer> mapiThreads = new LinkedHashSet<>();
    private long mapiInits;

    ThreadRules(TraceLinter.Sink sink) {
        this.sink = sink;
    }

    /** A MAPIInitialize, before the ledger counts it. */
    void initialize(TraceCall c) {
        if (c.failed()) {
            return;
        }
        mapiInits++;
        if (firstThread == null) {
            firstThread = c.thread();
            multithreadNotifications = (initFlags(c) & MapiFlags.MAPI_MULTITHREAD_NOTIFICATIONS) != 0;
        }
        mapiThreads.add(c.thread());
    }

    /** A MAPIUninitialize, before the ledger counts it: rule 3. */
    void uninitializing(TraceCall c, TraceLedger ledger) {
        if (ledger.initCount(c.thread(), TraceLedger.Lib.MAPI) == 0 && mapiInits > 0) {
            sink.add(
                    RuleCatalogue.THREAD_UNINIT_WITHOUT_INIT,
                    "thread " + c.thread() + " called "
                            + "MAPIUninitialize without having called MAPIInitialize; MAPI may clean up while "
                            + "other threads still use it (crashes or 'mysterious' errors)",
                    c.seq());
        }
    }

    /** A MAPIUninitialize, after the ledger counted it: rule 4. */
    void uninitialized(TraceCall c, TraceLedger ledger) {
        if (firstThread != null
                && !multithreadNotifications
                && c.thread() == firstThread
                && ledger.initCount(firstThread, TraceLedger.Lib.MAPI) == 0) {
            List<Integer> others = ledger.threads().stream()
                    .filter(t -> t != c.thread())
                    .filter(t -> ledger.initCount(t, TraceLedger.Lib.MAPI) > 0)
                    .toList();
            if (!others.isEmpty()) {
                sink.add(
                        RuleCatalogue.FIRST_THREAD_UNINIT_EARLY,
                        "thread " + firstThread + ", the first to initialise "
                                + "MAPI (without MAPI_MULTITHREAD_NOTIFICATIONS), uninitialised while thread"
                                + (others.size() == 1 ? " " : "s ") + others + " still had MAPI initialised; the "
                                + "notification machinery tied to it goes away (a crash on the next notification)",
                        c.seq());
            }
        }
    }

    /** The end of the calls: rule 2, only when more than one thread initialised MAPI (docs/rules.md). */
    void finish(TraceLedger ledger, boolean cancelled, long lastSeq) {
        if (cancelled || mapiThreads.size() <= 1) {
            return;
        }
        for (int t : ledger.threads()) {
            if (ledger.initCount(t, TraceLedger.Lib.MAPI) > 0) {
                sink.add(
                        RuleCatalogue.THREAD_EXITED_INITIALIZED,
                        "thread " + t + " ended with MAPI initialised "
                                + TraceLinter.times(ledger.initCount(t, TraceLedger.Lib.MAPI)) + " (no matching "
                                + "MAPIUninitialize; a memory leak)",
                        lastSeq);
            }
        }
    }

    /** Successful MAPIInitialize calls so far. */
    long mapiInits() {
        return mapiInits;
    }

    private static int initFlags(TraceCall c) {
        Object init = c.args().get("lpMapiInit");
        if (init instanceof Map<?, ?>) {
            return c.flagArg("lpMapiInit");
        }
        return c.flagArg("ulFlags");
    }
}
