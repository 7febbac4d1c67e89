package dev.mapiworkbench.app.cli;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.mapi.CriticalErrorInjector;
import dev.mapiworkbench.mapi.FlagSet;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.teardown.CallWatchdog;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.StepRecord;
import dev.mapiworkbench.teardown.StepStatus;
import dev.mapiworkbench.teardown.Teardown;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownEvent;
import dev.mapiworkbench.teardown.TeardownListener;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.Transcript;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The headless logoff: the teardown the request asks for (in critical-error mode: fnevCriticalError raised on the
 * session, the armed engine starting the teardown), each step, wait item and provider question reported as a
 * progress line.
 */
final class HeadlessTeardown {

    private final Consumer<String> progress;
    private final Consumer<String> error;
    private final CallTimeoutOption callTimeout;
    private final double timeoutSeconds;

    /**
     * {@code progress}: one line of progress (stderr); {@code error}: one error line; {@code callTimeout} and
     * {@code timeoutSeconds} (the after-sending wait): when the watchdog gives up on a blocked call.
     */
    HeadlessTeardown(
            Consumer<String> progress, Consumer<String> error, CallTimeoutOption callTimeout, double timeoutSeconds) {
        this.progress = progress;
        this.error = error;
        this.callTimeout = callTimeout;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Runs the teardown to its end and returns its transcript (a blocked call gives up after --call-timeout). */
    Transcript run(TeardownEngine engine, ClientSession session, TeardownRequest req) {
        progress("logging off: plan " + req.plan().id() + ", mode " + req.mode().id()
                + (req.allowUi() ? ", UI allowed" : ", no UI")
                + (req.strict8Steps() ? ", strict 8 steps (no store-logoff)" : "")
                + (req.rawLogoffFlags() == null
                        ? ""
                        : ", Logoff flags " + FlagSet.LOGOFF.format(req.rawLogoffFlags()) + " as given"));
        try (CallWatchdog watchdog = callTimeout.watchdog(timeoutSeconds)) {
            Transcript t = teardown(
                    engine,
                    session,
                    req,
                    e -> {
                        watchdog.onEvent(e);
                        onEvent(e);
                    },
                    watchdog::watch);
            if (watchdog.blocker() != null && Transcript.ABANDONED.equals(t.outcome())) {
                error.accept("gave up: " + watchdog.blocker());
            }
            return t;
        }
    }

    @SuppressWarnings("try") // the resource is held for its scope: closing it disarms the critical error
    private Transcript teardown(
            TeardownEngine engine,
            ClientSession session,
            TeardownRequest req,
            TeardownListener listener,
            Consumer<Teardown> started) {
        Optional<CriticalErrorInjector> injector =
                req.mode() == Mode.CRITICAL_ERROR ? session.capability(CriticalErrorInjector.class) : Optional.empty();
        if (injector.isEmpty()) {
            if (req.mode() == Mode.CRITICAL_ERROR) {
                progress("this backend cannot raise a critical error; tearing down in critical-error mode directly");
            }
            Teardown td = engine.start(session, req, listener, null);
            started.accept(td);
            return td.result().join();
        }
        CompletableFuture<Teardown> armed = new CompletableFuture<>();
        try (AutoCloseable arm = engine.armCriticalError(session, req, listener, t -> {
            started.accept(t);
            armed.complete(t);
        })) {
            progress("raising fnevCriticalError on the session");
            injector.get()
                    .raiseCriticalError(
                            session.mapiSession(),
                            HResult.MAPI_E_END_OF_SESSION,
                            "injected by --logoff critical-error");
            Teardown t = armed.get(30, TimeUnit.SECONDS);
            return t.result().join();
        } catch (Exception e) {
            throw new IllegalStateException("the critical error did not start a teardown: " + e.getMessage(), e);
        }
    }

    private void onEvent(TeardownEvent e) {
        if (e instanceof TeardownEvent.StepFinished f) {
            StepRecord s = f.step();
            progress(String.format(
                    Locale.ROOT,
                    "step %d %-18s %s%s",
                    s.index(),
                    s.id(),
                    s.status().id(),
                    s.reason() == null ? "" : ": " + s.reason()));
            if (s.status() != StepStatus.SKIPPED) {
                s.calls().forEach(c -> progress("    " + c.describe()));
            }
        } else if (e instanceof TeardownEvent.WaitProgress w && w.item() != null) {
            progress("  '" + w.item().subject() + "' " + w.item().state().name().toLowerCase(Locale.ROOT)
                    + (w.item().reason() == null ? "" : " (" + w.item().reason() + ")") + "; "
                    + w.pendingCount() + " still queued");
        } else if (e instanceof TeardownEvent.WaitTimedOut w) {
            progress("  timed out with " + w.pending().size() + " queued: " + w.choice());
        } else if (e instanceof TeardownEvent.ProviderPrompt p) {
            progress("  provider asked: " + p.prompt().question() + " -> "
                    + p.prompt().answer());
        }
    }

    private void progress(String line) {
        progress.accept(line);
    }
}
