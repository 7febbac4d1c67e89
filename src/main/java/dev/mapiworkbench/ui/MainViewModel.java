package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.ProfileInUseException;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.ui.SessionGateway.Snapshot;
import dev.mapiworkbench.ui.teardown.TeardownViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The main window's state and actions: session status, folders, messages, open objects and peers, logon,
 * compose and Send/Receive, composed of the parts that own the rest — the Outbox queue
 * ({@link OutboxQueueModel}) and its row actions ({@link OutboxCommands}), the transport and .eml actions
 * ({@link TransportCommands}), the logoff flow and teardown panel ({@link TeardownController}), the
 * Faults and History tabs, and the notification log. Its public methods are the window's API (the view and
 * the tests call them); most hand over to a part. Backend events reach it on any thread and cross to the
 * UI thread in exactly one place: {@link #pump} (coalesced).
 *
 * <p>Over 400 lines on purpose: about half of it is the window's property getters and one-line hand-overs,
 * kept here so the view, the app and the tests have one model to bind to; the behaviour lives in the parts.
 */
public final class MainViewModel {

    /** The notification log keeps this many lines. */
    public static final int LOG_LIMIT = 2000;

    private final SessionGateway gateway;
    private final BackgroundExecutor executor;
    private final DialogService dialogs;
    private final FxEventPump pump;

    private final BooleanProperty loggedOn = new SimpleBooleanProperty(this, "loggedOn");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty tearingDown = new SimpleBooleanProperty(this, "tearingDown");
    private final StringProperty sessionState = new SimpleStringProperty(this, "sessionState", "Logged off");
    private final StringProperty backendName = new SimpleStringProperty(this, "backendName", "");
    private final StringProperty spoolerState = new SimpleStringProperty(this, "spoolerState", "stopped");
    private final IntegerProperty pendingCount = new SimpleIntegerProperty(this, "pendingCount");
    private final ObservableList<SessionGateway.FolderInfo> folders = FXCollections.observableArrayList();
    private final ObservableList<SessionGateway.MessageInfo> messages = FXCollections.observableArrayList();
    private final StringProperty selectedFolder = new SimpleStringProperty(this, "selectedFolder");
    private final FilteredList<SessionGateway.MessageInfo> visibleMessages = new FilteredList<>(messages);
    private final ObservableList<SessionGateway.ObjectInfo> openObjects = FXCollections.observableArrayList();
    private final ObservableList<SessionGateway.PeerInfo> peers = FXCollections.observableArrayList();
    private final NotificationLines notifications = new NotificationLines(LOG_LIMIT);
    private final ObjectProperty<Runnable> onExit = new SimpleObjectProperty<>(this, "onExit");
    private final ObjectProperty<java.util.function.Consumer<java.nio.file.Path>> switchProfile =
            new SimpleObjectProperty<>(this, "switchProfile");
    private final ObjectProperty<AboutInfo> about = new SimpleObjectProperty<>(this, "about");
    private final TeardownViewModel teardown = new TeardownViewModel();
    private final TransportViewModel transport = new TransportViewModel();

    private final OutboxQueueModel queue = new OutboxQueueModel(messages, visibleMessages);
    private final OutboxCommands outboxCommands;
    private final TransportCommands transportCommands;
    private final TeardownController teardownController;
    private final FaultsViewModel faults;
    private final TransportRulesViewModel transportRules;
    private final HistoryViewModel history;
    private final dev.mapiworkbench.ui.report.NotesViewModel notes;

    /** What the view-models below share (the scenario part is made later: {@link #scenarios}). */
    private final ViewModelContext context;

    public MainViewModel(
            SessionGateway gateway,
            BackgroundExecutor executor,
            DialogService dialogs,
            UiThread uiThread,
            FxEventPump pump) {
        this.gateway = gateway;
        this.faults = new FaultsViewModel(gateway::faultControl, pump);
        this.executor = executor;
        this.dialogs = dialogs;
        this.pump = pump;
        this.history = new HistoryViewModel(gateway, executor);
        this.transportRules = new TransportRulesViewModel(gateway::transportRuleControl, executor, pump, loggedOn);
        this.notes = new dev.mapiworkbench.ui.report.NotesViewModel(executor, dialogs, pump);
        ViewModelContext ctx =
                new ViewModelContext(gateway, executor, dialogs, this::apply, this::log, loggedOn, tearingDown);
        this.context = ctx;
        this.outboxCommands = new OutboxCommands(ctx);
        this.transportCommands = new TransportCommands(ctx, transport, queue.replied());
        // the queue's table reads the rows it shows off the FX thread (decision 0530)
        queue.pageFrom((seqs, done) ->
                executor.submit("Outbox rows", () -> gateway.queueRows(seqs), done, e -> done.accept(QueuePage.NONE)));
        this.teardownController = new TeardownController(
                ctx, teardown, tearingDown, onExit, history, queue.pendingLines(), pump, uiThread);
        teardownController.onRunEnded(notes::runFinished);
        backendName.set(gateway.backendName());
        visibleMessages
                .predicateProperty()
                .bind(Bindings.createObjectBinding(
                        () -> {
                            String f = selectedFolder.get();
                            return f == null
                                            || folders.stream()
                                                    .noneMatch(x -> x.name().equals(f) && x.depth() > 0)
                                    ? m -> true
                                    : (Predicate<SessionGateway.MessageInfo>) m -> f.equals(m.folder());
                        },
                        selectedFolder,
                        folders));
        // the gateway reads the selected folder's messages into the next snapshot (off the FX thread)
        selectedFolder.addListener((obs, was, now) -> {
            queue.folderSelected(now, folders.stream().noneMatch(x -> x.name().equals(now) && x.depth() > 0));
            gateway.selectFolder(now);
        });
        gateway.setListener(new PumpedSessionListener(
                pump,
                ctx,
                notifications,
                reason -> teardownController.startTeardown(TeardownRequest.of(Plan.DESKTOP, Mode.CRITICAL_ERROR))));
        gateway.setProviderUi(new ProviderQuestions(uiThread, dialogs));
        teardown.onLogonAgainProperty().set(this::logon);
    }

    /** File › Open scenario… and its menus over {@code gateway}, with this window's executor and dialogs. */
    public ScenarioViewModel scenarios(ScenarioGateway gateway, RecentScenarios recent) {
        return new ScenarioViewModel(this, context, gateway, recent);
    }

    // ---- actions -------------------------------------------------------------------------------

    /** Logs on in the background; the views fill from the first snapshot. */
    public void logon() {
        logon(null);
    }

    /**
     * File › Log on with flags… (decision 0340): the MAPIInitialize / MAPILogonEx flags typed in a
     * dialog, then the logon with exactly those; the log shows both calls as made and what they returned.
     */
    public void logonWithFlags() {
        if (loggedOn.get() || busy.get() || tearingDown.get()) {
            return;
        }
        dialogs.logonFlags(gateway.logonFlags()).ifPresent(this::logon);
    }

    private void logon(LogonFlags flags) {
        if (loggedOn.get() || busy.get() || tearingDown.get()) {
            return;
        }
        busy.set(true);
        sessionState.set("Logging on…");
        executor.submit(
                "logon",
                () -> {
                    if (flags == null) {
                        gateway.logon();
                    } else {
                        gateway.logon(flags);
                    }
                    return gateway.snapshot();
                },
                snapshot -> {
                    busy.set(false);
                    teardownController.teardownVisibleProperty().set(false);
                    apply(snapshot);
                    transport.load(gateway.transportSettings().orElse(null));
                    faults.attach();
                    transportCommands.refreshTransportDestination();
                    if (flags != null) {
                        flags.calls(null).forEach(this::log);
                    }
                    log("Logged on (" + gateway.backendName() + ")");
                },
                error -> {
                    busy.set(false);
                    if (flags != null) {
                        flags.calls(error).forEach(this::log);
                    }
                    // decision 0120: say who holds the profile
                    sessionState.set(
                            error instanceof ProfileInUseException p
                                    ? "Profile in use by " + p.holder().describe()
                                    : "Logon failed");
                    if (error instanceof ProfileInUseException && about.get() != null) {
                        profileInUse(error);
                    } else {
                        dialogs.showError("Logon failed: " + error.getMessage(), error);
                    }
                });
    }

    /** The profile is held elsewhere: the dialog offers another profile, Quit, or Close (decision 0120). */
    private void profileInUse(Throwable error) {
        ProfileInUseDialog.Choice c =
                dialogs.askProfileInUse(error.getMessage(), about.get().profile(), error);
        java.util.function.Consumer<java.nio.file.Path> switcher = switchProfile.get();
        Runnable exit = onExit.get();
        if (c.quit() && exit != null) {
            exit.run();
        } else if (c.profile() != null && switcher != null) {
            log("Switching to the profile " + c.profile());
            switcher.accept(c.profile());
        }
    }

    /**
     * What the profile-in-use dialog's "Log on to that profile" does with the folder chosen: the app opens this
     * window on it and logs on there (null: the dialog's choice is not offered, it stays).
     */
    public ObjectProperty<java.util.function.Consumer<java.nio.file.Path>> switchProfileProperty() {
        return switchProfile;
    }

    /** New message: the compose dialog, then queue it in the Outbox. */
    public void compose() {
        if (!loggedOn.get()) {
            return;
        }
        dialogs.compose(new ComposeViewModel())
                .ifPresent(draft -> executor.submit(
                        "send",
                        () -> {
                            gateway.send(draft.to(), draft.subject(), draft.body());
                            return gateway.snapshot();
                        },
                        this::apply,
                        error -> dialogs.showError("Could not queue the message: " + error.getMessage(), error)));
    }

    /** Drafts left in the Outbox (saved, never submitted): the window offers Submit and Delete (decision 0121). */
    public ObservableList<SessionGateway.OutboxInfo> drafts() {
        return queue.drafts();
    }

    /** Submits (true) or deletes (false) a draft left in the Outbox, in the background. */
    public void resolveDraft(SessionGateway.OutboxInfo draft, boolean submit) {
        outboxCommands.resolveDraft(draft, submit);
    }

    /** Retry of a failed Outbox message: submitted again, off the FX thread. */
    public void retry(SessionGateway.OutboxInfo message) {
        outboxCommands.retry(message);
    }

    /** IMsgStore::AbortSubmit on a queued or stuck Outbox message ({@link OutboxCommands#abortSubmit}). */
    public void abortSubmit(SessionGateway.OutboxInfo message) {
        outboxCommands.abortSubmit(message);
    }

    /** Delete of failed mail in the Outbox after a confirmation ({@link OutboxCommands#deleteFailed}). */
    public void deleteFailed(SessionGateway.OutboxInfo message) {
        outboxCommands.deleteFailed(message);
    }

    /** The last Outbox action's outcome with its HRESULT ("AbortSubmit \"x\": S_OK …"). */
    public StringProperty outboxActionResultProperty() {
        return outboxCommands.outboxActionResultProperty();
    }

    /** Send/Receive: FlushQueues on the spooler. */
    public void sendReceive() {
        if (!loggedOn.get()) {
            return;
        }
        log("Send/Receive: FlushQueues(FLUSH_UPLOAD | FLUSH_ASYNC_OK) on the spooler");
        executor.submit(
                "send/receive",
                () -> {
                    gateway.sendReceive();
                    return gateway.snapshot();
                },
                snapshot -> {
                    apply(snapshot);
                    log("Send/Receive: the spooler accepted the flush");
                },
                error -> {
                    String why = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
                    log("Send/Receive failed: " + why);
                    dialogs.showError("Send/Receive failed: " + why, error); // logs it once
                });
    }

    /** Log off: the dialog when UI is allowed, straight to the teardown otherwise. */
    public void requestLogoff() {
        teardownController.requestLogoff(false, false);
    }

    /**
     * File › Log off with flags…: the logoff dialog with its Advanced section open and the raw
     * IMAPISession::Logoff flags field in use (always the dialog, whatever the preference).
     */
    public void requestLogoffWithFlags() {
        teardownController.requestLogoff(false, true);
    }

    /** Starts the teardown {@code request} describes without the logoff dialog (File › Replay…: the recorded one). */
    public void startTeardown(TeardownRequest request) {
        teardownController.startTeardown(request);
    }

    /** Closing the window or File › Exit: log off first (through the dialog), then exit. */
    public void requestExit() {
        teardownController.requestExit();
    }

    /** Help › About. */
    public void showAbout() {
        AboutInfo info = about.get();
        dialogs.showAbout(
                info != null
                        ? info
                        : new AboutInfo("development build", gateway.backendName(), Path.of("."), List.of()));
    }

    /** Help › Record your own client…. */
    public void showRecorderHelp() {
        dialogs.showRecorderHelp();
    }

    /** Help › Keyboard shortcuts (F1). */
    public void showShortcuts() {
        dialogs.showShortcuts();
    }

    /** Tests and the Session menu: make the backend raise fnevCriticalError. */
    public void injectCriticalError() {
        if (!loggedOn.get()) {
            return;
        }
        executor.submit(
                "critical error",
                () -> {
                    gateway.injectCriticalError("injected from the Session menu");
                    return null;
                },
                ignored -> {},
                error -> dialogs.showError("Could not inject a critical error", error));
    }

    /** Applies the transport panel to the running session. */
    public void applyTransport() {
        transportCommands.applyTransport();
    }

    // ---- SMTP transport and .eml files (decision 0250) -------------------------------------------

    /** A message the person selected (message list or Outbox queue), for File › Export as .eml…. */
    public record MessageRef(String key, String subject) {}

    /** Session › Transport settings…: the dialog, then the profile's transport, both off the FX thread. */
    public void editTransportSettings() {
        transportCommands.editTransportSettings();
    }

    /** "Retry now": mail the server deferred (4xx) or could not be reached for is tried at once. */
    public void retryNow() {
        transportCommands.retryNow();
    }

    /** File › Import .eml…: the chosen file is queued in the Outbox. */
    public void importEml() {
        transportCommands.importEml();
    }

    /** File › Export as .eml…: the selected message (message list or Outbox queue) is written as .eml. */
    public void exportEml() {
        transportCommands.exportEml();
    }

    // ---- state updates (UI thread) ---------------------------------------------------------------

    void apply(Snapshot s) {
        loggedOn.set(s.loggedOn());
        sessionState.set(s.sessionState());
        spoolerState.set(s.spoolerState());
        pendingCount.set((int) s.pendingCount());
        if (!folders.equals(s.folders())) {
            folders.setAll(s.folders());
        }
        // replace a list only when it changed: an unchanged 10k-row table then costs no layout
        queue.apply(s);
        // only the run of rows that changed (issue 12: a 12,000-row replacement per snapshot during a teardown)
        ListUpdates.update(openObjects, s.openObjects());
        // the peers stay listed with how they ended after this client logged off (a logged-off snapshot has none)
        if (!s.peers().isEmpty() && !peers.equals(s.peers())) {
            peers.setAll(s.peers());
        }
    }

    /** A line in the window's log, from the window's other parts (scenarios, replays). */
    public void note(String line) {
        log(line);
    }

    private void log(String line) {
        notifications.add(line);
    }

    // ---- properties -----------------------------------------------------------------------------

    public BooleanProperty loggedOnProperty() {
        return loggedOn;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanProperty tearingDownProperty() {
        return tearingDown;
    }

    public BooleanProperty teardownVisibleProperty() {
        return teardownController.teardownVisibleProperty();
    }

    /** What every logoff starts from (the window's command line sets it). */
    public ObjectProperty<TeardownRequest> logoffDefaultsProperty() {
        return teardownController.logoffDefaultsProperty();
    }

    public BooleanProperty allowUiPreferenceProperty() {
        return teardownController.allowUiPreferenceProperty();
    }

    public StringProperty sessionStateProperty() {
        return sessionState;
    }

    public StringProperty backendNameProperty() {
        return backendName;
    }

    public StringProperty spoolerStateProperty() {
        return spoolerState;
    }

    public IntegerProperty pendingCountProperty() {
        return pendingCount;
    }

    public ObservableList<SessionGateway.FolderInfo> folders() {
        return folders;
    }

    public ObservableList<SessionGateway.MessageInfo> messages() {
        return messages;
    }

    /** The folder selected in the tree (null or the store root: every message). */
    public StringProperty selectedFolderProperty() {
        return selectedFolder;
    }

    /** The messages of the selected folder (the Outbox's paged, decision 0640). */
    public ObservableList<SessionGateway.MessageInfo> visibleMessages() {
        return queue.messageList();
    }

    public ObservableList<SessionGateway.OutboxInfo> outbox() {
        return queue.outbox();
    }

    /** The queue's rows still in the Outbox folder (all but the sent ones, which the queue keeps listing). */
    public ObservableList<SessionGateway.MessageInfo> outboxUnsent() {
        return queue.unsent();
    }

    public ObservableList<SessionGateway.ObjectInfo> openObjects() {
        return openObjects;
    }

    /** The shared session's peer clients (the Peers tab). */
    public ObservableList<SessionGateway.PeerInfo> peers() {
        return peers;
    }

    public ObservableList<String> notifications() {
        return notifications.lines();
    }

    public TeardownViewModel teardown() {
        return teardown;
    }

    /** The Faults panel's model (docs/scenarios.md). */
    /** Session › Transport rules… (decision 0610). */
    public TransportRulesViewModel transportRules() {
        return transportRules;
    }

    public FaultsViewModel faults() {
        return faults;
    }

    /** The Notes tab's model: the test session and its report (docs/report.md). */
    public dev.mapiworkbench.ui.report.NotesViewModel notes() {
        return notes;
    }

    /** The History tab's model. */
    public HistoryViewModel history() {
        return history;
    }

    public TransportViewModel transport() {
        return transport;
    }

    /** Where mail goes ("Mail goes to the SMTP server …"), read at logon and after Transport settings. */
    public StringProperty transportDestinationProperty() {
        return transportCommands.transportDestinationProperty();
    }

    /** True while some Outbox message waits for the next try after a 4xx or an unreachable server. */
    public BooleanProperty retryNowAvailableProperty() {
        return queue.retryNowAvailableProperty();
    }

    /** The message File › Export as .eml… writes (the view sets it from the tables' selection). */
    public ObjectProperty<MessageRef> selectedMessageProperty() {
        return transportCommands.selectedMessageProperty();
    }

    /** What Help › About shows (the app sets it: version, backend, profile, documents). */
    public ObjectProperty<AboutInfo> aboutProperty() {
        return about;
    }

    public ObjectProperty<Runnable> onExitProperty() {
        return onExit;
    }

    /** The pump (the probe reads its counters). */
    public FxEventPump pump() {
        return pump;
    }
}
