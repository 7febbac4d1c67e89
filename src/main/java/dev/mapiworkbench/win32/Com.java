package dev.mapiworkbench.win32;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;

/**
 * Calls into COM vtables: the function for slot n of an interface pointer is at
 * {@code (*(void***)obj)[n]}, called with {@code this} first (mapi-reference.md section 3).
 * STDMETHODCALLTYPE is the C convention on x64 and stdcall on 32-bit x86.
 */
final class Com {

    /** Calling convention of COM methods and MAPI exports on this platform. */
    static final int CALL_CONVENTION =
            Platform.isWindows() && !Platform.is64Bit() ? Function.ALT_CONVENTION : Function.C_CONVENTION;

    private Com() {}

    static Function method(Pointer obj, int slot) {
        Pointer vtbl = obj.getPointer(0);
        return Function.getFunction(vtbl.getPointer((long) slot * Native.POINTER_SIZE), CALL_CONVENTION);
    }

    private static Object[] withThis(Pointer obj, Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = obj;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    /** Calls a method returning a 32-bit value (HRESULT, ULONG). */
    static int invokeInt(Pointer obj, int slot, Object... args) {
        return method(obj, slot).invokeInt(withThis(obj, args));
    }

    static HResult hr(Pointer obj, int slot, Object... args) {
        return HResult.of(invokeInt(obj, slot, args));
    }

    /** Calls a method and throws {@link MapiException} carrying its HRESULT when it failed. */
    static HResult check(String api, Pointer obj, int slot, Object... args) {
        HResult hr = hr(obj, slot, args);
        if (hr.failed()) {
            throw new MapiException(hr, api);
        }
        return hr;
    }

    /** A ULONG_PTR / BOOKMARK argument: pointer-sized. */
    static Object uptr(long value) {
        return Native.POINTER_SIZE == 8 ? (Object) Long.valueOf(value) : (Object) Integer.valueOf((int) value);
    }

    /** Reads a ULONG_PTR out-parameter (an 8-byte buffer on x64, zero-initialised by the caller). */
    static long readUptr(Pointer p) {
        return Native.POINTER_SIZE == 8 ? p.getLong(0) : p.getInt(0) & 0xFFFFFFFFL;
    }

    static String hex(long value) {
        return String.format("0x%X", value);
    }
}
