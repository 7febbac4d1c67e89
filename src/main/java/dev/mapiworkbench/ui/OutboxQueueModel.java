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
 * page by page as the table scrolls (decision 0530).
 */
final class OutboxQueueModel {

    private final QueueView<OutboxInfo> outbox = QueueView.all();
    /**
     * The unsent rows by key, for the message list when it is switched back to the queue (it lists them all;
     * only the queue's own table pages so far).
     */
    private final Map<String, OutboxInfo> unsent = new LinkedHashMap<>();
    /** Sequence numbers for rows a gateway sent without one (a gateway that cannot page). */
    private final Map<String, Long> localSeqs = new java.util.HashMap<>();

    private final ObservableList<OutboxInfo> draftList = FXCollections.observableArrayList();
    private final KeyedRows<OutboxInfo> draftRows = new KeyedRows<>(draftList);
    /** Rows with a server reply (the transport settings dialog lists the replies), at most {@value #REPLIES}. */
    private final ObservableList<OutboxInfo> replied = FXCollections.observableArrayList();

    private final KeyedRows<OutboxInfo> repliedRows = new KeyedRows<>(replied);
    private static final int REPLIES = 200;
    /** The pending Outbox messages as the logoff dialog lists them ("subject — to: … — state"), live. */
    private final ObservableList<String> pendingLines = FXCollections.observableArrayList();

    private final ObservableList<MessageInfo> messages;
    /** The lists that follow the Outbox queue row by row (decision 0260). */
    private final KeyedRows<String> pendingRows = new KeyedRows<>(pendingLines);

    private final KeyedRows<MessageInfo> queueMessageRows;
    /** The folder name the message list shows the queue under, or null when it shows another folder's messages. */
    private String queueFolder;
    /** Keys of the queued messages a server deferred, kept by the Outbox deltas (no scan per snapshot). */
    private final Set<String> deferredKeys = new HashSet<>();

    private final BooleanProperty retryNowAvailable = new SimpleBooleanProperty(this, "retryNowAvailable");

    /** {@code messages}: the window's message list, which shows the queue while the Outbox is selected. */
    OutboxQueueModel(ObservableList<MessageInfo> messages) {
        this.messages = messages;
        this.queueMessageRows = new KeyedRows<>(messages);
    }

    /** The queue, paged ({@link QueueView}). */
    QueueView<OutboxInfo> outbox() {
        return outbox;
    }

    /** Where the queue's pages are read from (the gateway, off the FX thread). */
    void pageFrom(QueueView.Fetcher fetcher) {
        outbox.fetcher(fetcher);
    }

    /** The rows with a server reply (the newest {@value #REPLIES}). */
    ObservableList<OutboxInfo> replied() {
        return replied;
    }

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
            List<OutboxInfo> all = numbered(s.outbox());
            resetQueue(all);
            unsent.clear();
            all.stream().filter(o -> !o.state().equals("sent")).forEach(o -> unsent.put(o.key(), o));
            List<OutboxInfo> draftOnes =
                    all.stream().filter(o -> "draft".equals(o.state())).toList();
            draftRows.replaceAll(draftOnes.stream().map(OutboxInfo::key).toList(), draftOnes);
            List<OutboxInfo> repliedOnes = all.stream()
                    .filter(o -> o.reply() != null)
                    .skip(Math.max(0, all.size() - REPLIES))
                    .toList();
            repliedRows.replaceAll(repliedOnes.stream().map(OutboxInfo::key).toList(), repliedOnes);
            List<OutboxInfo> pendingOnes =
                    s.outbox().stream().filter(OutboxInfo::pending).toList();
            pendingRows.replaceAll(
                    pendingOnes.stream().map(OutboxInfo::key).toList(),
                    pendingOnes.stream().map(OutboxInfo::display).toList());
            deferredKeys.clear();
            s.outbox().stream().filter(OutboxInfo::deferred).forEach(o -> deferredKeys.add(o.key()));
        } else if (!delta.isEmpty()) {
            List<OutboxInfo> changed = numbered(delta.changed());
            outbox.apply(changed, removedSeqs(delta), delta.version());
            Map<String, OutboxInfo> draftChanges = new LinkedHashMap<>();
            Map<String, OutboxInfo> replyChanges = new LinkedHashMap<>();
            Map<String, String> lines = new LinkedHashMap<>();
            for (String k : delta.removed()) {
                unsent.remove(k);
                draftChanges.put(k, null);
                replyChanges.put(k, null);
                lines.put(k, null);
                deferredKeys.remove(k);
            }
            for (OutboxInfo o : changed) {
                if (o.state().equals("sent")) {
                    unsent.remove(o.key());
                } else {
                    unsent.put(o.key(), o);
                }
                draftChanges.put(o.key(), "draft".equals(o.state()) ? o : null);
                replyChanges.put(o.key(), o.reply() != null ? o : null);
                lines.put(o.key(), o.pending() ? o.display() : null);
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
            pendingRows.apply(lines);
        }
        retryNowAvailable.set(!deferredKeys.isEmpty());
        applyMessages(s, folder, full, delta);
    }

    private void applyMessages(Snapshot s, String folder, boolean full, OutboxDelta delta) {
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
            queueMessageRows.replaceAll(
                    List.copyOf(unsent.keySet()),
                    unsent.values().stream().map(o -> queueMessage(folder, o)).toList());
        } else if (!delta.isEmpty()) {
            Map<String, MessageInfo> rows = new LinkedHashMap<>();
            delta.removed().forEach(k -> rows.put(k, null));
            for (OutboxInfo o : delta.changed()) {
                rows.put(o.key(), o.state().equals("sent") ? null : queueMessage(folder, o));
            }
            queueMessageRows.apply(rows);
        }
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

    /** The whole queue anew: a gateway that pages gives only what is shown first; otherwise every row. */
    private void resetQueue(List<OutboxInfo> all) {
        boolean paging = localSeqs.isEmpty();
        outbox.reset(all, QueueView.PAGE, !paging);
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
            return withOutbox(newer, List.copyOf(queue.values()), null);
        }
        return withOutbox(newer, List.of(), older.outboxDelta().then(newer.outboxDelta()));
    }

    private static Snapshot withOutbox(Snapshot s, List<OutboxInfo> outbox, OutboxDelta delta) {
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
}
