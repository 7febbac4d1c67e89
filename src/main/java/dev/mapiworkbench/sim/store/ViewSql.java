package dev.mapiworkbench.sim.store;

import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.sim.store.TableView.RowKey;

/**
 * The SQL text of the store's reads by window and by key, and of a {@link TableView}'s window and count:
 * each is one range of an index (messages_by_folder, messages_by_submit, messages_submitted,
 * messages_outgoing, messages_locked; StoreSchema), which SqliteMailStoreTest checks with EXPLAIN QUERY
 * PLAN.
 */
final class ViewSql {

    private ViewSql() {}

    /** The outgoing-queue condition; it matches the partial index {@code messages_outgoing}. */
    static final String SUBMITTED = "(m.message_flags & " + MapiFlags.MSGFLAG_SUBMIT + ") <> 0";

    static final String OUTGOING_WHERE = "m.folder_id = ? AND " + SUBMITTED;

    static final String OUTGOING_ORDER = "m.submit_sec, m.submit_nano, m.id";

    /** The outgoing queue's ids, in queue order: the partial index {@code messages_outgoing}. */
    static final String OUTGOING_IDS =
            "SELECT m.id FROM messages m WHERE " + OUTGOING_WHERE + " ORDER BY " + OUTGOING_ORDER;

    /** The first messages of the outgoing queue, in queue order: a range of {@code messages_outgoing}. */
    static final String OUTGOING_WINDOW = OUTGOING_IDS + " LIMIT ?";

    /** The queued messages with SUBMITFLAG_LOCKED: the (small) partial index {@code messages_locked}. */
    static final String LOCKED_IDS = "SELECT m.id FROM messages m INDEXED BY messages_locked WHERE m.folder_id = ? AND"
            + " (m.submit_flags & " + MapiFlags.SUBMITFLAG_LOCKED + ") <> 0 AND " + SUBMITTED + " ORDER BY m.id";

    /** A window's messages of the default view (with {@link #RANGE_PROPS}, {@link #RANGE_RECIPIENTS}): by key range. */
    static final String RANGE_WHERE = "m.folder_id = ? AND m.id > ? AND m.id <= ?";

    static final String RANGE_PROPS = "m.folder_id = ? AND p.message_id > ? AND p.message_id <= ?";
    static final String RANGE_RECIPIENTS = "m.folder_id = ? AND r.message_id > ? AND r.message_id <= ?";

    /** One message by key (with {@link #KEY_PROPS} and {@link #KEY_RECIPIENTS}). */
    static final String KEY_WHERE = "m.id = ?";

    static final String KEY_PROPS = "p.message_id = ?";
    static final String KEY_RECIPIENTS = "r.message_id = ?";

    /** {@code column IN (?, …)} for {@code n} keys: primary-key look-ups of a window that is not one id range. */
    static String in(String column, int n) {
        StringBuilder b = new StringBuilder(column).append(" IN (");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "?" : ", ?");
        }
        return b.append(')').toString();
    }

    static String messagesSql(String where, String order) {
        return "SELECT m.id, m.folder_id FROM messages m WHERE " + where + " ORDER BY " + order;
    }

    static String propsSql(String where) {
        return "SELECT p.message_id, p.tag, p.value FROM props p JOIN messages m ON m.id = p.message_id WHERE " + where;
    }

    static String recipientsSql(String where) {
        return "SELECT r.message_id, r.address FROM recipients r JOIN messages m ON m.id = r.message_id WHERE " + where
                + " ORDER BY m.id, r.position";
    }

    // ---------------------------------------------------------------- a view's window and count

    /** The key columns a view orders by, in order. */
    private static String keyColumns(TableView v) {
        return v.order() == TableView.Order.ID ? "m.id" : "m.submit_sec, m.submit_nano, m.id";
    }

    private static String filter(TableView v) {
        return "m.folder_id = ?" + (v.submittedOnly() ? " AND " + SUBMITTED : "");
    }

    /** {@code keys > (?…)} for a window after a key; {@code keys <= (?…)} for a count up to one (flipped when descending). */
    private static String compare(TableView v, boolean after) {
        String op = after ? (v.descending() ? "<" : ">") : (v.descending() ? ">=" : "<=");
        return v.order() == TableView.Order.ID
                ? "m.id " + op + " ?"
                : "(m.submit_sec, m.submit_nano, m.id) " + op + " (?, ?, ?)";
    }

    private static String orderBy(TableView v) {
        String dir = v.descending() ? " DESC" : "";
        return v.order() == TableView.Order.ID
                ? "m.id" + dir
                : "m.submit_sec" + dir + ", m.submit_nano" + dir + ", m.id" + dir;
    }

    /** The keys of a window of {@code v}: folder, [after key…], limit. */
    static String windowKeys(TableView v, boolean fromKey) {
        return "SELECT " + keyColumns(v) + " FROM messages m WHERE " + filter(v)
                + (fromKey ? " AND " + compare(v, true) : "") + " ORDER BY " + orderBy(v) + " LIMIT ?";
    }

    /** The number of rows of {@code v} up to a key: folder, [key…]. */
    static String count(TableView v, boolean toKey) {
        return "SELECT COUNT(*) FROM messages m WHERE " + filter(v) + (toKey ? " AND " + compare(v, false) : "");
    }

    /** The parameters of {@link #windowKeys} / {@link #count}: the folder, the key's columns (when given), the limit (when given). */
    static long[] params(TableView v, long folderId, RowKey key, Integer limit) {
        long[] keyParts = key == null
                ? new long[0]
                : v.order() == TableView.Order.ID
                        ? new long[] {key.id()}
                        : new long[] {key.submitSec(), key.submitNano(), key.id()};
        long[] out = new long[1 + keyParts.length + (limit == null ? 0 : 1)];
        out[0] = folderId;
        System.arraycopy(keyParts, 0, out, 1, keyParts.length);
        if (limit != null) {
            out[out.length - 1] = limit;
        }
        return out;
    }
}
