package dev.mapiworkbench.client;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Outbox queue model: drafts, queued, and this logon's sent or failed messages, in the order they
 * were first seen, kept from the Outbox contents table's rows (what a row means: {@link OutboxRows}) with a
 * change log for readers that follow it row by row ({@link OutboxChangeLog}).
 *
 * <p>Locking: one monitor (this object's {@code lock}) guards the model. A refresh reads the table
 * and applies the rows while holding it, so an older read can never be applied after a newer one (the
 * refresher thread and the teardown thread both refresh); the table's own calls never call back into
 * the model. Change notices go out after the lock is released.
 *
 * <p>Size: somewhat over 400 lines because a full read, a page of the logon's read, a notification and the
 * client's own compose, submit and abort each change the same guarded maps under the one lock, with the
 * same rules; apart, the rules for "sent", "failed" and "draft" could drift between them.
 */
final class OutboxModel {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxModel.class);

    /** The change log keeps at most this many entries; a reader further behind reads the whole model. */
    static final int CHANGE_LOG_LIMIT = OutboxChangeLog.LIMIT;

    private final Clock clock;
    private final Runnable changed;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    @GuardedBy("lock")
    private final Map<String, OutboxItem> outbox = new LinkedHashMap<>();
    /** Recipients as composed (the table's PR_DISPLAY_TO is a display string); guarded by {@link #lock}. */
    @GuardedBy("lock")
    private final Map<String, List<String>> knownRecipients = new LinkedHashMap<>();
    /**
     * Messages taken out of the queue by AbortSubmit: without MSGFLAG_SUBMIT they are drafts, not failures.
     * An id stays here from {@link #aborting} until the client submits the message again
     * ({@link #submitted}), AbortSubmit fails ({@link #abortFailed}) or the message goes: never because a
     * row still shows MSGFLAG_SUBMIT, since a read or a notification from before AbortSubmit took effect
     * can arrive after {@link #aborting} (the notification thread and the refresher are not the caller's).
     */
    @GuardedBy("lock")
    private final java.util.Set<String> aborted = new java.util.HashSet<>();
    /** PR_INSTANCE_KEY (hex) to entry id (hex) of the rows seen: TABLE_ROW_DELETED names only the key. */
    @GuardedBy("lock")
    private final Map<String, String> byInstanceKey = new HashMap<>();
    /** True until the first full read, and after TABLE_RELOAD, TABLE_CHANGED or TABLE_ERROR. */
    private volatile boolean stale = true;
    /** Items per state, kept with every change (the teardown asks for the pending count often); guarded by lock. */
    @GuardedBy("lock")
    private final Map<OutboxItem.State, Integer> stateCounts = new java.util.EnumMap<>(OutboxItem.State.class);
    /** The ids changed, one per version; guarded by {@link #lock}. */
    @GuardedBy("lock")
    private final OutboxChangeLog changeLog = new OutboxChangeLog();
    /** Each id's sequence number, for readers that page (decision 0530). */
    @GuardedBy("lock")
    private final OutboxOrder order = new OutboxOrder();

    /** A model whose changes are announced through {@code changed} (called without the lock held). */
    OutboxModel(Clock clock, Runnable changed) {
        this.clock = clock;
        this.changed = changed;
    }

    /** Forgets everything (a new logon). */
    void clear() {
        synchronized (lock) {
            outbox.clear();
            knownRecipients.clear();
            byInstanceKey.clear();
            aborted.clear();
            stateCounts.clear();
            order.clear();
            changeLog.restart();
            stale = true;
        }
    }

    /** The model's version: it grows by one with every item added, changed or removed. */
    long version() {
        synchronized (lock) {
            return changeLog.version();
        }
    }

    /** How many items are in {@code state} now, without copying the model. */
    int count(OutboxItem.State state) {
        synchronized (lock) {
            return stateCounts.getOrDefault(state, 0);
        }
    }

    /**
     * What changed after {@code sinceVersion}: the current items of the ids added or changed, in the
     * order they changed, and the ids removed; empty when the change log no longer reaches back that
     * far (a new logon, or more than {@value #CHANGE_LOG_LIMIT} changes): then read the whole
     * {@link #snapshot()}. The cost is the number of changes, not the size of the Outbox (decision 0260).
     */
    Optional<OutboxChanges> changesSince(long sinceVersion) {
        synchronized (lock) {
            return changeLog.since(sinceVersion, outbox, order);
        }
    }

    /** Every item's sequence number and state code, without copying the items (decision 0530). */
    OutboxIndex index() {
        synchronized (lock) {
            return order.index(changeLog.version(), outbox);
        }
    }

    /** The items with these sequence numbers, as they are now. */
    OutboxWindow rows(long[] seqs) {
        synchronized (lock) {
            return order.window(changeLog.version(), seqs, outbox);
        }
    }

    /** Puts an item, keeping the counts and the change log (lock held). */
    @GuardedBy("lock")
    private void put(String id, OutboxItem item) {
        order.seq(id);
        OutboxItem old = outbox.put(id, item);
        if (old != null) {
            stateCounts.merge(old.state(), -1, Integer::sum);
        }
        stateCounts.merge(item.state(), 1, Integer::sum);
        logged(id);
    }

    /** Removes an item, keeping the counts and the change log (lock held). */
    @GuardedBy("lock")
    private void remove(String id) {
        OutboxItem old = outbox.remove(id);
        aborted.remove(id);
        if (old != null) {
            stateCounts.merge(old.state(), -1, Integer::sum);
            logged(id);
        }
    }

    @GuardedBy("lock")
    private void logged(String id) {
        changeLog.add(id);
    }

    /** True when only a full read can make the model current again (see {@link #apply}). */
    boolean stale() {
        return stale;
    }

    List<OutboxItem> snapshot() {
        synchronized (lock) {
            return List.copyOf(outbox.values());
        }
    }

    /**
     * Re-reads {@code table} from the beginning and applies the rows (a full reload, page by page, all
     * before it returns); a table call that fails (the session ended meanwhile) leaves the model stale.
     * The logon reads only the first window and the rest in the background ({@link OutboxLoad}).
     */
    void refresh(MapiTable table) {
        OutboxLoad load = new OutboxLoad(this, table);
        if (load.begin()) {
            load.finish();
        }
    }

    /**
     * One page of a load ({@link OutboxLoad}): from the beginning of {@code table} when {@code first}
     * (SeekRow(BOOKMARK_BEGINNING, 0)), else from its cursor, up to {@code rows} rows, read and applied
     * while the model's lock is held, so an older read is never applied after a newer notification.
     * The rows are added or updated in place; the ids are added to {@code seen}. Returns the number of
     * rows read (0: the end of the table), or -1 when a table call failed (the model is then stale).
     */
    @SuppressWarnings("ReferenceEquality")
    int readPage(MapiTable table, boolean first, int rows, java.util.Set<String> seen) {
        Instant now = clock.instant();
        int read;
        boolean change = false;
        synchronized (lock) {
            List<Row> page;
            try {
                if (first) {
                    stale = false;
                    table.seekRow(MapiFlags.BOOKMARK_BEGINNING, 0);
                }
                page = table.queryRows(rows, 0);
            } catch (MapiException e) {
                LOG.debug("Outbox read skipped: {}", e.getMessage());
                stale = true;
                return -1;
            }
            read = page.size();
            for (Row r : page) {
                Optional<PropValue> eid = r.find(PropTag.PR_ENTRYID);
                if (eid.isEmpty()) {
                    continue;
                }
                String id = eid.get().asEntryId().toHex();
                seen.add(id);
                OutboxRows.instanceKey(null, r).ifPresent(k -> byInstanceKey.put(k, id));
                OutboxItem old = outbox.get(id);
                OutboxItem next = itemFor(id, r, old, now);
                if (next != old) {
                    put(id, next); // in place: the order stays the order first seen
                    change = true;
                }
            }
        }
        if (change) {
            changed.run();
        }
        return read;
    }

    /** The ids the model holds now (a reload's starting point, see {@link #reconcile}). */
    java.util.Set<String> ids() {
        synchronized (lock) {
            return new java.util.HashSet<>(outbox.keySet());
        }
    }

    /**
     * The end of a full read: the items of {@code before} the read did not see left the table: a queued
     * one was sent, a draft or failed one was deleted (the same rules as {@link #applyRows}).
     */
    void reconcile(java.util.Set<String> before, java.util.Set<String> seen) {
        Instant now = clock.instant();
        boolean change = false;
        synchronized (lock) {
            for (String id : before) {
                OutboxItem old = seen.contains(id) ? null : outbox.get(id);
                if (old == null) {
                    continue;
                }
                if (old.state().pending()) {
                    put(id, old.withState(OutboxItem.State.SENT, null, now).withReply(null));
                    change = true;
                } else if (old.state() != OutboxItem.State.SENT) {
                    remove(id);
                    change = true;
                }
            }
        }
        if (change) {
            changed.run();
        }
    }

    /**
     * Applies one notification of the Outbox contents table (TABLE_NOTIFICATION, "TABLE_NOTIFICATION",
     * https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/table_notification):
     * TABLE_ROW_ADDED and TABLE_ROW_MODIFIED carry the row, which is added at the end or updated in place;
     * TABLE_ROW_DELETED names the row by {@code propIndex} (PR_INSTANCE_KEY) only: a queued message that
     * left the table was sent, a draft or failed one was deleted. TABLE_RELOAD, TABLE_CHANGED and
     * TABLE_ERROR mean the rows must be read again ("discard any cached rows"): the model becomes
     * {@link #stale()} and the caller reloads. The same rules as a full read ({@link #applyRows}), one
     * row at a time, so the cost does not grow with the Outbox (decision 0081).
     *
     * @return true when the model became stale
     */
    @SuppressWarnings("ReferenceEquality")
    boolean apply(Notification.TableEvent e) {
        Instant now = clock.instant();
        boolean change = false;
        synchronized (lock) {
            switch (e.tableEvent()) {
                case EventType.TABLE_ROW_ADDED, EventType.TABLE_ROW_MODIFIED -> {
                    Row r = e.row();
                    Optional<PropValue> eid = r == null ? Optional.empty() : r.find(PropTag.PR_ENTRYID);
                    if (eid.isEmpty()) {
                        stale = true;
                        return true;
                    }
                    String id = eid.get().asEntryId().toHex();
                    OutboxRows.instanceKey(e.index(), r).ifPresent(k -> byInstanceKey.put(k, id));
                    OutboxItem old = outbox.get(id);
                    if (old == null) {
                        placeAfterPrior(id, e);
                    }
                    OutboxItem next =
                            OutboxRows.addedBeforeSubmit(e.tableEvent(), r, old) ? old : itemFor(id, r, old, now);
                    if (next != old) {
                        put(id, next);
                        change = true;
                    }
                }
                case EventType.TABLE_ROW_DELETED -> {
                    String id = OutboxRows.instanceKey(e.index(), null)
                            .map(byInstanceKey::remove)
                            .orElse(null);
                    OutboxItem old = id == null ? null : outbox.get(id);
                    if (old != null) {
                        if (old.state().pending()) {
                            put(id, old.withState(OutboxItem.State.SENT, null, now));
                            change = true;
                        } else if (old.state() != OutboxItem.State.SENT) {
                            remove(id);
                            change = true;
                        }
                    }
                }
                case EventType.TABLE_RELOAD, EventType.TABLE_CHANGED, EventType.TABLE_ERROR -> {
                    stale = true;
                    return true;
                }
                default -> {
                    return false; // TABLE_SORT_DONE, TABLE_RESTRICT_DONE, TABLE_SETCOL_DONE: rows unchanged
                }
            }
        }
        if (change) {
            changed.run();
        }
        return false;
    }

    /**
     * A row new to the model goes where the table has it: after the row TABLE_NOTIFICATION's propPrior names
     * (PR_NULL: first), so under a sort the window lists it in its place, not at the end (decision 0531).
     */
    @GuardedBy("lock")
    private void placeAfterPrior(String id, Notification.TableEvent e) {
        if (e.prior() == null || e.prior().isError()) {
            return;
        }
        if (e.firstRow()) {
            order.placeAfter(id, null);
            return;
        }
        OutboxRows.instanceKey(e.prior(), null).map(byInstanceKey::get).ifPresent(p -> order.placeAfter(id, p));
    }

    /** A message this client created: a draft until {@link #submitted}. Returns the current item. */
    OutboxItem composed(String id, String subject, List<String> recipients) {
        OutboxItem item = new OutboxItem(id, subject, recipients, OutboxItem.State.DRAFT, null, clock.instant());
        synchronized (lock) {
            knownRecipients.put(id, recipients);
            OutboxItem cur = outbox.get(id);
            if (cur != null) {
                return cur;
            }
            put(id, item);
            return item;
        }
    }

    /**
     * AbortSubmit is about to be called on {@code id}: from now on, the message without MSGFLAG_SUBMIT is a
     * draft again, not a failed send (until it is submitted again or {@link #abortFailed} undoes it).
     */
    void aborting(String id) {
        synchronized (lock) {
            aborted.add(id);
        }
    }

    /** AbortSubmit failed: the message was not taken out of the queue. */
    void abortFailed(String id) {
        synchronized (lock) {
            aborted.remove(id);
        }
    }

    /** SubmitMessage returned: a draft becomes submitted (a newer state from the table is kept). */
    void submitted(String id) {
        synchronized (lock) {
            aborted.remove(id); // queued again: from now on a row without MSGFLAG_SUBMIT is a failed send
            OutboxItem cur = outbox.get(id);
            if (cur != null && cur.state() == OutboxItem.State.DRAFT) {
                Instant now = clock.instant();
                // the submit time is the client's own until the table's row brings PR_CLIENT_SUBMIT_TIME
                OutboxItem next = cur.withState(OutboxItem.State.SUBMITTED, null, now);
                put(id, cur.submitTime() != null ? next : next.withSubmitTime(now));
            }
        }
    }

    /** The current item for {@code id}, or {@code fallback}. */
    OutboxItem get(String id, OutboxItem fallback) {
        synchronized (lock) {
            return outbox.getOrDefault(id, fallback);
        }
    }

    /** Marks a queued message failed with a reason (e.g. from a non-delivery notification). */
    void markFailed(String entryIdHex, String reason) {
        synchronized (lock) {
            OutboxItem old = outbox.get(entryIdHex);
            if (old == null) {
                return;
            }
            put(entryIdHex, old.withState(OutboxItem.State.FAILED, reason, clock.instant()));
        }
        changed.run();
    }

    /**
     * Applies a full read of the table: rows with MSGFLAG_SUBMIT are submitted (locked when
     * PR_SUBMIT_FLAGS has SUBMITFLAG_LOCKED), rows without are drafts (failed when they were queued
     * before and came back unsubmitted); queued messages that left the table are sent. An item that
     * did not change is the same instance ({@link #itemFor}), so identity tells what changed.
     */
    @SuppressWarnings("ReferenceEquality")
    void applyRows(List<Row> rows) {
        Instant now = clock.instant();
        boolean change = false;
        synchronized (lock) {
            Map<String, OutboxItem> seen = new LinkedHashMap<>();
            for (Row r : rows) {
                Optional<PropValue> eid = r.find(PropTag.PR_ENTRYID);
                if (eid.isEmpty()) {
                    continue;
                }
                String id = eid.get().asEntryId().toHex();
                OutboxRows.instanceKey(null, r).ifPresent(k -> byInstanceKey.put(k, id));
                seen.put(id, itemFor(id, r, outbox.get(id), now));
            }
            List<String> deleted = new ArrayList<>();
            for (OutboxItem old : List.copyOf(outbox.values())) {
                OutboxItem now2 = seen.remove(old.id());
                if (now2 != null) {
                    if (now2 != old) {
                        put(old.id(), now2); // in place: the order stays the order first seen
                        change = true;
                    }
                } else if (old.state().pending()) {
                    put(
                            old.id(),
                            old.withState(OutboxItem.State.SENT, null, now).withReply(null));
                    change = true;
                } else if (old.state() != OutboxItem.State.SENT) {
                    deleted.add(old.id()); // a draft or failed message was deleted
                }
            }
            for (String id : deleted) {
                remove(id);
                change = true;
            }
            for (Map.Entry<String, OutboxItem> e : seen.entrySet()) {
                put(e.getKey(), e.getValue());
                change = true;
            }
        }
        if (change) {
            changed.run();
        }
    }

    /** The item a table row stands for, given the item the model had (lock held); {@code old} when unchanged. */
    @GuardedBy("lock")
    private OutboxItem itemFor(String id, Row r, OutboxItem old, Instant now) {
        List<String> recips = knownRecipients.computeIfAbsent(
                id,
                k -> r.find(PropTag.PR_DISPLAY_TO_W)
                        .map(v -> OutboxRows.splitRecipients(v.asString()))
                        .orElse(List.of()));
        return OutboxRows.itemFor(id, r, old, now, recips, aborted.contains(id));
    }
}
