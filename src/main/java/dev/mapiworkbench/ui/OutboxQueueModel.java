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
import javafx.collections.transformation.FilteredList;

/**
 * The Outbox queue as the window shows it, kept from the snapshots (UI thread): the queue's rows, the pending
 * lines the logoff dialog lists, the drafts, whether some message waits after a deferral, and — when the
 * Outbox or the store root is selected — the message list. A snapshot carries the whole queue or its delta;
 * a delta is applied row by row, so a change to a 100,000-message queue costs the changed rows (decision 0260).
 */
final class OutboxQueueModel {

    private final ObservableList<OutboxInfo> outbox = FXCollections.observableArrayList();
    /** The pending Outbox messages as the logoff dialog lists them ("subject — to: … — state"), live. */
    private final ObservableList<String> pendingLines = FXCollections.observableArrayList();

    private final ObservableList<MessageInfo> messages;
    /** The three lists that follow the Outbox queue row by row (decision 0260). */
    private final KeyedRows<OutboxInfo> outboxRows = new KeyedRows<>(outbox);

    private final KeyedRows<String> pendingRows = new KeyedRows<>(pendingLines);
    private final KeyedRows<MessageInfo> queueMessageRows;
    /** The folder name the message list shows the queue under, or null when it shows another folder's messages. */
    private String queueFolder;
    /** Keys of the queued messages a server deferred, kept by the Outbox deltas (no scan per snapshot). */
    private final Set<String> deferredKeys = new HashSet<>();

    private final BooleanProperty retryNowAvailable = new SimpleBooleanProperty(this, "retryNowAvailable");
    private final FilteredList<OutboxInfo> drafts = outbox.filtered(o -> "draft".equals(o.state()));

    /** {@code messages}: the window's message list, which shows the queue while the Outbox is selected. */
    OutboxQueueModel(ObservableList<MessageInfo> messages) {
        this.messages = messages;
        this.queueMessageRows = new KeyedRows<>(messages);
    }

    ObservableList<OutboxInfo> outbox() {
        return outbox;
    }

    ObservableList<String> pendingLines() {
        return pendingLines;
    }

    FilteredList<OutboxInfo> drafts() {
        return drafts;
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
            List<String> keys = s.outbox().stream().map(OutboxInfo::key).toList();
            outboxRows.replaceAll(keys, s.outbox());
            List<OutboxInfo> pendingOnes =
                    s.outbox().stream().filter(OutboxInfo::pending).toList();
            pendingRows.replaceAll(
                    pendingOnes.stream().map(OutboxInfo::key).toList(),
                    pendingOnes.stream().map(OutboxInfo::display).toList());
            deferredKeys.clear();
            s.outbox().stream().filter(OutboxInfo::deferred).forEach(o -> deferredKeys.add(o.key()));
        } else if (!delta.isEmpty()) {
            Map<String, OutboxInfo> rows = new LinkedHashMap<>();
            Map<String, String> lines = new LinkedHashMap<>();
            for (String k : delta.removed()) {
                rows.put(k, null);
                lines.put(k, null);
                deferredKeys.remove(k);
            }
            for (OutboxInfo o : delta.changed()) {
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
            List<OutboxInfo> unsent =
                    outbox.stream().filter(o -> !o.state().equals("sent")).toList();
            queueMessageRows.replaceAll(
                    unsent.stream().map(OutboxInfo::key).toList(),
                    unsent.stream().map(o -> queueMessage(folder, o)).toList());
        } else if (!delta.isEmpty()) {
            Map<String, MessageInfo> rows = new LinkedHashMap<>();
            delta.removed().forEach(k -> rows.put(k, null));
            for (OutboxInfo o : delta.changed()) {
                rows.put(o.key(), o.state().equals("sent") ? null : queueMessage(folder, o));
            }
            queueMessageRows.apply(rows);
        }
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
