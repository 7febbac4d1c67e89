package dev.mapiworkbench.app;

import dev.mapiworkbench.client.ClientListener;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.Draft;
import dev.mapiworkbench.client.FolderMessage;
import dev.mapiworkbench.client.MailFolder;
import dev.mapiworkbench.client.LedgerEntry;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.NotificationLogEntry;
import dev.mapiworkbench.client.OutboxItem;
import dev.mapiworkbench.client.SessionState;
import dev.mapiworkbench.mapi.CriticalErrorInjector;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.mapi.SharedSessionControl;
import dev.mapiworkbench.mapi.TransportControl;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.CallRecord;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.StepRecord;
import dev.mapiworkbench.teardown.Teardown;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownEvent;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.TimeoutChoice;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptJson;
import dev.mapiworkbench.teardown.TranscriptText;
import dev.mapiworkbench.ui.LogoffDecision;
import dev.mapiworkbench.ui.SessionGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's {@link SessionGateway} over the client and teardown packages: it turns the client's
 * ledger and Outbox model into view snapshots (built on one snapshot thread, coalesced: a burst of
 * ledger changes costs one snapshot), and teardown events into the panel's events. No MAPI logic of
 * its own: folders and messages are derived from the client's Outbox queue model (the client has no
 * folder browser API).
 */
public final class ClientGateway implements SessionGateway {

    private static final Logger LOG = LoggerFactory.getLogger(ClientGateway.class);
    private static final int SHOWN_CALLS = dev.mapiworkbench.ui.teardown.StepViewModel.SHOWN_CALLS;

    private final ClientSession client;
    private final TeardownEngine engine;
    private final LogonOptions logonOptions;
    /** At most this many snapshots per second reach the window (a 10k-object teardown changes the ledger 10k times). */
    private static final long SNAPSHOT_INTERVAL_NANOS = 100_000_000L;

    private final ScheduledExecutorService snapshotThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "workbench-snapshot");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean building = new AtomicBoolean();
    private volatile long lastBuild = System.nanoTime() - SNAPSHOT_INTERVAL_NANOS;
    private volatile Listener listener;

    public ClientGateway(ClientSession client, TeardownEngine engine, LogonOptions logonOptions) {
        this.client = client;
        this.engine = engine;
        this.logonOptions = logonOptions;
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
        client.logon(logonOptions);
        if (client.isShared() && client.ownsSharedSession()) {
            client.capability(SharedSessionControl.class).ifPresent(c -> {
                if (c.peers().stream().noneMatch(SharedSessionControl.Peer::loggedOn)) {
                    c.addPeer("Peer client 1");
                }
            });
        }
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
    public Snapshot snapshot() {
        SessionState state = client.state();
        // the views keep their content while tearing down; "logged on" (what enables Log off, New
        // message, ...) is only LOGGED_ON, so a snapshot built during a teardown can never re-enable them
        boolean on = state == SessionState.LOGGED_ON || state == SessionState.TEARING_DOWN;
        boolean loggedOn = state == SessionState.LOGGED_ON;
        List<OutboxItem> items = client.outboxSnapshot();
        List<OutboxInfo> outbox = new ArrayList<>();
        List<MessageInfo> messages = new ArrayList<>();
        int pending = 0;
        boolean sending = false;
        for (OutboxItem i : items) {
            String to = String.join("; ", i.recipients());
            String word = stateWord(i);
            outbox.add(new OutboxInfo(i.id(), i.subject(), to, word, i.state().pending()));
            pending += i.state().pending() ? 1 : 0;
            sending |= i.state() == OutboxItem.State.LOCKED;
        }
        String store = client.storeDisplayName();
        List<FolderInfo> folders;
        if (loggedOn && store != null) {
            Browse b = browse(store, outbox);
            folders = b.folders();
            messages = b.messages();
        } else if (on && store != null) {
            // tearing down: keep what was shown (nothing is opened any more)
            folders = lastFolders;
            messages = lastMessages;
        } else {
            folders = List.of();
            messages = List.of();
            lastFolders = List.of();
            lastMessages = List.of();
        }
        List<ObjectInfo> objects = new ArrayList<>();
        for (LedgerEntry e : client.ledgerSnapshot()) {
            objects.add(new ObjectInfo(e.kind(), e.name(), e.refCount(), e.adviseConnections(),
                    e.state().name().toLowerCase(java.util.Locale.ROOT)));
        }
        String spooler;
        if (!on) {
            spooler = "stopped";
        } else {
            Optional<TransportSettings> t = transportSettings();
            if (t.isPresent() && t.get().offline()) {
                spooler = "offline";
            } else if (t.isPresent() && t.get().hang()) {
                spooler = pending > 0 ? "hung" : "idle";
            } else {
                spooler = sending ? "sending" : pending > 0 ? "queued" : "idle";
            }
        }
        String sessionState = switch (state) {
            case LOGGED_ON -> "Logged on — " + store + (client.isShared() ? " (shared)" : "");
            case LOGGING_ON -> "Logging on…";
            case TEARING_DOWN -> "Tearing down";
            case FAILED -> "Logon failed";
            case LOGGED_OFF -> "Logged off";
        };
        return new Snapshot(loggedOn, sessionState, spooler, folders, messages, outbox, objects);
    }

    private record Browse(List<FolderInfo> folders, List<MessageInfo> messages) {
    }

    private volatile String selectedFolder;
    private volatile List<FolderInfo> lastFolders = List.of();
    private volatile List<MessageInfo> lastMessages = List.of();
    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Override
    public void selectFolder(String folderName) {
        selectedFolder = folderName;
        changed();
    }

    /**
     * The store's folders (PR_CONTENT_COUNT as the label's number) and the selected folder's messages,
     * read through the client (each object released before it returns). The Outbox, and the store
     * root, show the live queue model; another folder is read from its contents table. On a MAPI
     * failure the last good lists stay (a teardown may have just begun).
     */
    private Browse browse(String store, List<OutboxInfo> queue) {
        List<MailFolder> mailFolders;
        try {
            mailFolders = client.folders();
        } catch (MapiException e) {
            LOG.debug("folder list not read: {}", e.getMessage());
            return new Browse(lastFolders, lastMessages);
        }
        List<FolderInfo> folders = new ArrayList<>();
        folders.add(new FolderInfo(store, 0, 0));
        for (MailFolder f : mailFolders) {
            folders.add(new FolderInfo(f.name(), 1, Math.max(f.count(), 0)));
        }
        String selected = selectedFolder;
        MailFolder chosen = mailFolders.stream().filter(f -> f.name().equals(selected)).findFirst().orElse(null);
        List<MessageInfo> messages = new ArrayList<>();
        if (chosen == null || chosen.role() == MailFolder.Role.OUTBOX) {
            String name = mailFolders.stream().filter(f -> f.role() == MailFolder.Role.OUTBOX).map(MailFolder::name)
                    .findFirst().orElse(MailFolder.Role.OUTBOX.defaultName());
            java.util.Map<String, String> submitted = outboxSubmitTimes(mailFolders);
            for (OutboxInfo o : queue) {
                if (!o.state().equals("sent")) {
                    messages.add(new MessageInfo(name, o.subject(), o.to(), o.state(),
                            submitted.getOrDefault(o.key(), "")));
                }
            }
        } else if (chosen.available()) {
            try {
                for (FolderMessage m : client.messages(chosen)) {
                    java.time.Instant t = m.submitTime() != null ? m.submitTime() : m.deliveryTime();
                    messages.add(new MessageInfo(chosen.name(), m.subject(), String.join("; ", m.recipients()),
                            m.stateWord(), t == null ? "" : TIME.format(t.atZone(java.time.ZoneId.systemDefault()))));
                }
            } catch (MapiException e) {
                LOG.debug("messages of {} not read: {}", chosen.name(), e.getMessage());
                return new Browse(folders, lastMessages);
            }
        }
        lastFolders = List.copyOf(folders);
        lastMessages = List.copyOf(messages);
        return new Browse(lastFolders, lastMessages);
    }

    private static String stateWord(OutboxItem i) {
        return switch (i.state()) {
            case DRAFT -> "draft";
            case SUBMITTED -> "queued";
            case LOCKED -> "sending";
            case SENT -> "sent";
            case FAILED -> "failed" + (i.reason() == null ? "" : ": " + i.reason());
        };
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
        engine.setProviderUi(ui);
    }

    @Override
    public Optional<TransportSettings> transportSettings() {
        return client.capability(TransportControl.class).map(TransportControl::settings);
    }

    @Override
    public void applyTransport(TransportSettings settings) {
        client.capability(TransportControl.class).ifPresent(c -> c.apply(settings));
        changed();
    }

    @Override
    public void injectCriticalError(String reason) {
        CriticalErrorInjector injector = client.capability(CriticalErrorInjector.class)
                .orElseThrow(() -> new IllegalStateException("this backend cannot inject a critical error"));
        injector.raiseCriticalError(client.mapiSession(), HResult.MAPI_E_END_OF_SESSION, reason);
    }

    @Override
    public RunningTeardown startTeardown(LogoffDecision d, TeardownEvents events) {
        Mode mode = Mode.parse(d.mode().id());
        TeardownRequest request = TeardownRequest.of(Plan.parse(d.plan().id()), mode)
                .withAllowUi(d.allowProviderUi() && mode != Mode.CRITICAL_ERROR)
                .withLogoffShared(d.logoffShared())
                .withStepThrough(d.stepThrough() && mode != Mode.CRITICAL_ERROR);
        EventBridge bridge = new EventBridge(events);
        Teardown teardown = engine.start(client, request, bridge::onEvent, (pending, waited) ->
                events.askTimeout(pending.size(), waited.toSeconds()).thenApply(a -> switch (a) {
                    case KEEP_WAITING -> TimeoutChoice.KEEP_WAITING;
                    case LOG_OFF_NOW -> TimeoutChoice.LOG_OFF_NOW;
                    case CANCEL_LOGOFF -> TimeoutChoice.CANCEL_LOGOFF;
                }));
        return new RunningTeardown() {
            @Override
            public void proceed() {
                teardown.proceed();
            }

            @Override
            public void cancelWait() {
                teardown.cancelWait();
            }

            @Override
            public void stopWaitingAndLogOff() {
                teardown.stopWaitingAndLogOff();
            }

            @Override
            public void exportTranscript(Path file, boolean json) throws IOException {
                Transcript t = teardown.result().getNow(null);
                if (t == null) {
                    throw new IOException("the teardown has not finished yet");
                }
                // written beside the target and moved into place, so the file is never seen half-written
                Path dir = file.toAbsolutePath().getParent();
                Path tmp = Files.createTempFile(dir, ".transcript-", ".part");
                try {
                    if (json) {
                        TranscriptJson.write(t, tmp);
                    } else {
                        Files.writeString(tmp, TranscriptText.format(t), StandardCharsets.UTF_8);
                    }
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        };
    }

    /** Engine events → the panel's events; calls are counted per step, never forwarded one by one. */
    private final class EventBridge {
        private final TeardownEvents out;
        private final Map<Integer, StepCalls> calls = new HashMap<>();
        private final Map<Integer, String> stepIds = new HashMap<>();
        private boolean waiting;

        EventBridge(TeardownEvents out) {
            this.out = out;
        }

        void onEvent(TeardownEvent event) {
            try {
                handle(event);
            } catch (RuntimeException e) {
                LOG.error("teardown event {} could not be shown", event.getClass().getSimpleName(), e);
            }
        }

        private void handle(TeardownEvent event) {
            if (event instanceof TeardownEvent.Started s) {
                List<PlannedStep> planned = new ArrayList<>();
                for (int i = 0; i < s.steps().size(); i++) {
                    var def = s.steps().get(i);
                    stepIds.put(i + 1, def.id());
                    planned.add(new PlannedStep(def.id(), def.title(), List.of()));
                }
                out.planned(null, planned);
            } else if (event instanceof TeardownEvent.AwaitingProceed a) {
                out.paused(a.step().id());
            } else if (event instanceof TeardownEvent.StepStarted st) {
                stepIds.put(st.index(), st.step().id());
                out.stepStarted(st.step().id(), st.step().title());
                calls.put(st.index(), new StepCalls());
                out.calls(st.step().id(), head(st.plannedCalls()), st.plannedCalls().size());
            } else if (event instanceof TeardownEvent.CallMade c) {
                StepCalls sc = calls.computeIfAbsent(c.stepIndex(), k -> new StepCalls());
                sc.add(c.call());
                String id = stepIds.get(c.stepIndex());
                if (id != null) {
                    out.calls(id, List.copyOf(sc.first), sc.total);
                }
            } else if (event instanceof TeardownEvent.StepFinished f) {
                StepRecord r = f.step();
                if (!r.calls().isEmpty()) {
                    out.calls(r.id(), r.calls().stream().limit(SHOWN_CALLS).map(CallRecord::describe).toList(),
                            r.calls().size());
                }
                if (waiting && "flush-outbox".equals(r.id())) {
                    waiting = false;
                    out.waitEnded("Wait finished: " + r.status().id());
                }
                out.stepFinished(r.id(), r.title(), r.status().id(), r.reason(), r.durationMicros());
            } else if (event instanceof TeardownEvent.WaitProgress w) {
                waiting = true;
                for (OutboxItem p : w.pending()) {
                    out.waitProgress(p.id(), p.subject(), waitWord(p), waitFraction(p));
                }
                if (w.item() != null) {
                    out.waitProgress(w.item().id(), w.item().subject(), waitWord(w.item()), waitFraction(w.item()));
                }
            } else if (event instanceof TeardownEvent.WaitTimedOut t) {
                LOG.info("after-sending wait timed out with {} message(s) queued: {}", t.pending().size(), t.choice());
            } else if (event instanceof TeardownEvent.ProviderPrompt p) {
                LOG.info("provider {} asked '{}', answer {}", p.prompt().provider(), p.prompt().question(),
                        p.prompt().answer());
            } else if (event instanceof TeardownEvent.Finished fin) {
                Transcript t = fin.transcript();
                if (waiting) {
                    waiting = false;
                    out.waitEnded("");
                }
                List<String> leaks = t.leaks().stream()
                        .map(l -> l.kind() + " '" + l.name() + "'" + (l.detail() == null ? "" : " — " + l.detail()))
                        .toList();
                List<Finding> findings = t.findings().stream()
                        .map(f -> new Finding(f.rule(), f.severity().name().toLowerCase(java.util.Locale.ROOT),
                                f.message(), f.seedStep()))
                        .toList();
                out.finished(t.result(), leaks, findings, "cancelled".equals(t.outcome()));
                changed();
            }
        }
    }

    private static String waitWord(OutboxItem i) {
        return switch (i.state()) {
            case SUBMITTED -> "queued";
            case LOCKED -> "sending";
            case SENT -> "sent";
            case FAILED -> "failed";
            case DRAFT -> "draft";
        };
    }

    private static double waitFraction(OutboxItem i) {
        return switch (i.state()) {
            case SUBMITTED, DRAFT -> 0.0;
            case LOCKED -> -1.0;
            case SENT, FAILED -> 1.0;
        };
    }

    private static List<String> head(List<String> list) {
        return list.size() <= SHOWN_CALLS ? List.copyOf(list) : List.copyOf(list.subList(0, SHOWN_CALLS));
    }

    private static final class StepCalls {
        final List<String> first = new ArrayList<>();
        int total;

        void add(CallRecord c) {
            if (first.size() < SHOWN_CALLS) {
                first.add(c.describe());
            }
            total++;
        }
    }

    /**
     * Rebuilds the snapshot on the snapshot thread: a burst of changes costs one snapshot, and
     * snapshots are at least {@link #SNAPSHOT_INTERVAL_NANOS} apart.
     */
    private void changed() {
        dirty.set(true);
        if (building.compareAndSet(false, true)) {
            long wait = Math.max(0, lastBuild + SNAPSHOT_INTERVAL_NANOS - System.nanoTime());
            try {
                snapshotThread.schedule(this::build, wait, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                building.set(false);
            }
        }
    }

    private void build() {
        try {
            dirty.set(false);
            Listener l = listener;
            if (l != null) {
                l.snapshot(snapshot());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not build a snapshot", e);
        } finally {
            lastBuild = System.nanoTime();
            building.set(false);
            if (dirty.get()) {
                changed();
            }
        }
    }

    /** Stops the snapshot thread and the client's refresher. */
    public void close() {
        snapshotThread.shutdownNow();
        client.shutdown();
    }

    /** Submit times of the Outbox's messages by entry id (hex), for the live queue's Time column. */
    private java.util.Map<String, String> outboxSubmitTimes(List<MailFolder> mailFolders) {
        java.util.Map<String, String> times = new java.util.HashMap<>();
        MailFolder outbox = mailFolders.stream().filter(f -> f.role() == MailFolder.Role.OUTBOX && f.available())
                .findFirst().orElse(null);
        if (outbox == null) {
            return times;
        }
        try {
            for (FolderMessage m : client.messages(outbox)) {
                if (m.submitTime() != null) {
                    times.put(m.entryIdHex(), TIME.format(m.submitTime().atZone(java.time.ZoneId.systemDefault())));
                }
            }
        } catch (MapiException e) {
            LOG.debug("Outbox submit times not read: {}", e.getMessage());
        }
        return times;
    }
}
