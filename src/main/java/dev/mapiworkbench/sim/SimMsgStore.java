package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** IMsgStore: the profile's default store. */
final class SimMsgStore extends SimObject implements MsgStore {

    private static final int LOGOFF_INPUT = MapiFlags.LOGOFF_NO_WAIT
            | MapiFlags.LOGOFF_ORDERLY
            | MapiFlags.LOGOFF_PURGE
            | MapiFlags.LOGOFF_ABORT
            | MapiFlags.LOGOFF_QUIET;

    private final SimProfile profile;

    SimMsgStore(SimRuntime rt, SimSession session) {
        super(rt, session, ObjectKind.MSG_STORE, session.profile.store.displayName());
        this.profile = session.profile;
        profile.stores.add(this);
        rt.rules.storeOpened(session, this);
    }

    @Override
    void afterDestroy() {
        profile.stores.remove(this);
    }

    @Override
    void invalidate() {
        super.invalidate();
        profile.stores.remove(this);
    }

    @Override
    public List<PropValue> getProps(int... tags) {
        return call("GetProps", () -> project(profile.storeProps(), tags));
    }

    @Override
    public void setProps(List<PropValue> props) {
        run("SetProps", () -> {
            throw error(HResult.MAPI_E_NO_ACCESS, "SetProps", "the simulated store's properties are read-only");
        });
    }

    @Override
    public void saveChanges(int flags) {
        run("SaveChanges", () -> {
            throw error(HResult.MAPI_E_NO_SUPPORT, "SaveChanges", "a message store has no transacted properties");
        });
    }

    @Override
    public MapiUnknown openEntry(EntryId entryId, int flags) {
        return call("OpenEntry", () -> {
            if (entryId == null) {
                return new SimFolder(
                        rt, owner(), profile.store.folderById(profile.rootId).orElseThrow());
            }
            EntryIds.Parsed p = profile.parseOwn(entryId);
            if (p == null || p.type() == EntryIds.STATUS) {
                throw error(
                        HResult.MAPI_E_UNKNOWN_ENTRYID,
                        "OpenEntry",
                        "not an entry id of this store: " + entryId.toHex());
            }
            return owner().openAny(this, entryId, "OpenEntry");
        });
    }

    /**
     * GetReceiveFolder: the simulated store has one receive folder, the Inbox, for every message class
     * (docs/decisions/0017-receive-folder.md).
     */
    @Override
    public EntryId getReceiveFolder(String messageClass, int flags) {
        return call("GetReceiveFolder", () -> profile.folderEntryId(profile.inboxId));
    }

    @Override
    public long advise(EntryId entryId, int eventMask, AdviseSink sink) {
        return call("Advise", () -> {
            if (entryId != null) {
                EntryIds.Parsed p = profile.parseOwn(entryId);
                if (p == null || p.type() == EntryIds.STATUS) {
                    throw error(
                            HResult.MAPI_E_UNKNOWN_ENTRYID,
                            "Advise",
                            "not an entry id of this store: " + entryId.toHex());
                }
            }
            return addAdvise("Advise", entryId, eventMask, sink);
        });
    }

    @Override
    public void unadvise(long connection) {
        run("Unadvise", () -> removeAdvise("Unadvise", connection));
    }

    /**
     * StoreLogoff: exactly one input flag (else MAPI_E_INVALID_PARAMETER). Output: LOGOFF_OUTBOUND_QUEUE
     * when submitted messages wait in the Outbox, LOGOFF_OUTBOUND when the transport is sending one,
     * LOGOFF_COMPLETE when neither. LOGOFF_PURGE also asks the spooler to flush. The store object
     * stays usable until released (docs/decisions/0010-sim-error-codes.md).
     */
    @Override
    public int storeLogoff(int flags) {
        return call("StoreLogoff", () -> {
            int input = flags & LOGOFF_INPUT;
            if (Integer.bitCount(input) != 1 || (flags & ~LOGOFF_INPUT) != 0) {
                throw error(
                        HResult.MAPI_E_INVALID_PARAMETER,
                        "StoreLogoff",
                        "pass exactly one of LOGOFF_NO_WAIT, LOGOFF_ORDERLY, LOGOFF_PURGE, LOGOFF_ABORT, LOGOFF_QUIET; got "
                                + HResult.hex(flags));
            }
            if (input == MapiFlags.LOGOFF_PURGE) {
                profile.spooler.queueChanged();
            }
            int out = 0;
            if (!profile.store.outgoingQueue(1).isEmpty()) {
                out |= MapiFlags.LOGOFF_OUTBOUND_QUEUE;
            }
            if (profile.spooler.sending()) {
                out |= MapiFlags.LOGOFF_OUTBOUND;
            }
            rt.rules.storeLoggedOff(owner(), this);
            return out == 0 ? MapiFlags.LOGOFF_COMPLETE : out;
        });
    }

    /**
     * AbortSubmit (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imsgstore-abortsubmit):
     * a queued message loses MSGFLAG_SUBMIT and stays in the Outbox. MAPI_E_UNABLE_TO_ABORT when "the
     * message ... is locked by the MAPI spooler" (PR_SUBMIT_FLAGS has SUBMITFLAG_LOCKED: the spooler took it
     * and the transport is sending it); MAPI_E_NOT_IN_QUEUE when it "is no longer in the message store's
     * outgoing queue, typically because it has already been sent".
     */
    @Override
    public void abortSubmit(EntryId entryId, int flags) {
        run("AbortSubmit", () -> {
            if (entryId == null) {
                throw error(HResult.MAPI_E_INVALID_PARAMETER, "AbortSubmit", "lpEntryID is null");
            }
            if (flags != 0) { // "ulFlags: Reserved; must be zero" (the AbortSubmit page; decision 0341)
                throw error(
                        HResult.MAPI_E_UNKNOWN_FLAGS,
                        "AbortSubmit",
                        "ulFlags is reserved, must be 0: " + HResult.hex(flags));
            }
            EntryIds.Parsed p = profile.parseOwn(entryId);
            if (p == null || p.type() != EntryIds.MESSAGE) {
                throw error(
                        HResult.MAPI_E_UNKNOWN_ENTRYID,
                        "AbortSubmit",
                        "not a message of this store: " + entryId.toHex());
            }
            Spooler sp = profile.spooler;
            Optional<MessageRecord> r = profile.store.message(p.id());
            boolean locked = r.isPresent() && (Spooler.submitFlags(r.get()) & MapiFlags.SUBMITFLAG_LOCKED) != 0;
            if (locked || (sp.inFlight != null && sp.inFlight.msg.id() == p.id())) {
                throw error(
                        HResult.MAPI_E_UNABLE_TO_ABORT,
                        "AbortSubmit",
                        "the MAPI spooler has the message locked (SUBMITFLAG_LOCKED): the transport is sending it");
            }
            if (r.isEmpty() || !sp.stillQueued(p.id())) {
                throw error(HResult.MAPI_E_NOT_IN_QUEUE, "AbortSubmit", "the message is not in the outgoing queue");
            }
            Map<Integer, Object> props = new HashMap<>();
            props.put(PropTag.PR_MESSAGE_FLAGS, Spooler.flags(r.get()) & ~MapiFlags.MSGFLAG_SUBMIT);
            props.put(PropTag.PR_SUBMIT_FLAGS, 0);
            profile.clientWrites++;
            MessageRecord updated = profile.store.updateMessage(p.id(), props);
            profile.messageModified(updated);
            sp.queueChanged();
        });
    }
}
