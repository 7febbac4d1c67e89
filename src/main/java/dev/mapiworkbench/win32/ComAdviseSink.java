package dev.mapiworkbench.win32;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.win32.StdCallLibrary;
import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.Notification;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java {@link AdviseSink} exposed to MAPI as an IMAPIAdviseSink COM object: native memory holding
 * a vtable pointer, and a 4-entry vtable of JNA callbacks (QueryInterface, AddRef, Release,
 * OnNotify). The reference count is the COM one: it starts at 1 (the backend's own reference),
 * MAPI AddRefs it in Advise and Releases it in Unadvise. The callbacks and memory stay reachable
 * until the count reaches 0 ({@code onGone} then drops the backend's keep-alive reference).
 */
final class ComAdviseSink {

    private static final Logger LOG = LoggerFactory.getLogger(ComAdviseSink.class);

    /** {00000000-0000-0000-C000-000000000046} as it lies in memory. */
    static final byte[] IID_IUNKNOWN = guid(0x00000000);
    /** {00020302-0000-0000-C000-000000000046} (mapi-reference.md section 2.8). */
    static final byte[] IID_IMAPIADVISESINK = guid(0x00020302);

    private static final int E_NOINTERFACE = 0x80004002;
    private static final boolean STDCALL = Platform.isWindows() && !Platform.is64Bit();

    private final AdviseSink sink;
    private final AtomicInteger refs = new AtomicInteger(1);
    private final Consumer<ComAdviseSink> onGone;
    private final Memory object;
    private final Memory vtable;
    private final Object[] callbacks;

    ComAdviseSink(AdviseSink sink, Consumer<ComAdviseSink> onGone) {
        this.sink = sink;
        this.onGone = onGone;
        callbacks = STDCALL ? stdcallCallbacks() : cdeclCallbacks();
        int ps = Native.POINTER_SIZE;
        vtable = new Memory((long) ps * Slots.IMAPIAdviseSink.VTABLE_SIZE);
        for (int i = 0; i < callbacks.length; i++) {
            vtable.setPointer((long) i * ps, CallbackReference.getFunctionPointer((Callback) callbacks[i]));
        }
        object = new Memory(ps);
        object.setPointer(0, vtable);
    }

    /** The interface pointer handed to Advise. */
    Pointer pointer() {
        return object;
    }

    int refCount() {
        return refs.get();
    }

    /** The backend's own Release. */
    int release() {
        return releaseRef();
    }

    private int queryInterface(Pointer riid, Pointer ppv) {
        if (ppv == null) {
            return HResult.MAPI_E_INVALID_PARAMETER.value();
        }
        byte[] iid = riid == null ? new byte[16] : riid.getByteArray(0, 16);
        if (java.util.Arrays.equals(iid, IID_IUNKNOWN) || java.util.Arrays.equals(iid, IID_IMAPIADVISESINK)) {
            refs.incrementAndGet();
            ppv.setPointer(0, object);
            return HResult.S_OK.value();
        }
        ppv.setPointer(0, null);
        return E_NOINTERFACE;
    }

    private int addRef() {
        return refs.incrementAndGet();
    }

    private int releaseRef() {
        int n = refs.decrementAndGet();
        if (n == 0) {
            onGone.accept(this);
        } else if (n < 0) {
            refs.set(0);
            LOG.warn("IMAPIAdviseSink released more often than referenced");
            return 0;
        }
        return n;
    }

    private int onNotify(int count, Pointer notifications) {
        try {
            List<Notification> decoded = NotificationDecoder.decode(notifications, count);
            return sink.onNotify(decoded);
        } catch (RuntimeException | Error e) {
            // never let an exception cross back into native code
            LOG.error("Advise sink failed while handling {} notification(s)", count, e);
            return 0;
        }
    }

    private static byte[] guid(int data1) {
        byte[] g = new byte[16];
        g[0] = (byte) data1;
        g[1] = (byte) (data1 >>> 8);
        g[2] = (byte) (data1 >>> 16);
        g[3] = (byte) (data1 >>> 24);
        g[8] = (byte) 0xC0;
        g[15] = 0x46;
        return g;
    }

    // ---- callbacks: C convention on x64 (one convention), stdcall on 32-bit x86 ----

    interface QueryInterfaceFn extends Callback {
        int invoke(Pointer self, Pointer riid, Pointer ppv);
    }

    interface RefFn extends Callback {
        int invoke(Pointer self);
    }

    interface OnNotifyFn extends Callback {
        int invoke(Pointer self, int cNotif, Pointer lpNotifications);
    }

    interface StdQueryInterfaceFn extends StdCallLibrary.StdCallCallback {
        int invoke(Pointer self, Pointer riid, Pointer ppv);
    }

    interface StdRefFn extends StdCallLibrary.StdCallCallback {
        int invoke(Pointer self);
    }

    interface StdOnNotifyFn extends StdCallLibrary.StdCallCallback {
        int invoke(Pointer self, int cNotif, Pointer lpNotifications);
    }

    private Object[] cdeclCallbacks() {
        QueryInterfaceFn qi = (self, riid, ppv) -> queryInterface(riid, ppv);
        RefFn add = self -> addRef();
        RefFn rel = self -> releaseRef();
        OnNotifyFn on = (self, n, p) -> onNotify(n, p);
        return new Object[] {qi, add, rel, on};
    }

    private Object[] stdcallCallbacks() {
        StdQueryInterfaceFn qi = (self, riid, ppv) -> queryInterface(riid, ppv);
        StdRefFn add = self -> addRef();
        StdRefFn rel = self -> releaseRef();
        StdOnNotifyFn on = (self, n, p) -> onNotify(n, p);
        return new Object[] {qi, add, rel, on};
    }
}
