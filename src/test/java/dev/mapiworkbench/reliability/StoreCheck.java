package dev.mapiworkbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.SendFailureProps;
import dev.mapiworkbench.sim.store.MailStoreFile;
import dev.mapiworkbench.sim.store.MailStoreFile.FolderRole;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import dev.mapiworkbench.sim.store.StoreReads;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a profile's store file holds after a run: the Outbox and Sent Items by subject, and the file's integrity. */
record StoreCheck(List<MessageRecord> outbox, List<MessageRecord> sent) {

    /** Reads the store (after every process on it has ended). */
    static StoreCheck read(Path storeFile) {
        try (MailStoreFile store = MailStoreFile.open(storeFile, "Mailbox - Default")) {
            return new StoreCheck(
                    StoreReads.messages(store, store.folder(FolderRole.OUTBOX).id()),
                    StoreReads.messages(
                            store, store.folder(FolderRole.SENT_ITEMS).id()));
        }
    }

    /** {@code PRAGMA integrity_check} on a read-only connection: "ok" or the problems. */
    static String integrity(Path storeFile) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + storeFile + "?mode=ro");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
            return String.join("; ", lines);
        }
    }

    static String subject(MessageRecord m) {
        return (String) m.props().get(PropTag.PR_SUBJECT_W);
    }

    static int flags(MessageRecord m) {
        Object f = m.props().get(PropTag.PR_MESSAGE_FLAGS);
        return f == null ? 0 : (Integer) f;
    }

    /** How often each subject occurs in the Outbox and Sent Items together. */
    Map<String, Integer> countsBySubject() {
        Map<String, Integer> n = new HashMap<>();
        outbox.forEach(m -> n.merge(subject(m), 1, Integer::sum));
        sent.forEach(m -> n.merge(subject(m), 1, Integer::sum));
        return n;
    }

    /** Nothing in Sent Items is unsent or carries a send error (a message sent by two spoolers would). */
    void assertSentItemsAreSent() {
        assertThat(sent).allSatisfy(m -> {
            assertThat(flags(m) & MapiFlags.MSGFLAG_UNSENT)
                    .as("unsent flag on '%s'", subject(m))
                    .isZero();
            assertThat(m.props())
                    .as("send error on '%s'", subject(m))
                    .doesNotContainKey(SendFailureProps.PR_WB_SEND_ERROR_W);
        });
    }

    /** Outbox messages still queued for the spooler (MSGFLAG_SUBMIT). */
    long queued() {
        return outbox.stream()
                .filter(m -> (flags(m) & MapiFlags.MSGFLAG_SUBMIT) != 0)
                .count();
    }

    /** Outbox messages the transport failed (decision 0012). */
    long failed() {
        return outbox.stream()
                .filter(m -> SendFailureProps.isFailed(
                        flags(m), (String) m.props().get(SendFailureProps.PR_WB_SEND_ERROR_W)))
                .count();
    }
}
