package dev.mapiworkbench.win32;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.mapiworkbench.mapi.AddrBook;
import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.ClientShutdown;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.ObjectKind;

/** IMAPISession over the pointer MAPILogonEx returned. */
final class Win32Session extends Win32Object implements MapiSession {

    private volatile boolean loggedOff;

    Win32Session(Win32Runtime rt, Pointer ptr, String profile) {
        super(rt, ptr, ObjectKind.SESSION, null, "session " + profile);
    }

    boolean loggedOff() {
        return loggedOff;
    }

    @Override
    protected void ensureUsable(String api) {
        super.ensureUsable(api);
        if (loggedOff) {
            throw new MapiException(
                    HResult.MAPI_E_END_OF_SESSION, api, "the session has logged off; only Release is allowed");
        }
    }

    @Override
    public MapiTable getMsgStoresTable(int flags) {
        return call("GetMsgStoresTable", () -> {
            PointerByReference out = new PointerByReference();
            Com.check(api("GetMsgStoresTable"), ptr, Slots.IMAPISession.GET_MSG_STORES_TABLE, flags, out);
            return new Win32Table(rt, out.getValue(), this, "message stores table");
        });
    }

    @Override
    public MsgStore openMsgStore(long uiParam, EntryId entryId, int flags) {
        Win32MsgStore store = call("OpenMsgStore", () -> {
            Object[] eid = entryArgs(entryId);
            PointerByReference out = new PointerByReference();
            Com.check(
                    api("OpenMsgStore"),
                    ptr,
                    Slots.IMAPISession.OPEN_MSG_STORE,
                    Com.uptr(uiParam),
                    eid[0],
                    eid[1],
                    Pointer.NULL,
                    flags,
                    out);
            return new Win32MsgStore(rt, out.getValue(), this, "message store");
        });
        store.loadDisplayName();
        return store;
    }

    @Override
    public AddrBook openAddressBook(long uiParam, int flags) {
        return call("OpenAddressBook", () -> {
            PointerByReference out = new PointerByReference();
            Com.check(
                    api("OpenAddressBook"),
                    ptr,
                    Slots.IMAPISession.OPEN_ADDRESS_BOOK,
                    Com.uptr(uiParam),
                    Pointer.NULL,
                    flags,
                    out);
            return new Win32AddrBook(rt, out.getValue(), this);
        });
    }

    @Override
    public MapiTable getStatusTable(int flags) {
        return call("GetStatusTable", () -> {
            PointerByReference out = new PointerByReference();
            Com.check(api("GetStatusTable"), ptr, Slots.IMAPISession.GET_STATUS_TABLE, flags, out);
            return new Win32Table(rt, out.getValue(), this, "status table");
        });
    }

    @Override
    public MapiUnknown openEntry(EntryId entryId, int flags) {
        return openEntry(Slots.IMAPISession.OPEN_ENTRY, this, entryId, flags);
    }

    @Override
    public long advise(EntryId entryId, int eventMask, AdviseSink sink) {
        Object[] eid = entryArgs(entryId);
        return advise("Advise", Slots.IMAPISession.ADVISE, sink, eid[0], eid[1], eventMask);
    }

    @Override
    public void unadvise(long connection) {
        unadvise("Unadvise", Slots.IMAPISession.UNADVISE, connection);
    }

    /**
     * QueryInterface(IID_IMAPIClientShutdown) at slot 0 (the session exposes the interface:
     * imapiclientshutdowniunknown.md); the IID is {00020397-0000-0000-C000-000000000046} (MAPIGuid.h:440).
     */
    @Override
    public ClientShutdown queryClientShutdown() {
        return call("QueryInterface", () -> {
            Memory iid = Win32ClientShutdown.iid();
            PointerByReference out = new PointerByReference();
            Com.check(
                    api("QueryInterface") + "(IID_IMAPIClientShutdown)", ptr, Slots.IUnknown.QUERY_INTERFACE, iid, out);
            return new Win32ClientShutdown(rt, out.getValue(), this);
        });
    }

    @Override
    public void logoff(long uiParam, int flags, int reserved) {
        call("Logoff", () -> {
            Com.check(api("Logoff"), ptr, Slots.IMAPISession.LOGOFF, Com.uptr(uiParam), flags, reserved);
            loggedOff = true;
            return null;
        });
    }
}
