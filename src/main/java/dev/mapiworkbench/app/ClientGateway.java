package dev.mapiworkbench.app;

import dev.mapiworkbench.app.scenario.Scenario;
import dev.mapiworkbench.client.ClientListener;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.Draft;
import dev.mapiworkbench.client.EmlFiles;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.NotificationLogEntry;
import dev.mapiworkbench.client.OutboxDrafts;
import dev.mapiworkbench.client.SessionState;
import dev.mapiworkbench.mapi.CriticalErrorInjector;
import dev.mapiworkbench.mapi.FaultControl;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.mapi.Secret;
import dev.mapiworkbench.mapi.SmtpControl;
import dev.mapiworkbench.mapi.SmtpSettings;
import dev.mapiworkbench.mapi.TransportControl;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.RunComparison;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.TranscriptFiles;
import dev.mapiworkbench.teardown.TranscriptHistory;
import dev.mapiworkbench.teardown.TranscriptJson;
import dev.mapiworkbench.ui.SessionGateway;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The window's {@link SessionGateway}: a thin adapter over the client and the teardown engine. Its parts,
 * each tested on its own: {@link SnapshotBuilder} (client → the window's snapshot, folder browsing included,
 * decision 0036), {@link GatewayTeardowns} (a run started, recorded and saved to the history, the panel's
 * handle on it), {@link Throttle} (a burst of ledger changes costs one snapshot, at most 10 a second, built
 * on one snapshot thread), {@link TeardownEventBridge} (engine events → the panel's events) and
 * {@link TranscriptFiles} (atomic export, the same as the command line's).
 */
public final class ClientGateway implements SessionGateway {

    /** At most this many snapshots per second reach the window (a 10k-object teardown changes the ledger 10k times). */
    private static final long SNAPSHOT_INTERVAL_NANOS = 100_000_000L;

    /** How long {@link #close} waits for a finished run's history save (a JSON file: normally milliseconds). */
    static final java.time.Duration SAVE_WAIT = java.time.Duration.ofSeconds(30);

    private final ClientSession client;
    private final GatewayContext context;
    private volatile LogonOptions logonOptions;
    private final Consumer<ClientSession> afterLogon;
    private final SnapshotBuilder snapshots;
    private final GatewayTeardowns teardowns;
    private final ScheduledExecutorService snapshotThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "workbench-snapshot");
        t.setDaemon(true);
        return t;
    });
    private final Throttle throttle;
    private volatile Listener listener;
    private volatile String selectedFolder;
    private volatile Scenario scenario;

    /** A gateway that does nothing extra after logon. */
    public ClientGateway(ClientSession client, TeardownEngine engine, LogonOptions logonOptions) {
        this(client, engine, logonOptions, c -> {});
    }

    /**
     * @param afterLogon run after each successful logon, before the first snapshot (the app adds a
     *                   simulated peer to a shared session there)
     */
    public ClientGateway(
            ClientSession client,
            TeardownEngine engine,
            LogonOptions logonOptions,
            Consumer<ClientSession> afterLogon) {
        this(client, engine, logonOptions, afterLogon, null);
    }

    /**
     * @param historyDir where every finished teardown's transcript is saved ({@code <profile>/history}, the
     *                   last {@value TranscriptFiles#HISTORY_KEEP} kept), after the window heard of the end;
     *                   null: no history
     */
    public ClientGateway(
            ClientSession client,
            TeardownEngine engine,
            LogonOptions logonOptions,
            Consumer<ClientSession> afterLogon,
            Path historyDir) {
        this.client = client;
        this.context = new GatewayContext(client, engine, historyDir, () -> scenario, this::changed);
        this.logonOptions = logonOptions;
        this.afterLogon = afterLogon;
        this.snapshots = new SnapshotBuilder(client);
        this.teardowns = new GatewayTeardowns(context);
        this.throttle = new Throttle(
                Throttle.Scheduler.of(snapshotThread), SNAPSHOT_INTERVAL_NANOS, System::nanoTime, this::pushSnapshot);
        client.addListener(new ClientListener() {
            @Override
            public void ledgerChanged() {
                changed();
            }

            @Override
            public void outboxChanged() {
                changed();
            }

            @Override
            public void sessionStateChanged(SessionState oldState, SessionState newState) {
                changed();
            }

            @Override
            public void notificationReceived(NotificationLogEntry e) {
                Listener l = listener;
                if (l != null) {
                    l.notification(e.source() + "  " + e.eventName() + "  " + e.summary());
                }
                changed(); // a message moved to Sent Items, a folder count changed: re-read (throttled)
            }

            @Override
            public void criticalErrorReceived(Notification.CriticalError error) {
                Listener l = listener;
                if (l != null) {
                    l.criticalError(error.scode() + (error.error() == null ? "" : " — " + error.error()));
                }
            }
        });
    }

    /** The client (tests and the probe read its ledger). */
    public ClientSession client() {
        return client;
    }

    @Override
    public void logon() {
        logon(logonOptions);
    }

    @Override
    public dev.mapiworkbench.ui.LogonFlags logonFlags() {
        return new dev.mapiworkbench.ui.LogonFlags(
                logonOptions.effectiveInitFlags(), logonOptions.effectiveLogonFlags());
    }

    /** File › Log on with flags… (decision 0340): this logon only, the command line's options otherwise. */
    @Override
    public void logon(dev.mapiworkbench.ui.LogonFlags flags) {
        logon(logonOptions.withInitFlags(flags.init()).withLogonFlags(flags.logon()));
    }

    private void logon(LogonOptions options) {
        client.logon(options);
        OutboxDrafts.report(client); // one log line when drafts were left in the Outbox (decision 0121)
        afterLogon.accept(client);
        changed();
    }

    @Override
    public boolean isLoggedOn() {
        return client.state() == SessionState.LOGGED_ON;
    }

    @Override
    public String backendName() {
        return "sim".equals(client.backendId()) ? "Simulated" : client.backendId();
    }

    @Override
    public boolean isSharedAndOwned() {
        return client.isShared() && client.ownsSharedSession();
    }

    @Override
    public void submitDraft(String key) {
        OutboxDrafts.submit(client, key);
    }

    @Override
    public void deleteDraft(String key) {
        OutboxDrafts.delete(client, key);
    }

    /**
     * The state now, for an action's result: the Outbox queue is left to the snapshot stream (its delta
     * follows within {@link #SNAPSHOT_INTERVAL_NANOS}), so the two never apply out of order.
     */
    @Override
    public HResult abortSubmit(String key) {
        try {
            return client.abortSubmit(key);
        } catch (MapiException e) {
            return e.hresult();
        } finally {
            changed();
        }
    }

    @Override
    public void deleteOutboxMessage(String key) {
        try {
            OutboxDrafts.delete(client, key);
        } finally {
            changed();
        }
    }

    @Override
    public Snapshot snapshot() {
        Snapshot s = snapshots.build(selectedFolder);
        changed();
        return s;
    }

    @Override
    public dev.mapiworkbench.ui.QueuePage queueRows(long[] seqs) {
        return snapshots.queueRows(seqs);
    }

    @Override
    public void selectFolder(String folderName) {
        selectedFolder = folderName;
        changed();
    }

    @Override
    public void send(List<String> to, String subject, String body) {
        client.send(new Draft(subject, body, to));
    }

    @Override
    public void resubmit(String key) {
        try {
            client.resubmit(key);
        } finally {
            changed();
        }
    }

    @Override
    public void sendReceive() {
        try {
            client.sendReceive();
        } finally {
            changed();
        }
    }

    @Override
    public void setListener(Listener l) {
        this.listener = l;
    }

    @Override
    public void setProviderUi(ProviderUiHost.ProviderUi ui) {
        context.engine().setProviderUi(ui);
    }

    @Override
    public Optional<TransportSettings> transportSettings() {
        return client.capability(TransportControl.class).map(TransportControl::settings);
    }

    @Override
    public Optional<FaultControl> faultControl() {
        return client.capability(FaultControl.class);
    }

    @Override
    public Optional<dev.mapiworkbench.mapi.TransportRuleControl> transportRuleControl() {
        return client.capability(dev.mapiworkbench.mapi.TransportRuleControl.class);
    }

    @Override
    public void applyTransport(TransportSettings settings) {
        client.capability(TransportControl.class).ifPresent(c -> c.apply(settings));
        changed();
    }

    @Override
    public Optional<SmtpState> smtpState() {
        return client.capability(SmtpControl.class).map(c -> {
            SmtpSettings s = c.smtp().orElse(null);
            return new SmtpState(s, s != null && s.password() != null);
        });
    }

    @Override
    public void useSmtp(SmtpSettings settings, boolean replacePassword, Secret password) {
        SmtpControl c = client.capability(SmtpControl.class)
                .orElseThrow(() -> new UnsupportedOperationException("this backend has no SMTP transport"));
        if (replacePassword) {
            c.setPassword(password);
        }
        // saved in the profile without the password (decisions 0160, 0250)
        c.useSmtp(settings == null ? null : settings.withPassword(null), true);
        changed();
    }

    @Override
    public void retryNow() {
        client.capability(SmtpControl.class).ifPresent(SmtpControl::retryNow);
        changed();
    }

    @Override
    public String importEml(Path file) throws IOException {
        try {
            return EmlFiles.importToOutbox(client, file);
        } finally {
            changed();
        }
    }

    @Override
    public void exportEml(String key, Path file) throws IOException {
        EmlFiles.export(client, key, file);
    }

    @Override
    public void injectCriticalError(String reason) {
        CriticalErrorInjector injector = client.capability(CriticalErrorInjector.class)
                .orElseThrow(() -> new IllegalStateException("this backend cannot inject a critical error"));
        injector.raiseCriticalError(client.mapiSession(), HResult.MAPI_E_END_OF_SESSION, reason);
    }

    @Override
    public RunningTeardown startTeardown(TeardownRequest request, TeardownEvents events) {
        return teardowns.start(request, events);
    }

    @Override
    public Optional<Path> historyDir() {
        return Optional.ofNullable(context.historyDir());
    }

    @Override
    public List<TranscriptHistory.Entry> readHistory() throws IOException {
        return context.historyDir() == null ? List.of() : TranscriptHistory.list(context.historyDir());
    }

    @Override
    public TranscriptHistory.Entry historyEntry(Path file) {
        return TranscriptHistory.read(file);
    }

    @Override
    public RunComparison compareRuns(Path left, Path right) {
        return RunComparison.of(TranscriptJson.read(left), TranscriptJson.read(right));
    }

    /** The options of the next logon (File › Open scenario…, decision 0311). */
    public void setLogonOptions(LogonOptions options) {
        this.logonOptions = options; // the runs' records read the options of the logon itself (client.logonOptions())
    }

    /** The scenario the window was started with or opened (recorded in each run's transcript), or null. */
    public void setScenario(Scenario s) {
        this.scenario = s;
    }

    /**
     * A scenario's extra client threads (decision 0550), started around the next logon: the next teardown ends
     * them and records them. Null: none (the threads of an earlier scenario are ended without MAPI calls).
     */
    public void setScenarioThreads(dev.mapiworkbench.client.ScenarioThreads threads) {
        dev.mapiworkbench.client.ScenarioThreads old = context.engine().scenarioThreads();
        context.engine().setScenarioThreads(threads);
        if (old != null && old != threads) {
            old.close();
        }
    }

    /** The scenario threads the next teardown ends, or null. */
    public dev.mapiworkbench.client.ScenarioThreads scenarioThreads() {
        return context.engine().scenarioThreads();
    }

    /**
     * Something the client does not hear of changed (peers joined the shared session: File › Open scenario…):
     * the views are rebuilt, throttled.
     */
    void sessionChangedOutsideTheClient() {
        changed();
    }

    /** Rebuilds the snapshot on the snapshot thread, throttled. */
    private void changed() {
        throttle.request();
    }

    private void pushSnapshot() {
        Listener l = listener;
        if (l != null) {
            l.snapshot(snapshots.build(selectedFolder, true)); // the stream: the queue's delta (decision 0260)
        }
    }

    /**
     * Stops the snapshot thread and the client's refresher, once the history saves of the runs that have finished
     * are done (at most {@link #SAVE_WAIT}): closing the window or exiting right after a teardown ends keeps its
     * transcript (decision 0841).
     */
    public void close() {
        teardowns.awaitSaves(SAVE_WAIT);
        snapshotThread.shutdownNow();
        client.shutdown();
    }
}
