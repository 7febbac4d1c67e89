package dev.mapiworkbench.mapi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The one thread that makes every MAPI call of its owner: the Windows binding's runtime (decision 0050) or a
 * client session on a backend that does not marshal calls itself, the simulator (decision 0450). Stephen
 * Griffin's "MAPI Multithreading Rules" (docs/rules.md [S10]) are about threads: the thread that calls
 * MAPIInitialize is the one that must call MAPIUninitialize, so one thread for the whole session keeps them.
 *
 * <p>Callers block on a future; a call made on the thread itself (e.g. from a callback, or a teardown step
 * already running here) runs inline. A thread stuck in a call that never returns can be {@linkplain
 * #retire(String) retired}: calls queued behind it and every later call fail at once with
 * {@code MAPI_E_CALL_FAILED} naming the reason, so nobody else waits for it; the stuck call is left to its
 * (daemon) thread. A thread the application marks as one that must never wait ({@link #setMustNotWait}: the
 * FX thread) is refused at once instead of blocking.
 */
public final class MapiCallThread implements AutoCloseable {

    private static final ThreadLocal<MapiCallThread> CURRENT = new ThreadLocal<>();
    private static volatile Predicate<Thread> mustNotWait = t -> false;

    private final String name;
    private final int number;
    private final ThreadPoolExecutor executor;
    private volatile String retiredBecause;

    /**
     * @param name   the thread's name (as the simulator's thread bookkeeping and a stack dump show it)
     * @param number the thread's number in traces ({@code mapi-workbench/trace/v1} {@code "thread"}, 1 for the first)
     */
    public MapiCallThread(String name, int number) {
        this.name = name;
        this.number = number;
        this.executor = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(
                    () -> {
                        CURRENT.set(this);
                        r.run();
                    },
                    name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Marks the threads that must never wait for a MAPI thread (the app passes the FX thread's test): a call
     * from one of them that would have to wait fails at once with {@code MAPI_E_CALL_FAILED} and a message
     * saying so, so a window can never freeze behind a MAPI call. Null resets it (no thread is marked).
     */
    public static void setMustNotWait(Predicate<Thread> test) {
        mustNotWait = test == null ? t -> false : test;
    }

    /** The MAPI thread the current thread is, or null when it is none. */
    public static MapiCallThread current() {
        return CURRENT.get();
    }

    public String name() {
        return name;
    }

    /** The thread's number in traces and call records. */
    public int number() {
        return number;
    }

    /** True when the caller is this MAPI thread. */
    public boolean isCurrent() {
        return CURRENT.get() == this;
    }

    /** Why the thread was retired, or null while it takes calls. */
    public String retiredBecause() {
        return retiredBecause;
    }

    /**
     * Runs {@code work} on the MAPI thread and returns its result; a MAPI failure propagates as thrown (other
     * checked exceptions become {@code MAPI_E_CALL_FAILED}).
     *
     * @param api what is called, for the message of a failure of the thread itself ({@code IMAPISession::Logoff})
     * @throws MapiException MAPI_E_CALL_FAILED when the thread was retired or closed, when the caller must not
     *     wait ({@link #setMustNotWait}), or when the caller is interrupted while waiting
     */
    public <T> T call(String api, Callable<T> work) {
        if (isCurrent()) {
            return runInline(api, work);
        }
        String retired = retiredBecause;
        if (retired != null) {
            throw retired(api, retired);
        }
        if (mustNotWait.test(Thread.currentThread())) {
            throw new MapiException(
                    HResult.MAPI_E_CALL_FAILED,
                    api,
                    "called on thread '" + Thread.currentThread().getName() + "', which must never wait for the MAPI"
                            + " thread (the window would freeze): MAPI work belongs on a background thread");
        }
        Future<T> future;
        try {
            future = executor.submit(work);
        } catch (RejectedExecutionException e) {
            String why = retiredBecause;
            throw why != null
                    ? retired(api, why)
                    : new MapiException(HResult.MAPI_E_CALL_FAILED, api, name + " has ended");
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new MapiException(HResult.MAPI_E_CALL_FAILED, api, String.valueOf(cause));
        } catch (CancellationException e) {
            String why = retiredBecause;
            throw retired(api, why == null ? "the call was cancelled" : why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MapiException(HResult.MAPI_E_CALL_FAILED, api, "interrupted while waiting for " + name);
        }
    }

    /**
     * Gives up on this thread (a call on it never returned): the calls queued behind that call and every later
     * call fail at once with MAPI_E_CALL_FAILED and {@code reason}; the call in progress is left to finish on
     * the (daemon) thread, which then ends. False when it was already retired.
     */
    public boolean retire(String reason) {
        synchronized (this) {
            if (retiredBecause != null) {
                return false;
            }
            retiredBecause = reason == null ? name + " was abandoned" : reason;
        }
        executor.shutdown();
        List<Runnable> queued = new ArrayList<>();
        executor.getQueue().drainTo(queued);
        for (Runnable r : queued) {
            if (r instanceof Future<?> f) {
                f.cancel(false);
            }
        }
        return true;
    }

    /** True once the thread was closed or retired (it takes no more calls). */
    public boolean ended() {
        return retiredBecause != null || executor.isShutdown();
    }

    /** True while a call is running on the thread (or waiting to). */
    public boolean busy() {
        return executor.getActiveCount() > 0 || !executor.getQueue().isEmpty();
    }

    private MapiException retired(String api, String why) {
        return new MapiException(HResult.MAPI_E_CALL_FAILED, api, name + " no longer takes calls: " + why);
    }

    /** Runs {@code work} on the caller's thread: MAPI failures as thrown, other checked exceptions as MAPI_E_CALL_FAILED. */
    public static <T> T runInline(String api, Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MapiException(HResult.MAPI_E_CALL_FAILED, api, e.toString());
        }
    }

    /** Ends the thread once the calls already queued have run; later calls fail. */
    @Override
    public void close() {
        executor.shutdown();
    }

    @Override
    public String toString() {
        return name + " (thread " + number + (retiredBecause == null ? "" : ", retired") + ")";
    }
}
