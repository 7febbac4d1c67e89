package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.ProfileInUseException;
import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.Severity;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.StepStatus;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.TimeoutChoice;
import dev.mapiworkbench.ui.SessionGateway.PlannedStep;
import dev.mapiworkbench.ui.SessionGateway.RunningTeardown;
import dev.mapiworkbench.ui.SessionGateway.Snapshot;
import dev.mapiworkbench.ui.teardown.StepState;
import dev.mapiworkbench.ui.teardown.StepViewModel;
import dev.mapiworkbench.ui.teardown.TeardownViewModel;
import dev.mapiworkbench.ui.teardown.WaitItemViewModel;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's state and actions: session status, folders, messages, the Outbox queue, open
 * objects, the notification log, the transport panel and the teardown panel. Backend events reach
 * it on any thread and cross to the UI thread in exactly one place: {@link #pump} (coalesced).
 */
public final class MainViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);
    /** The notification log keeps this many lines. */
    public static final int LOG_LIMIT = 2000;

    private final SessionGateway gateway;
    private final BackgroundExecutor executor;
    private final DialogService dialogs;
    private final UiThread uiThread;
    private final FxEventPump pump;

    private final BooleanProperty loggedOn = new SimpleBooleanProperty(this, "loggedOn");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty tearingDown = new SimpleBooleanProperty(this, "tearingDown");
    private final BooleanProperty teardownVisible = new SimpleBooleanProperty(this, "teardownVisible");
    private final BooleanProperty allowUiPreference = new SimpleBooleanProperty(this, "allowUiPreference", true);
    private final StringProperty sessionState = new SimpleStringProperty(this, "sessionState", "Logged off");
    private final StringProperty backendName = new SimpleStringProperty(this, "backendName", "");
    private final StringProperty spoolerState = new SimpleStringProperty(this, "spoolerState", "stopped");
    private final IntegerProperty pendingCount = new SimpleIntegerProperty(this, "pendingCount");
    private final ObservableList<SessionGateway.FolderInfo> folders = FXCollections.observableArrayList();
    private final ObservableList<SessionGateway.MessageInfo> messages = FXCollections.observableArrayList();
    private final StringProperty selectedFolder = new SimpleStringProperty(this, "selectedFolder");
    private final javafx.collections.transformation.FilteredList<SessionGateway.MessageInfo> visibleMessages =
            new javafx.collections.transformation.FilteredList<>(messages);
    private final ObservableList<SessionGateway.OutboxInfo> outbox = FXCollections.observableArrayList();
    private final ObservableList<SessionGateway.ObjectInfo> openObjects = FXCollections.observableArrayList();
    private final ObservableList<SessionGateway.PeerInfo> peers = FXCollections.observableArrayList();
    /** The pending Outbox messages as the logoff dialog lists them ("subject — to: … — state"), live. */
    private final ObservableList<String> pendingLines = FXCollections.observableArrayList();
    /** The three lists that follow the Outbox queue row by row (decision 0260). */
    private final KeyedRows<SessionGateway.OutboxInfo> outboxRows = new KeyedRows<>(outbox);

    private final KeyedRows<String> pendingRows = new KeyedRows<>(pendingLines);
    private final KeyedRows<SessionGateway.MessageInfo> queueMessageRows = new KeyedRows<>(messages);
    /** The folder name the message list shows the queue under, or null when it shows another folder's messages. */
    private String queueFolder;

    private final ObservableList<String> notifications = FXCollections.observableArrayList();
    private final ObjectProperty<Runnable> onExit = new SimpleObjectProperty<>(this, "onExit");
    private final ObjectProperty<AboutInfo> about = new SimpleObjectProperty<>(this, "about");
    private final TeardownViewModel teardown = new TeardownViewModel();
    private final TransportViewModel transport = new TransportViewModel();
    private final StringProperty transportDestination = new SimpleStringProperty(this, "transportDestination", "");
    private final BooleanProperty retryNowAvailable = new SimpleBooleanProperty(this, "retryNowAvailable");
    /** Keys of the queued messages a server deferred, kept by the Outbox deltas (no scan per snapshot). */
    private final java.util.Set<String> deferredKeys = new java.util.HashSet<>();

    private final ObjectProperty<MessageRef> selectedMessage = new SimpleObjectProperty<>(this, "selectedMessage");
    private final FaultsViewModel faults;
    private final HistoryViewModel history;

    /**
     * What every logoff starts from: the window's --strict-8-steps, --timeout and --logoff-flags (the
     * dialog opens with them; without the dialog they are used as they are).
     */
    private final ObjectProperty<TeardownRequest> logoffDefaults =
            new SimpleObjectProperty<>(this, "logoffDefaults", TeardownRequest.of(Plan.DESKTOP, Mode.NOW));

    private volatile RunningTeardown running;
    private boolean exitAfterTeardown;

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
        this.uiThread = uiThread;
        this.pump = pump;
        this.history = new HistoryViewModel(gateway, executor);
        backendName.set(gateway.backendName());
        visibleMessages
                .predicateProperty()
                .bind(javafx.beans.binding.Bindings.createObjectBinding(
                        () -> {
                            String f = selectedFolder.get();
                            return f == null
                                            || folders.stream()
                                                    .noneMatch(x -> x.name().equals(f) && x.depth() > 0)
                                    ? m -> true
                                    : (java.util.function.Predicate<SessionGateway.MessageInfo>)
                                            m -> f.equals(m.folder());
                        },
                        selectedFolder,
                        folders));
        // the gateway reads the selected folder's messages into the next snapshot (off the FX thread)
        selectedFolder.addListener((obs, was, now) -> gateway.selectFolder(now));
        gateway.setListener(new PumpedListener());
        gateway.setProviderUi(this::askProviderFromMapiThread);
        teardown.onNextStepProperty().set(this::nextStep);
        teardown.onCancelWaitProperty().set(this::cancelWait);
        teardown.onStopWaitingProperty().set(this::stopWaitingAndLogOff);
        teardown.onExportTranscriptProperty().set(this::exportTranscript);
        teardown.onAbandonProperty().set(this::abandonTeardown);
        teardown.onUnblockProperty().set(this::unblock);
        teardown.onCancelStepsProperty().set(this::cancelSteps);
        teardown.onRunToEndProperty().set(this::runToEnd);
        teardown.onCloseProperty().set(() -> teardownVisible.set(false));
        teardown.allCallsProperty().set(id -> {
            RunningTeardown r = running;
            return r == null ? List.of() : r.allCalls(id);
        });
        teardown.onCopyCommandProperty().set(this::copyCommand);
        teardown.onLogonAgainProperty().set(this::logon);
    }

    // ---- actions -------------------------------------------------------------------------------

    /** Logs on in the background; the views fill from the first snapshot. */
    public void logon() {
        if (loggedOn.get() || busy.get() || tearingDown.get()) {
            return;
        }
        busy.set(true);
        sessionState.set("Logging on…");
        executor.submit(
                "logon",
                () -> {
                    gateway.logon();
                    return gateway.snapshot();
                },
                snapshot -> {
                    busy.set(false);
                    teardownVisible.set(false);
                    apply(snapshot);
                    transport.load(gateway.transportSettings().orElse(null));
                    faults.attach();
                    refreshTransportDestination();
                    log("Logged on (" + gateway.backendName() + ")");
                },
                error -> {
                    busy.set(false);
                    // decision 0120: say who holds the profile
                    sessionState.set(
                            error instanceof ProfileInUseException p
                                    ? "Profile in use by " + p.holder().describe()
                                    : "Logon failed");
                    dialogs.showError("Logon failed: " + error.getMessage(), error);
                });
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
    public javafx.collections.transformation.FilteredList<SessionGateway.OutboxInfo> drafts() {
        if (drafts == null) {
            drafts = outbox.filtered(o -> "draft".equals(o.state()));
        }
        return drafts;
    }

    private javafx.collections.transformation.FilteredList<SessionGateway.OutboxInfo> drafts;

    /** Submits (true) or deletes (false) a draft left in the Outbox, in the background. */
    public void resolveDraft(SessionGateway.OutboxInfo draft, boolean submit) {
        if (!loggedOn.get() || draft == null) {
            return;
        }
        String verb = submit ? "Submit" : "Delete";
        executor.submit(
                verb.toLowerCase(java.util.Locale.ROOT) + " draft",
                () -> {
                    if (submit) {
                        gateway.submitDraft(draft.key());
                    } else {
                        gateway.deleteDraft(draft.key());
                    }
                    return gateway.snapshot();
                },
                snapshot -> {
                    apply(snapshot);
                    log(verb + " draft '" + draft.subject() + "'");
                },
                error -> dialogs.showError(verb + " draft failed: " + error.getMessage(), error));
    }

    /** Retry of a failed Outbox message: submitted again, off the FX thread. */
    public void retry(SessionGateway.OutboxInfo message) {
        if (!loggedOn.get() || tearingDown.get() || message == null) {
            return;
        }
        executor.submit(
                "retry",
                () -> {
                    gateway.resubmit(message.key());
                    return gateway.snapshot();
                },
                snapshot -> {
                    apply(snapshot);
                    log("Retry: \"" + message.subject() + "\" submitted again");
                },
                error -> dialogs.showError(
                        "Could not retry \"" + message.subject() + "\": " + error.getMessage(), error));
    }

    /**
     * IMsgStore::AbortSubmit on a queued or stuck Outbox message, off the FX thread; the HRESULT goes to
     * {@link #outboxActionResultProperty()} and the log (MAPI_E_UNABLE_TO_ABORT once the spooler holds it).
     */
    public void abortSubmit(SessionGateway.OutboxInfo message) {
        if (!loggedOn.get() || tearingDown.get() || message == null) {
            return;
        }
        executor.submit(
                "abort submit",
                () -> {
                    dev.mapiworkbench.mapi.HResult hr = gateway.abortSubmit(message.key());
                    return new Aborted(hr, gateway.snapshot());
                },
                (Aborted a) -> {
                    apply(a.snapshot());
                    String line =
                            "AbortSubmit \"" + message.subject() + "\": " + a.hresult() + abortMeaning(a.hresult());
                    outboxActionResult.set(line);
                    log(line);
                },
                error -> dialogs.showError(
                        "Could not abort \"" + message.subject() + "\": " + error.getMessage(), error));
    }

    private record Aborted(dev.mapiworkbench.mapi.HResult hresult, Snapshot snapshot) {}

    /** What an AbortSubmit result means for the message, in words. */
    static String abortMeaning(dev.mapiworkbench.mapi.HResult hr) {
        if (hr.succeeded()) {
            return " — taken out of the outgoing queue; it stays in the Outbox as a draft";
        }
        if (hr.equals(dev.mapiworkbench.mapi.HResult.MAPI_E_UNABLE_TO_ABORT)) {
            return " — the spooler holds it (SUBMITFLAG_LOCKED) and is sending it";
        }
        if (hr.equals(dev.mapiworkbench.mapi.HResult.MAPI_E_NOT_IN_QUEUE)) {
            return " — it is no longer in the outgoing queue";
        }
        return "";
    }

    /**
     * Delete of failed mail in the Outbox (IMAPIFolder::DeleteMessages), after the person confirmed it;
     * off the FX thread. Only a failed message is deleted this way (queued mail: Abort submit first).
     */
    public void deleteFailed(SessionGateway.OutboxInfo message) {
        if (!loggedOn.get()
                || tearingDown.get()
                || message == null
                || !message.state().startsWith("failed")) {
            return;
        }
        if (!dialogs.confirm(
                "Delete failed message",
                "Delete \"" + message.subject() + "\" from the Outbox?",
                String.join(
                        System.lineSeparator(),
                        "To: " + message.to(),
                        message.state(),
                        "IMAPIFolder::DeleteMessages removes it for good; it is not moved to Deleted Items."),
                "_Delete")) {
            log("Delete of \"" + message.subject() + "\" cancelled; it stays in the Outbox");
            return;
        }
        executor.submit(
                "delete",
                () -> {
                    gateway.deleteOutboxMessage(message.key());
                    return gateway.snapshot();
                },
                snapshot -> {
                    apply(snapshot);
                    String line = "Deleted the failed message \"" + message.subject()
                            + "\" from the Outbox (IMAPIFolder::DeleteMessages -> S_OK)";
                    outboxActionResult.set(line);
                    log(line);
                },
                error -> dialogs.showError(
                        "Could not delete \"" + message.subject() + "\": " + error.getMessage(), error));
    }

    /** The last Outbox action's outcome with its HRESULT ("AbortSubmit \"x\": S_OK …"). */
    public StringProperty outboxActionResultProperty() {
        return outboxActionResult;
    }

    private final StringProperty outboxActionResult = new SimpleStringProperty(this, "outboxActionResult", "");

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
        requestLogoff(false, false);
    }

    /**
     * File › Log off with flags…: the logoff dialog with its Advanced section open and the raw
     * IMAPISession::Logoff flags field in use (always the dialog, whatever the preference).
     */
    public void requestLogoffWithFlags() {
        requestLogoff(false, true);
    }

    /** Closing the window or File › Exit: log off first (through the dialog), then exit. */
    public void requestExit() {
        if (tearingDown.get()) {
            exitAfterTeardown = true; // exit as soon as the running teardown ends
            return;
        }
        if (!loggedOn.get()) {
            TeardownViewModel.fire(onExit);
            return;
        }
        requestLogoff(true, false);
    }

    private void requestLogoff(boolean exitAfter, boolean rawFlags) {
        if (!loggedOn.get() || tearingDown.get()) {
            return;
        }
        if (!allowUiPreference.get() && !rawFlags) {
            exitAfterTeardown = exitAfter;
            startTeardown(logoffDefaults.get().withPlan(Plan.DESKTOP).withMode(Mode.NOW));
            return;
        }
        LogoffDialogViewModel model =
                new LogoffDialogViewModel(pendingLines, gateway.isSharedAndOwned()).withDefaults(logoffDefaults.get());
        if (rawFlags) {
            model.withRawFlagsOpen();
        }
        var decision = dialogs.askLogoff(model);
        if (decision.isEmpty()) {
            log("Logoff cancelled in the logoff dialog: nothing was torn down, the session stays logged on");
            return;
        }
        exitAfterTeardown = exitAfter;
        startTeardown(decision.get());
    }

    /** Help › About. */
    public void showAbout() {
        AboutInfo info = about.get();
        dialogs.showAbout(
                info != null
                        ? info
                        : new AboutInfo("development build", gateway.backendName(), Path.of("."), List.of()));
    }

    /** Help › Keyboard shortcuts (F1). */
    public void showRecorderHelp() {
        dialogs.showRecorderHelp();
    }

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
        var settings = transport.toSettings();
        executor.submit(
                "transport",
                () -> {
                    gateway.applyTransport(settings);
                    return gateway.transportSettings();
                },
                running -> {
                    // show what the transport really runs with now, not what the fields held
                    transport.load(running.orElse(null));
                    log("Transport: latency " + settings.latencyMillis() + " ms, fail every " + settings.failEvery()
                            + ", offline " + settings.offline() + ", hang " + settings.hang());
                },
                error -> dialogs.showError("Could not change the transport", error));
    }

    // ---- SMTP transport and .eml files (decision 0250) -------------------------------------------

    /** A message the person selected (message list or Outbox queue), for File › Export as .eml…. */
    public record MessageRef(String key, String subject) {}

    /** Session › Transport settings…: the dialog, then the profile's transport, both off the FX thread. */
    public void editTransportSettings() {
        executor.submit(
                "transport settings",
                gateway::smtpState,
                state -> {
                    if (state.isEmpty()) {
                        transportDestination.set(TransportSettingsViewModel.describe(null));
                        dialogs.showError(
                                "This backend has no SMTP transport: its own transport sends the mail.",
                                new UnsupportedOperationException("no SMTP transport in " + gateway.backendName()));
                        return;
                    }
                    List<String> replies = outbox.stream()
                            .map(SessionGateway.OutboxInfo::reply)
                            .filter(java.util.Objects::nonNull)
                            .toList();
                    dialogs.transportSettings(new TransportSettingsViewModel(state.get(), replies))
                            .ifPresent(this::applyTransportSettings);
                },
                error -> dialogs.showError("Could not read the transport settings: " + error.getMessage(), error));
    }

    private void applyTransportSettings(TransportSettingsViewModel.Result r) {
        executor.submit(
                "transport settings",
                () -> {
                    gateway.useSmtp(r.settings(), r.replacePassword(), r.password());
                    return gateway.smtpState();
                },
                state -> {
                    String line = TransportSettingsViewModel.describe(state.orElse(null));
                    transportDestination.set(line);
                    log("Transport settings: " + line); // never the password (SmtpSettings.describe)
                },
                error -> dialogs.showError("Could not change the transport: " + error.getMessage(), error));
    }

    private void refreshTransportDestination() {
        executor.submit(
                "transport destination",
                gateway::smtpState,
                state -> transportDestination.set(TransportSettingsViewModel.describe(state.orElse(null))),
                error -> LOG.warn("transport settings not read", error));
    }

    /** "Retry now": mail the server deferred (4xx) or could not be reached for is tried at once. */
    public void retryNow() {
        executor.submit(
                "retry now",
                () -> {
                    gateway.retryNow();
                    return null;
                },
                ignored -> log("Retry now: the deferred mail is tried again at once"),
                error -> dialogs.showError("Retry now failed: " + error.getMessage(), error));
    }

    /** File › Import .eml…: the chosen file is queued in the Outbox. */
    public void importEml() {
        if (!loggedOn.get() || tearingDown.get()) {
            return;
        }
        dialogs.chooseEmlToImport()
                .ifPresent(file -> executor.submit(
                        "import .eml",
                        () -> {
                            gateway.importEml(file);
                            return gateway.snapshot();
                        },
                        snapshot -> {
                            apply(snapshot);
                            log("Imported " + file.getFileName() + " into the Outbox");
                        },
                        error -> dialogs.showError(
                                "Could not import " + file.getFileName() + ": " + error.getMessage(), error)));
    }

    /** File › Export as .eml…: the selected message (message list or Outbox queue) is written as .eml. */
    public void exportEml() {
        MessageRef m = selectedMessage.get();
        if (!loggedOn.get() || tearingDown.get() || m == null) {
            return;
        }
        dialogs.chooseEmlExportFile(emlFileName(m.subject()))
                .ifPresent(file -> executor.submit(
                        "export .eml",
                        () -> {
                            gateway.exportEml(m.key(), file);
                            return file;
                        },
                        (Path p) -> log("Exported \"" + m.subject() + "\" to " + p),
                        error -> dialogs.showError(
                                "Could not export \"" + m.subject() + "\": " + error.getMessage(), error)));
    }

    /** A file name from a subject: letters, digits, '-', '_' and spaces kept, at most 60 characters. */
    static String emlFileName(String subject) {
        String base = subject == null
                ? ""
                : subject.replaceAll("[^\\p{L}\\p{N} _-]+", "_").trim();
        if (base.length() > 60) {
            base = base.substring(0, 60).trim();
        }
        return (base.isEmpty() ? "message" : base) + ".eml";
    }

    private void startTeardown(TeardownRequest request) {
        tearingDown.set(true);
        teardownVisible.set(true);
        teardown.begin(heading(request), List.of(), request.stepThrough());
        teardown.canUnblockProperty().set(gateway.faultControl().isPresent());
        try {
            running = gateway.startTeardown(request, new PumpedTeardownEvents());
        } catch (RuntimeException e) {
            tearingDown.set(false);
            dialogs.showError("The teardown could not start: " + e.getMessage(), e);
        }
    }

    private static String heading(TeardownRequest d) {
        String mode = switch (d.mode()) {
            case NOW -> "log off now";
            case AFTER_SENDING -> "log off after sending";
            case CRITICAL_ERROR -> "critical error, no UI";
        };
        // the flags really passed: the CE plan calls Logoff(0, 0, 0) whatever the dialog's check boxes said
        String flags;
        if (d.plan() == Plan.CE || d.mode() == Mode.CRITICAL_ERROR) {
            flags = " — IMAPISession::Logoff(0, 0, 0)";
        } else {
            flags = (d.allowUi() ? " — MAPI_LOGOFF_UI" : "") + (d.logoffShared() ? " — MAPI_LOGOFF_SHARED" : "");
        }
        if (d.rawLogoffFlags() != null && d.plan() != Plan.CE && d.mode() != Mode.CRITICAL_ERROR) {
            flags = " — Logoff flags " + dev.mapiworkbench.mapi.FlagSet.LOGOFF.format(d.rawLogoffFlags()) + " as typed";
        }
        flags += d.strict8Steps() ? " — strict 8 steps" : "";
        flags += d.whatIf().isNone() ? "" : " — what-if";
        return "Teardown — " + PlanLabels.label(d.plan()) + " — " + mode + flags
                + (d.stepThrough() ? " — step through" : "");
    }

    private void nextStep() {
        RunningTeardown r = running;
        if (r != null) {
            teardown.awaitingNextProperty().set(false);
            r.proceed();
        }
    }

    /** The teardown panel's "Abandon teardown": give up on the run (a blocked call is left to its thread). */
    private void abandonTeardown() {
        RunningTeardown r = running;
        if (r != null) {
            log("Teardown abandoned by the user: "
                    + teardown.blockedTextProperty().get());
            r.abandon(); // returns at once: the transcript is built on a thread of its own
        }
    }

    /** The teardown panel's "Unblock": release every fault that blocks a call now (simulator). */
    private void unblock() {
        executor.submit(
                "unblock",
                () -> {
                    int released = 0;
                    var control = gateway.faultControl();
                    if (control.isPresent()) {
                        for (var f : control.get().faults()) {
                            if (!f.blocked().isEmpty() && control.get().release(f.id())) {
                                released++;
                            }
                        }
                    }
                    return released;
                },
                (Integer n) -> log("Unblock: released " + n + " blocked fault(s)"),
                error -> dialogs.showError("Could not release the blocked call", error));
    }

    private void cancelSteps() {
        RunningTeardown r = running;
        if (r != null && !r.cancelSteps()) {
            log("The logoff can no longer be cancelled: a step has already made its calls");
        }
    }

    private void runToEnd() {
        RunningTeardown r = running;
        if (r != null) {
            teardown.awaitingNextProperty().set(false);
            r.runToEnd();
        }
    }

    private void cancelWait() {
        RunningTeardown r = running;
        if (r != null) {
            r.cancelWait();
        }
    }

    private void stopWaitingAndLogOff() {
        RunningTeardown r = running;
        if (r != null) {
            r.stopWaitingAndLogOff();
        }
    }

    /** "Copy as command": the command line that reproduces the finished run, on the clipboard. */
    private void copyCommand() {
        RunningTeardown r = running;
        Optional<String> command = r == null ? Optional.empty() : r.reproducingCommand();
        if (command.isEmpty()) {
            log("No finished run to copy as a command");
            return;
        }
        dialogs.copyToClipboard(command.get());
        log("Copied the command that reproduces the run: " + command.get());
    }

    private void exportTranscript() {
        RunningTeardown r = running;
        if (r == null) {
            return;
        }
        String name = "teardown-"
                + LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + ".json";
        dialogs.chooseTranscriptFile(name)
                .ifPresent(path -> executor.submit(
                        "export",
                        () -> {
                            r.exportTranscript(path);
                            return path;
                        },
                        (Path p) -> log("Transcript written to " + p),
                        error -> dialogs.showError("Could not write the transcript: " + error.getMessage(), error)));
    }

    private String askProviderFromMapiThread(ProviderUiHost.Request request) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        uiThread.runLater(() -> {
            try {
                answer.complete(dialogs.askProvider(request));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return request.defaultChoice();
        } catch (ExecutionException e) {
            LOG.warn("provider question failed, using its default answer", e.getCause());
            return request.defaultChoice();
        }
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
        applyOutbox(s);
        if (!openObjects.equals(s.openObjects())) {
            openObjects.setAll(s.openObjects());
        }
        // the peers stay listed with how they ended after this client logged off (a logged-off snapshot has none)
        if (!s.peers().isEmpty() && !peers.equals(s.peers())) {
            peers.setAll(s.peers());
        }
    }

    /**
     * The Outbox queue, its pending lines (the logoff dialog's list) and, when the Outbox or the store root is
     * selected, the message list: the whole queue when the snapshot has it, else its delta row by row, so a
     * change to a 100,000-message queue costs the changed rows (decision 0260).
     */
    private void applyOutbox(Snapshot s) {
        SessionGateway.OutboxDelta delta = s.outboxDelta();
        String folder = s.outboxFolder();
        boolean full = delta == null;
        if (full) {
            List<String> keys =
                    s.outbox().stream().map(SessionGateway.OutboxInfo::key).toList();
            outboxRows.replaceAll(keys, s.outbox());
            List<SessionGateway.OutboxInfo> pendingOnes = s.outbox().stream()
                    .filter(SessionGateway.OutboxInfo::pending)
                    .toList();
            pendingRows.replaceAll(
                    pendingOnes.stream().map(SessionGateway.OutboxInfo::key).toList(),
                    pendingOnes.stream().map(SessionGateway.OutboxInfo::display).toList());
            deferredKeys.clear();
            s.outbox().stream().filter(SessionGateway.OutboxInfo::deferred).forEach(o -> deferredKeys.add(o.key()));
        } else if (!delta.isEmpty()) {
            java.util.Map<String, SessionGateway.OutboxInfo> rows = new java.util.LinkedHashMap<>();
            java.util.Map<String, String> lines = new java.util.LinkedHashMap<>();
            for (String k : delta.removed()) {
                rows.put(k, null);
                lines.put(k, null);
                deferredKeys.remove(k);
            }
            for (SessionGateway.OutboxInfo o : delta.changed()) {
                rows.put(o.key(), o);
                lines.put(o.key(), o.pending() ? o.display() : null);
                if (o.deferred()) {
                    deferredKeys.add(o.key());
                } else {
                    deferredKeys.remove(o.key());
                }
            }
            outboxRows.apply(rows);
            pendingRows.apply(lines);
        }
        retryNowAvailable.set(!deferredKeys.isEmpty());
        if (folder == null) {
            if (queueFolder != null) {
                queueFolder = null;
                queueMessageRows.forgetKeys();
            }
            if (!messages.equals(s.messages())) {
                messages.setAll(s.messages());
            }
        } else if (full || !folder.equals(queueFolder)) {
            queueFolder = folder;
            List<SessionGateway.OutboxInfo> unsent =
                    outbox.stream().filter(o -> !o.state().equals("sent")).toList();
            queueMessageRows.replaceAll(
                    unsent.stream().map(SessionGateway.OutboxInfo::key).toList(),
                    unsent.stream().map(o -> queueMessage(folder, o)).toList());
        } else if (!delta.isEmpty()) {
            java.util.Map<String, SessionGateway.MessageInfo> rows = new java.util.LinkedHashMap<>();
            delta.removed().forEach(k -> rows.put(k, null));
            for (SessionGateway.OutboxInfo o : delta.changed()) {
                rows.put(o.key(), o.state().equals("sent") ? null : queueMessage(folder, o));
            }
            queueMessageRows.apply(rows);
        }
    }

    private static SessionGateway.MessageInfo queueMessage(String folder, SessionGateway.OutboxInfo o) {
        return new SessionGateway.MessageInfo(folder, o.subject(), o.to(), o.state(), o.time());
    }

    /**
     * {@code older} and then {@code newer} as one snapshot (the pump applies only the newest, so the queue
     * deltas of the ones it skips are folded in here).
     */
    static Snapshot merged(Snapshot older, Snapshot newer) {
        if (older == null || newer.outboxDelta() == null) {
            return newer;
        }
        if (older.outboxDelta() == null) {
            java.util.Map<String, SessionGateway.OutboxInfo> queue = new java.util.LinkedHashMap<>();
            older.outbox().forEach(o -> queue.put(o.key(), o));
            newer.outboxDelta().removed().forEach(queue::remove);
            newer.outboxDelta().changed().forEach(o -> queue.put(o.key(), o));
            return withOutbox(newer, List.copyOf(queue.values()), null);
        }
        return withOutbox(newer, List.of(), older.outboxDelta().then(newer.outboxDelta()));
    }

    private static Snapshot withOutbox(
            Snapshot s, List<SessionGateway.OutboxInfo> outbox, SessionGateway.OutboxDelta delta) {
        return new Snapshot(
                s.loggedOn(),
                s.sessionState(),
                s.spoolerState(),
                s.folders(),
                s.messages(),
                outbox,
                s.openObjects(),
                s.pending(),
                delta,
                s.outboxFolder(),
                s.peers());
    }

    /** A line in the window's log, from the window's other parts (scenarios, replays). */
    public void note(String line) {
        log(line);
    }

    private void log(String line) {
        notifications.add(LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS"))
                + "  " + line);
        if (notifications.size() > LOG_LIMIT) {
            notifications.remove(0, notifications.size() - LOG_LIMIT);
        }
    }

    private void teardownFinished() {
        tearingDown.set(false);
        if (exitAfterTeardown) {
            exitAfterTeardown = false;
            TeardownViewModel.fire(onExit);
        }
    }

    /** Session events from any thread → the pump. */
    private final class PumpedListener implements SessionGateway.Listener {
        /** The snapshots not yet applied, folded into one (guarded by this listener). */
        @com.google.errorprone.annotations.concurrent.GuardedBy("this")
        private Snapshot waiting;

        @Override
        public void snapshot(Snapshot snapshot) {
            synchronized (this) {
                waiting = merged(waiting, snapshot);
            }
            pump.postLatest("snapshot", this::applyWaiting);
        }

        private void applyWaiting() {
            Snapshot s;
            synchronized (this) {
                s = waiting;
                waiting = null;
            }
            if (s != null) {
                apply(s);
            }
        }

        @Override
        public void notification(String line) {
            pump.post(() -> log(line));
        }

        @Override
        public void criticalError(String reason) {
            pump.post(() -> {
                log("fnevCriticalError: " + reason);
                if (loggedOn.get() && !tearingDown.get()) {
                    startTeardown(TeardownRequest.of(Plan.DESKTOP, Mode.CRITICAL_ERROR));
                }
            });
        }
    }

    /** Teardown events from the engine's thread → the pump, in order. */
    private final class PumpedTeardownEvents implements SessionGateway.TeardownEvents {
        @Override
        public void planned(String heading, List<PlannedStep> steps) {
            List<StepViewModel> rows = new ArrayList<>();
            for (PlannedStep p : steps) {
                StepViewModel s = new StepViewModel(rows.size() + 1, p.id(), p.title());
                s.setPlannedCalls(p.calls());
                rows.add(s);
            }
            pump.post(() -> {
                String h = heading == null || heading.isBlank()
                        ? teardown.headingProperty().get()
                        : heading;
                teardown.begin(h, rows, teardown.stepThroughProperty().get());
            });
        }

        @Override
        public void stepStarted(StepId stepId, String title) {
            pump.post(() -> {
                StepViewModel s = teardown.step(stepId, title);
                s.setPlannedCalls(List.of());
                teardown.stepStarted(stepId, title);
            });
        }

        @Override
        public void calls(StepId stepId, List<String> firstCalls, int total) {
            pump.postLatest(
                    "calls:" + stepId.id(),
                    () -> teardown.step(stepId, stepId.id()).setCalls(firstCalls, total));
        }

        @Override
        public java.util.concurrent.CompletionStage<TimeoutChoice> askTimeout(int pending, long waitedSeconds) {
            CompletableFuture<TimeoutChoice> answer = new CompletableFuture<>();
            uiThread.runLater(() -> answer.complete(dialogs.askTimeout(pending, waitedSeconds)));
            return answer;
        }

        @Override
        public void stepFinished(StepId stepId, String title, StepStatus status, String reason, long micros) {
            pump.post(() -> teardown.stepFinished(stepId, title, StepState.of(status), reason, micros));
        }

        @Override
        public void paused(StepId nextStepId) {
            pump.post(() -> teardown.pausedBeforeStep(nextStepId));
        }

        @Override
        public void callInProgress(StepId stepId, String call, long sinceNanos) {
            pump.post(() -> teardown.callInProgress(stepId, call, sinceNanos));
        }

        @Override
        public void waitStatus(long elapsedMillis, long timeoutMillis, String why) {
            pump.postLatest("waitStatus", () -> teardown.waitStatus(elapsedMillis, timeoutMillis, why));
        }

        @Override
        public void abandoned(String blocker) {
            pump.post(() -> {
                teardown.abandoned(blocker);
                log("Teardown abandoned: " + blocker);
            });
        }

        @Override
        public void waitProgress(String key, String subject, String state, double fraction) {
            pump.post(() -> {
                if (!teardown.waitPhaseProperty().get()) {
                    teardown.waitStarted(List.of(new WaitItemViewModel(key, subject)));
                }
                teardown.waitProgress(key, subject, state, fraction);
            });
        }

        @Override
        public void waitEnded(String summary) {
            pump.post(() -> teardown.waitEnded(summary));
        }

        @Override
        public void finished(String result, List<String> leaks, List<Finding> findings, boolean cancelled) {
            List<Finding> rows = List.copyOf(findings);
            pump.post(() -> {
                if (cancelled) {
                    boolean inWait = !teardown.waitItems().isEmpty();
                    String how = inWait ? "Cancelled while waiting for the Outbox." : "Cancelled in step-through.";
                    log("Logoff cancelled (" + (inWait ? "while waiting for the Outbox" : "in step-through")
                            + "); the session stays logged on; the transcript (outcome cancelled) can be exported");
                    tearingDown.set(false);
                    exitAfterTeardown = false;
                    // the summary stays: Export transcript (outcome cancelled) and Close
                    teardown.finishCancelled(how);
                    return;
                }
                teardown.finish(result, leaks, rows);
                log("Teardown finished: " + result + ", " + leaks.size() + " leak(s), " + findings.size()
                        + " finding(s)");
                teardownFinished();
                runSaved(running);
            });
        }

        @Override
        public void failed(Throwable error) {
            pump.post(() -> {
                teardown.finish(
                        "errors",
                        List.of(),
                        List.of(new Finding(
                                "engine", Severity.ERROR, String.valueOf(error.getMessage()), 0, null, StepId.ENGINE)));
                teardownFinished();
                dialogs.showError("The teardown failed: " + error.getMessage(), error);
            });
        }
    }

    /** The finished run's saved transcript becomes the History tab's top row (one file read, no rescan). */
    private void runSaved(RunningTeardown r) {
        Optional<Path> file = r == null ? Optional.empty() : r.savedTo();
        file.ifPresent(history::added);
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
        return teardownVisible;
    }

    /** What every logoff starts from (the window's command line sets it). */
    public ObjectProperty<TeardownRequest> logoffDefaultsProperty() {
        return logoffDefaults;
    }

    public BooleanProperty allowUiPreferenceProperty() {
        return allowUiPreference;
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

    /** The messages of the selected folder. */
    public ObservableList<SessionGateway.MessageInfo> visibleMessages() {
        return visibleMessages;
    }

    public ObservableList<SessionGateway.OutboxInfo> outbox() {
        return outbox;
    }

    public ObservableList<SessionGateway.ObjectInfo> openObjects() {
        return openObjects;
    }

    /** The shared session's peer clients (the Peers tab). */
    public ObservableList<SessionGateway.PeerInfo> peers() {
        return peers;
    }

    public ObservableList<String> notifications() {
        return notifications;
    }

    public TeardownViewModel teardown() {
        return teardown;
    }

    /** The Faults panel's model (docs/scenarios.md). */
    public FaultsViewModel faults() {
        return faults;
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
        return transportDestination;
    }

    /** True while some Outbox message waits for the next try after a 4xx or an unreachable server. */
    public BooleanProperty retryNowAvailableProperty() {
        return retryNowAvailable;
    }

    /** The message File › Export as .eml… writes (the view sets it from the tables' selection). */
    public ObjectProperty<MessageRef> selectedMessageProperty() {
        return selectedMessage;
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
