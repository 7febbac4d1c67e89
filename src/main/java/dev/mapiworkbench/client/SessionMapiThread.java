package dev.mapiworkbench.client;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mapi.MapiCallThread;
import dev.mapiworkbench.mapi.MapiRuntime;
import java.util.concurrent.Callable;

/**
 * The one MAPI thread of a {@link ClientSession} (decision 0450): logon, browsing, sending, the Outbox reads
 * and every call of the teardown run on it, so MAPIInitialize and MAPIUninitialize come from the same thread
 * (Stephen Griffin's "MAPI Multithreading Rules", docs/rules.md [S10]) and the call records carry its number.
 * On a backend that already makes every call on one thread of its own ({@link MapiRuntime#callsOnOwnThread()},
 * the Windows binding) calls run on the caller's thread and the number is 1: that backend's thread.
 *
 * <p>When a teardown is abandoned because a call on the thread never returned (decision 0200), the thread is
 * {@linkplain #abandon retired}: whatever waits behind the stuck call fails at once, and the next logon gets a
 * new thread with the next number (2, 3, ...), which calls MAPIInitialize itself. A session that ends normally
 * ends its thread; the next logon's thread is number 1 again.
 */
public final class SessionMapiThread implements AutoCloseable {

    private final String namePrefix;
    /** The highest number of a thread that was retired stuck in a call (it may still be alive): never reused. */
    @GuardedBy("this")
    private int retiredUpTo;

    private volatile MapiCallThread thread;

    SessionMapiThread(MapiRuntime backend) {
        this.namePrefix = "mapi-client-" + backend.backendId() + "-";
        this.thread = backend.callsOnOwnThread() ? null : newThread();
    }

    private synchronized MapiCallThread newThread() {
        int n = retiredUpTo + 1;
        return new MapiCallThread(namePrefix + n, n);
    }

    /** Runs {@code work} on the session's MAPI thread (inline when already there, or on a self-marshalling backend). */
    public <T> T call(String api, Callable<T> work) {
        MapiCallThread t = thread;
        return t == null ? MapiCallThread.runInline(api, work) : t.call(api, work);
    }

    /** The number of the thread calls run on now (1 for the first; 1 on a backend with a thread of its own). */
    public int number() {
        MapiCallThread t = thread;
        return t == null ? 1 : t.number();
    }

    /** True when the caller is the session's MAPI thread (always, on a backend with a thread of its own). */
    public boolean isCurrent() {
        MapiCallThread t = thread;
        return t == null || t.isCurrent();
    }

    /** The thread's name as the simulator's thread bookkeeping shows it, or null on a backend with its own thread. */
    public String name() {
        MapiCallThread t = thread;
        return t == null ? null : t.name();
    }

    /** True while a call runs on the thread or waits for it (false on a backend with its own thread). */
    public boolean busy() {
        MapiCallThread t = thread;
        return t != null && t.busy();
    }

    /**
     * A call on the thread never returned and its teardown was abandoned: calls waiting behind it and every
     * later one fail at once with MAPI_E_CALL_FAILED and {@code reason}, until {@link #renewIfRetired()}.
     * False when there is nothing to retire.
     */
    public boolean abandon(String reason) {
        MapiCallThread t = thread;
        return t != null && t.retire(reason);
    }

    /**
     * Before a logon: a thread that ended (its session was logged off, {@link #sessionEnded()}) or was retired is
     * replaced by a new one; returns the number in use. A new thread takes number 1 unless a retired one may still
     * be alive, stuck in its call: then the next number, so two live threads never share one.
     */
    synchronized int renewIfRetired() {
        MapiCallThread t = thread;
        if (t != null && t.ended()) {
            if (t.retiredBecause() != null) {
                retiredUpTo = Math.max(retiredUpTo, t.number());
            }
            thread = newThread();
        }
        return number();
    }

    /**
     * The session was logged off (its teardown ended): the thread ends once what is queued has run, and the next
     * logon gets a new one — one MAPI thread per MAPI session, so a client that logs on and off many times keeps
     * no idle threads.
     */
    void sessionEnded() {
        MapiCallThread t = thread;
        if (t != null) {
            t.close();
        }
    }

    @Override
    public void close() {
        MapiCallThread t = thread;
        if (t != null) {
            t.close();
        }
    }
}
