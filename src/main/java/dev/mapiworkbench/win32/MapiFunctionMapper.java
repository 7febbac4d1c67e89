package dev.mapiworkbench.win32;

import com.sun.jna.FunctionMapper;
import com.sun.jna.NativeLibrary;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Export names of MAPI32: plain on 64-bit (x64 has one calling convention and no decoration),
 * {@code name@N} on 32-bit x86, with N the stdcall argument bytes Microsoft's MAPIStubLibrary uses
 * (mapi-reference.md section 4.1). ScInitMapiUtil and DeinitMapiUtil exist only decorated there.
 */
public final class MapiFunctionMapper implements FunctionMapper {

    /** Argument bytes of each export on 32-bit x86 (mapiStubLibrary.cpp:1150-1270,2491). */
    public static final Map<String, Integer> STDCALL_BYTES = Map.of(
            "MAPIInitialize", 4,
            "MAPIUninitialize", 0,
            "MAPILogonEx", 20,
            "MAPIAllocateBuffer", 8,
            "MAPIAllocateMore", 12,
            "MAPIFreeBuffer", 4,
            "ScInitMapiUtil", 4,
            "DeinitMapiUtil", 0,
            "HrAllocAdviseSink", 12);

    private final int pointerSize;

    public MapiFunctionMapper(int pointerSize) {
        this.pointerSize = pointerSize;
    }

    /** The export name of {@code function} for a process with the given pointer size. */
    public static String exportName(String function, int pointerSize) {
        if (pointerSize == 8) {
            return function;
        }
        Integer bytes = STDCALL_BYTES.get(function);
        return bytes == null ? function : function + "@" + bytes;
    }

    @Override
    public String getFunctionName(NativeLibrary library, Method method) {
        return exportName(method.getName(), pointerSize);
    }
}
