package dev.mapiworkbench.sim.store;

import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import java.time.Instant;
import java.util.Comparator;

/**
 * A contents table's view of a folder in store terms: the order its IMAPITable::SortTable chose and the
 * filter its IMAPITable::Restrict chose, limited to what the store can read by an index (decision 0410):
 * by message id (creation order, the default) or by PR_CLIENT_SUBMIT_TIME then id, either way up or
 * down, over the whole folder or only its submitted messages (MSGFLAG_SUBMIT set). A position in the
 * view is a {@link RowKey}.
 *
 * @param order the sort column
 * @param descending TABLE_SORT_DESCEND
 * @param submittedOnly only the messages with MSGFLAG_SUBMIT in PR_MESSAGE_FLAGS
 */
public record TableView(Order order, boolean descending, boolean submittedOnly) {

    /** Creation order, every message: a table that was never sorted or restricted. */
    public static final TableView DEFAULT = new TableView(Order.ID, false, false);

    /** The orders the store has an index for. */
    public enum Order {
        ID,
        SUBMIT_TIME
    }

    public TableView {
        if (order == null) {
            throw new IllegalArgumentException("order is null");
        }
    }

    /** The same order with another filter. */
    public TableView withSubmittedOnly(boolean only) {
        return new TableView(order, descending, only);
    }

    /** Whether {@code r} is in this view (the filter only; the folder is the caller's). */
    public boolean includes(MessageRecord r) {
        return !submittedOnly
                || (r.props().get(PropTag.PR_MESSAGE_FLAGS) instanceof Integer f
                        && (f & dev.mapiworkbench.mapi.MapiFlags.MSGFLAG_SUBMIT) != 0);
    }

    /** {@code r}'s position key in this view. */
    public RowKey keyOf(MessageRecord r) {
        if (order == Order.ID) {
            return RowKey.ofId(r.id());
        }
        Instant t = r.props().get(PropTag.PR_CLIENT_SUBMIT_TIME) instanceof Instant i ? i : null;
        return t == null
                ? new RowKey(StoreSchema.NO_SUBMIT_TIME, 0, r.id())
                : new RowKey(t.getEpochSecond(), t.getNano(), r.id());
    }

    /** Orders keys as the view lists its rows (first row first). */
    public Comparator<RowKey> comparator() {
        Comparator<RowKey> up = order == Order.ID
                ? Comparator.comparingLong(RowKey::id)
                : Comparator.comparingLong(RowKey::submitSec)
                        .thenComparingInt(RowKey::submitNano)
                        .thenComparingLong(RowKey::id);
        return descending ? up.reversed() : up;
    }

    /**
     * A row's position in a view: its sort value and id (unique, so two rows never tie). A message
     * without PR_CLIENT_SUBMIT_TIME sorts after every timed one, as the outgoing queue does.
     */
    public record RowKey(long submitSec, int submitNano, long id) {
        public static RowKey ofId(long id) {
            return new RowKey(0, 0, id);
        }
    }
}
