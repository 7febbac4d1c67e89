package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.AddrBook;
import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.ClientShutdown;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.mapi.SubsystemDiagnostics.Leak;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** IMAPISession of the simulator. */
final class SimSession extends SimObject implements MapiSession {

    private static final Logger LOG = LoggerFactory.getLogger(SimSession.class);

    final SimProfile profile;
    final int logonFlags;
    final boolean shared;
    /** Objects opened through this session and not yet destroyed. */
    final Set<SimObject> children = new LinkedHashSet<>();

    final List<SimPeer> peers = new ArrayList<>();
    boolean loggingOff;

    SimSession(SimRuntime rt, SimProfile profile, int logonFlags) {
        super(rt, null, ObjectKind.SESSION, "Session - " + profile.name);
        this.profile = profile;
        this.logonFlags = logonFlags;
        this.shared = (logonFlags & MapiFlags.MAPI_ALLOW_OTHERS) != 0;
    }

    private void checkOpen(String method) {
        check(method);
        if (loggingOff) {
            throw error(HResult.MAPI_E_END_OF_SESSION, method, displayName() + " is logging off");
        }
    }

    @Override
    public MapiTable getMsgStoresTable(int flags) {
        return call("GetMsgStoresTable", () -> {
            checkOpen("GetMsgStoresTable");
            return new SimTable(rt, this, "message stores table", SimTable.STORES_TABLE);
        });
    }

    @Override
    public MsgStore openMsgStore(long uiParam, EntryId entryId, int flags) {
        return call("OpenMsgStore", () -> {
            checkOpen("OpenMsgStore");
            if (entryId == null) {
                throw error(HResult.MAPI_E_INVALID_PARAMETER, "OpenMsgStore", "lpEntryID is null");
            }
            EntryIds.Parsed p = profile.parseOwn(entryId);
            if (p == null || p.type() != EntryIds.STORE) {
                throw error(
                        HResult.MAPI_E_UNKNOWN_ENTRYID,
                        "OpenMsgStore",
                        "not the entry id of a store of this profile: " + entryId.toHex());
            }
            return new SimMsgStore(rt, this);
        });
    }

    @Override
    public AddrBook openAddressBook(long uiParam, int flags) {
        return call("OpenAddressBook", () -> {
            checkOpen("OpenAddressBook");
            return new SimAddrBook(rt, this);
        });
    }

    @Override
    public MapiTable getStatusTable(int flags) {
        return call("GetStatusTable", () -> {
            checkOpen("GetStatusTable");
            return new SimTable(rt, this, "status table", SimTable.STATUS_TABLE);
        });
    }

    @Override
    public MapiUnknown openEntry(EntryId entryId, int flags) {
        return call("OpenEntry", () -> {
            checkOpen("OpenEntry");
            if (entryId == null) {
                throw error(HResult.MAPI_E_INVALID_PARAMETER, "OpenEntry", "lpEntryID is null");
            }
            return openAny(this, entryId, "OpenEntry");
        });
    }

    /** OpenEntry shared by the session and the store. Lock held. */
    MapiUnknown openAny(SimObject caller, EntryId entryId, String method) {
        EntryIds.Parsed p = profile.parseOwn(entryId);
        if (p == null) {
            throw caller.error(HResult.MAPI_E_UNKNOWN_ENTRYID, method, "unknown entry id " + entryId.toHex());
        }
        return switch (p.type()) {
            case EntryIds.STATUS -> {
                if (p.id() < EntryIds.ROW_SUBSYSTEM || p.id() > EntryIds.ROW_TRANSPORT) {
                    throw caller.error(HResult.MAPI_E_NOT_FOUND, method, "no status row " + p.id());
                }
                yield new SimStatus(rt, this, p.id());
            }
            case EntryIds.STORE -> new SimMsgStore(rt, this);
            case EntryIds.FOLDER ->
                new SimFolder(
                        rt,
                        this,
                        profile.store
                                .folderById(p.id())
                                .orElseThrow(
                                        () -> caller.error(HResult.MAPI_E_NOT_FOUND, method, "no folder " + p.id())));
            case EntryIds.MESSAGE ->
                new SimMessage(
                        rt,
                        this,
                        profile.store
                                .message(p.id())
                                .orElseThrow(() -> caller.error(
                                        HResult.MAPI_E_NOT_FOUND,
                                        method,
                                        "no message " + p.id() + " (sent, deleted or never saved)")));
            default -> throw caller.error(HResult.MAPI_E_UNKNOWN_ENTRYID, method, "unknown entry id type");
        };
    }

    @Override
    public long advise(EntryId entryId, int eventMask, AdviseSink sink) {
        return call("Advise", () -> {
            checkOpen("Advise");
            if (entryId != null && profile.parseOwn(entryId) == null) {
                throw error(HResult.MAPI_E_UNKNOWN_ENTRYID, "Advise", "unknown entry id " + entryId.toHex());
            }
            return addAdvise("Advise", entryId, eventMask, sink);
        });
    }

    @Override
    public void unadvise(long connection) {
        run("Unadvise", () -> removeAdvise("Unadvise", connection));
    }

    /**
     * Logoff (docs/decisions/0013-in-flight-message-at-logoff.md). Returns S_OK; afterwards the session
     * and every object opened through it accept only Release. Bits other than MAPI_LOGOFF_SHARED and
     * MAPI_LOGOFF_UI (MAPIX.h:155-156) fail MAPI_E_UNKNOWN_FLAGS and a non-zero ulReserved fails
     * MAPI_E_INVALID_PARAMETER, the session staying logged on: the Logoff page lists only S_OK, and "MAPI
     * Return Value Documentation" says the common errors for bad flags and parameters are left out of
     * each page (decision 0341).
     */
    @Override
    public void logoff(long uiParam, int flags, int reserved) {
        injected("Logoff");
        rt.lock.lock();
        try {
            checkOpen("Logoff");
            int unknown = flags & ~(MapiFlags.MAPI_LOGOFF_SHARED | MapiFlags.MAPI_LOGOFF_UI);
            if (unknown != 0) {
                throw error(
                        HResult.MAPI_E_UNKNOWN_FLAGS,
                        "Logoff",
                        "unknown ulFlags bits " + HResult.hex(unknown) + " (MAPI_LOGOFF_SHARED 0x1 and MAPI_LOGOFF_UI"
                                + " 0x2 are the only ones); the session is still logged on");
            }
            if (reserved != 0) {
                throw error(
                        HResult.MAPI_E_INVALID_PARAMETER,
                        "Logoff",
                        "ulReserved must be zero, was " + HResult.hex(reserved) + "; the session is still logged on");
            }
            rt.rules.awaitStoreLogoffs(this, "IMAPISession::Logoff");
            checkOpen("Logoff"); // the lock was released while blocked: the session may have ended meanwhile
            loggingOff = true;
            boolean lastOnProfile = profile.sessions.size() == 1;
            if (lastOnProfile) {
                Spooler sp = profile.spooler;
                sp.stopRequested = true;
                rt.changed.signalAll();
                Spooler.InFlight job = sp.inFlight;
                if (job != null && job.outcome == Spooler.Outcome.PENDING) {
                    String answer = Spooler.LEAVE;
                    ProviderUiHost.ProviderUi ui = rt.providerUi();
                    if ((flags & MapiFlags.MAPI_LOGOFF_UI) != 0 && ui != null && rt.lock.getHoldCount() == 1) {
                        ProviderUiHost.Request req = new ProviderUiHost.Request(
                                "Simulated SMTP Transport",
                                Spooler.question(job),
                                List.of(Spooler.FINISH, Spooler.LEAVE),
                                Spooler.LEAVE);
                        rt.lock.unlock();
                        try {
                            answer = askSafely(ui, req);
                        } finally {
                            rt.lock.lock();
                        }
                    }
                    if (!Spooler.FINISH.equals(answer)) {
                        job.abortRequested = true;
                        rt.changed.signalAll();
                    }
                }
            }
            endSession(flags, "IMAPISession::Logoff");
        } finally {
            rt.lock.unlock();
        }
    }

    /** QueryInterface(IID_IMAPIClientShutdown): a new IMAPIClientShutdown (see {@link SimClientShutdown}). */
    @Override
    public ClientShutdown queryClientShutdown() {
        return call("QueryInterface", () -> {
            checkOpen("QueryInterface");
            return new SimClientShutdown(rt, this);
        });
    }

    private static String askSafely(ProviderUiHost.ProviderUi ui, ProviderUiHost.Request req) {
        try {
            String a = ui.ask(req);
            return a == null || !req.choices().contains(a) ? req.defaultChoice() : a;
        } catch (RuntimeException e) {
            LOG.warn("provider UI failed; taking the default choice '{}'", req.defaultChoice(), e);
            return req.defaultChoice();
        }
    }

    /**
     * Ends the session (lock held): shared-session peers, spooler stop (in-flight resolved by now or by
     * its abort flag), invalidation of every still-referenced object (leak ledger), profile close.
     */
    void endSession(int flags, String why) {
        if (!valid()) {
            return; // already ended by a concurrent path (e.g. the last MAPIUninitialize during a UI question)
        }
        loggingOff = true;
        rt.rules.sessionEnded(this);
        if ((flags & MapiFlags.MAPI_LOGOFF_SHARED) != 0 && !peers.isEmpty()) {
            Notification n = new Notification.CriticalError(
                    null,
                    HResult.MAPI_E_END_OF_SESSION,
                    0,
                    "the owner of the shared session logged off with MAPI_LOGOFF_SHARED",
                    "MAPI Subsystem");
            for (SimPeer peer : List.copyOf(peers)) {
                rt.notifier.post(peer, List.of(n));
            }
        }
        if (profile.sessions.size() == 1 && profile.sessions.contains(this)) {
            Spooler sp = profile.spooler;
            if (sp.inFlight != null && sp.inFlight.outcome == Spooler.Outcome.PENDING && !why.endsWith("Logoff")) {
                sp.inFlight.abortRequested = true;
            }
            sp.stopAndWait();
        } else if (profile.spooler.stopRequested) {
            // Another logon joined the profile while this Logoff was asking its question: the
            // spooler was told to stop for this Logoff, so restart it for the sessions that remain.
            profile.spooler.stopAndWait();
            profile.spooler.start();
        }
        for (SimObject o : List.copyOf(children)) {
            if (o.valid() && o.refCount > 0) {
                rt.leak(new Leak(
                        o.kind().name(),
                        o.displayName(),
                        "invalid, may never be freed: still referenced"
                                + " (reference count " + o.refCount + ", " + o.connectionCount()
                                + " advise connection(s)) at " + why + " of " + displayName()));
            }
            o.invalidate();
        }
        invalidate();
        profile.sessions.remove(this);
        if (profile.sessions.isEmpty()) {
            rt.profileClosed(profile);
        }
        rt.changed.signalAll();
    }

    @Override
    void invalidate() {
        super.invalidate();
        loggingOff = true;
    }

    /** Release to 0 without Logoff: MAPI logs the session off itself; the sim records a fault. */
    @Override
    void beforeDestroy() {
        if (valid()) {
            rt.fault(
                    "release-without-logoff",
                    displayName() + " was released without IMAPISession::Logoff;"
                            + " the subsystem logged it off without UI",
                    false);
            endSession(0, "IMAPISession::Release");
        }
    }

    /** fnevCriticalError to the session-wide sinks and to the peers (lock held, session valid). */
    void raiseCriticalError(HResult scode, String reason) {
        Notification n = new Notification.CriticalError(null, scode, 0, reason, "MAPI Subsystem");
        for (Advise a : connections()) {
            if (a.filter() == null && a.wants(EventType.fnevCriticalError)) {
                rt.post(a, n);
            }
        }
        for (SimPeer peer : List.copyOf(peers)) {
            rt.notifier.post(peer, List.of(n));
        }
    }
}
