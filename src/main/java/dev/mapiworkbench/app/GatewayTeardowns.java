package dev.mapiworkbench.app;

import dev.mapiworkbench.app.scenario.Replays;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.mapi.FaultControl;
import dev.mapiworkbench.mapi.SharedSessionControl;
import dev.mapiworkbench.mapi.TransportControl;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.CallRecord;
import dev.mapiworkbench.teardown.RunTrace;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.Teardown;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptFiles;
import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.ui.TeardownGateway;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's teardowns ({@link ClientGateway#startTeardown}): the engine started on the client with the
 * events bridged to the panel ({@link TeardownEventBridge}), the finished transcript recorded with how the run
 * was set up ({@link Replays#record}) before the window hears of the end and saved to the profile's history
 * after it, on the engine's thread (decision 0841: the end does not wait for the JSON and the file), and the
 * handle the panel steers the run with. A save not done yet is waited for by {@link #awaitSaves} (the gateway's
 * close, so an exit right after the end loses nothing).
 */
final class GatewayTeardowns {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayTeardowns.class);

    private final GatewayContext context;
    private final ClientSession client;
    private final Object savesLock = new Object();
    /** The history saves due (the run finished) and not done yet. */
    @com.google.errorprone.annotations.concurrent.GuardedBy("savesLock")
    private int savesDue;

    GatewayTeardowns(GatewayContext context) {
        this.context = context;
        this.client = context.client();
    }

    /** Starts the teardown {@code request} describes; {@code events} hear of it; the handle steers it. */
    TeardownGateway.RunningTeardown start(TeardownRequest request, TeardownGateway.TeardownEvents events) {
        CompletableFuture<Optional<Path>> saved = new CompletableFuture<>();
        AtomicReference<Transcript> finished = new AtomicReference<>();
        Replays.Setup setup = setup(request);
        // the logon part of the own trace (docs/trace.md): read on the run's thread when it starts, before its first
        // call, with the run's own baseline; not on the FX thread at the press (a 10k-object ledger, decision 0844)
        AtomicReference<RunTrace.Start> traceStart = new AtomicReference<>();
        TeardownEventBridge bridge = new TeardownEventBridge(
                        events,
                        t -> {
                            dev.mapiworkbench.client.ScenarioThreads threads =
                                    context.engine().scenarioThreads();
                            if (threads != null) {
                                // ended by this run (decision 0550): its strict thread
                                // rules end with it
                                context.engine().setScenarioThreads(null);
                                threads.close();
                            }
                            finished.set(t.withRun(Replays.record(setup, t)));
                            synchronized (savesLock) {
                                savesDue++; // due from now: awaitSaves waits for it
                            }
                        },
                        t -> {
                            try {
                                Transcript recorded = finished.get();
                                saved.complete(Optional.ofNullable(recorded == null ? null : saveToHistory(recorded)));
                            } finally {
                                saved.complete(Optional.empty()); // whatever went wrong
                                synchronized (savesLock) {
                                    savesDue--;
                                    savesLock.notifyAll();
                                }
                            }
                        },
                        context.changed())
                .withTransport(this::transport);
        Teardown teardown = context.engine()
                .start(
                        client,
                        request,
                        event -> {
                            if (event instanceof dev.mapiworkbench.teardown.TeardownEvent.Started) {
                                try {
                                    traceStart.set(RunTrace.capture(client));
                                } catch (RuntimeException e) {
                                    LOG.warn("the own trace's logon part could not be read", e);
                                }
                            }
                            bridge.onEvent(event);
                        },
                        (pending, waited) -> events.askTimeout(pending.size(), waited.toSeconds()));
        return new TeardownGateway.RunningTeardown() {
            @Override
            public CompletionStage<Optional<Path>> saved() {
                return saved.copy();
            }

            @Override
            public void proceed() {
                teardown.proceed();
            }

            @Override
            public void cancelWait() {
                teardown.cancelWait();
            }

            @Override
            public void abandon() {
                teardown.abandon();
            }

            @Override
            public boolean cancelSteps() {
                return teardown.cancelSteps();
            }

            @Override
            public void runToEnd() {
                teardown.runToEnd();
            }

            @Override
            public List<String> allCalls(StepId stepId) {
                Transcript t = teardown.result().getNow(null);
                return t == null
                        ? List.of()
                        : t.step(stepId)
                                .map(r -> r.calls().stream()
                                        .map(CallRecord::display)
                                        .toList())
                                .orElse(List.of());
            }

            @Override
            public void stopWaitingAndLogOff() {
                teardown.stopWaitingAndLogOff();
            }

            @Override
            public Optional<String> reproducingCommand() {
                return Optional.ofNullable(finished.get()).map(t -> Replays.command(t.run()));
            }

            @Override
            public Optional<Trace> ownTrace() {
                RunTrace.Start start = traceStart.get();
                return start == null
                        ? Optional.empty()
                        : Optional.ofNullable(finished.get()).map(t -> RunTrace.toTrace(start, t));
            }

            @Override
            public void exportTranscript(Path file) throws IOException {
                Transcript t = finished.get() != null
                        ? finished.get()
                        : teardown.result().getNow(null);
                if (t == null) {
                    throw new IOException("the teardown has not finished yet");
                }
                TranscriptFiles.write(t, file);
            }
        };
    }

    /** How the run about to start was set up, as the window knows it (issue #13 item 4). */
    private Replays.Setup setup(TeardownRequest request) {
        // no re-read: the model follows the Outbox table's notifications, so this costs nothing unless it is
        // stale; it only finishes the logon's window-by-window read, so the pending count is the whole queue
        client.refreshOutbox();
        int peers = client.capability(SharedSessionControl.class)
                .map(c -> c.peers().size())
                .orElse(0);
        List<String> faults = client.capability(FaultControl.class)
                .map(c -> c.faults().stream().map(f -> f.spec().toString()).toList())
                .orElse(List.of());
        return new Replays.Setup(
                AppInfo.version(),
                client.backendId(),
                context.historyDir() == null ? null : context.historyDir().getParent(),
                context.scenario().get(),
                client.isShared(), // the flags the logon passed: File › Log on with flags… may add
                // MAPI_ALLOW_OTHERS
                peers,
                client.logonOptions().ole(),
                client.logonOptions().mapiUtil(),
                client.pendingCount(),
                transport(),
                client.capability(dev.mapiworkbench.mapi.TransportRuleControl.class)
                        .map(c -> c.rules().stream().map(Object::toString).toList())
                        .orElse(List.of()),
                faults,
                request.timeout().toMillis() / 1000.0,
                request.allowUi(),
                null, // the window has no call watchdog
                // File › Log on with flags… / Log off with flags… (issue #14 item 5)
                client.logonOptions() == null ? null : client.logonOptions().initFlags(),
                client.logonOptions() == null ? null : client.logonOptions().logonFlags(),
                request.rawLogoffFlags(),
                context.engine().scenarioThreads() == null
                        ? List.of()
                        : context.engine().scenarioThreads().specs().stream()
                                .map(Object::toString)
                                .toList());
    }

    /**
     * Waits up to {@code timeout} for the history saves of the runs that have finished (the window closing, the
     * app exiting); false when one was not done by then (logged).
     */
    boolean awaitSaves(java.time.Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (savesLock) {
            while (savesDue > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    LOG.warn(
                            "a teardown transcript was still being saved to the history after {} s",
                            timeout.toSeconds());
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(savesLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Saves a finished transcript in the history folder; null when there is none or the save failed. */
    private Path saveToHistory(Transcript t) {
        Path historyDir = context.historyDir();
        if (historyDir == null) {
            return null;
        }
        try {
            Path file = TranscriptFiles.saveToHistory(historyDir, t, TranscriptFiles.HISTORY_KEEP);
            LOG.info("teardown transcript saved to {}", file);
            return file;
        } catch (IOException | RuntimeException e) {
            LOG.error("the teardown transcript could not be saved to {}", historyDir, e);
            return null;
        }
    }

    /** The simulated transport's settings now, or null (another backend). */
    private TransportSettings transport() {
        return client.capability(TransportControl.class)
                .map(TransportControl::settings)
                .orElse(null);
    }
}
