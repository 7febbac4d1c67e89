package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.RuleSwitches;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scenario's extra client threads (decision 0550): each {@link ThreadSpec} is a real Java thread, besides the
 * session's MAPI thread (decision 0450), that calls the backend's runtime itself (never through the session's
 * thread), so the simulator's per-thread MAPIInitialize bookkeeping sees it as the thread it is. The run drives
 * them in four phases, in this order: {@link #beforeLogon} (threads with {@code start=before-logon}: they are
 * the first to initialise), {@link #afterLogon} (the others), {@link #beforeTeardown} (those with
 * {@code uninit=before} call MAPIUninitialize, those with {@code uninit=never} end without it) and
 * {@link #afterTeardown} (those with {@code uninit=after}). Each phase waits until its threads are done (at most
 * {@link #PHASE_LIMIT_SECONDS} per thread: a call that never returns is recorded as such and left to its daemon
 * thread). Every call is recorded with its thread number, phase and HRESULT ({@link #calls()}).
 *
 * <p>On the simulator the run turns on {@code sim.threadRules=strict} (the consequences of Griffin's rules: a
 * call on a thread that has not initialised fails MAPI_E_NOT_INITIALIZED; the first thread uninitialising early
 * without MAPI_MULTITHREAD_NOTIFICATIONS stops the notifications) until {@link #close()} ends the run. A backend that makes every call on one
 * thread of its own ({@link MapiRuntime#callsOnOwnThread()}, the Windows binding) cannot run them: the threads
 * are not started and {@link #refusal()} says why.
 */
public final class ScenarioThreads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioThreads.class);

    /** The first scenario thread's number in records and traces; the session's MAPI threads count from 1. */
    public static final int FIRST_NUMBER = 101;
    /** How long a phase waits for one thread. */
    public static final long PHASE_LIMIT_SECONDS = 30;
    /** The bytes a {@code MAPIAllocateBuffer} call asks for. */
    static final int BUFFER_BYTES = 64;

    /** The phases of a run, in order. */
    public enum Phase {
        BEFORE_LOGON("before-logon"),
        AFTER_LOGON("after-logon"),
        BEFORE_TEARDOWN("before-teardown"),
        AFTER_TEARDOWN("after-teardown");

        private final String word;

        Phase(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * One call a scenario thread made.
     *
     * @param seq    order among every scenario thread's calls
     * @param number the thread's number ({@link #FIRST_NUMBER} for the first)
     * @param args   argument names to printed values
     * @param detail the failure's message, or null
     */
    public record Call(
            long seq,
            String thread,
            int number,
            Phase phase,
            String api,
            Map<String, String> args,
            String hresult,
            int hresultValue,
            long durationMicros,
            String detail) {
        public Call {
            args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
        }

        /** True when the HRESULT is a failure. */
        public boolean failed() {
            return hresultValue < 0;
        }
    }

    /**
     * A thread's end state: {@code uninitialized} (it called MAPIUninitialize), {@code exited-initialized} (it
     * ended without it), {@code never-initialized} (init=no), {@code stuck} (a call did not return) or
     * {@code running} (its run has not reached its end yet).
     */
    public record Outcome(ThreadSpec spec, int number, String state) {}

    private final List<Worker> workers = new ArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private final List<Call> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile MapiRuntime runtime;
    private volatile String refusal;
    /** The simulator's switches whose strict thread rules this run turned on, or null (close turns them off). */
    private volatile RuleSwitches strictTurnedOn;

    /** Threads for {@code specs} (none started yet). */
    public ScenarioThreads(List<ThreadSpec> specs) {
        check(specs);
        for (int i = 0; i < specs.size(); i++) {
            workers.add(new Worker(specs.get(i), FIRST_NUMBER + i));
        }
    }

    /**
     * Checks that {@code specs} can run together: at most {@link ThreadSpec#MAX_THREADS}, each name once.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static void check(List<ThreadSpec> specs) {
        if (specs.size() > ThreadSpec.MAX_THREADS) {
            throw new IllegalArgumentException("at most " + ThreadSpec.MAX_THREADS + " threads, not " + specs.size());
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ThreadSpec s : specs) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("two threads are named '" + s.name() + "'");
            }
        }
    }

    /** No threads. */
    public static ScenarioThreads none() {
        return new ScenarioThreads(List.of());
    }

    public boolean isEmpty() {
        return workers.isEmpty();
    }

    /** The threads as given. */
    public List<ThreadSpec> specs() {
        return workers.stream().map(w -> w.spec).toList();
    }

    /** Why the threads were not started (a backend with one MAPI thread of its own), or null. */
    public String refusal() {
        return refusal;
    }

    /**
     * Starts the threads with {@code start=before-logon} on {@code session}'s backend (before its logon), after
     * turning the simulator's strict thread rules on; returns when they have made their calls.
     */
    public void beforeLogon(ClientSession session) {
        if (workers.isEmpty()) {
            return;
        }
        MapiRuntime backend = session.backendRuntime();
        if (backend.callsOnOwnThread()) {
            refusal = "the " + backend.backendId() + " backend makes every MAPI call on one thread of its own;"
                    + " the scenario's threads were not started";
            return;
        }
        runtime = backend;
        backend.capability(RuleSwitches.class).ifPresent(r -> {
            if (!r.ruleSettings().strictThreads()) {
                r.applyRules(r.ruleSettings().withStrictThreads(true));
                strictTurnedOn = r;
            }
        });
        startAll(ThreadSpec.Start.BEFORE_LOGON, Phase.BEFORE_LOGON);
    }

    /** Starts the other threads (the session has logged on); returns when they have made their calls. */
    public void afterLogon() {
        startAll(ThreadSpec.Start.AFTER_LOGON, Phase.AFTER_LOGON);
    }

    /** Before the teardown's first step: {@code uninit=before} threads uninitialise, {@code never} ones end. */
    public void beforeTeardown() {
        for (Worker w : workers) {
            if (w.started() && w.spec.uninit() == ThreadSpec.Uninit.BEFORE) {
                w.finish(Phase.BEFORE_TEARDOWN, true);
            } else if (w.started() && w.spec.uninit() == ThreadSpec.Uninit.NEVER) {
                w.finish(Phase.BEFORE_TEARDOWN, false);
            }
        }
    }

    /** After the teardown's last step: {@code uninit=after} threads uninitialise and end. */
    public void afterTeardown() {
        for (Worker w : workers) {
            if (w.started() && w.spec.uninit() == ThreadSpec.Uninit.AFTER) {
                w.finish(Phase.AFTER_TEARDOWN, true);
            }
        }
    }

    /** Every call so far, in the order made. */
    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Each thread's state now. */
    public List<Outcome> outcomes() {
        return workers.stream().map(w -> new Outcome(w.spec, w.number, w.state)).toList();
    }

    /**
     * Ends the run: every thread still waiting for its uninitialise ends (without calling MAPI), and the
     * simulator's strict thread rules go back off when this run turned them on, so that they do not outlive
     * the scenario's run (a later logon in the same window is under the rules it asked for).
     */
    @Override
    public void close() {
        workers.forEach(w -> w.executor.shutdownNow());
        RuleSwitches r = strictTurnedOn;
        strictTurnedOn = null;
        if (r != null) {
            r.applyRules(r.ruleSettings().withStrictThreads(false));
        }
    }

    private void startAll(ThreadSpec.Start start, Phase phase) {
        if (runtime == null) {
            return;
        }
        for (Worker w : workers) {
            if (w.spec.start() == start) {
                w.begin(phase);
            }
        }
    }

    /** One scenario thread: a single-thread executor whose one thread is the scenario's thread. */
    private final class Worker {
        final ThreadSpec spec;
        final int number;
        final ExecutorService executor;
        volatile String state = "running";
        volatile boolean began;

        Worker(ThreadSpec spec, int number) {
            this.spec = spec;
            this.number = number;
            this.executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "scenario thread " + spec.name() + " #" + number);
                t.setDaemon(true);
                return t;
            });
        }

        boolean started() {
            return began && !executor.isShutdown();
        }

        void begin(Phase phase) {
            began = true;
            run(phase, () -> {
                if (spec.initialize()) {
                    call(phase, "MAPIInitialize", Map.of("ulFlags", ThreadSpec.flagText(spec.initFlags())), () -> {
                        runtime.mapiInitialize(new MapiInit(MapiFlags.MAPI_INIT_VERSION, spec.initFlags()));
                        return null;
                    });
                } else {
                    state = "never-initialized";
                }
                for (String api : spec.calls()) {
                    switch (api) {
                        case "MAPIAllocateBuffer" -> allocate(phase);
                        case "MAPILogonEx" -> logon(phase);
                        default -> throw new IllegalStateException(api);
                    }
                }
            });
        }

        void finish(Phase phase, boolean uninitialize) {
            if (uninitialize) {
                run(phase, () -> {
                    call(phase, "MAPIUninitialize", Map.of(), () -> {
                        runtime.mapiUninitialize();
                        return null;
                    });
                    state = spec.initialize() ? "uninitialized" : "never-initialized";
                });
            } else if (!"stuck".equals(state)) {
                state = spec.initialize() ? "exited-initialized" : "never-initialized";
            }
            executor.shutdown(); // the thread ends (with MAPI still initialised when it never uninitialised)
            try {
                if (!executor.awaitTermination(PHASE_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("scenario thread '{}' did not end", spec.name());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void allocate(Phase phase) {
            MapiBuffer b = call(
                    phase,
                    "MAPIAllocateBuffer",
                    Map.of("cbSize", Integer.toString(BUFFER_BYTES)),
                    () -> runtime.mapiAllocateBuffer(BUFFER_BYTES));
            if (b != null) {
                call(phase, "MAPIFreeBuffer", Map.of("lpBuffer", HResult.hex((int) b.address())), () -> {
                    runtime.mapiFreeBuffer(b);
                    return null;
                });
            }
        }

        private void logon(Phase phase) {
            int flags = MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_USE_DEFAULT | MapiFlags.MAPI_NEW_SESSION;
            MapiSession s = call(
                    phase,
                    "MAPILogonEx",
                    Map.of("ulFlags", HResult.hex(flags)),
                    () -> runtime.mapiLogonEx(0, null, null, flags));
            if (s != null) {
                call(phase, "IMAPISession::Logoff", Map.of("ulFlags", HResult.hex(0)), () -> {
                    s.logoff(0, 0, 0);
                    return null;
                });
                call(phase, "IUnknown::Release", Map.of(), () -> {
                    s.release();
                    return null;
                });
            }
        }

        /** Runs {@code work} on this thread and waits for it (bounded). */
        private void run(Phase phase, Runnable work) {
            Future<?> f;
            try {
                f = executor.submit(work);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // the thread has ended
            }
            try {
                f.get(PHASE_LIMIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                state = "stuck";
                LOG.warn(
                        "scenario thread '{}' did not finish its {} calls in {} s",
                        spec.name(),
                        phase.word(),
                        PHASE_LIMIT_SECONDS);
            } catch (ExecutionException e) {
                LOG.warn("scenario thread '{}' failed", spec.name(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private <T> T call(Phase phase, String api, Map<String, String> args, java.util.concurrent.Callable<T> c) {
            long t0 = System.nanoTime();
            HResult hr = HResult.S_OK;
            String detail = null;
            T r = null;
            try {
                r = c.call();
            } catch (MapiException e) {
                hr = e.hresult();
                detail = e.getMessage();
            } catch (Exception e) {
                hr = HResult.MAPI_E_CALL_FAILED;
                detail = String.valueOf(e.getMessage());
            }
            long micros = (System.nanoTime() - t0) / 1000;
            calls.add(new Call(
                    seq.incrementAndGet(),
                    spec.name(),
                    number,
                    phase,
                    api,
                    args,
                    hr.name(),
                    hr.value(),
                    micros,
                    detail));
            return r;
        }
    }
}
