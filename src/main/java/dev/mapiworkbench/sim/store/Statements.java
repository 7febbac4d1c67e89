package dev.mapiworkbench.sim.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The prepared statements of the store file's one connection (used under the store's lock only, by {@link StoreRows}). */
final class Statements {

    private static final Logger LOG = LoggerFactory.getLogger(Statements.class);

    final PreparedStatement begin;
    final PreparedStatement beginRead;
    final PreparedStatement commit;
    final PreparedStatement rollback;
    final PreparedStatement insertMessage;
    final PreparedStatement lastId;
    final PreparedStatement folderOf;
    final PreparedStatement moveMessage;
    final PreparedStatement deleteMessage;
    final PreparedStatement upsertProp;
    final PreparedStatement deleteProp;
    final PreparedStatement propsOf;
    final PreparedStatement recipientsOf;
    final PreparedStatement deleteRecipients;
    final PreparedStatement insertRecipient;
    final PreparedStatement updateDerived;
    final PreparedStatement moveDerived;
    private final List<PreparedStatement> all = new ArrayList<>();

    Statements(Connection c) throws SQLException {
        begin = prep(c, "BEGIN IMMEDIATE");
        beginRead = prep(c, "BEGIN DEFERRED");
        commit = prep(c, "COMMIT");
        rollback = prep(c, "ROLLBACK");
        insertMessage = prep(
                c,
                "INSERT INTO messages(folder_id, message_flags, submit_flags, submit_sec,"
                        + " submit_nano) VALUES (?, ?, ?, ?, ?)");
        lastId = prep(c, "SELECT last_insert_rowid()");
        folderOf = prep(c, "SELECT folder_id FROM messages WHERE id = ?");
        moveMessage = prep(c, "UPDATE messages SET folder_id = ? WHERE id = ?");
        deleteMessage = prep(c, "DELETE FROM messages WHERE id = ?");
        upsertProp = prep(
                c,
                "INSERT INTO props(message_id, tag, value) VALUES (?, ?, ?)"
                        + " ON CONFLICT(message_id, tag) DO UPDATE SET value = excluded.value");
        deleteProp = prep(c, "DELETE FROM props WHERE message_id = ? AND tag = ?");
        propsOf = prep(c, "SELECT tag, value FROM props WHERE message_id = ?");
        recipientsOf = prep(c, "SELECT address FROM recipients WHERE message_id = ? ORDER BY position");
        deleteRecipients = prep(c, "DELETE FROM recipients WHERE message_id = ?");
        insertRecipient = prep(c, "INSERT INTO recipients(message_id, position, address) VALUES (?, ?, ?)");
        updateDerived = prep(
                c,
                "UPDATE messages SET message_flags = ?, submit_flags = ?, submit_sec = ?, submit_nano = ?"
                        + " WHERE id = ?");
        moveDerived = prep(
                c,
                "UPDATE messages SET folder_id = ?, message_flags = ?, submit_flags = ?, submit_sec = ?,"
                        + " submit_nano = ? WHERE id = ?");
    }

    private PreparedStatement prep(Connection c, String text) throws SQLException {
        PreparedStatement ps = c.prepareStatement(text);
        all.add(ps);
        return ps;
    }

    void close() {
        for (PreparedStatement ps : all) {
            try {
                ps.close();
            } catch (SQLException e) {
                LOG.debug("Closing a statement failed", e);
            }
        }
    }
}
