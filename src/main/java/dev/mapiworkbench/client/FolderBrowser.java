package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiStatus;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folder browsing and Send/Receive: each call opens what it needs and releases it before returning,
 * also on failure, so nothing it opens is ever in the ledger (docs/decisions/0036, 0037). Stateless;
 * the caller ({@link ClientSession}) holds its lifecycle lock around each call so a teardown cannot
 * start while one of these objects is open.
 */
final class FolderBrowser {

    private static final Logger LOG = LoggerFactory.getLogger(FolderBrowser.class);

    /** Columns of a folder's contents table the message list reads. */
    static final int[] MESSAGE_COLUMNS = {
        PropTag.PR_ENTRYID,
        PropTag.PR_SUBJECT_W,
        PropTag.PR_DISPLAY_TO_W,
        PropTag.PR_MESSAGE_FLAGS,
        PropTag.PR_SUBMIT_FLAGS,
        PropTag.PR_CLIENT_SUBMIT_TIME,
        PropTag.PR_MESSAGE_DELIVERY_TIME
    };

    private FolderBrowser() {}

    /** See {@link ClientSession#folders()}. */
    static List<MailFolder> folders(MsgStore ms) {
        List<PropValue> ids = ms.getProps(
                PropTag.PR_IPM_OUTBOX_ENTRYID, PropTag.PR_IPM_SENTMAIL_ENTRYID, PropTag.PR_IPM_WASTEBASKET_ENTRYID);
        MailFolder.Role[] roles = {MailFolder.Role.OUTBOX, MailFolder.Role.SENT_ITEMS, MailFolder.Role.DELETED_ITEMS};
        List<MailFolder> out = new ArrayList<>();
        EntryId inbox;
        try {
            inbox = ms.getReceiveFolder(null, 0);
        } catch (MapiException e) {
            LOG.debug("no receive folder: {}", e.getMessage());
            inbox = null;
        }
        out.add(describeFolder(ms, MailFolder.Role.INBOX, inbox, "GetReceiveFolder"));
        for (int i = 0; i < roles.length; i++) {
            PropValue v = ids.get(i);
            out.add(describeFolder(ms, roles[i], v.isError() ? null : v.asEntryId(), PropTag.name(v.tag())));
        }
        return out;
    }

    /** Opens a folder by entry id for its name and count and releases it at once; null id = not available. */
    private static MailFolder describeFolder(MsgStore ms, MailFolder.Role role, EntryId id, String source) {
        if (id == null) {
            return new MailFolder(role, role.defaultName(), null, -1);
        }
        MapiUnknown o = ms.openEntry(id, MapiFlags.MAPI_BEST_ACCESS);
        try {
            if (!(o instanceof MapiFolder f)) {
                throw new MapiException(
                        HResult.MAPI_E_INVALID_OBJECT, "IMsgStore::OpenEntry", source + " does not name a folder");
            }
            List<PropValue> props = f.getProps(PropTag.PR_DISPLAY_NAME_W, PropTag.PR_CONTENT_COUNT);
            String name =
                    props.get(0).isError() ? role.defaultName() : props.get(0).asString();
            int count = props.get(1).isError() ? -1 : props.get(1).asInt();
            return new MailFolder(role, name, id, count);
        } finally {
            o.release();
        }
    }

    /** See {@link ClientSession#messages(MailFolder)}. */
    static List<FolderMessage> messages(MsgStore ms, MailFolder folder) {
        return messages(ms, folder, Integer.MAX_VALUE);
    }

    /** See {@link ClientSession#messages(MailFolder, int)}. */
    static List<FolderMessage> messages(MsgStore ms, MailFolder folder, int newest) {
        MapiUnknown o = ms.openEntry(folder.entryId(), MapiFlags.MAPI_BEST_ACCESS);
        try {
            if (!(o instanceof MapiFolder f)) {
                throw new MapiException(
                        HResult.MAPI_E_INVALID_OBJECT,
                        "IMsgStore::OpenEntry",
                        folder.name() + ": the entry id does not name a folder");
            }
            MapiTable table = f.getContentsTable(0);
            try {
                table.setColumns(MESSAGE_COLUMNS, 0);
                // the newest rows: GetRowCount, then SeekRow past the older ones (IMAPITable::SeekRow,
                // https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-seekrow)
                int skip = newest == Integer.MAX_VALUE ? 0 : Math.max(0, table.getRowCount(0) - newest);
                table.seekRow(MapiFlags.BOOKMARK_BEGINNING, skip);
                List<FolderMessage> out = new ArrayList<>();
                List<Row> batch;
                do {
                    batch = table.queryRows((int) Math.min(500, (long) newest - out.size()), 0);
                    for (Row r : batch) {
                        out.add(toMessage(r));
                    }
                } while (!batch.isEmpty() && out.size() < newest);
                return out;
            } finally {
                table.release();
            }
        } finally {
            o.release();
        }
    }

    static FolderMessage toMessage(Row r) {
        return new FolderMessage(
                r.find(PropTag.PR_ENTRYID).map(v -> v.asEntryId().toHex()).orElse(""),
                r.find(PropTag.PR_SUBJECT_W).map(PropValue::asString).orElse(""),
                r.find(PropTag.PR_DISPLAY_TO_W)
                        .map(v -> OutboxRows.splitRecipients(v.asString()))
                        .orElse(List.of()),
                r.find(PropTag.PR_MESSAGE_FLAGS).map(PropValue::asInt).orElse(0),
                r.find(PropTag.PR_SUBMIT_FLAGS).map(PropValue::asInt).orElse(0),
                r.find(PropTag.PR_CLIENT_SUBMIT_TIME).map(PropValue::asTime).orElse(null),
                r.find(PropTag.PR_MESSAGE_DELIVERY_TIME).map(PropValue::asTime).orElse(null));
    }

    /** See {@link ClientSession#sendReceive()}: FlushQueues on the spooler's status object. */
    static void sendReceive(MapiSession s, Ledger ledger) {
        MapiTable statusTable = ledger.byRole(Ledger.Role.STATUS_TABLE)
                .map(r -> (MapiTable) r.object())
                .orElseThrow(() -> new MapiException(
                        HResult.MAPI_E_NOT_INITIALIZED, "IMAPISession::GetStatusTable", "no status table is open"));
        statusTable.setColumns(new int[] {PropTag.PR_ENTRYID, PropTag.PR_RESOURCE_TYPE, PropTag.PR_DISPLAY_NAME_W}, 0);
        statusTable.seekRow(MapiFlags.BOOKMARK_BEGINNING, 0);
        EntryId spooler = null;
        List<Row> batch;
        do {
            batch = statusTable.queryRows(50, 0);
            for (Row r : batch) {
                if (spooler == null
                        && r.find(PropTag.PR_RESOURCE_TYPE)
                                        .map(PropValue::asInt)
                                        .orElse(-1)
                                == MapiFlags.MAPI_SPOOLER) {
                    spooler =
                            r.find(PropTag.PR_ENTRYID).map(PropValue::asEntryId).orElse(null);
                }
            }
        } while (!batch.isEmpty() && spooler == null);
        if (spooler == null) {
            throw new MapiException(
                    HResult.MAPI_E_NOT_FOUND, "IMAPITable::QueryRows", "the status table has no MAPI_SPOOLER row");
        }
        MapiUnknown o = s.openEntry(spooler, 0);
        try {
            if (!(o instanceof MapiStatus st)) {
                throw new MapiException(
                        HResult.MAPI_E_INVALID_OBJECT,
                        "IMAPISession::OpenEntry",
                        "the spooler row's PR_ENTRYID does not name a status object");
            }
            st.flushQueues(0, null, ClientSession.SEND_RECEIVE_FLAGS);
        } finally {
            o.release();
        }
    }
}
