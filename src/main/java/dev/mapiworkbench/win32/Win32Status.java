package dev.mapiworkbench.win32;

import com.sun.jna.Pointer;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.MapiStatus;
import dev.mapiworkbench.mapi.ObjectKind;

/** IMAPIStatus (a status-table row opened with OpenEntry). */
final class Win32Status extends Win32Prop implements MapiStatus {

    Win32Status(Win32Runtime rt, Pointer ptr, Win32Session session) {
        super(rt, ptr, ObjectKind.STATUS, session, "status object");
    }

    @Override
    public void validateState(long uiParam, int flags) {
        call(
                "ValidateState",
                () -> Com.check(api("ValidateState"), ptr, Slots.IMAPIStatus.VALIDATE_STATE, Com.uptr(uiParam), flags));
    }

    @Override
    public void flushQueues(long uiParam, EntryId targetTransport, int flags) {
        call("FlushQueues", () -> {
            Object[] eid = entryArgs(targetTransport);
            return Com.check(
                    api("FlushQueues"), ptr, Slots.IMAPIStatus.FLUSH_QUEUES, Com.uptr(uiParam), eid[0], eid[1], flags);
        });
    }
}
