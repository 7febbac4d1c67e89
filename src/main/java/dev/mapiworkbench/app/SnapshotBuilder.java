package dev.mapiworkbench.app;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.FolderMessage;
import dev.mapiworkbench.client.LedgerEntry;
import dev.mapiworkbench.client.MailFolder;
import dev.mapiworkbench.client.OutboxChanges;
import dev.mapiworkbench.client.OutboxIndex;
import dev.mapiworkbench.client.OutboxItem;
import dev.mapiworkbench.client.OutboxWindow;
import dev.mapiworkbench.client.SessionState;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.ProfileInUseException;
import dev.mapiworkbench.mapi.SharedSessionControl;
import dev.mapiworkbench.mapi.TransportControl;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.ui.QueueIndex;
import dev.mapiworkbench.ui.QueuePage;
import dev.mapiworkbench.ui.SessionGateway;
import dev.mapiworkbench.ui.SessionGateway.FolderInfo;
import dev.mapiworkbench.ui.SessionGateway.MessageInfo;
import dev.mapiworkbench.ui.SessionGateway.ObjectInfo;
import dev.mapiworkbench.ui.SessionGateway.OutboxDelta;
import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import dev.mapiworkbench.ui.SessionGateway.Snapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the window's {@link Snapshot} from the client: the session and spooler words, the Outbox queue,
 * the open objects, and the store's folders with the selected folder's messages, read through the client
 * (folder browser, decision 0036). No threads of its own; it remembers only the last folder and message
 * lists it read, which stay on screen while a teardown runs or when a read fails.
 */
final class SnapshotBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotBuilder.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final ClientSession client;
    private final ZoneId zone;
    private volatile List<FolderInfo> lastFolders = List.of();
    private volatile List<MessageInfo> lastMessages = List.of();
    /** The Outbox model version the last streamed snapshot brought the window to (-1: none yet). */
    @GuardedBy("this")
    private long streamedVersion = -1;

    SnapshotBuilder(ClientSession client) {
        this(client, ZoneId.systemDefault());
    }

    /** With the zone the Time column is shown in (tests pin it). */
    SnapshotBuilder(ClientSession client, ZoneId zone) {
        this.client = client;
        this.zone = zone;
    }

    /**
     * The state now.
     *
     * @param selectedFolder the folder whose messages to list (null or the store root: the Outbox queue)
     */
    Snapshot build(String selectedFolder) {
        return build(selectedFolder, false);
    }

    /**
     * The state now. A snapshot of the stream ({@code stream} true: the throttled snapshots the window
     * applies in order) carries only what changed in the Outbox queue since the stream's previous one,
     * or the whole queue after a new logon; any other snapshot (the result of an action) leaves the
     * queue to the stream ({@link OutboxDelta#NONE}). Nothing here reads or copies the whole Outbox per
     * change (decision 0260).
     */
    synchronized Snapshot build(String selectedFolder, boolean stream) {
        SessionState state = client.state();
        // the views keep their content while tearing down; "logged on" (what enables Log off, New
        // message, ...) is only LOGGED_ON, so a snapshot built during a teardown can never re-enable them
        boolean on = state == SessionState.LOGGED_ON || state == SessionState.TEARING_DOWN;
        boolean loggedOn = state == SessionState.LOGGED_ON;
        List<OutboxInfo> outbox = List.of();
        QueueIndex outboxIndex = null;
        OutboxDelta delta = OutboxDelta.NONE;
        if (stream) {
            long version = client.outboxVersion();
            Optional<OutboxChanges> changes =
                    streamedVersion < 0 ? Optional.empty() : client.outboxChangesSince(streamedVersion);
            if (changes.isPresent()) {
                OutboxChanges c = changes.get();
                List<OutboxInfo> rows = new ArrayList<>(c.changed().size());
                for (int i = 0; i < c.changed().size(); i++) {
                    rows.add(info(
                            c.changed().get(i),
                            c.changedSeqs().isEmpty() ? -1 : c.changedSeqs().get(i)));
                }
                delta = new OutboxDelta(rows, c.removed(), c.removedSeqs(), c.toVersion());
                version = changes.get().toVersion();
            } else {
                // a new logon or too many changes: the whole queue (read with the version it has)
                version = client.outboxVersion();
                OutboxIndex index = client.outboxIndex();
                outboxIndex = queueIndex(index);
                outbox = fullRows(index);
                delta = null;
            }
            streamedVersion = version;
        }
        int pending = client.pendingCount();
        boolean sending = client.outboxCount(OutboxItem.State.LOCKED) > 0;
        String store = client.storeDisplayName();
        List<FolderInfo> folders;
        List<MessageInfo> messages;
        String outboxFolder = null;
        if (loggedOn && store != null) {
            Browse b = browse(store, selectedFolder);
            folders = b.folders();
            messages = b.messages();
            outboxFolder = b.outboxFolder();
        } else if (on && store != null) {
            // tearing down: keep what was shown (nothing is opened any more)
            folders = lastFolders;
            messages = lastMessages;
            outboxFolder = lastOutboxFolder;
        } else {
            folders = List.of();
            messages = List.of();
            lastFolders = List.of();
            lastMessages = List.of();
        }
        List<ObjectInfo> objects = new ArrayList<>();
        for (LedgerEntry e : client.ledgerSnapshot()) {
            objects.add(new ObjectInfo(
                    e.kind(),
                    e.name(),
                    e.refCount(),
                    e.adviseConnections(),
                    e.state().name().toLowerCase(Locale.ROOT)));
        }
        String spooler = on ? spoolerWord(transportSettings(), pending, sending) : "stopped";
        return new Snapshot(
                loggedOn,
                sessionWord(state, store),
                spooler,
                folders,
                messages,
                outbox,
                objects,
                pending,
                delta,
                outboxFolder,
                peers(),
                outboxIndex);
    }

    /** The rows the window keeps with a reply at most (its Transport settings dialog lists them). */
    static final int REPLIED_ROWS = 200;

    /**
     * The whole queue as the window's lists need it (a new logon, or the change log no longer reaches back;
     * decision 0860): each row's number and state, no row made.
     */
    private static QueueIndex queueIndex(OutboxIndex index) {
        return new QueueIndex(index.seqs(), index.states());
    }

    /**
     * The rows of the queue the window needs in full with its index: the first {@link QueueIndex#FIRST_ROWS} (the
     * lists' first screen), every draft and deferred row (its drafts list, "Retry now"), and the last
     * {@value #REPLIED_ROWS} with a server reply; the others it reads by page. A few rows, not one per message.
     */
    private List<OutboxInfo> fullRows(OutboxIndex index) {
        int n = index.size();
        List<Long> wanted = new ArrayList<>();
        int replied = 0;
        int lastReplied = n;
        while (lastReplied > 0 && replied < REPLIED_ROWS) {
            if (index.hasReply(--lastReplied)) {
                replied++;
            }
        }
        for (int i = 0; i < n; i++) {
            byte code = index.states()[i];
            if (i < QueueIndex.FIRST_ROWS
                    || code == OutboxIndex.DRAFT
                    || code == OutboxIndex.DEFERRED
                    || (i >= lastReplied && index.hasReply(i))) {
                wanted.add(index.seqs()[i]);
            }
        }
        return rows(client.outboxRows(wanted.stream().mapToLong(Long::longValue).toArray()));
    }

    /**
     * The queue's rows with these sequence numbers, as they are now (the window's paged list, decision 0530);
     * any thread.
     */
    QueuePage queueRows(long[] seqs) {
        OutboxWindow w = client.outboxRows(seqs);
        return new QueuePage(w.version(), rows(w));
    }

    private List<OutboxInfo> rows(OutboxWindow w) {
        List<OutboxInfo> rows = new ArrayList<>(w.items().size());
        for (int i = 0; i < w.items().size(); i++) {
            rows.add(info(w.items().get(i), w.seqs().get(i)));
        }
        return rows;
    }

    /** The window's row for a queue item (the Time column from the model's PR_CLIENT_SUBMIT_TIME). */
    private OutboxInfo info(OutboxItem i, long seq) {
        return new OutboxInfo(
                i.id(),
                i.subject(),
                String.join("; ", i.recipients()),
                stateWord(i),
                i.state().pending(),
                i.submitTime() == null ? "" : TIME.format(i.submitTime().atZone(zone)),
                i.reply(),
                seq);
    }

    /** The shared session's peer clients (the simulator's), with what they received and did. */
    private List<SessionGateway.PeerInfo> peers() {
        return client.capability(SharedSessionControl.class)
                .map(c -> c.peers().stream()
                        .map(p ->
                                new Transcript.Peer(p.name(), p.loggedOn(), p.logoffReason(), p.state(), p.received()))
                        .map(p -> new SessionGateway.PeerInfo(
                                p.name(), p.state(), String.join(", ", p.received()), p.did()))
                        .toList())
                .orElse(List.of());
    }

    private Optional<TransportSettings> transportSettings() {
        return client.capability(TransportControl.class).map(TransportControl::settings);
    }

    private String sessionWord(SessionState state, String store) {
        return switch (state) {
            case LOGGED_ON -> "Logged on — " + store + (client.isShared() ? " (shared)" : "");
            case LOGGING_ON -> "Logging on…";
            case TEARING_DOWN -> "Tearing down";
            case FAILED ->
                client.lastError() instanceof ProfileInUseException p // decision 0120
                        ? "Profile in use by " + p.holder().describe()
                        : "Logon failed";
            case LOGGED_OFF -> "Logged off";
        };
    }

    /** offline / hung / sending / queued / idle, for a running session. */
    static String spoolerWord(Optional<TransportSettings> transport, int pending, boolean sending) {
        if (transport.isPresent() && transport.get().offline()) {
            return "offline";
        }
        if (transport.isPresent() && transport.get().hang()) {
            return pending > 0 ? "hung" : "idle";
        }
        return sending ? "sending" : pending > 0 ? "queued" : "idle";
    }

    /** The Outbox queue's word for a message: draft, queued, sending, sent, failed: reason. */
    static String stateWord(OutboxItem i) {
        return switch (i.state()) {
            case DRAFT -> "draft";
            case SUBMITTED -> "queued";
            case LOCKED -> "sending";
            case SENT -> "sent";
            case FAILED -> "failed" + (i.reason() == null ? "" : ": " + i.reason());
        };
    }

    private record Browse(List<FolderInfo> folders, List<MessageInfo> messages, String outboxFolder) {}

    /** A folder other than the Outbox lists at most this many messages, the newest (the label shows the count). */
    static final int FOLDER_WINDOW = 1000;

    private volatile String lastOutboxFolder;

    /**
     * The store's folders (PR_CONTENT_COUNT as the label's number) and the selected folder's messages,
     * read through the client (each object released before it returns). The Outbox, and the store
     * root, show the live queue model; another folder is read from its contents table. On a MAPI
     * failure the last good lists stay (a teardown may have just begun).
     */
    private Browse browse(String store, String selected) {
        List<MailFolder> mailFolders;
        try {
            mailFolders = client.folders();
        } catch (MapiException e) {
            LOG.debug("folder list not read: {}", e.getMessage());
            return new Browse(lastFolders, lastMessages, lastOutboxFolder);
        }
        List<FolderInfo> folders = new ArrayList<>();
        folders.add(new FolderInfo(store, 0, 0));
        for (MailFolder f : mailFolders) {
            folders.add(new FolderInfo(f.name(), 1, Math.max(f.count(), 0)));
        }
        MailFolder chosen = mailFolders.stream()
                .filter(f -> f.name().equals(selected))
                .findFirst()
                .orElse(null);
        List<MessageInfo> messages = new ArrayList<>();
        String outboxFolder = null;
        if (chosen == null || chosen.role() == MailFolder.Role.OUTBOX) {
            // the live queue model: the window lists its unsent rows (no read of the folder)
            outboxFolder = mailFolders.stream()
                    .filter(f -> f.role() == MailFolder.Role.OUTBOX)
                    .map(MailFolder::name)
                    .findFirst()
                    .orElse(MailFolder.Role.OUTBOX.defaultName());
        } else if (chosen.available()) {
            try {
                for (FolderMessage m : client.messages(chosen, FOLDER_WINDOW)) {
                    Instant t = m.submitTime() != null ? m.submitTime() : m.deliveryTime();
                    messages.add(new MessageInfo(
                            chosen.name(),
                            m.subject(),
                            String.join("; ", m.recipients()),
                            m.stateWord(),
                            t == null ? "" : TIME.format(t.atZone(zone)),
                            m.entryIdHex()));
                }
            } catch (MapiException e) {
                LOG.debug("messages of {} not read: {}", chosen.name(), e.getMessage());
                return new Browse(folders, lastMessages, lastOutboxFolder);
            }
        }
        lastFolders = List.copyOf(folders);
        lastMessages = List.copyOf(messages);
        lastOutboxFolder = outboxFolder;
        return new Browse(lastFolders, lastMessages, outboxFolder);
    }
}
