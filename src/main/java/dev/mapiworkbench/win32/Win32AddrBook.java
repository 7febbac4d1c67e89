package dev.mapiworkbench.win32;

import com.sun.jna.Pointer;
import dev.mapiworkbench.mapi.AddrBook;
import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.ObjectKind;

/** IAddrBook. */
final class Win32AddrBook extends Win32Prop implements AddrBook {

    Win32AddrBook(Win32Runtime rt, Pointer ptr, Win32Session session) {
        super(rt, ptr, ObjectKind.ADDR_BOOK, session, "address book");
    }

    @Override
    public long advise(EntryId entryId, int eventMask, AdviseSink sink) {
        Object[] eid = entryArgs(entryId);
        return advise("Advise", Slots.IAddrBook.ADVISE, sink, eid[0], eid[1], eventMask);
    }

    @Override
    public void unadvise(long connection) {
        unadvise("Unadvise", Slots.IAddrBook.UNADVISE, connection);
    }
}
