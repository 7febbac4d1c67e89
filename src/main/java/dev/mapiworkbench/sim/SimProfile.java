package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.sim.store.MailStoreFile;
import dev.mapiworkbench.sim.store.MailStoreFile.FolderRecord;
import dev.mapiworkbench.sim.store.MailStoreFile.FolderRole;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import dev.mapiworkbench.sim.store.StoreProps;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A logged-on profile: its store file, its spooler and transport, the sessions on it, and the open
 * objects that receive its store and table notifications. All state guarded by the runtime lock.
 */
final class SimProfile {

    final SimRuntime rt;
    final String name;
    final MailStoreFile store;
    final byte[] uid;
    final EntryId storeEntryId;
    final long rootId;
    final long ipmId;
    final long inboxId;
    final long outboxId;
    final long sentId;
    final long deletedId;
    final Set<SimSession> sessions = new LinkedHashSet<>();
    final Set<SimMsgStore> stores = new LinkedHashSet<>();
    final Set<SimTable> tables = new LinkedHashSet<>();
    final Spooler spooler;
    /** The profile's lock (decision 0120) while it is logged on; null for an in-memory store. */
    ProfileLock lock;
    /** The SMTP transport when the profile uses one (decision 0160). */
    final SmtpLink smtp;
    /** Store writes made by clients (not the spooler); lets the spooler trust records it already read. */
    long clientWrites;

    SimProfile(SimRuntime rt, String name, MailStoreFile store) {
        this.rt = rt;
        this.name = name;
        this.store = store;
        this.uid = store.recordKey();
        this.storeEntryId = EntryIds.make(uid, EntryIds.STORE, 0);
        this.rootId = store.folder(FolderRole.ROOT).id();
        this.ipmId = store.folder(FolderRole.IPM_SUBTREE).id();
        this.inboxId = store.folder(FolderRole.INBOX).id();
        this.outboxId = store.folder(FolderRole.OUTBOX).id();
        this.sentId = store.folder(FolderRole.SENT_ITEMS).id();
        this.deletedId = store.folder(FolderRole.DELETED_ITEMS).id();
        this.spooler = new Spooler(rt, this);
        this.smtp = new SmtpLink(rt, this);
    }

    EntryId folderEntryId(long id) {
        return EntryIds.make(uid, EntryIds.FOLDER, id);
    }

    EntryId messageEntryId(long id) {
        return EntryIds.make(uid, EntryIds.MESSAGE, id);
    }

    static EntryId statusEntryId(long row) {
        return EntryIds.make(EntryIds.STATUS_UID, EntryIds.STATUS, row);
    }

    /** Parses an entry id of this store (store, folder or message); null when it is not one. */
    EntryIds.Parsed parseOwn(EntryId id) {
        EntryIds.Parsed p = EntryIds.parse(id);
        if (p == null) {
            return null;
        }
        if (p.type() == EntryIds.STATUS) {
            return p;
        }
        return p.uidEquals(uid) ? p : null;
    }

    // ------------------------------------------------------------------ property sets

    Map<Integer, Object> storeProps() {
        Map<Integer, Object> m = new HashMap<>();
        m.put(PropTag.PR_ENTRYID, storeEntryId.bytes());
        m.put(PropTag.PR_STORE_ENTRYID, storeEntryId.bytes());
        m.put(PropTag.PR_RECORD_KEY, uid.clone());
        m.put(PropTag.PR_INSTANCE_KEY, EntryIds.instanceKey(0));
        m.put(PropTag.PR_DISPLAY_NAME_W, store.displayName());
        m.put(PropTag.PR_OBJECT_TYPE, MapiFlags.MAPI_STORE);
        m.put(PropTag.PR_DEFAULT_STORE, true);
        m.put(PropTag.PR_PROVIDER_DISPLAY_W, "Simulated Personal Folders");
        m.put(PropTag.PR_RESOURCE_FLAGS, MapiFlags.STATUS_DEFAULT_STORE);
        m.put(PropTag.PR_IPM_SUBTREE_ENTRYID, folderEntryId(ipmId).bytes());
        m.put(PropTag.PR_IPM_OUTBOX_ENTRYID, folderEntryId(outboxId).bytes());
        m.put(PropTag.PR_IPM_SENTMAIL_ENTRYID, folderEntryId(sentId).bytes());
        m.put(PropTag.PR_IPM_WASTEBASKET_ENTRYID, folderEntryId(deletedId).bytes());
        return m;
    }

    Map<Integer, Object> folderProps(FolderRecord f) {
        Map<Integer, Object> m = new HashMap<>();
        m.put(PropTag.PR_ENTRYID, folderEntryId(f.id()).bytes());
        m.put(PropTag.PR_RECORD_KEY, EntryIds.instanceKey(f.id()));
        m.put(PropTag.PR_INSTANCE_KEY, EntryIds.instanceKey(f.id()));
        m.put(PropTag.PR_STORE_ENTRYID, storeEntryId.bytes());
        m.put(PropTag.PR_DISPLAY_NAME_W, f.name());
        m.put(PropTag.PR_OBJECT_TYPE, MapiFlags.MAPI_FOLDER);
        if (f.parentId() != null) {
            m.put(PropTag.PR_PARENT_ENTRYID, folderEntryId(f.parentId()).bytes());
        }
        m.put(PropTag.PR_CONTENT_COUNT, store.messageCount(f.id(), Long.MAX_VALUE));
        return m;
    }

    /** Stored properties plus the computed ones (entry ids, object type, PR_DISPLAY_TO). */
    Map<Integer, Object> messageProps(MessageRecord r) {
        Map<Integer, Object> m = new HashMap<>(Math.max(16, (r.props().size() + 12) * 4 / 3 + 1)); // no resize below
        m.putAll(r.props());
        m.remove(StoreProps.RECIPIENTS);
        m.put(PropTag.PR_ENTRYID, messageEntryId(r.id()).bytes());
        m.put(PropTag.PR_RECORD_KEY, EntryIds.instanceKey(r.id()));
        m.put(PropTag.PR_INSTANCE_KEY, EntryIds.instanceKey(r.id()));
        m.put(PropTag.PR_PARENT_ENTRYID, folderEntryId(r.folderId()).bytes());
        m.put(PropTag.PR_STORE_ENTRYID, storeEntryId.bytes());
        m.put(PropTag.PR_OBJECT_TYPE, MapiFlags.MAPI_MESSAGE);
        SimMessage.putDisplay(m, r.recipients());
        m.putIfAbsent(PropTag.PR_MESSAGE_CLASS_W, "IPM.Note");
        m.putIfAbsent(PropTag.PR_MESSAGE_FLAGS, 0);
        Spooler.InFlight job = spooler.inFlight;
        if (job != null && job.msg.id() == r.id()) {
            Object f = m.get(PropTag.PR_SUBMIT_FLAGS);
            m.put(PropTag.PR_SUBMIT_FLAGS, (f instanceof Integer i ? i : 0) | MapiFlags.SUBMITFLAG_LOCKED);
        }
        return m;
    }

    Map<Integer, Object> statusRow(long row) {
        Map<Integer, Object> m = new HashMap<>();
        m.put(PropTag.PR_ENTRYID, statusEntryId(row).bytes());
        m.put(PropTag.PR_INSTANCE_KEY, EntryIds.instanceKey(row));
        m.put(PropTag.PR_ROWID, (int) row);
        m.put(PropTag.PR_OBJECT_TYPE, MapiFlags.MAPI_STATUS);
        if (row == EntryIds.ROW_SUBSYSTEM) {
            m.put(PropTag.PR_DISPLAY_NAME_W, "MAPI Subsystem");
            m.put(PropTag.PR_PROVIDER_DISPLAY_W, "MAPI Subsystem");
            m.put(PropTag.PR_PROVIDER_DLL_NAME_W, "MAPI32.DLL");
            m.put(PropTag.PR_RESOURCE_TYPE, MapiFlags.MAPI_SUBSYSTEM);
            m.put(PropTag.PR_RESOURCE_METHODS, MapiFlags.STATUS_VALIDATE_STATE);
            m.put(PropTag.PR_RESOURCE_FLAGS, 0);
            m.put(PropTag.PR_STATUS_CODE, MapiFlags.STATUS_AVAILABLE);
            m.put(PropTag.PR_STATUS_STRING_W, "Available");
        } else if (row == EntryIds.ROW_SPOOLER) {
            m.put(PropTag.PR_DISPLAY_NAME_W, "MAPI Spooler");
            m.put(PropTag.PR_PROVIDER_DISPLAY_W, "MAPI Spooler");
            m.put(PropTag.PR_PROVIDER_DLL_NAME_W, "MAPISP32.EXE");
            m.put(PropTag.PR_RESOURCE_TYPE, MapiFlags.MAPI_SPOOLER);
            m.put(PropTag.PR_RESOURCE_METHODS, MapiFlags.STATUS_VALIDATE_STATE | MapiFlags.STATUS_FLUSH_QUEUES);
            m.put(PropTag.PR_RESOURCE_FLAGS, 0);
            m.put(PropTag.PR_STATUS_CODE, spooler.statusCode());
            m.put(PropTag.PR_STATUS_STRING_W, spooler.statusString());
        } else {
            String smtpName = smtp.describe();
            m.put(PropTag.PR_DISPLAY_NAME_W, smtpName != null ? smtpName : "Simulated SMTP Transport");
            m.put(PropTag.PR_PROVIDER_DISPLAY_W, smtpName != null ? "SMTP Transport" : "Simulated SMTP Transport");
            m.put(PropTag.PR_PROVIDER_DLL_NAME_W, "SIMXP32.DLL");
            m.put(PropTag.PR_RESOURCE_TYPE, MapiFlags.MAPI_TRANSPORT_PROVIDER);
            m.put(PropTag.PR_RESOURCE_METHODS, MapiFlags.STATUS_VALIDATE_STATE);
            m.put(PropTag.PR_RESOURCE_FLAGS, MapiFlags.STATUS_DEFAULT_OUTBOUND);
            m.put(PropTag.PR_STATUS_CODE, spooler.statusCode());
            m.put(PropTag.PR_STATUS_STRING_W, spooler.statusString());
            m.put(PropTag.PR_IDENTITY_DISPLAY_W, "Simulated user");
        }
        return m;
    }

    List<Map<Integer, Object>> statusRows() {
        return List.of(
                statusRow(EntryIds.ROW_SUBSYSTEM), statusRow(EntryIds.ROW_SPOOLER), statusRow(EntryIds.ROW_TRANSPORT));
    }

    // ------------------------------------------------------------------ notifications (lock held)

    /**
     * Object notification for a message: to every valid store advised on the store (null entry id),
     * on the message or on one of its folders, and to sessions advised on those entry ids.
     */
    void messageEvent(int fnev, long messageId, long folderId, Long oldFolderId) {
        EntryId id = messageEntryId(messageId);
        EntryId parent = folderEntryId(folderId);
        EntryId oldParent = oldFolderId == null ? null : folderEntryId(oldFolderId);
        Notification n = new Notification.ObjectEvent(
                fnev, id, MapiFlags.MAPI_MESSAGE, parent, oldFolderId == null ? null : id, oldParent);
        for (SimMsgStore s : stores) {
            deliver(s, n, fnev, id, parent, oldParent, true);
        }
        for (SimSession s : sessions) {
            deliver(s, n, fnev, id, parent, oldParent, false);
        }
    }

    private void deliver(
            SimObject o, Notification n, int fnev, EntryId id, EntryId parent, EntryId oldParent, boolean nullMatches) {
        if (!o.valid()) {
            return;
        }
        for (Advise a : o.connections()) {
            if (!a.wants(fnev)) {
                continue;
            }
            EntryId f = a.filter();
            boolean match = f == null ? nullMatches : f.equals(id) || f.equals(parent) || f.equals(oldParent);
            if (match) {
                rt.post(a, n);
            }
        }
    }

    /** TABLE_ROW_* to every open contents table of {@code folderId}; {@code rec} null for a deleted row. */
    void tableRow(long folderId, int tableEvent, long messageId, MessageRecord rec) {
        for (SimTable t : tables) {
            if (t.folderId == folderId && t.valid() && t.connectionCount() > 0) {
                // a row its Restrict hides is never announced: an added one not at all, a modified one as
                // deleted (it may have left the view; decision 0411)
                int event = tableEvent;
                if (rec != null && !t.shows(rec)) {
                    if (tableEvent == EventType.TABLE_ROW_ADDED) {
                        continue;
                    }
                    event = EventType.TABLE_ROW_DELETED;
                }
                PropValue index = PropValue.of(PropTag.PR_INSTANCE_KEY, EntryIds.instanceKey(messageId));
                boolean gone = rec == null || event == EventType.TABLE_ROW_DELETED;
                Row row = gone ? new Row(List.of()) : t.project(messageProps(rec));
                // propPrior: the row before it in the table's sort order (decision 0531)
                PropValue prior = gone ? null : t.priorOf(rec);
                Notification n = new Notification.TableEvent(event, HResult.S_OK, index, prior, row);
                for (Advise a : t.connections()) {
                    if (a.wants(EventType.fnevTableModified)) {
                        rt.post(a, n);
                    }
                }
            }
        }
    }

    /** TABLE_ROW_MODIFIED for a status row on every open status table. */
    void statusRowChanged(long row) {
        for (SimTable t : tables) {
            if (t.folderId == SimTable.STATUS_TABLE && t.valid() && t.connectionCount() > 0) {
                Notification n = new Notification.TableEvent(
                        EventType.TABLE_ROW_MODIFIED,
                        HResult.S_OK,
                        PropValue.of(PropTag.PR_INSTANCE_KEY, EntryIds.instanceKey(row)),
                        t.project(statusRow(row)));
                for (Advise a : t.connections()) {
                    if (a.wants(EventType.fnevTableModified)) {
                        rt.post(a, n);
                    }
                }
            }
        }
    }

    /** Created, modified, moved or deleted: the object notification plus the table rows. */
    void messageCreated(MessageRecord rec) {
        messageEvent(EventType.fnevObjectCreated, rec.id(), rec.folderId(), null);
        tableRow(rec.folderId(), EventType.TABLE_ROW_ADDED, rec.id(), rec);
    }

    void messageModified(MessageRecord rec) {
        messageEvent(EventType.fnevObjectModified, rec.id(), rec.folderId(), null);
        tableRow(rec.folderId(), EventType.TABLE_ROW_MODIFIED, rec.id(), rec);
    }

    void messageMoved(MessageRecord rec, long fromFolder) {
        messageEvent(EventType.fnevObjectMoved, rec.id(), rec.folderId(), fromFolder);
        tableRow(fromFolder, EventType.TABLE_ROW_DELETED, rec.id(), null);
        tableRow(rec.folderId(), EventType.TABLE_ROW_ADDED, rec.id(), rec);
    }

    void messageDeleted(long messageId, long folderId) {
        messageEvent(EventType.fnevObjectDeleted, messageId, folderId, null);
        tableRow(folderId, EventType.TABLE_ROW_DELETED, messageId, null);
    }
}
