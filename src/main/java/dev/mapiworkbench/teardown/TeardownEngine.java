package dev.mapiworkbench.teardown;

import dev.mapiworkbench.client.ClientListener;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.SessionState;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.ProviderUiHost;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs teardowns: plans them from the client's ledger ({@link TeardownPlanner}), executes the calls off
 * the caller's thread on the injected {@link Executor}, emits {@link TeardownEvent}s, lints the
 * executed trace ({@link OrderLinter}) and produces the {@link Transcript}.
 *
 * <pre>{@code
 * TeardownEngine engine = new TeardownEngine();
 * Teardown t = engine.start(session, TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING).withAllowUi(true),
 *         event -> pump.post(event),                    // any thread: coalesce onto the UI thread
 *         (pending, waited) -> dialog.askTimeoutChoice()); // a CompletionStage<TimeoutChoice>
 * t.result().thenAccept(transcript -> ...);
 * }</pre>
 */
public final class TeardownEngine {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TeardownEngine.class);

    private final Executor executor;
    private final TeardownPlanner planner = new TeardownPlanner();
    private final OrderLinter linter = new OrderLinter();
    private volatile ProviderUiHost.ProviderUi providerUi;
    private volatile dev.mapiworkbench.client.ScenarioThreads scenarioThreads;

    /** An engine that runs each teardown on a new daemon thread named {@code teardown-executor}. */
    public TeardownEngine() {
        this(command -> {
            Thread t = new Thread(command, "teardown-executor");
            t.setDaemon(true);
            t.start();
        });
    }

    /** An engine running on the given executor (tests pass a controlled one). */
    public TeardownEngine(Executor executor) {
        this.executor = executor;
    }

    /**
     * Who answers provider questions during a Logoff with MAPI_LOGOFF_UI (the app's dialog). Null (the
     * default) answers each question with its default choice. Every question and answer is recorded in
     * the transcript either way.
     */
    public void setProviderUi(ProviderUiHost.ProviderUi ui) {
        this.providerUi = ui;
    }

    ProviderUiHost.ProviderUi providerUi() {
        return providerUi;
    }

    /**
     * A scenario's extra client threads (decision 0550): the next teardowns let those with {@code uninit=before}
     * uninitialise (and those with {@code never} end) before their first step, those with {@code uninit=after}
     * after their last, and record the threads, their calls and the thread rules' findings in the transcript.
     * Null (the default) is none.
     */
    public void setScenarioThreads(dev.mapiworkbench.client.ScenarioThreads threads) {
        this.scenarioThreads = threads;
    }

    /** The scenario threads the next teardowns end, or null. */
    public dev.mapiworkbench.client.ScenarioThreads scenarioThreads() {
        return scenarioThreads;
    }

    TeardownPlanner planner() {
        return planner;
    }

    OrderLinter linter() {
        return linter;
    }

    /** The steps the request would run, in executed order, expanded from the session's current ledger. */
    public List<TeardownPlanner.PlannedStep> preview(ClientSession session, TeardownRequest request) {
        int flags = logoffFlags(session, request);
        List<TeardownPlanner.PlannedStep> out = new ArrayList<>();
        for (StepDefinition step : executedSteps(request)) {
            out.add(planner.plan(step, session, request, flags));
        }
        return out;
    }

    /**
     * The steps a request runs, in executed order: flush-outbox first in after-sending mode, then the
     * plan's steps (without store-logoff when {@link TeardownRequest#strict8Steps()}) with the what-if moves
     * applied.
     *
     * @throws IllegalArgumentException when the what-if names a step the plan does not have
     */
    public static List<StepDefinition> executedSteps(TeardownRequest request) {
        List<StepDefinition> steps = new ArrayList<>();
        if (request.mode() == Mode.AFTER_SENDING) {
            steps.add(Plan.FLUSH_OUTBOX);
        }
        List<StepDefinition> planSteps = request.plan().steps();
        if (request.strict8Steps()) {
            planSteps = planSteps.stream()
                    .filter(st -> st.id() != StepId.STORE_LOGOFF)
                    .toList();
        }
        steps.addAll(request.whatIf().apply(planSteps));
        return steps;
    }

    /**
     * The IMAPISession::Logoff flags for a request on this session ({@link TeardownRequest#logoffFlags}: the
     * one place of that rule).
     */
    public static int logoffFlags(ClientSession session, TeardownRequest request) {
        return request.logoffFlags(session.isShared() && session.ownsSharedSession());
    }

    /**
     * Starts a teardown of {@code session}. Returns at once; the work runs on the executor. (In
     * critical-error mode the request itself has UI, MAPI_LOGOFF_SHARED and step-through off.)
     *
     * @param listener        receives every event (may be null)
     * @param timeoutHandler  asked on an after-sending timeout when UI is allowed (null: log off now)
     * @throws IllegalStateException when the session is neither logged on nor failed (e.g. already tearing down)
     * @throws IllegalArgumentException when the what-if names a step the plan does not have
     */
    public Teardown start(
            ClientSession session, TeardownRequest request, TeardownListener listener, TimeoutHandler timeoutHandler) {
        List<StepDefinition> steps = executedSteps(request);
        if (!session.tryBeginTeardown()) {
            throw new IllegalStateException("cannot tear down a session that is " + session.state());
        }
        TeardownRun run = new TeardownRun(this, session, request, steps, listener, timeoutHandler);
        try {
            executor.execute(run);
        } catch (RuntimeException e) {
            session.endTeardown(false);
            throw e;
        }
        return run;
    }

    /**
     * Arms the critical-error path: when the session's advise sink receives fnevCriticalError, a
     * {@link Mode#CRITICAL_ERROR} teardown starts at once (no UI, no MAPI_LOGOFF_SHARED, no step-through,
     * the template's plan and what-if kept) and is handed to {@code started}. Close the returned handle
     * to disarm. Fires at most once per arming.
     */
    public AutoCloseable armCriticalError(
            ClientSession session, TeardownRequest template, TeardownListener listener, Consumer<Teardown> started) {
        AtomicBoolean fired = new AtomicBoolean();
        ClientListener l = new ClientListener() {
            @Override
            public void criticalErrorReceived(Notification.CriticalError error) {
                if (session.state() != SessionState.LOGGED_ON || !fired.compareAndSet(false, true)) {
                    return;
                }
                Teardown t;
                try {
                    t = start(session, template.withMode(Mode.CRITICAL_ERROR), listener, null);
                } catch (IllegalStateException e) {
                    // another teardown took the session between the check and the start: it ends the session
                    LOG.info("critical error during a teardown already running: {}", e.getMessage());
                    return;
                }
                if (started != null) {
                    started.accept(t);
                }
            }
        };
        session.addListener(l);
        return () -> session.removeListener(l);
    }
}
