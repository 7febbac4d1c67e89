package dev.mapiworkbench.win32;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.ObjectKind;

/** IMAPIFolder. */
final class Win32Folder extends Win32Prop implements MapiFolder {

    Win32Folder(Win32Runtime rt, Pointer ptr, Win32Session session) {
        super(rt, ptr, ObjectKind.FOLDER, session, "folder");
    }

    @Override
    public MapiTable getContentsTable(int flags) {
        return call("GetContentsTable", () -> {
            PointerByReference out = new PointerByReference();
            Com.check(api("GetContentsTable"), ptr, Slots.IMAPIContainer.GET_CONTENTS_TABLE, flags, out);
            return new Win32Table(rt, out.getValue(), session(), "contents table of " + displayName());
        });
    }

    @Override
    public MapiMessage createMessage(int flags) {
        return call("CreateMessage", () -> {
            PointerByReference out = new PointerByReference();
            Com.check(api("CreateMessage"), ptr, Slots.IMAPIFolder.CREATE_MESSAGE, Pointer.NULL, flags, out);
            return new Win32Message(rt, out.getValue(), session(), "new message in " + displayName());
        });
    }
}
