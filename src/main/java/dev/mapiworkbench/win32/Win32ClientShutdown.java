package dev.mapiworkbench.win32;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.mapiworkbench.mapi.ClientShutdown;
import dev.mapiworkbench.mapi.ObjectKind;

/**
 * IMAPIClientShutdown over the pointer QueryInterface returned on a session. Slots 3-5 as
 * MAPIDefS.h:2807-2825 declares them ({@link Slots.IMAPIClientShutdown}). After a successful
 * DoFastShutdown the runtime refuses every further MAPI call, Release included (decision 0140).
 */
final class Win32ClientShutdown extends Win32Object implements ClientShutdown {

    /** {00020397-0000-0000-C000-000000000046}: DEFINE_OLEGUID(IID_IMAPIClientShutdown, 0x00020397, 0, 0). */
    private static final byte[] IID = {
        (byte) 0x97, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46
    };

    Win32ClientShutdown(Win32Runtime rt, Pointer ptr, Win32Session session) {
        super(rt, ptr, ObjectKind.CLIENT_SHUTDOWN, session, "client shutdown");
    }

    /** The IID as a native GUID (Data1 little-endian, then Data2, Data3, Data4). */
    static Memory iid() {
        Memory m = new Memory(IID.length);
        m.write(0, IID, 0, IID.length);
        return m;
    }

    @Override
    public void queryFastShutdown() {
        call(
                "QueryFastShutdown",
                () -> Com.check(api("QueryFastShutdown"), ptr, Slots.IMAPIClientShutdown.QUERY_FAST_SHUTDOWN));
    }

    @Override
    public void notifyProcessShutdown() {
        call(
                "NotifyProcessShutdown",
                () -> Com.check(api("NotifyProcessShutdown"), ptr, Slots.IMAPIClientShutdown.NOTIFY_PROCESS_SHUTDOWN));
    }

    @Override
    public void doFastShutdown() {
        call("DoFastShutdown", () -> {
            Com.check(api("DoFastShutdown"), ptr, Slots.IMAPIClientShutdown.DO_FAST_SHUTDOWN);
            rt.fastShutdownDone();
            return null;
        });
    }
}
