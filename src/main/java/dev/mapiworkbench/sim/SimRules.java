package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.RuleSwitches;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * The simulator's MAPI behaviours documented outside "Ending a MAPI Session" (docs/mapi-behaviours.md
 * has each source), and their switches ({@link RuleSwitches}). All state is guarded by the runtime
 * lock; the package-private hooks are called with it held.
 *
 * <ul>
 *   <li><b>StoreLogoff hang.</b> pywin32 PR #2196 (https://github.com/mhammond/pywin32/pull/2196): "without
 *   properly shutting down the message store, session logoff and mapi.MAPIUninitialize() might hang
 *   indefinitely". With the switch on, Logoff (and the last MAPIUninitialize) block while a store the
 *   session opened was never StoreLogoff'd: until {@link #releaseBlockedCalls()}, the hang limit, or an
 *   interrupt of the blocked thread (the call then fails MAPI_E_CALL_FAILED, "abandoned"). The runtime
 *   lock is not held while blocked, so the rest of the process stays responsive.</li>
 *   <li><b>Fast shutdown.</b> "Best Practices for Fast Shutdown"
 *   (https://learn.microsoft.com/en-us/previous-versions/office/developer/office-2010/dd941346(v=office.14)):
 *   an administrator's policy makes QueryFastShutdown fail MAPI_E_NO_SUPPORT; after DoFastShutdown no
 *   MAPI call may follow, MAPIUninitialize included (fault {@code call-after-fast-shutdown}).</li>
 *   <li><b>Threads.</b> Stephen Griffin, "MAPI Multithreading Rules"
 *   (https://blogs.msdn.microsoft.com/stephen_griffin/2004/09/24/mapi-multithreading-rules/): every thread
 *   that uses MAPI initialises it; a thread never uninitialises without having initialised; without
 *   MAPI_MULTITHREAD_NOTIFICATIONS the first thread to initialise must uninitialise last, because MAPI's
 *   notification window lives on it: when it goes first, notifications stop.</li>
 *   <li><b>Late notifications.</b> "Timing a Notification"
 *   (https://learn.microsoft.com/en-us/previous-versions/office/developer/office-2010/cc839637(v=office.14)):
 *   "You can receive notifications from an advise source after you have called Unadvise".</li>
 * </ul>
 */
final class SimRules implements RuleSwitches {

    private final SimRuntime rt;
    private final Condition releasedCond;
    private Settings settings;
    private long releaseGeneration;
    private final List<BlockedCall> blocked = new ArrayList<>();
    /** Per session: the stores it opened that were never StoreLogoff'd (released or not). */
    private final IdentityHashMap<SimSession, Set<String>> notLoggedOff = new IdentityHashMap<>();

    private boolean fastShutdownDone;
    private final Map<Thread, ThreadState> threads = new LinkedHashMap<>();
    private int nextThreadNumber = 1;
    private Thread first;

    private static final class ThreadState {
        final int number;
        final String name;
        int count;

        ThreadState(int number, String name) {
            this.number = number;
            this.name = name;
        }
    }

    SimRules(SimRuntime rt, Settings initial) {
        this.rt = rt;
        this.releasedCond = rt.lock.newCondition();
        this.settings = initial;
    }

    // ------------------------------------------------------------------ RuleSwitches

    @Override
    public Settings ruleSettings() {
        rt.lock.lock();
        try {
            return settings;
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public void applyRules(Settings value) {
        java.util.Objects.requireNonNull(value, "settings");
        rt.lock.lock();
        try {
            boolean release = settings.storeLogoffHang() && !value.storeLogoffHang();
            settings = value;
            if (release) {
                releaseLocked();
            }
            releasedCond.signalAll();
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public List<BlockedCall> blockedCalls() {
        rt.lock.lock();
        try {
            return List.copyOf(blocked);
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public void releaseBlockedCalls() {
        rt.lock.lock();
        try {
            releaseLocked();
        } finally {
            rt.lock.unlock();
        }
    }

    private void releaseLocked() {
        releaseGeneration++;
        releasedCond.signalAll();
    }

    @Override
    public List<ThreadInit> threadInits() {
        rt.lock.lock();
        try {
            List<ThreadInit> out = new ArrayList<>();
            threads.forEach((t, s) -> out.add(new ThreadInit(s.name, s.number, s.count, t == first)));
            return out;
        } finally {
            rt.lock.unlock();
        }
    }

    // ------------------------------------------------------------------ every call (lock held)

    /**
     * Fails a call that MAPI would not accept: any call after DoFastShutdown, and, with strict thread
     * rules, a call from a thread that has not called MAPIInitialize (the notification thread is MAPI's own).
     */
    void checkCall(String api) {
        refuseAfterFastShutdown(api);
        if (settings.strictThreads() && !initializedHere() && !rt.notifier.isNotificationThread()) {
            throw new MapiException(
                    HResult.MAPI_E_NOT_INITIALIZED,
                    api,
                    "thread '" + Thread.currentThread().getName()
                            + "' has not called MAPIInitialize (every thread that uses MAPI must: Griffin's rule 1)");
        }
    }

    /** After DoFastShutdown: records the fault and fails the call (MAPIInitialize and MAPIUninitialize included). */
    void refuseAfterFastShutdown(String api) {
        if (fastShutdownDone) {
            rt.fault(
                    "call-after-fast-shutdown",
                    api + " was called after IMAPIClientShutdown::DoFastShutdown;"
                            + " no MAPI call may follow it, not even MAPIUninitialize (Best Practices for Fast Shutdown)",
                    false);
            throw new MapiException(
                    HResult.MAPI_E_CALL_FAILED, api, "DoFastShutdown was called: the client must not call MAPI again");
        }
    }

    /** Release is always accepted, but after DoFastShutdown it is recorded as a call that should not have been made. */
    void noteRelease(String api) {
        if (fastShutdownDone) {
            rt.fault(
                    "call-after-fast-shutdown",
                    api + " was called after IMAPIClientShutdown::DoFastShutdown;"
                            + " no MAPI call may follow it (Best Practices for Fast Shutdown)",
                    false);
        }
    }

    private boolean initializedHere() {
        ThreadState s = threads.get(Thread.currentThread());
        return s != null && s.count > 0;
    }

    // ------------------------------------------------------------------ threads (lock held)

    /** A MAPIInitialize on the current thread succeeded; {@code firstOfCycle} when the count was 0. */
    void initialized(boolean firstOfCycle) {
        ThreadState s = state(Thread.currentThread());
        s.count++;
        if (firstOfCycle) {
            first = Thread.currentThread();
        }
    }

    /**
     * A MAPIUninitialize on the current thread, before the global count changes. Returns false when the
     * call must not count: with strict thread rules, a thread that never initialised (rule 3). Without
     * strict rules (the default: the Workbench's own client initialises on one thread and tears down on
     * another) this is bookkeeping only.
     */
    boolean uninitializing(boolean multithreadNotifications) {
        Thread t = Thread.currentThread();
        ThreadState s = threads.get(t);
        if (s == null || s.count == 0) {
            if (!settings.strictThreads()) {
                return true; // lenient (the default): bookkeeping only, the global count decides
            }
            rt.fault(
                    "thread-uninitialize-without-initialize",
                    "thread '" + t.getName() + "' called MAPIUninitialize"
                            + " without having called MAPIInitialize (Griffin's MAPI multithreading rules: crashes or"
                            + " \"mysterious\" errors follow); the call was not counted",
                    false);
            return false;
        }
        s.count--;
        if (settings.strictThreads()
                && s.count == 0
                && t == first
                && !multithreadNotifications
                && othersInitialized(t)) {
            rt.fault(
                    "first-thread-uninitialized-early",
                    "thread '" + t.getName() + "', the first to call"
                            + " MAPIInitialize, uninitialised while other threads still use MAPI, without"
                            + " MAPI_MULTITHREAD_NOTIFICATIONS: the notification window went with it and notifications stop"
                            + " (Griffin's MAPI multithreading rules, rule 4)",
                    false);
            rt.notifier.stop();
        }
        return true;
    }

    /** The last MAPIUninitialize ended the cycle: the counts start again with the next MAPIInitialize. */
    void cycleEnded() {
        threads.values().forEach(s -> s.count = 0);
        first = null;
    }

    private boolean othersInitialized(Thread self) {
        for (Map.Entry<Thread, ThreadState> e : threads.entrySet()) {
            if (e.getKey() != self && e.getValue().count > 0) {
                return true;
            }
        }
        return false;
    }

    private ThreadState state(Thread t) {
        return threads.computeIfAbsent(t, k -> new ThreadState(nextThreadNumber++, k.getName()));
    }

    // ------------------------------------------------------------------ StoreLogoff (lock held)

    void storeOpened(SimSession session, SimMsgStore store) {
        notLoggedOff.computeIfAbsent(session, s -> new LinkedHashSet<>()).add(key(store));
    }

    void storeLoggedOff(SimSession session, SimMsgStore store) {
        Set<String> set = notLoggedOff.get(session);
        if (set != null) {
            set.remove(key(store));
        }
    }

    void sessionEnded(SimSession session) {
        notLoggedOff.remove(session);
    }

    private static String key(SimMsgStore store) {
        return store.displayName() + " (" + store.hexHandle() + ")";
    }

    /**
     * Blocks {@code api} while the hang switch is on and {@code session} (null: any session) opened a store
     * it never StoreLogoff'd. Returns at once otherwise. The lock is released while blocked.
     *
     * @throws MapiException MAPI_E_CALL_FAILED when the blocked thread is interrupted (the call is abandoned)
     */
    void awaitStoreLogoffs(SimSession session, String api) {
        if (!settings.storeLogoffHang()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        notLoggedOff.forEach((s, stores) -> {
            if (session == null || s == session) {
                missing.addAll(stores);
            }
        });
        if (missing.isEmpty()) {
            return;
        }
        String reason = "waiting for IMsgStore::StoreLogoff on " + String.join(", ", missing)
                + " (pywin32 PR #2196: Logoff and MAPIUninitialize might hang indefinitely without it)";
        rt.fault(
                "hang-without-storelogoff",
                api + " blocked: " + String.join(", ", missing) + " never StoreLogoff'd",
                false);
        BlockedCall call = new BlockedCall(api, Thread.currentThread().getName(), reason, Instant.now());
        blocked.add(call);
        long generation = releaseGeneration;
        long limitNanos =
                settings.hangLimit() == null ? -1 : settings.hangLimit().toNanos();
        long deadline = System.nanoTime() + limitNanos;
        try {
            while (settings.storeLogoffHang() && generation == releaseGeneration) {
                if (limitNanos < 0) {
                    releasedCond.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    releasedCond.await(left, TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MapiException(HResult.MAPI_E_CALL_FAILED, api, "abandoned while blocked " + reason);
        } finally {
            blocked.remove(call);
        }
        // the hang resolved: the stores count as logged off from here on
        notLoggedOff.forEach((s, stores) -> {
            if (session == null || s == session) {
                stores.clear();
            }
        });
    }

    // ------------------------------------------------------------------ fast shutdown (lock held)

    boolean fastShutdownDisabled() {
        return settings.fastShutdownDisabled();
    }

    /** DoFastShutdown succeeded: the process is about to exit; the spoolers and the notification thread stop. */
    void fastShutdownDone() {
        fastShutdownDone = true;
        rt.endForFastShutdown();
    }

    // ------------------------------------------------------------------ late notifications (lock held)

    /**
     * After a successful Unadvise with the switch on, or with a {@code late-notify} fault injected on the call
     * ({@code injected}; "Timing a Notification": a sink may still be called after a successful Unadvise): one
     * more notification of an event type the connection asked for (never fnevCriticalError, which would make
     * a client log off; an injected fault on a connection that asked for none of them sends
     * fnevObjectModified), on the notification thread, after the Unadvise returned. The one way the simulator
     * sends a late notification.
     */
    void unadvised(Advise a, boolean injected) {
        if (!injected && !settings.lateNotifications()) {
            return;
        }
        Notification late = lateNotification(a);
        if (late == null && injected) {
            late = new Notification.ObjectEvent(EventType.fnevObjectModified, a.filter(), 0, null, null, null);
        }
        if (late != null) {
            rt.notifier.post(a.sink(), List.of(late));
        }
    }

    private static Notification lateNotification(Advise a) {
        if (a.wants(EventType.fnevTableModified)) {
            return new Notification.TableEvent(1 /* TABLE_CHANGED, MAPIDefS.h:822 */, HResult.S_OK, null, null);
        }
        for (int bit : new int[] {
            EventType.fnevObjectModified,
            EventType.fnevObjectCreated,
            EventType.fnevObjectDeleted,
            EventType.fnevNewMail
        }) {
            if (a.wants(bit)) {
                return bit == EventType.fnevNewMail
                        ? new Notification.NewMail(a.filter(), null, "IPM.Note", 0)
                        : new Notification.ObjectEvent(bit, a.filter(), 0, null, null, null);
            }
        }
        return null;
    }
}
