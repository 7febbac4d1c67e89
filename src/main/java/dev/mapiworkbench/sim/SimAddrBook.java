package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.AddrBook;
import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import java.util.List;
import java.util.Map;

/** IAddrBook: an empty simulated address book that supports GetProps and Advise. */
final class SimAddrBook extends SimObject implements AddrBook {

    SimAddrBook(SimRuntime rt, SimSession session) {
        super(rt, session, ObjectKind.ADDR_BOOK, "Address Book");
    }

    @Override
    public List<PropValue> getProps(int... tags) {
        return call(
                "GetProps",
                () -> project(
                        Map.of(
                                PropTag.PR_DISPLAY_NAME_W,
                                "Address Book",
                                PropTag.PR_OBJECT_TYPE,
                                MapiFlags.MAPI_ADDRBOOK),
                        tags));
    }

    @Override
    public void setProps(List<PropValue> props) {
        run("SetProps", () -> {
            throw error(HResult.MAPI_E_NO_ACCESS, "SetProps", "the address book's properties are read-only");
        });
    }

    @Override
    public void saveChanges(int flags) {
        run("SaveChanges", () -> {
            throw error(HResult.MAPI_E_NO_SUPPORT, "SaveChanges", "the address book is not transacted");
        });
    }

    @Override
    public long advise(EntryId entryId, int eventMask, AdviseSink sink) {
        return call("Advise", () -> addAdvise("Advise", entryId, eventMask, sink));
    }

    @Override
    public void unadvise(long connection) {
        run("Unadvise", () -> removeAdvise("Unadvise", connection));
    }
}
