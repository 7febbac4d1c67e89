package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.FaultControl;
import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.mapi.Secret;
import dev.mapiworkbench.mapi.SmtpSettings;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.RunComparison;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.StepStatus;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.TimeoutChoice;
import dev.mapiworkbench.teardown.TranscriptHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the window needs from the mail client and the teardown engine. The app implements it over the
 * client and teardown packages; the view models never see MAPI objects or the engine, but they speak the
 * teardown package's value types ({@link TeardownRequest}, {@link StepId}, {@link StepStatus},
 * {@link Finding}, {@link TimeoutChoice}): one vocabulary, no mirror types (decision 0040). Methods that do
 * MAPI work are called from the {@link BackgroundExecutor}; listener callbacks may arrive on any thread (the
 * view model crosses them to the FX thread in one place). The teardown's half (start, events, the running
 * teardown) is {@link TeardownGateway}.
 */
public interface SessionGateway extends TeardownGateway {

    /** Logs on to the profile (creating it when absent) and starts pushing {@link Snapshot}s. */
    void logon();

    /** File › Log on with flags… starts from these: the flags a plain logon passes (decision 0340). */
    default LogonFlags logonFlags() {
        return new LogonFlags(dev.mapiworkbench.mapi.MapiFlags.MAPI_MULTITHREAD_NOTIFICATIONS, 0);
    }

    /** Logs on as {@link #logon()} does but passes exactly these MAPIInitialize / MAPILogonEx flags. */
    default void logon(LogonFlags flags) {
        logon();
    }

    boolean isLoggedOn();

    /** "Simulated", "Outlook MAPI". */
    String backendName();

    /** A shared session (MAPI_ALLOW_OTHERS) that this client owns. */
    boolean isSharedAndOwned();

    /** The current state of the session, built off the FX thread. */
    Snapshot snapshot();

    /**
     * The Outbox queue's rows with these {@link OutboxInfo#seq()} numbers, as they are now, for the window's
     * paged list (background thread; decision 0530). {@link QueuePage#NONE} when the gateway cannot page: its
     * snapshots then carry every row.
     */
    default QueuePage queueRows(long[] seqs) {
        return QueuePage.NONE;
    }

    /** Creates the message in the Outbox and submits it. */
    void send(List<String> to, String subject, String body);

    /**
     * IMAPIStatus::FlushQueues(FLUSH_UPLOAD | FLUSH_ASYNC_OK) on the spooler row, then a re-read of
     * the Outbox. Throws when the backend refuses (the caller shows it).
     */
    void sendReceive();

    /**
     * The folder the message list shows (a {@link FolderInfo#name()}; null or the store root: the
     * Outbox queue). Returns at once; the next {@link Snapshot} carries that folder's messages.
     */
    default void selectFolder(String folderName) {}

    /** SubmitMessage on a draft left in the Outbox (an {@link OutboxInfo#key()}); decision 0121. */
    default void submitDraft(String key) {
        throw new UnsupportedOperationException("this session cannot submit drafts");
    }

    /** Deletes a draft left in the Outbox (IMAPIFolder::DeleteMessages); decision 0121. */
    default void deleteDraft(String key) {
        throw new UnsupportedOperationException("this session cannot delete drafts");
    }

    /**
     * Retry of a failed Outbox message ({@link OutboxInfo#key()}): it is submitted again. Throws
     * when the backend refuses (the caller shows it).
     */
    default void resubmit(String key) {
        throw new UnsupportedOperationException("this session cannot resubmit messages");
    }

    /**
     * IMsgStore::AbortSubmit on a queued or stuck Outbox message ({@link OutboxInfo#key()}): the HRESULT it
     * returned — S_OK (the message is a draft again), MAPI_E_UNABLE_TO_ABORT once the spooler holds it
     * (SUBMITFLAG_LOCKED), MAPI_E_NOT_IN_QUEUE once it left the queue. Never throws a MAPI failure: the
     * window shows the code.
     */
    default dev.mapiworkbench.mapi.HResult abortSubmit(String key) {
        throw new UnsupportedOperationException("this session cannot abort a submission");
    }

    /** Deletes a message from the Outbox (IMAPIFolder::DeleteMessages), e.g. failed mail; decision 0213. */
    default void deleteOutboxMessage(String key) {
        deleteDraft(key);
    }

    /** Receives snapshots and notification-log lines; replaces the previous listener. */
    void setListener(Listener listener);

    /** Answers provider questions during a Logoff with MAPI_LOGOFF_UI (called on a MAPI thread). */
    void setProviderUi(ProviderUiHost.ProviderUi ui);

    /** The transport switches, when the backend has them (the simulator does). */
    Optional<TransportSettings> transportSettings();

    /** The fault injector, when the backend has one (the simulator does; docs/scenarios.md). */
    default Optional<FaultControl> faultControl() {
        return Optional.empty();
    }

    /** The transport's per-message rules, when the backend has them (the simulator does; decision 0610). */
    default Optional<dev.mapiworkbench.mapi.TransportRuleControl> transportRuleControl() {
        return Optional.empty();
    }

    void applyTransport(TransportSettings settings);

    /**
     * Where the backend's spooler hands mail, for the Transport settings dialog (decision 0250): empty
     * when the backend has no SMTP transport (win32), else the SMTP server in use (null: the simulated
     * transport) without its password, and whether a password is held for this run.
     */
    default Optional<SmtpState> smtpState() {
        return Optional.empty();
    }

    /**
     * Switches the profile's transport from the next message on: {@code settings} (null: the simulated
     * transport) are saved in the profile without a password. With {@code replacePassword} the password
     * held in memory becomes {@code password} (null forgets it); otherwise the one held stays.
     */
    default void useSmtp(SmtpSettings settings, boolean replacePassword, Secret password) {
        throw new UnsupportedOperationException("this backend has no SMTP transport");
    }

    /** Ends the wait before the next try of mail the SMTP server deferred (4xx) or could not be reached for. */
    default void retryNow() {}

    /** Queues an .eml file in the Outbox (decision 0162); returns the new message's entry id in hex. */
    default String importEml(Path file) throws IOException {
        throw new UnsupportedOperationException("this session cannot import .eml files");
    }

    /** Writes the message with this entry id (a {@link MessageInfo#key()}) as an .eml file. */
    default void exportEml(String key, Path file) throws IOException {
        throw new UnsupportedOperationException("this session cannot export .eml files");
    }

    /** The profile's run history folder ({@code <profile>/history}), when the session keeps one. */
    default Optional<Path> historyDir() {
        return Optional.empty();
    }

    /** The saved runs, newest first (background thread; reads every file once). */
    default List<TranscriptHistory.Entry> readHistory() throws IOException {
        return List.of();
    }

    /** The summary of one saved run (background thread). */
    default TranscriptHistory.Entry historyEntry(Path file) {
        throw new UnsupportedOperationException("this session keeps no run history");
    }

    /** Two saved runs side by side, {@code left} the older (background thread). */
    default RunComparison compareRuns(Path left, Path right) {
        throw new UnsupportedOperationException("this session keeps no run history");
    }

    /** Makes the session raise fnevCriticalError (simulator only); the listener then hears it. */
    void injectCriticalError(String reason);

    /**
     * The state of the session for the views.
     *
     * @param outbox       the whole Outbox queue when {@code outboxDelta} is null; empty otherwise
     * @param pending      messages submitted or locked (counted by the client, not from {@code outbox})
     * @param outboxDelta  null: {@code outbox} replaces the queue shown; else what changed in the queue since
     *                     the previous snapshot of the same stream (empty: the queue is unchanged), so that a
     *                     100,000-message queue is not copied per change (decision 0260)
     * @param outboxFolder non-null when the message list shows the Outbox queue (the Outbox or the store root is
     *                     selected): the view lists the queue's unsent messages under this folder name, and
     *                     {@code messages} is empty
     * @param peers        the shared session's peer clients (issue 13 item 6; empty when none)
     * @param outboxIndex  null, or (only with {@code outboxDelta} null) every row of the queue as its sequence
     *                     number and state (decision 0860): then {@code outbox} holds the full rows of only some of
     *                     them — at least the first {@link QueueIndex#FIRST_ROWS}, every draft and deferred row and
     *                     the last 200 with a server reply — and the lists read the others by page
     */
    record Snapshot(
            boolean loggedOn,
            String sessionState,
            String spoolerState,
            List<FolderInfo> folders,
            List<MessageInfo> messages,
            List<OutboxInfo> outbox,
            List<ObjectInfo> openObjects,
            int pending,
            OutboxDelta outboxDelta,
            String outboxFolder,
            List<PeerInfo> peers,
            QueueIndex outboxIndex) {

        public Snapshot {
            peers = peers == null ? List.of() : List.copyOf(peers);
            if (outboxIndex != null && outboxDelta != null) {
                throw new IllegalArgumentException("an Outbox index comes only with the whole queue");
            }
        }

        /** A snapshot whose {@code outbox} is every row of the queue when it carries the whole queue. */
        public Snapshot(
                boolean loggedOn,
                String sessionState,
                String spoolerState,
                List<FolderInfo> folders,
                List<MessageInfo> messages,
                List<OutboxInfo> outbox,
                List<ObjectInfo> openObjects,
                int pending,
                OutboxDelta outboxDelta,
                String outboxFolder,
                List<PeerInfo> peers) {
            this(
                    loggedOn,
                    sessionState,
                    spoolerState,
                    folders,
                    messages,
                    outbox,
                    openObjects,
                    pending,
                    outboxDelta,
                    outboxFolder,
                    peers,
                    null);
        }

        public static Snapshot loggedOff(String state) {
            return new Snapshot(
                    false, state, "stopped", List.of(), List.of(), List.of(), List.of(), 0, null, null, List.of());
        }

        /** Messages still waiting to be sent. */
        public long pendingCount() {
            return pending;
        }
    }

    /**
     * What changed in the Outbox queue between two snapshots: rows added or changed (by {@link OutboxInfo#key()},
     * new keys appended), and the keys of rows removed; removals apply first.
     *
     * @param removedSeqs the {@link OutboxInfo#seq()} of the removed rows (empty when not known)
     * @param version     the client model's version the delta brings the window to (-1: not known), so a page
     *                    read earlier does not overwrite a newer row (decision 0530)
     */
    record OutboxDelta(List<OutboxInfo> changed, List<String> removed, List<Long> removedSeqs, long version) {
        public static final OutboxDelta NONE = new OutboxDelta(List.of(), List.of());

        public OutboxDelta {
            changed = List.copyOf(changed);
            removed = List.copyOf(removed);
            removedSeqs = List.copyOf(removedSeqs);
        }

        /** A delta without sequence numbers or version. */
        public OutboxDelta(List<OutboxInfo> changed, List<String> removed) {
            this(changed, removed, List.of(), -1);
        }

        public boolean isEmpty() {
            return changed.isEmpty() && removed.isEmpty();
        }

        /** This delta followed by {@code next}, as one. */
        public OutboxDelta then(OutboxDelta next) {
            java.util.LinkedHashMap<String, OutboxInfo> rows = new java.util.LinkedHashMap<>();
            changed.forEach(o -> rows.put(o.key(), o));
            java.util.LinkedHashSet<String> gone = new java.util.LinkedHashSet<>(removed);
            for (String k : next.removed()) {
                // a row this delta added and the next removed: the removal still applies (it may have been shown)
                rows.remove(k);
                gone.add(k);
            }
            next.changed().forEach(o -> rows.put(o.key(), o));
            java.util.LinkedHashSet<Long> goneSeqs = new java.util.LinkedHashSet<>(removedSeqs);
            goneSeqs.addAll(next.removedSeqs());
            return new OutboxDelta(
                    List.copyOf(rows.values()),
                    List.copyOf(gone),
                    List.copyOf(goneSeqs),
                    Math.max(version, next.version()));
        }
    }

    /** A folder of the store; {@code depth} 0 is the store root; {@code count} 0 shows no number. */
    record FolderInfo(String name, int depth, int count) {}

    /**
     * A message in a folder (for the message list): {@code time} is the submit time, else the delivery
     * time, as local "yyyy-MM-dd HH:mm:ss" ("" when the message has neither, e.g. a queued draft); {@code key}
     * its entry id in hex ("" when not known).
     */
    record MessageInfo(String folder, String subject, String to, String state, String time, String key) {
        public MessageInfo(String folder, String subject, String to, String state, String time) {
            this(folder, subject, to, state, time, "");
        }

        public MessageInfo(String folder, String subject, String to, String state) {
            this(folder, subject, to, state, "");
        }
    }

    /**
     * The SMTP side of the transport: {@code settings} null is the simulated transport; never a password
     * in {@code settings}, only whether one is held ({@code passwordSet}).
     */
    record SmtpState(SmtpSettings settings, boolean passwordSet) {
        public SmtpState {
            if (settings != null && settings.password() != null) {
                settings = settings.withPassword(null);
            }
        }
    }

    /**
     * A message in the Outbox queue with its live state (draft, submitted, sending, sent, failed …), its
     * submit time, and the destination server's last reply to it ({@code reply}, null with the simulated
     * transport); {@code seq} is its place in the queue's order (the order the client first saw it, ascending;
     * -1 when the gateway gives none), which the window's paged list keeps (decision 0530).
     */
    record OutboxInfo(
            String key, String subject, String to, String state, boolean pending, String time, String reply, long seq) {
        /** A row without a sequence number. */
        public OutboxInfo(
                String key, String subject, String to, String state, boolean pending, String time, String reply) {
            this(key, subject, to, state, pending, time, reply, -1);
        }

        /** A row without a submit time. */
        public OutboxInfo(String key, String subject, String to, String state, boolean pending) {
            this(key, subject, to, state, pending, "");
        }

        /** A row without a server reply. */
        public OutboxInfo(String key, String subject, String to, String state, boolean pending, String time) {
            this(key, subject, to, state, pending, time, null);
        }

        /** Waiting in the queue after the server deferred it (4xx) or could not be reached: "Retry now" helps. */
        public boolean deferred() {
            return pending && "queued".equals(state) && reply != null && !reply.isBlank();
        }

        /** "subject — to: recipients — state", as the logoff dialog lists it. */
        public String display() {
            return subject + " — to: " + to + " — " + state;
        }

        /** The same row with {@code newSeq} as its sequence number. */
        public OutboxInfo withSeq(long newSeq) {
            return new OutboxInfo(key, subject, to, state, pending, time, reply, newSeq);
        }
    }

    /**
     * A peer client of the shared session (issue 13 item 6): its state ({@code logged-on}, {@code logged-off},
     * {@code failed}), what it received (notifications, comma-separated) and what it did.
     */
    record PeerInfo(String name, String state, String received, String did) {}

    /** One open object: kind, name, reference count, advise connections, valid / invalid / leaked. */
    record ObjectInfo(String kind, String name, int refCount, int adviseConnections, String state) {}

    /** Session-level events. */
    interface Listener {
        void snapshot(Snapshot snapshot);

        void notification(String line);

        /** fnevCriticalError arrived: the client must tear down at once, without UI. */
        void criticalError(String reason);
    }
}
