package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail client's own MAPI session: its state machine and the {@link Ledger} of everything it
 * opened, over parts that each do one job: the logon sequence ({@link LogonSequence}), the clean-up of
 * a failed logon in the shared {@link ReleaseOrder} ({@link FailedLogonCleanup}), compose and send
 * ({@link Composer}), folder browsing and Send/Receive ({@link FolderBrowser}), the Outbox queue model
 * ({@link OutboxModel}) kept current from the Outbox table's reads and notifications ({@link OutboxSync})
 * and the notification log ({@link NotificationLog}). What one logon opened is one immutable
 * {@link SessionHandles} value.
 *
 * <p>Blocking methods (logon, compose, send, refresh) must not be called on a UI thread. Listeners
 * may be called on any thread. The session is ended by the teardown engine
 * ({@code dev.mapiworkbench.teardown.TeardownEngine}), which starts with {@link #tryBeginTeardown()};
 * afterwards {@link #logon} may be called again on the same instance, which rebuilds everything from
 * scratch. {@link #folders()}, {@link #messages} and {@link #sendReceive()} open objects only for the
 * length of the call (docs/decisions/0036, 0037).
 *
 * <p>Locking: three monitors, never nested but in the order lifecycle, then Outbox model.
 * <ul>
 *   <li>{@code lifecycle} (this class): the move into LOGGING_ON ({@link #logon}) and into
 *       TEARING_DOWN ({@link #tryBeginTeardown()}) are each one check-and-set under it, so two logons,
 *       or a logon and a teardown's start, cannot both pass; folder reads and Send/Receive hold it for
 *       their length, so a teardown starts only once none of their temporary objects is open.</li>
 *   <li>the Outbox model's own monitor ({@link OutboxModel}) guards the queue model;</li>
 *   <li>the notification log's ({@link NotificationLog}) guards its entries.</li>
 * </ul>
 * State, handles and options are volatile fields written by the thread that logs on or tears down,
 * read by any thread; listeners are called with no lock held, but for the TEARING_DOWN event. So
 * {@code lifecycle} guards transitions, not fields, and carries no {@code @GuardedBy}; the parts' monitors
 * do ({@link OutboxModel}, {@link OutboxLoad}, {@link NotificationLog}, {@link Ledger},
 * {@link SessionMapiThread}), and Error Prone checks them in every compile.
 *
 * <p>Size: over 400 lines because it is the client package's one public face (the window, the command
 * line and the teardown engine call it): each public method is a short hand-over to the part that does the
 * job, under the lifecycle lock where the class comment says so, and carries the contract its callers rely
 * on (the MAPI calls made, the HRESULTs thrown) in its Javadoc. The jobs themselves are in the parts above.
 */
public final class ClientSession {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    /** The notification log keeps the newest entries only. */
    public static final int NOTIFICATION_LOG_LIMIT = 5000;

    /** FlushQueues flags Send/Receive passes: upload, and return before the spooler finishes. */
    public static final int SEND_RECEIVE_FLAGS = MapiFlags.FLUSH_UPLOAD | MapiFlags.FLUSH_ASYNC_OK;

    private final MapiRuntime runtime;
    /** Every MAPI call of this client runs on it (decision 0450); {@link #runtime} hands its calls there. */
    private final SessionMapiThread mapiThread;

    private final Clock clock;
    private final ClientEvents events = new ClientEvents();
    private final Ledger ledger = new Ledger(events::ledgerChanged);
    private final OutboxModel outbox;
    private final Composer composer;
    private final NotificationLog notificationLog = new NotificationLog(NOTIFICATION_LOG_LIMIT);
    private final OutboxSync outboxSync;
    /** See the class comment. */
    private final Object lifecycle = new Object();

    private volatile SessionState state = SessionState.LOGGED_OFF;
    private volatile Throwable lastError;
    private volatile LogonOptions options = LogonOptions.defaults();
    private volatile SessionHandles handles = SessionHandles.NONE;
    /** Bumped at each logon and logoff: notifications of an older logon are not acted on. */
    private final AtomicInteger generation = new AtomicInteger();

    private volatile boolean ownsRuntime;

    /** A client over an opened backend runtime (see {@link ClientSessions#open(ClientConfig)}). */
    public ClientSession(MapiRuntime runtime) {
        this(runtime, Clock.systemUTC());
    }

    public ClientSession(MapiRuntime runtime, Clock clock) {
        this.mapiThread = new SessionMapiThread(runtime);
        this.runtime = MapiThreadRuntime.over(runtime, mapiThread);
        this.clock = clock;
        this.outbox = new OutboxModel(clock, events::outboxChanged);
        this.composer = new Composer(ledger, outbox, events::outboxChanged);
        this.outboxSync = new OutboxSync(outbox, this::readableOutboxTable);
    }

    /** A client that owns {@code runtime}: {@link #shutdown()} closes it. */
    static ClientSession owning(MapiRuntime runtime) {
        ClientSession s = new ClientSession(runtime);
        s.ownsRuntime = true;
        return s;
    }

    // ---- runtime and state --------------------------------------------------------------------

    /** The runtime as this client calls it: every call, and every object's, on {@link #mapiThread()}. */
    public MapiRuntime runtime() {
        return runtime;
    }

    /** The backend's runtime itself, whose calls run on the caller's thread (tests: the simulator's own type). */
    public MapiRuntime backendRuntime() {
        return runtime instanceof MapiThreadRuntime m ? m.backend() : runtime;
    }

    /** The one thread this client's MAPI calls run on (decision 0450); the teardown runs its calls there too. */
    public SessionMapiThread mapiThread() {
        return mapiThread;
    }

    public String backendId() {
        return runtime.backendId();
    }

    /** A backend capability (SubsystemDiagnostics, TransportControl, SharedSessionControl, ...). */
    public <T> Optional<T> capability(Class<T> type) {
        return runtime.capability(type);
    }

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

    /** True when logged on with MAPI_ALLOW_OTHERS (asked for, or in the raw MAPILogonEx flags). */
    public boolean isShared() {
        return state != SessionState.LOGGED_OFF
                && (LogonSequence.logonFlags(options) & dev.mapiworkbench.mapi.MapiFlags.MAPI_ALLOW_OTHERS) != 0;
    }

    /** True when this client created the shared session (it logged on first). */
    public boolean ownsSharedSession() {
        return isShared() && handles.sessionOwner();
    }

    /** The MAPI session while logged on (null otherwise). The teardown engine calls Logoff on it. */
    public MapiSession mapiSession() {
        return handles.session();
    }

    /** The default store's display name ("Mailbox - demo"), or null when logged off. */
    public String storeDisplayName() {
        return handles.storeName();
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
        return runtime.capability(SubsystemDiagnostics.class)
                .map(d -> ledger.snapshot(d.liveObjects().stream()
                        .collect(Collectors.toMap(
                                SubsystemDiagnostics.ObjectInfo::handle,
                                SubsystemDiagnostics.ObjectInfo::refCount,
                                (a, b) -> b))))
                .orElseGet(ledger::snapshot);
    }

    /** The Outbox queue model: drafts, queued, and this logon's sent or failed messages. */
    public List<OutboxItem> outboxSnapshot() {
        return outbox.snapshot();
    }

    /** Messages still submitted or locked in the Outbox. */
    public List<OutboxItem> pendingMessages() {
        return pendingCount() == 0
                ? List.of()
                : outboxSnapshot().stream().filter(i -> i.state().pending()).toList();
    }

    /** How many messages are submitted or locked in the Outbox, without copying the model. */
    public int pendingCount() {
        return outbox.count(OutboxItem.State.SUBMITTED) + outbox.count(OutboxItem.State.LOCKED);
    }

    /** How many items of the Outbox model are in {@code state}, without copying the model. */
    public int outboxCount(OutboxItem.State itemState) {
        return outbox.count(itemState);
    }

    /** The Outbox model's version: it grows with every change (see {@link #outboxChangesSince}). */
    public long outboxVersion() {
        return outbox.version();
    }

    /**
     * What changed in the Outbox model after {@code version}, or empty when the caller must read the
     * whole {@link #outboxSnapshot()} (a new logon, or too many changes since): the window's lists
     * follow the model row by row with this (decision 0260).
     */
    public Optional<OutboxChanges> outboxChangesSince(long version) {
        return outbox.changesSince(version);
    }

    /**
     * Every Outbox model item as a sequence number and a state code (the order first seen), for a reader
     * that pages through the queue instead of copying it ({@link #outboxRows}; decision 0530).
     */
    public OutboxIndex outboxIndex() {
        return outbox.index();
    }

    /** The Outbox model items with these sequence numbers ({@link #outboxIndex()}), as they are now. */
    public OutboxWindow outboxRows(long[] seqs) {
        return outbox.rows(seqs);
    }

    /** The notifications received since this instance was created (the newest {@value #NOTIFICATION_LOG_LIMIT}), oldest first. */
    public List<NotificationLogEntry> notificationLog() {
        return notificationLog.snapshot();
    }

    public void addListener(ClientListener listener) {
        events.add(listener);
    }

    public void removeListener(ClientListener listener) {
        events.remove(listener);
    }

    // ---- logon -----------------------------------------------------------------------------

    /**
     * Runs the documented logon sequence ({@link LogonSequence}). On failure everything already opened
     * stays in the ledger (so a teardown can still clean it up), the state becomes
     * {@link SessionState#FAILED} and the MapiException is rethrown. A logon that starts from FAILED
     * first ends what the failed attempt left ({@link FailedLogonCleanup}; docs/decisions/0038).
     *
     * @throws IllegalStateException when already logged on or tearing down
     */
    public void logon(LogonOptions logonOptions) {
        SessionState before;
        int gen;
        synchronized (lifecycle) {
            before = state;
            if (before == SessionState.LOGGED_ON
                    || before == SessionState.LOGGING_ON
                    || before == SessionState.TEARING_DOWN) {
                throw new IllegalStateException("cannot log on while " + before);
            }
            options = logonOptions == null ? LogonOptions.defaults() : logonOptions;
            gen = generation.incrementAndGet();
            outboxSync.cancelLoad();
            outbox.clear();
            lastError = null;
            state = SessionState.LOGGING_ON;
        }
        if (before == SessionState.FAILED) {
            new FailedLogonCleanup(ledger, runtime).run();
            handles = SessionHandles.NONE;
        }
        ledger.clear();
        events.stateChanged(before, SessionState.LOGGING_ON);
        int thread = mapiThread.renewIfRetired(); // a thread an abandoned teardown left stuck is not reused
        LogonSequence sequence =
                new LogonSequence(runtime, ledger, (source, list) -> onNotifications(gen, source, list), thread);
        try {
            handles = sequence.run(options);
            setState(SessionState.LOGGED_ON);
            outboxSync.beginLoad();
        } catch (RuntimeException e) {
            handles = sequence.handles();
            lastError = e;
            LOG.debug("logon failed: {}", e.getMessage()); // the caller reports it (one line, not two)
            setState(SessionState.FAILED);
            throw e;
        }
    }

    // ---- compose and send -----------------------------------------------------------------

    /** CreateMessage in the Outbox, SetProps, ModifyRecipients, SaveChanges; the message stays a draft. */
    public OutboxItem compose(Draft draft) {
        return composer.create(requireLoggedOn(), draft, false);
    }

    /** Compose plus SubmitMessage: the message is queued for the spooler. */
    public OutboxItem send(Draft draft) {
        return composer.create(requireLoggedOn(), draft, true);
    }

    private SessionHandles requireLoggedOn() {
        SessionHandles h = handles;
        MapiFolder f = h.outbox();
        if (state != SessionState.LOGGED_ON || f == null) {
            throw new MapiException(
                    HResult.MAPI_E_NOT_INITIALIZED,
                    "IMAPIFolder::CreateMessage",
                    "the client is not logged on (" + state + ")");
        }
        return h;
    }

    // ---- folder browsing and Send/Receive ----------------------------------------------------

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
        synchronized (lifecycle) {
            return FolderBrowser.folders(requireStore("IMsgStore::GetProps"));
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
            throw new MapiException(
                    HResult.MAPI_E_NOT_FOUND,
                    "IMsgStore::OpenEntry",
                    "the backend offers no entry id for the " + folder.name() + " folder");
        }
        synchronized (lifecycle) {
            return FolderBrowser.messages(requireStore("IMsgStore::OpenEntry"), folder);
        }
    }

    /**
     * The newest {@code newest} messages of {@code folder} (its last rows: GetRowCount, SeekRow, QueryRows),
     * so a folder of 100,000 costs one window to show (decision 0260); otherwise as {@link #messages(MailFolder)}.
     */
    public List<FolderMessage> messages(MailFolder folder, int newest) {
        if (folder == null || !folder.available() || newest <= 0) {
            return newest <= 0 && folder != null ? List.of() : messages(folder);
        }
        synchronized (lifecycle) {
            return FolderBrowser.messages(requireStore("IMsgStore::OpenEntry"), folder, newest);
        }
    }

    /**
     * Send/Receive: finds the spooler's row in the status table this client holds (PR_RESOURCE_TYPE =
     * MAPI_SPOOLER), opens it with IMAPISession::OpenEntry, calls IMAPIStatus::FlushQueues(0, NULL,
     * FLUSH_UPLOAD | FLUSH_ASYNC_OK) and releases it (also on failure); the Outbox model follows by
     * notification.
     *
     * @throws MapiException MAPI_E_NOT_INITIALIZED when not logged on, MAPI_E_NOT_FOUND when the status
     *     table has no spooler row, or what FlushQueues returns
     */
    public void sendReceive() {
        synchronized (lifecycle) {
            requireStore("IMAPIStatus::FlushQueues");
            FolderBrowser.sendReceive(handles.session(), ledger);
        }
        refreshOutbox();
    }

    /**
     * IMsgStore::AbortSubmit(cbEntryID, lpEntryID, 0) on a queued or stuck Outbox message
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imsgstore-abortsubmit): S_OK
     * takes it out of the outgoing queue (it stays in the Outbox as a draft); then the Outbox is re-read.
     *
     * @param messageId the message's entry id in hex ({@link OutboxItem#id()})
     * @return S_OK
     * @throws MapiException with the HRESULT AbortSubmit returned: MAPI_E_UNABLE_TO_ABORT while the spooler
     *     has the message locked, MAPI_E_NOT_IN_QUEUE once it left the queue; MAPI_E_NOT_INITIALIZED when not
     *     logged on
     */
    public HResult abortSubmit(String messageId) {
        EntryId id = EntryId.fromHex(messageId);
        outbox.aborting(messageId);
        try {
            synchronized (lifecycle) {
                requireStore("IMsgStore::AbortSubmit").abortSubmit(id, 0);
            }
        } catch (RuntimeException e) {
            outbox.abortFailed(messageId);
            throw e;
        } finally {
            refreshOutbox();
        }
        return HResult.S_OK;
    }

    private MsgStore requireStore(String api) {
        MsgStore ms = handles.store();
        if (state != SessionState.LOGGED_ON || ms == null) {
            throw new MapiException(HResult.MAPI_E_NOT_INITIALIZED, api, "the client is not logged on (" + state + ")");
        }
        return ms;
    }

    // ---- Outbox model ----------------------------------------------------------------------

    /**
     * Makes the queue model current: it follows the Outbox contents table's notifications, so this
     * reads the table again only when the model is stale (after TABLE_RELOAD, TABLE_CHANGED or
     * TABLE_ERROR, or a failed read); otherwise it costs nothing ({@link OutboxSync}). Does nothing when
     * logged off or once the teardown released the contents table.
     */
    public void refreshOutbox() {
        outboxSync.refresh();
    }

    /** Reads the whole Outbox contents table into the queue model now (TABLE_RELOAD, a failed read). */
    void reloadOutbox() {
        outboxSync.reload();
    }

    /** True while the logon's read of the Outbox has rows left to read (the model shows a part). */
    public boolean outboxLoading() {
        return outboxSync.loading();
    }

    /** The Outbox contents table when this session may read it (logged on, the ledger holds it), else null. */
    private MapiTable readableOutboxTable() {
        MapiTable table = handles.outboxTable();
        if (table == null
                || (state != SessionState.LOGGED_ON && state != SessionState.TEARING_DOWN)
                || ledger.byRole(Ledger.Role.OUTBOX_TABLE)
                        .filter(r -> r.object() == table)
                        .isEmpty()) {
            return null;
        }
        return table;
    }

    /**
     * Retry of a failed (or draft) Outbox message: IMsgStore::OpenEntry(entry id, MAPI_MODIFY),
     * IMessage::SubmitMessage(0), Release (also on failure); then re-reads the Outbox. A resubmitted
     * message loses the simulator's failure properties (decision 0012) and is queued again.
     *
     * @throws MapiException MAPI_E_NOT_INITIALIZED when not logged on, MAPI_E_INVALID_PARAMETER when the
     *     entry id is not a message, or what OpenEntry / SubmitMessage return
     */
    public void resubmit(String entryIdHex) {
        synchronized (lifecycle) {
            composer.resubmit(requireStore("IMessage::SubmitMessage"), entryIdHex);
        }
        refreshOutbox();
    }

    /** Marks a queued message failed with a reason (e.g. from a non-delivery notification). */
    public void markFailed(String entryIdHex, String reason) {
        outbox.markFailed(entryIdHex, reason);
    }

    /** A draft is being submitted by id ({@link OutboxDrafts#submit}): from now on it counts as queued. */
    void submitting(String entryIdHex) {
        outbox.submitted(entryIdHex);
    }

    /** True when the queue model waits for a full read (tests compare the incremental model to one). */
    boolean outboxStale() {
        return outbox.stale();
    }

    // ---- notifications ---------------------------------------------------------------------

    /**
     * The advise sinks' notifications: logged, critical errors passed on, and the Outbox contents
     * table's TABLE_NOTIFICATIONs applied to the queue model row by row ({@link OutboxModel#apply});
     * only TABLE_RELOAD (or TABLE_CHANGED, TABLE_ERROR) makes the client read the table again.
     */
    private void onNotifications(int gen, String source, List<Notification> list) {
        boolean reload = false;
        boolean current = gen == generation.get();
        for (Notification n : list) {
            events.notificationReceived(notificationLog.add(clock.instant(), source, n));
            if (n instanceof Notification.CriticalError ce && "session".equals(source)) {
                events.criticalErrorReceived(ce);
            }
            if (current && n instanceof Notification.TableEvent te && LogonSequence.OUTBOX_TABLE.equals(source)) {
                reload |= outboxSync.apply(te);
            }
        }
        if (reload && current) {
            outboxSync.scheduleRefresh();
        }
    }

    // ---- the teardown handshake --------------------------------------------------------------

    /**
     * The teardown engine's start: when the session is logged on or its logon failed, moves it to
     * TEARING_DOWN (compose and send are refused from then on) and returns true; else returns false and
     * changes nothing. One step under the lifecycle lock, so it excludes a concurrent logon and waits
     * for a folder read or Send/Receive in progress, whose temporary objects are then all released
     * when the teardown plans from the ledger.
     */
    public boolean tryBeginTeardown() {
        synchronized (lifecycle) {
            SessionState st = state;
            if (st != SessionState.LOGGED_ON && st != SessionState.FAILED) {
                return false;
            }
            setState(SessionState.TEARING_DOWN);
            return true;
        }
    }

    /**
     * The teardown engine finished. {@code loggedOff} false means the teardown was cancelled before
     * Logoff and the session stays logged on.
     */
    public void endTeardown(boolean loggedOff) {
        if (loggedOff) {
            ledger.ended();
            generation.incrementAndGet();
            handles = SessionHandles.NONE;
            mapiThread.sessionEnded(); // one MAPI thread per MAPI session (decision 0450)
            setState(SessionState.LOGGED_OFF);
        } else {
            setState(SessionState.LOGGED_ON);
        }
    }

    /** Logoff has been called: held objects become invalid, the notification sinks go quiet. */
    public void loggedOff() {
        generation.incrementAndGet();
        ledger.sessionLoggedOff();
    }

    /**
     * Stops the client's background refresher and, for a client built by {@link ClientSessions#open}
     * (which opened the runtime for it), closes a closeable runtime (the win32 backend's MAPI thread).
     * The session itself is ended by a teardown.
     */
    public void shutdown() {
        outboxSync.shutdown();
        mapiThread.close();
        if (ownsRuntime && backendRuntime() instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing the {} runtime failed", runtime.backendId(), e);
            }
        }
    }

    private void setState(SessionState next) {
        SessionState old = state;
        state = next;
        events.stateChanged(old, next);
    }
}
