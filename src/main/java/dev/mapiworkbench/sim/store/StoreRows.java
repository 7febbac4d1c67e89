package dev.mapiworkbench.sim.store;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import dev.mapiworkbench.sim.store.TableView.RowKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store file's rows on its one connection: the statements, the mapping of message rows to MAPI
 * properties and back, and the reads by key and by window. Not thread-safe: {@link SqliteMailStore}
 * hands it out only under its lock, inside one transaction.
 */
final class StoreRows {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRows.class);

    /** Ids per {@code IN (…)} look-up of a window that is not one id range. */
    private static final int KEYS_PER_QUERY = 500;

    private final Path file;
    private final Connection connection;
    private final Statements sql;
    /** Called at named points inside write transactions; a throwing hook makes the call roll back. */
    private volatile Consumer<String> faultHook = point -> {};

    StoreRows(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.sql = new Statements(connection);
    }

    void setFaultHook(Consumer<String> hook) {
        this.faultHook = hook == null ? point -> {} : hook;
    }

    void fault(String point) {
        faultHook.accept(point);
    }

    // ---------------------------------------------------------------- transactions

    void begin() throws SQLException {
        sql.begin.execute();
    }

    void beginRead() throws SQLException {
        sql.beginRead.execute();
    }

    void commit() throws SQLException {
        sql.commit.execute();
    }

    void rollback(String op) {
        try {
            sql.rollback.execute();
        } catch (SQLException e) {
            // SQLite may already have rolled the transaction back by itself (e.g. after SQLITE_FULL)
            LOG.debug("Rollback after a failed {} on {}: {}", op, file, e.getMessage());
        }
    }

    void close() throws SQLException {
        sql.close();
        connection.close();
    }

    // ---------------------------------------------------------------- writes

    MessageRecord insert(long folderId, PropertyChanges changes, String op) throws SQLException {
        Map<Integer, Object> values = changes.valuesWithoutRemovals();
        PreparedStatement ins = sql.insertMessage;
        ins.setLong(1, folderId);
        bindDerived(ins, 2, values);
        ins.executeUpdate();
        long id;
        try (ResultSet rs = sql.lastId.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        for (Map.Entry<Integer, Object> e : values.entrySet()) {
            upsertProp(id, e.getKey(), e.getValue());
        }
        List<String> recipients = changes.recipientsOrEmpty();
        insertRecipients(id, recipients);
        faultHook.accept(op + ":inserted");
        return new MessageRecord(id, folderId, recipients, values);
    }

    long currentFolder(long messageId, String op) throws SQLException {
        sql.folderOf.setLong(1, messageId);
        try (ResultSet rs = sql.folderOf.executeQuery()) {
            if (!rs.next()) {
                throw notFound(op, messageId);
            }
            return rs.getLong(1);
        }
    }

    void move(long messageId, long toFolderId) throws SQLException {
        sql.moveMessage.setLong(1, toFolderId);
        sql.moveMessage.setLong(2, messageId);
        sql.moveMessage.executeUpdate();
    }

    boolean delete(long messageId) throws SQLException {
        sql.deleteMessage.setLong(1, messageId);
        return sql.deleteMessage.executeUpdate() != 0;
    }

    MapiException notFound(String op, long messageId) {
        return new MapiException(
                HResult.MAPI_E_NOT_FOUND, "MailStoreFile." + op, "no message " + messageId + " in " + file);
    }

    MessageRecord applyChanges(long messageId, long folderId, PropertyChanges changes, String op) throws SQLException {
        for (Map.Entry<Integer, Object> e : changes.values().entrySet()) {
            if (e.getValue() == null) {
                sql.deleteProp.setLong(1, messageId);
                sql.deleteProp.setInt(2, e.getKey());
                sql.deleteProp.executeUpdate();
            } else {
                upsertProp(messageId, e.getKey(), e.getValue());
            }
        }
        if (changes.recipientsGiven()) {
            sql.deleteRecipients.setLong(1, messageId);
            sql.deleteRecipients.executeUpdate();
            insertRecipients(messageId, changes.recipientsOrEmpty());
        }
        faultHook.accept(op + ":props-written");
        Map<Integer, Object> props = new HashMap<>();
        sql.propsOf.setLong(1, messageId);
        try (ResultSet rs = sql.propsOf.executeQuery()) {
            while (rs.next()) {
                putDecoded(props, rs.getInt(1), rs, 2);
            }
        }
        List<String> recipients = new ArrayList<>();
        sql.recipientsOf.setLong(1, messageId);
        try (ResultSet rs = sql.recipientsOf.executeQuery()) {
            while (rs.next()) {
                recipients.add(rs.getString(1));
            }
        }
        PreparedStatement upd = sql.updateDerived;
        bindDerived(upd, 1, props);
        upd.setLong(5, messageId);
        upd.executeUpdate();
        return new MessageRecord(messageId, folderId, recipients, props);
    }

    /**
     * Moves {@code current} (the message as the file has it now) to {@code folderId} with {@code changes}: the
     * properties after the change are worked out here, so one update sets the folder and the derived columns
     * (no row: MAPI_E_NOT_FOUND), and only the properties whose value changes are written; nothing is read back
     * (decision 0731). The same fault points as {@link #move} and {@link #applyChanges}.
     */
    MessageRecord moveKnown(MessageRecord current, long folderId, PropertyChanges changes, String op)
            throws SQLException {
        long id = current.id();
        Map<Integer, Object> after = new HashMap<>(current.props());
        Map<Integer, Object> written = new LinkedHashMap<>();
        for (Map.Entry<Integer, Object> e : changes.values().entrySet()) {
            Object was = current.props().get(e.getKey());
            Object now = e.getValue();
            if (now == null ? was != null : !sameValue(was, now)) {
                written.put(e.getKey(), now);
                if (now == null) {
                    after.remove(e.getKey());
                } else {
                    after.put(e.getKey(), now);
                }
            }
        }
        PreparedStatement upd = sql.moveDerived;
        upd.setLong(1, folderId);
        bindDerived(upd, 2, after);
        upd.setLong(6, id);
        if (upd.executeUpdate() == 0) {
            throw notFound(op, id);
        }
        faultHook.accept(op + ":moved");
        for (Map.Entry<Integer, Object> e : written.entrySet()) {
            if (e.getValue() == null) {
                sql.deleteProp.setLong(1, id);
                sql.deleteProp.setInt(2, e.getKey());
                sql.deleteProp.executeUpdate();
            } else {
                upsertProp(id, e.getKey(), e.getValue());
            }
        }
        List<String> recipients = current.recipients();
        if (changes.recipientsGiven()) {
            recipients = changes.recipientsOrEmpty();
            sql.deleteRecipients.setLong(1, id);
            sql.deleteRecipients.executeUpdate();
            insertRecipients(id, recipients);
        }
        faultHook.accept(op + ":props-written");
        return new MessageRecord(id, folderId, recipients, after);
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.equals(x, y);
        }
        return java.util.Objects.equals(a, b);
    }

    /** Binds message_flags, submit_flags, submit_sec, submit_nano from the message's properties. */
    private static void bindDerived(PreparedStatement ps, int first, Map<Integer, Object> props) throws SQLException {
        ps.setInt(first, props.get(PropTag.PR_MESSAGE_FLAGS) instanceof Integer f ? f : 0);
        ps.setInt(first + 1, props.get(PropTag.PR_SUBMIT_FLAGS) instanceof Integer f ? f : 0);
        if (props.get(PropTag.PR_CLIENT_SUBMIT_TIME) instanceof Instant t) {
            ps.setLong(first + 2, t.getEpochSecond());
            ps.setInt(first + 3, t.getNano());
        } else {
            ps.setLong(first + 2, StoreSchema.NO_SUBMIT_TIME);
            ps.setInt(first + 3, 0);
        }
    }

    private void upsertProp(long messageId, int tag, Object value) throws SQLException {
        PreparedStatement ps = sql.upsertProp;
        ps.setLong(1, messageId);
        ps.setInt(2, tag);
        switch (PropTag.type(tag)) {
            case PropTag.PT_LONG -> ps.setInt(3, (Integer) value);
            case PropTag.PT_I8 -> ps.setLong(3, (Long) value);
            case PropTag.PT_BOOLEAN -> ps.setInt(3, ((Boolean) value) ? 1 : 0);
            case PropTag.PT_UNICODE, PropTag.PT_STRING8 -> ps.setString(3, (String) value);
            case PropTag.PT_BINARY -> ps.setBytes(3, (byte[]) value);
            case PropTag.PT_SYSTIME -> ps.setString(3, value.toString());
            default -> throw new IllegalStateException("unchecked type " + PropTag.name(tag)); // Changes checked it
        }
        ps.executeUpdate();
    }

    private void insertRecipients(long messageId, List<String> recipients) throws SQLException {
        PreparedStatement ps = sql.insertRecipient;
        for (int i = 0; i < recipients.size(); i++) {
            ps.setLong(1, messageId);
            ps.setInt(2, i);
            ps.setString(3, recipients.get(i));
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- reads

    List<Long> ids(String query, long... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(query)) {
            bind(ps, params);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    int count(String query, long... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(query)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** The keys of a window of {@code view}: one range of the view's index. */
    List<RowKey> windowKeys(TableView view, long folderId, RowKey after, int limit) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(ViewSql.windowKeys(view, after != null))) {
            bind(ps, ViewSql.params(view, folderId, after, limit));
            List<RowKey> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(
                            view.order() == TableView.Order.ID
                                    ? RowKey.ofId(rs.getLong(1))
                                    : new RowKey(rs.getLong(1), rs.getInt(2), rs.getLong(3)));
                }
            }
            return out;
        }
    }

    MessageRecord one(long messageId) throws SQLException {
        List<MessageRecord> found =
                load(ViewSql.KEY_WHERE, "m.id", new long[] {messageId}, ViewSql.KEY_PROPS, ViewSql.KEY_RECIPIENTS);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The folder's messages with {@code afterId < id <= lastId}: one range of the (folder_id, id) index. */
    List<MessageRecord> loadRange(long folderId, long afterId, long lastId) throws SQLException {
        return load(
                ViewSql.RANGE_WHERE,
                "m.id",
                new long[] {folderId, afterId, lastId},
                ViewSql.RANGE_PROPS,
                ViewSql.RANGE_RECIPIENTS);
    }

    /** The messages with these ids, in this order (missing ones left out): primary-key look-ups. */
    List<MessageRecord> loadKeys(List<Long> ids) throws SQLException {
        Map<Long, MessageRecord> byId = new HashMap<>();
        for (int from = 0; from < ids.size(); from += KEYS_PER_QUERY) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + KEYS_PER_QUERY));
            long[] params = chunk.stream().mapToLong(Long::longValue).toArray();
            int n = params.length;
            for (MessageRecord r : load(
                    ViewSql.in("m.id", n),
                    "m.id",
                    params,
                    ViewSql.in("p.message_id", n),
                    ViewSql.in("r.message_id", n))) {
                byId.put(r.id(), r);
            }
        }
        List<MessageRecord> out = new ArrayList<>(byId.size());
        for (long id : ids) {
            MessageRecord r = byId.get(id);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Loads the messages matching {@code where} in {@code order}: three queries in all. {@code propsWhere}
     * and {@code recipientsWhere} select the same messages' property and recipient rows by their primary
     * key ({@code message_id} first), so those reads cost the messages asked for, not the table.
     */
    private List<MessageRecord> load(
            String where, String order, long[] params, String propsWhere, String recipientsWhere) throws SQLException {
        Map<Long, Long> folderOf = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(ViewSql.messagesSql(where, order))) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    folderOf.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        if (folderOf.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<Integer, Object>> props = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(ViewSql.propsSql(propsWhere))) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    putDecoded(props.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()), rs.getInt(2), rs, 3);
                }
            }
        }
        Map<Long, List<String>> recipients = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(ViewSql.recipientsSql(recipientsWhere))) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recipients
                            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                }
            }
        }
        List<MessageRecord> out = new ArrayList<>(folderOf.size());
        for (Map.Entry<Long, Long> e : folderOf.entrySet()) {
            out.add(new MessageRecord(
                    e.getKey(),
                    e.getValue(),
                    recipients.getOrDefault(e.getKey(), List.of()),
                    props.getOrDefault(e.getKey(), Map.of())));
        }
        return out;
    }

    private void putDecoded(Map<Integer, Object> into, int tag, ResultSet rs, int column) throws SQLException {
        Object value;
        switch (PropTag.type(tag)) {
            case PropTag.PT_LONG -> value = rs.getInt(column);
            case PropTag.PT_I8 -> value = rs.getLong(column);
            case PropTag.PT_BOOLEAN -> value = rs.getInt(column) != 0;
            case PropTag.PT_UNICODE, PropTag.PT_STRING8 -> value = rs.getString(column);
            case PropTag.PT_BINARY -> {
                byte[] b = rs.getBytes(column);
                value = b == null ? new byte[0] : b;
            }
            case PropTag.PT_SYSTIME -> {
                try {
                    value = StoreTimes.parse(rs.getString(column));
                } catch (DateTimeParseException | NullPointerException e) {
                    LOG.warn("Store file {}: unreadable time in {} skipped", file, PropTag.name(tag));
                    return;
                }
            }
            default -> {
                LOG.warn("Store file {}: property {} of an unknown type skipped", file, PropTag.name(tag));
                return;
            }
        }
        into.put(tag, value);
    }

    /** EXPLAIN QUERY PLAN of {@code query} with every parameter bound ({@code first} for the first, 1 for the rest). */
    List<String> plan(String query, int parameters, long first) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("EXPLAIN QUERY PLAN " + query)) {
            for (int i = 1; i <= parameters; i++) {
                ps.setLong(i, i == 1 ? first : 1);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString("detail"));
                }
            }
        }
        return plan;
    }

    private static void bind(PreparedStatement ps, long[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setLong(i + 1, params[i]);
        }
    }
}
