package dev.mapiworkbench.ui;

import dev.mapiworkbench.ui.SessionGateway.MessageInfo;
import dev.mapiworkbench.ui.SessionGateway.OutboxDelta;
import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import dev.mapiworkbench.ui.SessionGateway.Snapshot;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Outbox queue as the window shows it, kept from the snapshots (UI thread): the queue's rows, the pending
 * lines the logoff dialog lists, the drafts, whether some message waits after a deferral, and — when the
 * Outbox or the store root is selected — the message list. A snapshot carries the whole queue or its delta;
 * a delta is applied row by row, so a change to a 100,000-message queue costs the changed rows (decision 0260).
 * The queue's own list ({@link QueueView}) holds only the rows on screen and near it, and reads the others
 * page by page as the table scrolls (decision 0530); so do the logoff dialog's pending lines and the message
 * list while it shows the Outbox (decision 0640): none of the three keeps a row per message.
 */
final class OutboxQueueModel {

    private final QueueView<OutboxInfo> outbox = QueueView.all();
    /** Sequence numbers for rows a gateway sent without one (a gateway that cannot page). */
    private final Map<String, Long> localSeqs = new java.util.HashMap<>();

    private final ObservableList<OutboxInfo> draftList = FXCollections.observableArrayList();
    private final KeyedRows<OutboxInfo> draftRows = new KeyedRows<>(draftList);
    /** Rows with a server reply (the transport settings dialog lists the replies), at most {@value #REPLIES}. */
    private final ObservableList<OutboxInfo> replied = FXCollections.observableArrayList();

    private final KeyedRows<OutboxInfo> repliedRows = new KeyedRows<>(replied);
    private static final int REPLIES = 200;
    /**
     * The pending Outbox messages as the logoff dialog lists them ("subject — to: … — state"), live and paged
     * like the queue (decision 0640).
     */
    private final QueueView<String> pendingLines =
            new QueueView<>(OutboxInfo::pending, o -> QueueView.isPlaceholder(o) ? "…" : o.display());

    /** The folder name the message list shows the queue under (the snapshots name it). */
    private String queueFolder = "Outbox";
    /** The unsent rows as the message list shows them while the Outbox is selected, paged (decision 0640). */
    private final QueueView<MessageInfo> queueMessages =
            new QueueView<>(o -> !"sent".equals(o.state()), o -> queueMessage(queueFolder, o));

    /** The selected folder's messages (another folder than the Outbox: at most the newest 1,000). */
    private final ObservableList<MessageInfo> messages;
    /** The message list: {@link #queueMessages} while the Outbox (or the store root) is selected, else the folder's. */
    private final FollowingList<MessageInfo> messageList;
    /** {@link #messages} filtered to the selected folder. */
    private final ObservableList<MessageInfo> folderMessages;

    /** Keys of the queued messages a server deferred, kept by the Outbox deltas (no scan per snapshot). */
    private final Set<String> deferredKeys = new HashSet<>();

    private final BooleanProperty retryNowAvailable = new SimpleBooleanProperty(this, "retryNowAvailable");

    /**
     * {@code messages}: the selected folder's messages as the snapshots list them; {@code shownMessages}: the
     * same filtered to the selected folder (what the message list shows while another folder than the Outbox is
     * selected).
     */
    OutboxQueueModel(ObservableList<MessageInfo> messages, ObservableList<MessageInfo> shownMessages) {
        this.messages = messages;
        this.messageList = new FollowingList<>(shownMessages);
        this.folderMessages = shownMessages;
    }

    /** The message list: the Outbox queue (paged) or the selected folder's messages. */
    ObservableList<MessageInfo> messageList() {
        return messageList;
    }

    /**
     * A folder was selected in the tree: when it is a folder other than the one the queue is shown under, the
     * message list shows that folder's messages at once (the next snapshot brings them).
     */
    void folderSelected(String name, boolean storeRoot) {
        if (name != null && !storeRoot && !name.equals(queueFolder)) {
            messageList.follow(folderMessages);
        }
    }

    /**
     * The queue's rows that are still in the Outbox folder (every state but sent: pending, failed, deferred …), as
     * the message list shows them; its size is what the folder tree counts for the Outbox.
     */
    ObservableList<MessageInfo> unsent() {
        return queueMessages;
    }

    /** The queue, paged ({@link QueueView}). */
    QueueView<OutboxInfo> outbox() {
        return outbox;
    }

    /** Where the queue's pages are read from (the gateway, off the FX thread). */
    void pageFrom(QueueView.Fetcher fetcher) {
        outbox.fetcher(fetcher);
        pendingLines.fetcher(fetcher);
        queueMessages.fetcher(fetcher);
    }

    /** The rows with a server reply (the newest {@value #REPLIES}). */
    ObservableList<OutboxInfo> replied() {
        return replied;
    }

    /** The pending lines the logoff dialog lists (paged, live). */
    ObservableList<String> pendingLines() {
        return pendingLines;
    }

    ObservableList<OutboxInfo> drafts() {
        return draftList;
    }

    BooleanProperty retryNowAvailableProperty() {
        return retryNowAvailable;
    }

    /** The queue, its pending lines and (when the snapshot names the Outbox folder) the message list. */
    void apply(Snapshot s) {
        OutboxDelta delta = s.outboxDelta();
        String folder = s.outboxFolder();
        boolean full = delta == null;
        if (full) {
            // with an index, s.outbox() is some of the rows, among them every draft, every deferred row and the
            // last REPLIES with a reply: the lists below come out as from every row
            List<OutboxInfo> all = numbered(s.outbox());
            if (s.outboxIndex() != null) {
                all = all.stream()
                        .sorted(java.util.Comparator.comparingLong(OutboxInfo::seq))
                        .toList();
                resetQueue(s.outboxIndex(), all);
            } else {
                resetQueue(all);
            }
            List<OutboxInfo> draftOnes =
                    all.stream().filter(o -> "draft".equals(o.state())).toList();
            draftRows.replaceAll(draftOnes.stream().map(OutboxInfo::key).toList(), draftOnes);
            List<OutboxInfo> withReply =
                    all.stream().filter(o -> o.reply() != null).toList();
            List<OutboxInfo> repliedOnes = withReply.subList(Math.max(0, withReply.size() - REPLIES), withReply.size());
            repliedRows.replaceAll(repliedOnes.stream().map(OutboxInfo::key).toList(), repliedOnes);
            deferredKeys.clear();
            s.outbox().stream().filter(OutboxInfo::deferred).forEach(o -> deferredKeys.add(o.key()));
        } else if (!delta.isEmpty()) {
            List<OutboxInfo> changed = numbered(delta.changed());
            List<Long> removedSeqs = removedSeqs(delta);
            outbox.apply(changed, removedSeqs, delta.version());
            pendingLines.apply(changed, removedSeqs, delta.version());
            queueMessages.apply(changed, removedSeqs, delta.version());
            Map<String, OutboxInfo> draftChanges = new LinkedHashMap<>();
            Map<String, OutboxInfo> replyChanges = new LinkedHashMap<>();
            for (String k : delta.removed()) {
                draftChanges.put(k, null);
                replyChanges.put(k, null);
                deferredKeys.remove(k);
            }
            for (OutboxInfo o : changed) {
                draftChanges.put(o.key(), "draft".equals(o.state()) ? o : null);
                replyChanges.put(o.key(), o.reply() != null ? o : null);
                if (o.deferred()) {
                    deferredKeys.add(o.key());
                } else {
                    deferredKeys.remove(o.key());
                }
            }
            draftRows.apply(draftChanges);
            repliedRows.apply(replyChanges);
            while (replied.size() > REPLIES) {
                repliedRows.apply(Map.of(replied.get(0).key(), null));
            }
        }
        retryNowAvailable.set(!deferredKeys.isEmpty());
        applyMessages(s, folder);
    }

    /**
     * The message list: the paged queue while the snapshot names the Outbox folder (it shows the Outbox or the
     * store root), else the selected folder's messages the snapshot read.
     */
    private void applyMessages(Snapshot s, String folder) {
        if (folder == null) {
            if (!messages.equals(s.messages())) {
                messages.setAll(s.messages());
            }
            messageList.follow(folderMessages);
            return;
        }
        if (!folder.equals(queueFolder)) {
            queueFolder = folder;
            queueMessages.reshow();
        }
        messageList.follow(queueMessages);
    }

    /** The rows with a sequence number each (given here when the gateway sent none, by key). */
    private List<OutboxInfo> numbered(List<OutboxInfo> rows) {
        if (rows.stream().allMatch(o -> o.seq() >= 0)) {
            return rows;
        }
        return rows.stream()
                .map(o ->
                        o.seq() >= 0 ? o : o.withSeq(localSeqs.computeIfAbsent(o.key(), k -> (long) localSeqs.size())))
                .toList();
    }

    private List<Long> removedSeqs(OutboxDelta delta) {
        if (!delta.removedSeqs().isEmpty()) {
            return delta.removedSeqs();
        }
        return delta.removed().stream()
                .map(localSeqs::get)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** The whole queue anew from its index: the rows given are held where they are among the first shown. */
    private void resetQueue(QueueIndex index, List<OutboxInfo> given) {
        outbox.reset(index, given, QueueView.PAGE);
        pendingLines.reset(index, given, QueueView.PAGE);
        queueMessages.reset(index, given, QueueView.PAGE);
    }

    /** The whole queue anew: a gateway that pages gives only what is shown first; otherwise every row. */
    private void resetQueue(List<OutboxInfo> all) {
        boolean paging = localSeqs.isEmpty();
        outbox.reset(all, QueueView.PAGE, !paging);
        pendingLines.reset(all, QueueView.PAGE, !paging);
        queueMessages.reset(all, QueueView.PAGE, !paging);
    }

    private static MessageInfo queueMessage(String folder, OutboxInfo o) {
        return new MessageInfo(folder, o.subject(), o.to(), o.state(), o.time());
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
            Map<String, OutboxInfo> queue = new LinkedHashMap<>();
            older.outbox().forEach(o -> queue.put(o.key(), o));
            newer.outboxDelta().removed().forEach(queue::remove);
            newer.outboxDelta().changed().forEach(o -> queue.put(o.key(), o));
            QueueIndex index =
                    older.outboxIndex() == null ? null : older.outboxIndex().then(newer.outboxDelta());
            return withOutbox(newer, List.copyOf(queue.values()), null, index);
        }
        return withOutbox(newer, List.of(), older.outboxDelta().then(newer.outboxDelta()), null);
    }

    private static Snapshot withOutbox(Snapshot s, List<OutboxInfo> outbox, OutboxDelta delta, QueueIndex index) {
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
                s.peers(),
                index);
    }
}
