package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The documented logon sequence of one attempt: OleInitialize (when asked),
 * MAPIInitialize({0, MAPI_MULTITHREAD_NOTIFICATIONS}), ScInitMapiUtil (when asked), MAPILogonEx
 * (MAPI_EXTENDED | MAPI_UNICODE | MAPI_USE_DEFAULT or MAPI_EXPLICIT_PROFILE, plus MAPI_ALLOW_OTHERS
 * when shared, else MAPI_NEW_SESSION), GetMsgStoresTable and OpenMsgStore on the default store's row,
 * PR_IPM_SUBTREE_ENTRYID, PR_IPM_OUTBOX_ENTRYID and PR_IPM_SENTMAIL_ENTRYID each cached in a
 * MAPIAllocateBuffer buffer, OpenEntry of the Outbox, OpenAddressBook, GetStatusTable, and Advise on
 * the session (fnevCriticalError), on the store and on the Outbox contents table. Everything goes
 * into the ledger as it is opened; {@link #handles()} is what was obtained so far, also after a failure.
 * Its calls run on the session's MAPI thread ({@link SessionMapiThread}), whose number the ledger records.
 */
final class LogonSequence {

    /** Receives one advise sink's notifications, named by their source ("session", "store 'x'"). */
    @FunctionalInterface
    interface Notifications {
        void received(String source, List<Notification> notifications);
    }

    /** The source name of the Outbox contents table's notifications. */
    static final String OUTBOX_TABLE = "Outbox contents table";

    private final MapiRuntime runtime;
    private final Ledger ledger;
    private final Notifications notifications;
    /** The number of the thread the calls run on (the session's MAPI thread, decision 0450). */
    private final int thread;

    private MapiSession session;
    private MsgStore store;
    private MapiFolder outbox;
    private MapiTable outboxTable;
    private EntryId outboxId;
    private EntryId sentItemsId;
    private String storeName;
    private boolean sessionOwner;

    LogonSequence(MapiRuntime runtime, Ledger ledger, Notifications notifications, int thread) {
        this.runtime = runtime;
        this.ledger = ledger;
        this.notifications = notifications;
        this.thread = thread;
    }

    /** What the sequence has opened so far. */
    SessionHandles handles() {
        return new SessionHandles(session, store, outbox, outboxTable, outboxId, sentItemsId, storeName, sessionOwner);
    }

    /** Runs the whole sequence; on failure what was opened stays in the ledger and in {@link #handles()}. */
    SessionHandles run(LogonOptions o) {
        initialise(o);
        Ledger.ObjectRecord sessionRec = logOn(o);
        if (o.minimal()) {
            return handles(); // the CE sample opens nothing else (LogonOptions#minimal)
        }
        Ledger.ObjectRecord storeRec = openDefaultStore();
        cacheEntryIds();
        openOutbox();
        ledger.opened(session.openAddressBook(0, 0), Ledger.Role.ADDRESS_BOOK);
        ledger.opened(session.getStatusTable(0), Ledger.Role.STATUS_TABLE);
        advise(sessionRec, storeRec);
        return handles();
    }

    private void initialise(LogonOptions o) {
        if (o.ole()) {
            HResult hr = runtime.oleInitialize();
            hr.check("OleInitialize");
            ledger.initialised(Ledger.Init.OLE, thread);
        }
        runtime.mapiInitialize(initStructure(o));
        ledger.initialised(Ledger.Init.MAPI, thread);
        if (o.mapiUtil()) {
            runtime.scInitMapiUtil(0);
            ledger.initialised(Ledger.Init.MAPI_UTIL, thread);
        }
    }

    /** MAPIINIT_0 for MAPIInitialize: raw flags when given, NULL for the CE sample, else the multithreaded default. */
    static MapiInit initStructure(LogonOptions o) {
        if (o.initFlags() != null) {
            return new MapiInit(MapiFlags.MAPI_INIT_VERSION, o.initFlags());
        }
        return o.minimal() ? null : MapiInit.multithreaded();
    }

    /** The MAPILogonEx flags: raw when given, 0 for the CE sample, else computed from the options. */
    static int logonFlags(LogonOptions o) {
        if (o.logonFlags() != null) {
            return o.logonFlags();
        }
        if (o.minimal()) {
            return 0;
        }
        int flags = MapiFlags.MAPI_EXTENDED
                | MapiFlags.MAPI_UNICODE
                | (o.profileName() == null ? MapiFlags.MAPI_USE_DEFAULT : MapiFlags.MAPI_EXPLICIT_PROFILE);
        return flags | (o.shared() ? MapiFlags.MAPI_ALLOW_OTHERS : MapiFlags.MAPI_NEW_SESSION);
    }

    private Ledger.ObjectRecord logOn(LogonOptions o) {
        int flags = logonFlags(o);
        session = runtime.mapiLogonEx(0, o.minimal() ? null : o.profileName(), null, flags);
        sessionOwner = (flags & MapiFlags.MAPI_ALLOW_OTHERS) != 0;
        return ledger.opened(session, Ledger.Role.SESSION);
    }

    /** The default store via the message-stores table (released at once). */
    private Ledger.ObjectRecord openDefaultStore() {
        MapiTable storesTable = session.getMsgStoresTable(0);
        Ledger.ObjectRecord storesRec = ledger.opened(storesTable, Ledger.Role.MESSAGE_STORES_TABLE);
        EntryId storeId;
        try {
            storesTable.setColumns(
                    new int[] {PropTag.PR_ENTRYID, PropTag.PR_DISPLAY_NAME_W, PropTag.PR_DEFAULT_STORE}, 0);
            storesTable.seekRow(MapiFlags.BOOKMARK_BEGINNING, 0);
            List<Row> rows = storesTable.queryRows(100, 0);
            storeId = MsgStore.defaultStoreId(rows)
                    .orElseThrow(() -> new MapiException(
                            HResult.MAPI_E_NOT_FOUND, "IMAPITable::QueryRows", "the message-stores table is empty"));
        } finally {
            storesTable.release();
            ledger.released(storesRec.id());
        }
        store = session.openMsgStore(0, storeId, MapiFlags.MDB_WRITE | MapiFlags.MAPI_BEST_ACCESS);
        storeName = store.displayName();
        return ledger.opened(store, Ledger.Role.STORE);
    }

    /** The store's IPM entry ids, each copied into a MAPIAllocateBuffer buffer. */
    private void cacheEntryIds() {
        List<PropValue> ids = store.getProps(
                PropTag.PR_IPM_SUBTREE_ENTRYID, PropTag.PR_IPM_OUTBOX_ENTRYID, PropTag.PR_IPM_SENTMAIL_ENTRYID);
        for (PropValue v : ids) {
            if (v.isError()) {
                throw new MapiException(
                        (HResult) v.value(),
                        "IMsgStore::GetProps",
                        PropTag.name(PropTag.withType(v.tag(), PropTag.PT_BINARY)));
            }
            byte[] bytes = v.asBinary();
            MapiBuffer buf = runtime.mapiAllocateBuffer(bytes.length);
            ledger.allocated(PropTag.name(v.tag()), buf);
            buf.write(bytes);
        }
        outboxId = ids.get(1).asEntryId();
        sentItemsId = ids.get(2).asEntryId();
    }

    private void openOutbox() {
        MapiUnknown ob = store.openEntry(outboxId, MapiFlags.MAPI_MODIFY | MapiFlags.MAPI_BEST_ACCESS);
        if (!(ob instanceof MapiFolder folder)) {
            ob.release();
            throw new MapiException(
                    HResult.MAPI_E_INVALID_OBJECT,
                    "IMsgStore::OpenEntry",
                    "PR_IPM_OUTBOX_ENTRYID does not name a folder");
        }
        outbox = folder;
        ledger.opened(folder, Ledger.Role.OUTBOX);
    }

    /** Advise: session (critical errors), store (object events), Outbox contents table. */
    private void advise(Ledger.ObjectRecord sessionRec, Ledger.ObjectRecord storeRec) {
        MapiSession s = session;
        ClientAdviseSink sessionSink = sink("session advise sink", "session");
        long c1 = s.advise(null, EventType.fnevCriticalError, sessionSink);
        ledger.advised(
                sessionRec,
                "IMAPISession::Unadvise",
                c1,
                EventType.fnevCriticalError,
                unadvise(sessionSink, "IMAPISession::Unadvise", s::unadvise));

        MsgStore ms = store;
        int storeMask = EventType.fnevCriticalError
                | EventType.fnevNewMail
                | EventType.fnevObjectCreated
                | EventType.fnevObjectDeleted
                | EventType.fnevObjectModified
                | EventType.fnevObjectMoved;
        ClientAdviseSink storeSink = sink("store advise sink", "store '" + storeName + "'");
        long c2 = ms.advise(null, storeMask, storeSink);
        ledger.advised(
                storeRec,
                "IMsgStore::Unadvise",
                c2,
                storeMask,
                unadvise(storeSink, "IMsgStore::Unadvise", ms::unadvise));

        MapiTable table = outbox.getContentsTable(0);
        outboxTable = table;
        Ledger.ObjectRecord tableRec = ledger.opened(table, Ledger.Role.OUTBOX_TABLE);
        table.setColumns(OutboxRows.COLUMNS, 0);
        ClientAdviseSink tableSink = sink("Outbox table advise sink", OUTBOX_TABLE);
        long c3 = table.advise(EventType.fnevTableModified, tableSink);
        ledger.advised(
                tableRec,
                "IMAPITable::Unadvise",
                c3,
                EventType.fnevTableModified,
                unadvise(tableSink, "IMAPITable::Unadvise", table::unadvise));
    }

    /**
     * A sink whose notifications after its Unadvise reach the log marked late, under a source of their own, so
     * the client does not act on them (no critical-error teardown, no Outbox change).
     */
    private ClientAdviseSink sink(String name, String source) {
        ClientAdviseSink sink = new ClientAdviseSink(
                name,
                list -> notifications.received(source, list),
                (unadvise, list) -> notifications.received(lateSource(source, unadvise), list));
        ledger.opened(sink, Ledger.Role.ADVISE_SINK);
        return sink;
    }

    /** The source a late notification is logged under: "store 'x' (late: after IMsgStore::Unadvise)". */
    static String lateSource(String source, String unadviseApi) {
        return source + " (late: after " + unadviseApi + ")";
    }

    /** The connection's Unadvise, marking the sink unadvised first (a notification may overtake the return). */
    private static LongConsumer unadvise(ClientAdviseSink sink, String api, LongConsumer call) {
        return connection -> {
            sink.unadvising(api);
            try {
                call.accept(connection);
            } catch (RuntimeException e) {
                sink.unadvising(null);
                throw e;
            }
        };
    }
}
