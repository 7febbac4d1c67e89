package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.AddrBook;
import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiStatus;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.SendFailureProps;
import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail client's own MAPI session: the documented logon sequence, the {@link Ledger} of everything
 * it opened, the Outbox queue model kept current from notifications, compose and send.
 *
 * <p>Logon ({@link #logon(LogonOptions)}) performs, in order: OleInitialize (when asked),
 * MAPIInitialize({0, MAPI_MULTITHREAD_NOTIFICATIONS}), ScInitMapiUtil (when asked), MAPILogonEx
 * (MAPI_EXTENDED | MAPI_USE_DEFAULT | MAPI_NEW_SESSION, plus MAPI_ALLOW_OTHERS when shared),
 * GetMsgStoresTable and OpenMsgStore on the default store's row, reading PR_IPM_SUBTREE_ENTRYID,
 * PR_IPM_OUTBOX_ENTRYID and PR_IPM_SENTMAIL_ENTRYID and caching each in a MAPIAllocateBuffer buffer,
 * OpenEntry of the Outbox, OpenAddressBook, GetStatusTable, Advise on the session (null entry id,
 * fnevCriticalError), on the store, and on the Outbox contents table. Every object, connection, buffer
 * and initialisation goes into the ledger.
 *
 * <p>Blocking methods (logon, compose, send, refresh) must not be called on a UI thread. Listeners
 * may be called on any thread. The session is ended by the teardown engine
 * ({@code dev.mapiworkbench.teardown.TeardownEngine}); afterwards {@link #logon} may be called again
 * on the same instance, which rebuilds everything from scratch. {@link #folders()}, {@link #messages}
 * and {@link #sendReceive()} open objects only for the length of the call (docs/decisions/0036, 0037).
 */
public final class ClientSession {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    /** Columns of the Outbox contents table the queue model reads. */
    static final int[] OUTBOX_COLUMNS = {PropTag.PR_ENTRYID, PropTag.PR_INSTANCE_KEY, PropTag.PR_SUBJECT_W,
        PropTag.PR_DISPLAY_TO_W, PropTag.PR_MESSAGE_FLAGS, PropTag.PR_SUBMIT_FLAGS, SendFailureProps.PR_WB_SEND_ERROR_W};

    private final MapiRuntime runtime;
    private final Clock clock;
    private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
    private final Ledger ledger = new Ledger(this::fireLedgerChanged);
    private final Object lock = new Object();
    private final Map<String, OutboxItem> outbox = new LinkedHashMap<>();
    private final Map<String, List<String>> knownRecipients = new LinkedHashMap<>();
    /** The notification log keeps the newest entries only. */
    public static final int NOTIFICATION_LOG_LIMIT = 5000;

    private final java.util.ArrayDeque<NotificationLogEntry> notificationLog = new java.util.ArrayDeque<>();
    private final AtomicLong notificationSeq = new AtomicLong();
    private static final java.time.Duration REFRESHER_IDLE = java.time.Duration.ofSeconds(1);

    private final ExecutorService refresher;

    private volatile SessionState state = SessionState.LOGGED_OFF;
    private volatile Throwable lastError;
    private volatile LogonOptions options = LogonOptions.defaults();
    private volatile MapiSession session;
    private volatile MsgStore store;
    private volatile MapiFolder outboxFolder;
    private volatile MapiTable outboxTable;
    private volatile EntryId outboxId;
    private volatile EntryId sentItemsId;
    private volatile String storeName;
    private volatile boolean sessionOwner;
    private volatile int generation;

    /** A client over an opened backend runtime (see {@link ClientSessions#open(ClientConfig)}). */
    public ClientSession(MapiRuntime runtime) {
        this(runtime, Clock.systemUTC());
    }

    public ClientSession(MapiRuntime runtime, Clock clock) {
        this.runtime = runtime;
        this.clock = clock;
        // One refresher thread at most, ending after a second without work: a client that is never
        // shut down (or a JVM running many logon/teardown cycles) does not keep threads alive.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, REFRESHER_IDLE.toMillis(), TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "client-outbox-refresh");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.refresher = pool;
    }

    // ---- runtime ---------------------------------------------------------------------------

    public MapiRuntime runtime() {
        return runtime;
    }

    public String backendId() {
        return runtime.backendId();
    }

    /** A backend capability (SubsystemDiagnostics, TransportControl, SharedSessionControl, ...). */
    public <T> Optional<T> capability(Class<T> type) {
        return runtime.capability(type);
    }

    // ---- state -----------------------------------------------------------------------------

    public SessionState state() {
        return state;
    }

    /** What made the last logon fail, or null. */
    public Throwable lastError() {
        return lastError;
    }

    /** The options of the current (or last) logon. */
    public LogonOptions logonOptions() {
        return options;
    }

    /** True when logged on with MAPI_ALLOW_OTHERS. */
    public boolean isShared() {
        return state != SessionState.LOGGED_OFF && options.shared();
    }

    /** True when this client created the shared session (it logged on first). */
    public boolean ownsSharedSession() {
        return isShared() && sessionOwner;
    }

    /** The MAPI session while logged on (null otherwise). The teardown engine calls Logoff on it. */
    public MapiSession mapiSession() {
        return session;
    }

    /** The default store's display name ("Mailbox - demo"), or null when logged off. */
    public String storeDisplayName() {
        return storeName;
    }

    /** The ledger of the current logon. */
    public Ledger ledger() {
        return ledger;
    }

    /**
     * Immutable rows of the ledger. Reference counts are the subsystem's when the backend offers
     * SubsystemDiagnostics (the simulator), else the references this client holds. After a teardown,
     * whatever the client still holds is shown as leaked.
     */
    public List<LedgerEntry> ledgerSnapshot() {
        Optional<SubsystemDiagnostics> diag = runtime.capability(SubsystemDiagnostics.class);
        if (diag.isEmpty()) {
            return ledger.snapshot();
        }
        Map<Long, Integer> counts = new java.util.HashMap<>();
        for (SubsystemDiagnostics.ObjectInfo o : diag.get().liveObjects()) {
            counts.put(o.handle(), o.refCount());
        }
        return ledger.snapshot(counts);
    }

    /** The Outbox queue model: drafts, queued, and this logon's sent or failed messages. */
    public List<OutboxItem> outboxSnapshot() {
        synchronized (lock) {
            return List.copyOf(outbox.values());
        }
    }

    /** Messages still submitted or locked in the Outbox. */
    public List<OutboxItem> pendingMessages() {
        return outboxSnapshot().stream().filter(i -> i.state().pending()).toList();
    }

    /** The notifications received since this instance was created (the newest {@value #NOTIFICATION_LOG_LIMIT}), oldest first. */
    public List<NotificationLogEntry> notificationLog() {
        synchronized (notificationLog) {
            return List.copyOf(notificationLog);
        }
    }

    public void addListener(ClientListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ClientListener listener) {
        listeners.remove(listener);
    }

    // ---- logon -----------------------------------------------------------------------------

    /**
     * Runs the documented logon sequence. On failure everything already opened stays in the ledger
     * (so a teardown can still clean it up), the state becomes {@link SessionState#FAILED} and the
     * MapiException is rethrown. A logon that starts from FAILED first ends what the failed attempt
     * left (Unadvise, Release, MAPIFreeBuffer, Logoff, the un-initialisations; docs/decisions/0038).
     *
     * @throws IllegalStateException when already logged on or tearing down
     */
    public void logon(LogonOptions logonOptions) {
        SessionState before;
        // The check and the move to LOGGING_ON are one step (on this object, as the teardown engine's
        // start is), so two concurrent logons, or a logon racing a teardown's start, cannot both pass.
        synchronized (this) {
            synchronized (lock) {
                before = state;
                if (before == SessionState.LOGGED_ON || before == SessionState.LOGGING_ON
                        || before == SessionState.TEARING_DOWN) {
                    throw new IllegalStateException("cannot log on while " + before);
                }
                options = logonOptions == null ? LogonOptions.defaults() : logonOptions;
                generation++;
                outbox.clear();
                knownRecipients.clear();
                lastError = null;
                state = SessionState.LOGGING_ON;
            }
        }
        if (before == SessionState.FAILED) {
            cleanUpFailedLogon();
        }
        ledger.clear();
        fireStateChanged(before, SessionState.LOGGING_ON);
        try {
            doLogon(options);
            setState(SessionState.LOGGED_ON);
            refreshOutbox();
        } catch (RuntimeException e) {
            lastError = e;
            LOG.debug("logon failed: {}", e.getMessage()); // the caller reports it (one line, not two)
            setState(SessionState.FAILED);
            throw e;
        }
    }

    /**
     * Ends what a failed logon left open, in the order of the desktop teardown (docs/decisions/0034):
     * Unadvise every connection, release the other objects newest first, MAPIFreeBuffer the cached
     * buffers, Logoff and release the session, then OleUninitialize, MAPIUninitialize and
     * DeinitMapiUtil as often as they were initialised. Each call's failure is logged and the rest goes
     * on, so one bad object does not keep the library initialised.
     */
    private void cleanUpFailedLogon() {
        if (ledger.isEmpty()) {
            return;
        }
        LOG.info("cleaning up what the failed logon left open");
        List<Ledger.AdviseRecord> advises = new ArrayList<>(ledger.advises());
        java.util.Collections.reverse(advises);
        for (Ledger.AdviseRecord a : advises) {
            attempt(a.unadviseApi(), a::cancel);
            ledger.unadvised(a.id());
        }
        List<Ledger.ObjectRecord> objects = new ArrayList<>(ledger.objects());
        java.util.Collections.reverse(objects);
        Ledger.ObjectRecord sessionRec = null;
        for (Ledger.ObjectRecord r : objects) {
            if (r.role() == Ledger.Role.SESSION) {
                sessionRec = r;
                continue;
            }
            for (int i = r.clientRefs(); i > 0; i--) {
                attempt(r.kind().interfaceName() + "::Release", r.object()::release);
                ledger.released(r.id());
            }
        }
        for (Ledger.BufferRecord b : ledger.buffers()) {
            attempt("MAPIFreeBuffer", () -> runtime.mapiFreeBuffer(b.buffer()));
            ledger.freed(b.id());
        }
        if (sessionRec != null) {
            MapiSession s = (MapiSession) sessionRec.object();
            attempt("IMAPISession::Logoff", () -> s.logoff(0, 0, 0));
            ledger.sessionLoggedOff();
            attempt("IMAPISession::Release", s::release);
            ledger.released(sessionRec.id());
        }
        for (int i = ledger.initCount(Ledger.Init.OLE); i > 0; i--) {
            attempt("OleUninitialize", runtime::oleUninitialize);
            ledger.uninitialised(Ledger.Init.OLE);
        }
        for (int i = ledger.initCount(Ledger.Init.MAPI); i > 0; i--) {
            attempt("MAPIUninitialize", runtime::mapiUninitialize);
            ledger.uninitialised(Ledger.Init.MAPI);
        }
        for (int i = ledger.initCount(Ledger.Init.MAPI_UTIL); i > 0; i--) {
            attempt("DeinitMapiUtil", runtime::deinitMapiUtil);
            ledger.uninitialised(Ledger.Init.MAPI_UTIL);
        }
        synchronized (lock) {
            session = null;
            store = null;
            outboxFolder = null;
            outboxTable = null;
            storeName = null;
            sessionOwner = false;
        }
    }

    private static void attempt(String api, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("cleaning up after the failed logon: {} failed: {}", api, e.getMessage());
        }
    }

    private void doLogon(LogonOptions o) {
        if (o.ole()) {
            HResult hr = runtime.oleInitialize();
            hr.check("OleInitialize");
            ledger.initialised(Ledger.Init.OLE);
        }
        runtime.mapiInitialize(MapiInit.multithreaded());
        ledger.initialised(Ledger.Init.MAPI);
        if (o.mapiUtil()) {
            runtime.scInitMapiUtil(0);
            ledger.initialised(Ledger.Init.MAPI_UTIL);
        }
        int flags = MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_UNICODE
                | (o.profileName() == null ? MapiFlags.MAPI_USE_DEFAULT : MapiFlags.MAPI_EXPLICIT_PROFILE);
        if (o.shared()) {
            flags |= MapiFlags.MAPI_ALLOW_OTHERS;
        } else {
            flags |= MapiFlags.MAPI_NEW_SESSION;
        }
        MapiSession s = runtime.mapiLogonEx(0, o.profileName(), null, flags);
        session = s;
        sessionOwner = o.shared();
        Ledger.ObjectRecord sessionRec = ledger.opened(s, Ledger.Role.SESSION);

        // Default store via the message-stores table.
        MapiTable storesTable = s.getMsgStoresTable(0);
        Ledger.ObjectRecord storesRec = ledger.opened(storesTable, Ledger.Role.MESSAGE_STORES_TABLE);
        EntryId storeId;
        try {
            storesTable.setColumns(new int[] {PropTag.PR_ENTRYID, PropTag.PR_DISPLAY_NAME_W, PropTag.PR_DEFAULT_STORE},
                    0);
            storesTable.seekRow(MapiFlags.BOOKMARK_BEGINNING, 0);
            List<Row> rows = storesTable.queryRows(100, 0);
            storeId = rows.stream()
                    .filter(r -> r.find(PropTag.PR_DEFAULT_STORE).map(PropValue::asBoolean).orElse(false))
                    .findFirst()
                    .or(() -> rows.stream().findFirst())
                    .map(r -> r.get(PropTag.PR_ENTRYID).asEntryId())
                    .orElseThrow(() -> new MapiException(HResult.MAPI_E_NOT_FOUND, "IMAPITable::QueryRows",
                            "the message-stores table is empty"));
        } finally {
            storesTable.release();
            ledger.released(storesRec.id());
        }
        MsgStore ms = s.openMsgStore(0, storeId, MapiFlags.MDB_WRITE | MapiFlags.MAPI_BEST_ACCESS);
        store = ms;
        storeName = ms.displayName();
        Ledger.ObjectRecord storeRec = ledger.opened(ms, Ledger.Role.STORE);

        // Cached entry ids as MAPI buffers.
        List<PropValue> ids = ms.getProps(PropTag.PR_IPM_SUBTREE_ENTRYID, PropTag.PR_IPM_OUTBOX_ENTRYID,
                PropTag.PR_IPM_SENTMAIL_ENTRYID);
        for (PropValue v : ids) {
            if (v.isError()) {
                throw new MapiException((HResult) v.value(), "IMsgStore::GetProps", PropTag.name(
                        PropTag.withType(v.tag(), PropTag.PT_BINARY)));
            }
            byte[] bytes = v.asBinary();
            MapiBuffer buf = runtime.mapiAllocateBuffer(bytes.length);
            ledger.allocated(PropTag.name(v.tag()), buf);
            buf.write(bytes);
        }
        outboxId = ids.get(1).asEntryId();
        sentItemsId = ids.get(2).asEntryId();

        MapiUnknown ob = ms.openEntry(outboxId, MapiFlags.MAPI_MODIFY | MapiFlags.MAPI_BEST_ACCESS);
        if (!(ob instanceof MapiFolder folder)) {
            ob.release();
            throw new MapiException(HResult.MAPI_E_INVALID_OBJECT, "IMsgStore::OpenEntry",
                    "PR_IPM_OUTBOX_ENTRYID does not name a folder");
        }
        outboxFolder = folder;
        ledger.opened(folder, Ledger.Role.OUTBOX);

        AddrBook ab = s.openAddressBook(0, 0);
        ledger.opened(ab, Ledger.Role.ADDRESS_BOOK);

        MapiTable statusTable = s.getStatusTable(0);
        ledger.opened(statusTable, Ledger.Role.STATUS_TABLE);

        // Advise: session (critical errors), store (object events), Outbox contents table.
        int gen = generation;
        Ledger.ObjectRecord sessionSink = ledger.opened(new ClientAdviseSink("session advise sink",
                list -> onNotifications(gen, "session", list)), Ledger.Role.ADVISE_SINK);
        long c1 = s.advise(null, EventType.fnevCriticalError, (AdviseSink) sessionSink.object());
        ledger.advised(sessionRec, "IMAPISession::Unadvise", c1, EventType.fnevCriticalError, s::unadvise);

        int storeMask = EventType.fnevCriticalError | EventType.fnevNewMail | EventType.fnevObjectCreated
                | EventType.fnevObjectDeleted | EventType.fnevObjectModified | EventType.fnevObjectMoved;
        Ledger.ObjectRecord storeSink = ledger.opened(new ClientAdviseSink("store advise sink",
                list -> onNotifications(gen, "store '" + storeName + "'", list)), Ledger.Role.ADVISE_SINK);
        long c2 = ms.advise(null, storeMask, (AdviseSink) storeSink.object());
        ledger.advised(storeRec, "IMsgStore::Unadvise", c2, storeMask, ms::unadvise);

        MapiTable table = folder.getContentsTable(0);
        outboxTable = table;
        Ledger.ObjectRecord tableRec = ledger.opened(table, Ledger.Role.OUTBOX_TABLE);
        table.setColumns(OUTBOX_COLUMNS, 0);
        Ledger.ObjectRecord tableSink = ledger.opened(new ClientAdviseSink("Outbox table advise sink",
                list -> onNotifications(gen, "Outbox contents table", list)), Ledger.Role.ADVISE_SINK);
        long c3 = table.advise(EventType.fnevTableModified, (AdviseSink) tableSink.object());
        ledger.advised(tableRec, "IMAPITable::Unadvise", c3, EventType.fnevTableModified, table::unadvise);
    }

    // ---- compose and send -----------------------------------------------------------------

    /** CreateMessage in the Outbox, SetProps, ModifyRecipients, SaveChanges; the message stays a draft. */
    public OutboxItem compose(Draft draft) {
        return createMessage(draft, false);
    }

    /** Compose plus SubmitMessage: the message is queued for the spooler. */
    public OutboxItem send(Draft draft) {
        return createMessage(draft, true);
    }

    private OutboxItem createMessage(Draft draft, boolean submit) {
        MapiFolder folder = requireLoggedOn();
        MapiMessage msg = folder.createMessage(0);
        Ledger.ObjectRecord rec = ledger.opened(msg, Ledger.Role.MESSAGE);
        try {
            List<PropValue> props = new ArrayList<>();
            props.add(PropValue.of(PropTag.PR_SUBJECT_W, draft.subject()));
            props.add(PropValue.of(PropTag.PR_BODY_W, draft.body()));
            props.add(PropValue.of(PropTag.PR_MESSAGE_CLASS_W, "IPM.Note"));
            if (sentItemsId != null) {
                props.add(PropValue.of(PropTag.PR_SENTMAIL_ENTRYID, sentItemsId.bytes()));
            }
            msg.setProps(props);
            msg.modifyRecipients(MapiFlags.MODRECIP_ADD, draft.recipients());
            msg.saveChanges(KEEP_OPEN_READWRITE);
            String id = msg.getProp(PropTag.PR_ENTRYID).asEntryId().toHex();
            OutboxItem item = new OutboxItem(id, draft.subject(), draft.recipients(), OutboxItem.State.DRAFT, null,
                    clock.instant());
            synchronized (lock) {
                knownRecipients.put(id, draft.recipients());
                outbox.putIfAbsent(id, item);
            }
            if (submit) {
                msg.submitMessage(0);
                synchronized (lock) {
                    OutboxItem cur = outbox.get(id);
                    if (cur != null && cur.state() == OutboxItem.State.DRAFT) {
                        outbox.put(id, cur.withState(OutboxItem.State.SUBMITTED, null, clock.instant()));
                    }
                }
            }
            fireOutboxChanged();
            scheduleRefresh();
            synchronized (lock) {
                return outbox.getOrDefault(id, item);
            }
        } finally {
            msg.release();
            ledger.released(rec.id());
        }
    }

    /** IMAPIProp::SaveChanges KEEP_OPEN_READWRITE (MAPIDefS.h). */
    static final int KEEP_OPEN_READWRITE = 0x00000002;

    private MapiFolder requireLoggedOn() {
        MapiFolder f = outboxFolder;
        if (state != SessionState.LOGGED_ON || f == null) {
            throw new MapiException(HResult.MAPI_E_NOT_INITIALIZED, "IMAPIFolder::CreateMessage",
                    "the client is not logged on (" + state + ")");
        }
        return f;
    }

    // ---- folder browsing and Send/Receive ----------------------------------------------------

    /** Columns of a folder's contents table the message list reads. */
    static final int[] MESSAGE_COLUMNS = {PropTag.PR_ENTRYID, PropTag.PR_SUBJECT_W, PropTag.PR_DISPLAY_TO_W,
        PropTag.PR_MESSAGE_FLAGS, PropTag.PR_SUBMIT_FLAGS, PropTag.PR_CLIENT_SUBMIT_TIME,
        PropTag.PR_MESSAGE_DELIVERY_TIME};

    /** Browsing, Send/Receive and the start of a teardown exclude each other (see {@link #beginTeardown()}). */
    private final Object browseLock = new Object();

    /**
     * The IPM folders of the default store: Inbox, Outbox, Sent Items, Deleted Items. Entry ids come
     * from the store's PR_IPM_OUTBOX_ENTRYID, PR_IPM_SENTMAIL_ENTRYID and PR_IPM_WASTEBASKET_ENTRYID
     * and the Inbox from IMsgStore::GetReceiveFolder (listed as not available when the backend does
     * not implement it). Each folder is opened with OpenEntry for PR_DISPLAY_NAME and PR_CONTENT_COUNT and
     * released at once; nothing stays open (docs/decisions/0036).
     *
     * @throws MapiException MAPI_E_NOT_INITIALIZED when not logged on, or what the store returns
     */
    public List<MailFolder> folders() {
        synchronized (browseLock) {
            MsgStore ms = requireStore("IMsgStore::GetProps");
            List<PropValue> ids = ms.getProps(PropTag.PR_IPM_OUTBOX_ENTRYID, PropTag.PR_IPM_SENTMAIL_ENTRYID,
                    PropTag.PR_IPM_WASTEBASKET_ENTRYID);
            MailFolder.Role[] roles = {MailFolder.Role.OUTBOX, MailFolder.Role.SENT_ITEMS,
                MailFolder.Role.DELETED_ITEMS};
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
    }

    /** Opens a folder by entry id for its name and count and releases it at once; null id = not available. */
    private static MailFolder describeFolder(MsgStore ms, MailFolder.Role role, EntryId id, String source) {
        if (id == null) {
            return new MailFolder(role, role.defaultName(), null, -1);
        }
        MapiUnknown o = ms.openEntry(id, MapiFlags.MAPI_BEST_ACCESS);
        try {
            if (!(o instanceof MapiFolder f)) {
                throw new MapiException(HResult.MAPI_E_INVALID_OBJECT, "IMsgStore::OpenEntry",
                        source + " does not name a folder");
            }
            List<PropValue> props = f.getProps(PropTag.PR_DISPLAY_NAME_W, PropTag.PR_CONTENT_COUNT);
            String name = props.get(0).isError() ? role.defaultName() : props.get(0).asString();
            int count = props.get(1).isError() ? -1 : props.get(1).asInt();
            return new MailFolder(role, name, id, count);
        } finally {
            o.release();
        }
    }

    /**
     * The messages of {@code folder}, read through OpenEntry, GetContentsTable, SetColumns and QueryRows;
     * the table and the folder are released before returning, also on failure.
     *
     * @throws MapiException MAPI_E_NOT_INITIALIZED when not logged on, MAPI_E_NOT_FOUND for a folder the
     *     backend offers no entry id for, or what the store returns
     */
    public List<FolderMessage> messages(MailFolder folder) {
        if (folder == null) {
            throw new IllegalArgumentException("folder is null");
        }
        if (!folder.available()) {
            throw new MapiException(HResult.MAPI_E_NOT_FOUND, "IMsgStore::OpenEntry",
                    "the backend offers no entry id for the " + folder.name() + " folder");
        }
        synchronized (browseLock) {
            MsgStore ms = requireStore("IMsgStore::OpenEntry");
            MapiUnknown o = ms.openEntry(folder.entryId(), MapiFlags.MAPI_BEST_ACCESS);
            try {
                if (!(o instanceof MapiFolder f)) {
                    throw new MapiException(HResult.MAPI_E_INVALID_OBJECT, "IMsgStore::OpenEntry",
                            folder.name() + ": the entry id does not name a folder");
                }
                MapiTable table = f.getContentsTable(0);
                try {
                    table.setColumns(MESSAGE_COLUMNS, 0);
                    table.seekRow(MapiFlags.BOOKMARK_BEGINNING, 0);
                    List<FolderMessage> out = new ArrayList<>();
                    List<Row> batch;
                    do {
                        batch = table.queryRows(500, 0);
                        for (Row r : batch) {
                            out.add(toMessage(r));
                        }
                    } while (!batch.isEmpty());
                    return out;
                } finally {
                    table.release();
                }
            } finally {
                o.release();
            }
        }
    }

    private static FolderMessage toMessage(Row r) {
        return new FolderMessage(
                r.find(PropTag.PR_ENTRYID).map(v -> v.asEntryId().toHex()).orElse(""),
                r.find(PropTag.PR_SUBJECT_W).map(PropValue::asString).orElse(""),
                r.find(PropTag.PR_DISPLAY_TO_W).map(v -> splitRecipients(v.asString())).orElse(List.of()),
                r.find(PropTag.PR_MESSAGE_FLAGS).map(PropValue::asInt).orElse(0),
                r.find(PropTag.PR_SUBMIT_FLAGS).map(PropValue::asInt).orElse(0),
                r.find(PropTag.PR_CLIENT_SUBMIT_TIME).map(PropValue::asTime).orElse(null),
                r.find(PropTag.PR_MESSAGE_DELIVERY_TIME).map(PropValue::asTime).orElse(null));
    }

    /** FlushQueues flags Send/Receive passes: upload, and return before the spooler finishes. */
    public static final int SEND_RECEIVE_FLAGS = MapiFlags.FLUSH_UPLOAD | MapiFlags.FLUSH_ASYNC_OK;

    /**
     * Send/Receive: finds the spooler's row in the status table this client holds (PR_RESOURCE_TYPE =
     * MAPI_SPOOLER), opens it with IMAPISession::OpenEntry, calls IMAPIStatus::FlushQueues(0, NULL,
     * FLUSH_UPLOAD | FLUSH_ASYNC_OK) and releases it (also on failure); then re-reads the Outbox.
     *
     * @throws MapiException MAPI_E_NOT_INITIALIZED when not logged on, MAPI_E_NOT_FOUND when the status
     *     table has no spooler row, or what FlushQueues returns
     */
    public void sendReceive() {
        synchronized (browseLock) {
            requireStore("IMAPIStatus::FlushQueues");
            MapiSession s = session;
            MapiTable statusTable = ledger.byRole(Ledger.Role.STATUS_TABLE)
                    .map(r -> (MapiTable) r.object()).orElseThrow(() -> new MapiException(
                            HResult.MAPI_E_NOT_INITIALIZED, "IMAPISession::GetStatusTable", "no status table is open"));
            statusTable.setColumns(new int[] {PropTag.PR_ENTRYID, PropTag.PR_RESOURCE_TYPE, PropTag.PR_DISPLAY_NAME_W},
                    0);
            statusTable.seekRow(MapiFlags.BOOKMARK_BEGINNING, 0);
            EntryId spooler = null;
            List<Row> batch;
            do {
                batch = statusTable.queryRows(50, 0);
                for (Row r : batch) {
                    if (spooler == null && r.find(PropTag.PR_RESOURCE_TYPE).map(PropValue::asInt)
                            .orElse(-1) == MapiFlags.MAPI_SPOOLER) {
                        spooler = r.find(PropTag.PR_ENTRYID).map(PropValue::asEntryId).orElse(null);
                    }
                }
            } while (!batch.isEmpty() && spooler == null);
            if (spooler == null) {
                throw new MapiException(HResult.MAPI_E_NOT_FOUND, "IMAPITable::QueryRows",
                        "the status table has no MAPI_SPOOLER row");
            }
            MapiUnknown o = s.openEntry(spooler, 0);
            try {
                if (!(o instanceof MapiStatus st)) {
                    throw new MapiException(HResult.MAPI_E_INVALID_OBJECT, "IMAPISession::OpenEntry",
                            "the spooler row's PR_ENTRYID does not name a status object");
                }
                st.flushQueues(0, null, SEND_RECEIVE_FLAGS);
            } finally {
                o.release();
            }
        }
        refreshOutbox();
    }

    private MsgStore requireStore(String api) {
        MsgStore ms = store;
        if (state != SessionState.LOGGED_ON || ms == null) {
            throw new MapiException(HResult.MAPI_E_NOT_INITIALIZED, api,
                    "the client is not logged on (" + state + ")");
        }
        return ms;
    }

    // ---- Outbox model ----------------------------------------------------------------------

    /**
     * Re-reads the Outbox contents table and updates the queue model: rows with MSGFLAG_SUBMIT are
     * submitted (locked when PR_SUBMIT_FLAGS has SUBMITFLAG_LOCKED), rows without are drafts (failed when
     * they were queued before and came back unsubmitted); queued messages that left the table are sent.
     */
    public void refreshOutbox() {
        MapiTable table = outboxTable;
        if (table == null || (state != SessionState.LOGGED_ON && state != SessionState.TEARING_DOWN)
                || ledger.byRole(Ledger.Role.OUTBOX_TABLE).filter(r -> r.object() == table).isEmpty()) {
            return; // logged off, or the teardown already released the contents table
        }
        // Read and apply as one unit: the refresher thread and the teardown thread both refresh, and an
        // older read applied after a newer one would put a sent message back to "submitted" for good.
        synchronized (refreshLock) {
            List<Row> rows;
            try {
                table.seekRow(MapiFlags.BOOKMARK_BEGINNING, 0);
                rows = new ArrayList<>();
                List<Row> batch;
                do {
                    batch = table.queryRows(500, 0);
                    rows.addAll(batch);
                } while (!batch.isEmpty());
            } catch (MapiException e) {
                LOG.debug("Outbox refresh skipped: {}", e.getMessage());
                return;
            }
            applyRows(rows);
        }
    }

    private final Object refreshLock = new Object();

    void applyRows(List<Row> rows) {
        Instant now = clock.instant();
        boolean changed = false;
        synchronized (lock) {
            Map<String, OutboxItem> seen = new LinkedHashMap<>();
            for (Row r : rows) {
                Optional<PropValue> eid = r.find(PropTag.PR_ENTRYID);
                if (eid.isEmpty()) {
                    continue;
                }
                String id = eid.get().asEntryId().toHex();
                int flags = r.find(PropTag.PR_MESSAGE_FLAGS).map(PropValue::asInt).orElse(0);
                int submitFlags = r.find(PropTag.PR_SUBMIT_FLAGS).map(PropValue::asInt).orElse(0);
                String subject = r.find(PropTag.PR_SUBJECT_W).map(PropValue::asString).orElse("");
                List<String> recips = knownRecipients.computeIfAbsent(id, k -> r.find(PropTag.PR_DISPLAY_TO_W)
                        .map(v -> splitRecipients(v.asString())).orElse(List.of()));
                OutboxItem old = outbox.get(id);
                OutboxItem.State st;
                String reason = null;
                String failure = r.find(SendFailureProps.PR_WB_SEND_ERROR_W).map(PropValue::asString).orElse(null);
                if (SendFailureProps.isFailed(flags, failure)) {
                    st = OutboxItem.State.FAILED;
                    reason = failure;
                } else if ((flags & MapiFlags.MSGFLAG_SUBMIT) != 0) {
                    st = (submitFlags & MapiFlags.SUBMITFLAG_LOCKED) != 0 ? OutboxItem.State.LOCKED
                            : OutboxItem.State.SUBMITTED;
                } else if (old != null && (old.state().pending() || old.state() == OutboxItem.State.FAILED)) {
                    st = OutboxItem.State.FAILED;
                    reason = old.reason() != null ? old.reason() : "the transport did not deliver it";
                } else {
                    st = OutboxItem.State.DRAFT;
                }
                OutboxItem item = old != null && old.state() == st && old.subject().equals(subject)
                        && java.util.Objects.equals(old.reason(), reason) ? old : new OutboxItem(id, subject, recips, st, reason, now);
                seen.put(id, item);
            }
            Map<String, OutboxItem> next = new LinkedHashMap<>();
            for (OutboxItem old : outbox.values()) {
                OutboxItem now2 = seen.remove(old.id());
                if (now2 != null) {
                    next.put(old.id(), now2);
                    changed |= now2 != old;
                } else if (old.state().pending()) {
                    next.put(old.id(), old.withState(OutboxItem.State.SENT, null, now));
                    changed = true;
                } else if (old.state() == OutboxItem.State.SENT) {
                    next.put(old.id(), old);
                } else {
                    changed = true; // a draft or failed message was deleted
                }
            }
            if (!seen.isEmpty()) {
                changed = true;
                next.putAll(seen);
            }
            outbox.clear();
            outbox.putAll(next);
        }
        if (changed) {
            fireOutboxChanged();
        }
    }

    /** Marks a queued message failed with a reason (e.g. from a non-delivery notification). */
    public void markFailed(String entryIdHex, String reason) {
        synchronized (lock) {
            OutboxItem old = outbox.get(entryIdHex);
            if (old == null) {
                return;
            }
            outbox.put(entryIdHex, old.withState(OutboxItem.State.FAILED, reason, clock.instant()));
        }
        fireOutboxChanged();
    }

    private static List<String> splitRecipients(String displayTo) {
        return Arrays.stream(displayTo.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private void scheduleRefresh() {
        if (!refresher.isShutdown()) {
            try {
                refresher.execute(this::refreshOutbox);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("refresh rejected", e);
            }
        }
    }

    // ---- notifications ---------------------------------------------------------------------

    private void onNotifications(int gen, String source, List<Notification> list) {
        boolean outboxTouched = false;
        for (Notification n : list) {
            NotificationLogEntry entry = new NotificationLogEntry(notificationSeq.incrementAndGet(), clock.instant(),
                    source, n.eventType(), eventName(n), summary(n));
            synchronized (notificationLog) {
                notificationLog.addLast(entry);
                if (notificationLog.size() > NOTIFICATION_LOG_LIMIT) {
                    notificationLog.removeFirst();
                }
            }
            for (ClientListener l : listeners) {
                safe(() -> l.notificationReceived(entry));
            }
            if (n instanceof Notification.CriticalError ce && "session".equals(source)) {
                for (ClientListener l : listeners) {
                    safe(() -> l.criticalErrorReceived(ce));
                }
            }
            if (n instanceof Notification.TableEvent || n instanceof Notification.ObjectEvent) {
                outboxTouched = true;
            }
        }
        if (outboxTouched && gen == generation) {
            scheduleRefresh();
        }
    }

    static String eventName(Notification n) {
        if (n instanceof Notification.TableEvent t) {
            return "fnevTableModified/" + EventType.tableEventName(t.tableEvent());
        }
        return EventType.maskName(n.eventType());
    }

    static String summary(Notification n) {
        if (n instanceof Notification.CriticalError ce) {
            return ce.scode() + (ce.error() == null ? "" : " " + ce.error())
                    + (ce.component() == null ? "" : " (" + ce.component() + ")");
        } else if (n instanceof Notification.NewMail nm) {
            return "new " + nm.messageClass() + " " + nm.entryId().toHex();
        } else if (n instanceof Notification.ObjectEvent oe) {
            return "object " + (oe.entryId() == null ? "?" : oe.entryId().toHex());
        } else if (n instanceof Notification.TableEvent te) {
            return te.row() == null ? "" : te.row().find(PropTag.PR_SUBJECT_W).map(PropValue::asString).orElse("");
        }
        return "";
    }

    // ---- used by the teardown engine -------------------------------------------------------

    /** The teardown engine starts: compose/send are refused from now on. */
    public void beginTeardown() {
        // waits for a folder read or Send/Receive in progress, so none of their temporary objects is
        // still open when the teardown plans from the ledger
        synchronized (browseLock) {
            setState(SessionState.TEARING_DOWN);
        }
    }

    /**
     * The teardown engine finished. {@code loggedOff} false means the teardown was cancelled before
     * Logoff and the session stays logged on.
     */
    public void endTeardown(boolean loggedOff) {
        if (loggedOff) {
            ledger.ended();
            synchronized (lock) {
                generation++;
                session = null;
                store = null;
                outboxFolder = null;
                outboxTable = null;
                storeName = null;
                sessionOwner = false;
            }
            setState(SessionState.LOGGED_OFF);
        } else {
            setState(SessionState.LOGGED_ON);
        }
    }

    /** Logoff has been called: held objects become invalid, the notification sinks go quiet. */
    public void loggedOff() {
        generation++;
        ledger.sessionLoggedOff();
    }

    /**
     * Stops the client's background refresher and, for a client built by {@link ClientSessions#open}
     * (which opened the runtime for it), closes a closeable runtime (the win32 backend's MAPI thread).
     * The session itself is ended by a teardown.
     */
    public void shutdown() {
        refresher.shutdownNow();
        if (ownsRuntime && runtime instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing the {} runtime failed", runtime.backendId(), e);
            }
        }
    }

    /** A client that owns {@code runtime}: {@link #shutdown()} closes it. */
    static ClientSession owning(MapiRuntime runtime) {
        ClientSession s = new ClientSession(runtime);
        s.ownsRuntime = true;
        return s;
    }

    private volatile boolean ownsRuntime;

    // ---- events ---------------------------------------------------------------------------

    private void setState(SessionState next) {
        SessionState old = state;
        state = next;
        fireStateChanged(old, next);
    }

    private void fireStateChanged(SessionState old, SessionState next) {
        if (old != next) {
            for (ClientListener l : listeners) {
                safe(() -> l.sessionStateChanged(old, next));
            }
        }
    }

    private void fireLedgerChanged() {
        for (ClientListener l : listeners) {
            safe(l::ledgerChanged);
        }
    }

    private void fireOutboxChanged() {
        for (ClientListener l : listeners) {
            safe(l::outboxChanged);
        }
    }

    private static void safe(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("a client listener failed", e);
        }
    }
}
