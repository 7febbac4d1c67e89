package dev.mapiworkbench.teardown;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.mapi.ProviderUiHost;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs teardowns: plans them from the client's ledger ({@link TeardownPlanner}), executes the calls off
 * the caller's thread on the injected {@link Executor}, emits {@link TeardownEvent}s, lints the
 * executed trace ({@link OrderLinter}) and produces the {@link Transcript}.
 */
public final class TeardownEngine {

    private final Executor executor;
    private volatile ProviderUiHost.ProviderUi providerUi;

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

    /** The steps the request would run, expanded from the session's current ledger (nothing is called). */
    public List<TeardownPlanner.PlannedStep> preview(ClientSession session, TeardownRequest request) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Starts a teardown of {@code session}. Returns at once; the work runs on the executor.
     *
     * @param listener        receives every event (may be null)
     * @param timeoutHandler  asked on an after-sending timeout when UI is allowed (null: log off now)
     * @throws IllegalStateException when the session is not logged on (or failed) or already tearing down
     */
    public Teardown start(ClientSession session, TeardownRequest request, TeardownListener listener,
                          TimeoutHandler timeoutHandler) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Arms the critical-error path: when the session's advise sink receives fnevCriticalError, a
     * {@link Mode#CRITICAL_ERROR} teardown starts at once (no UI, no MAPI_LOGOFF_SHARED, no step-through,
     * the template's plan and what-if kept) and is handed to {@code started}. Close the returned handle
     * to disarm. Fires at most once per arming.
     */
    public AutoCloseable armCriticalError(ClientSession session, TeardownRequest template, TeardownListener listener,
                                          Consumer<Teardown> started) {
        throw new UnsupportedOperationException("not yet");
    }
}
