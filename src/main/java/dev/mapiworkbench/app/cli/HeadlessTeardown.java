package dev.mapiworkbench.app.cli;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.mapi.CriticalErrorInjector;
import dev.mapiworkbench.mapi.FlagSet;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.StepRecord;
import dev.mapiworkbench.teardown.StepStatus;
import dev.mapiworkbench.teardown.Teardown;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownEvent;
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

    /** {@code progress}: one line of progress (stderr). */
    HeadlessTeardown(Consumer<String> progress) {
        this.progress = progress;
    }

    /** Runs the teardown to its end and returns its transcript. */
    @SuppressWarnings("try") // the resource is held for its scope: closing it disarms the critical error
    Transcript run(TeardownEngine engine, ClientSession session, TeardownRequest req) {
        progress("logging off: plan " + req.plan().id() + ", mode " + req.mode().id()
                + (req.allowUi() ? ", UI allowed" : ", no UI")
                + (req.strict8Steps() ? ", strict 8 steps (no store-logoff)" : "")
                + (req.rawLogoffFlags() == null
                        ? ""
                        : ", Logoff flags " + FlagSet.LOGOFF.format(req.rawLogoffFlags()) + " as given"));
        if (req.mode() != Mode.CRITICAL_ERROR) {
            return engine.start(session, req, this::onEvent, null).result().join();
        }
        CompletableFuture<Teardown> started = new CompletableFuture<>();
        Optional<CriticalErrorInjector> injector = session.capability(CriticalErrorInjector.class);
        if (injector.isEmpty()) {
            progress("this backend cannot raise a critical error; tearing down in critical-error mode directly");
            return engine.start(session, req, this::onEvent, null).result().join();
        }
        try (AutoCloseable arm = engine.armCriticalError(session, req, this::onEvent, started::complete)) {
            progress("raising fnevCriticalError on the session");
            injector.get()
                    .raiseCriticalError(
                            session.mapiSession(),
                            HResult.MAPI_E_END_OF_SESSION,
                            "injected by --logoff critical-error");
            Teardown t = started.get(30, TimeUnit.SECONDS);
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
                    + w.pending().size() + " still queued");
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
