package dev.mapiworkbench.win32;

import com.sun.jna.Pointer;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiException;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory from MAPIAllocateBuffer / MAPIAllocateMore. {@link #address()} is the native pointer MAPI
 * returned, which is also exactly what MAPIFreeBuffer receives. After the free (of this buffer or
 * of its parent) reads and writes fail with MAPI_E_INVALID_PARAMETER instead of touching freed memory.
 */
final class Win32Buffer implements MapiBuffer {

    private final Pointer memory;
    private final int size;
    private final Win32Buffer parent;
    private final List<Win32Buffer> children = new ArrayList<>();
    private volatile boolean freed;

    Win32Buffer(Pointer memory, int size, Win32Buffer parent) {
        this.memory = memory;
        this.size = size;
        this.parent = parent;
        if (parent != null) {
            synchronized (parent.children) {
                parent.children.add(this);
            }
        }
    }

    @Override
    public long address() {
        return Pointer.nativeValue(memory);
    }

    @Override
    public int size() {
        return size;
    }

    Pointer pointer() {
        return memory;
    }

    Win32Buffer parent() {
        return parent;
    }

    boolean freed() {
        return freed;
    }

    void markFreed() {
        freed = true;
        synchronized (children) {
            children.forEach(Win32Buffer::markFreed);
        }
    }

    @Override
    public void write(byte[] data) {
        check("MapiBuffer.write");
        if (data.length > size) {
            throw new MapiException(
                    HResult.MAPI_E_INVALID_PARAMETER,
                    "MapiBuffer.write",
                    data.length + " bytes do not fit in a buffer of " + size);
        }
        memory.write(0, data, 0, data.length);
    }

    @Override
    public byte[] read() {
        check("MapiBuffer.read");
        return memory.getByteArray(0, size);
    }

    private void check(String api) {
        if (freed) {
            throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, api, "the buffer was freed with MAPIFreeBuffer");
        }
    }

    @Override
    public String toString() {
        return "MapiBuffer[" + Com.hex(address()) + ", " + size + " bytes" + (freed ? ", freed" : "") + "]";
    }
}
