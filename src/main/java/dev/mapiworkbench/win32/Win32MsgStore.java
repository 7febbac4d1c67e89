package dev.mapiworkbench.win32;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.ObjectKind;

/** IMsgStore. */
final class Win32MsgStore extends Win32Prop implements MsgStore {

    Win32MsgStore(Win32Runtime rt, Pointer ptr, Win32Session session, String name) {
        super(rt, ptr, ObjectKind.MSG_STORE, session, name);
    }

    @Override
    public MapiUnknown openEntry(EntryId entryId, int flags) {
        return openEntry(Slots.IMsgStore.OPEN_ENTRY, session(), entryId, flags);
    }

    @Override
    public long advise(EntryId entryId, int eventMask, AdviseSink sink) {
        Object[] eid = entryArgs(entryId);
        return advise("Advise", Slots.IMsgStore.ADVISE, sink, eid[0], eid[1], eventMask);
    }

    @Override
    public void unadvise(long connection) {
        unadvise("Unadvise", Slots.IMsgStore.UNADVISE, connection);
    }

    @Override
    public int storeLogoff(int flags) {
        return call("StoreLogoff", () -> {
            IntByReference inOut = new IntByReference(flags);
            Com.check(api("StoreLogoff"), ptr, Slots.IMsgStore.STORE_LOGOFF, inOut);
            return inOut.getValue();
        });
    }

    @Override
    public void abortSubmit(EntryId entryId, int flags) {
        call("AbortSubmit", () -> {
            Object[] eid = entryArgs(entryId);
            return Com.check(api("AbortSubmit"), ptr, Slots.IMsgStore.ABORT_SUBMIT, eid[0], eid[1], flags);
        });
    }
}
