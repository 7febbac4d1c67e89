package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's MAPI memory: MAPIAllocateBuffer, MAPIAllocateMore (blocks freed with their root) and
 * MAPIFreeBuffer, with simulated addresses and the count of blocks not yet freed. Used with the
 * runtime lock held (its state is guarded by it).
 */
final class SimAllocator {

    /** Largest single allocation; bigger requests fail MAPI_E_NOT_ENOUGH_MEMORY. */
    static final int MAX_BUFFER = 64 * 1024 * 1024;

    private final SimRuntime rt;
    private final Map<Long, SimBuffer> buffers = new LinkedHashMap<>();
    private long nextAddress = 0x7F0000100000L;
    private int outstanding;

    SimAllocator(SimRuntime rt) {
        this.rt = rt;
    }

    /** Root buffers not yet freed, oldest first. */
    Collection<SimBuffer> allocated() {
        return buffers.values();
    }

    /** Blocks (roots and MAPIAllocateMore blocks) not yet freed. */
    int outstanding() {
        return outstanding;
    }

    /** MAPIAllocateBuffer. */
    SimBuffer allocate(int size) {
        checkSize("MAPIAllocateBuffer", size);
        SimBuffer b = new SimBuffer(rt, nextAddress(size), size, null);
        buffers.put(b.address(), b);
        outstanding++;
        return b;
    }

    /** MAPIAllocateMore: the block is freed with its parent's root. */
    SimBuffer allocateMore(int size, MapiBuffer parent) {
        checkSize("MAPIAllocateMore", size);
        SimBuffer p = ownBuffer("MAPIAllocateMore", parent);
        if (p.freed) {
            throw new MapiException(
                    HResult.MAPI_E_INVALID_PARAMETER, "MAPIAllocateMore", "lpObject " + p.hex() + " was freed");
        }
        SimBuffer root = p.root == null ? p : p.root;
        SimBuffer b = new SimBuffer(rt, nextAddress(size), size, root);
        if (root.children == null) {
            root.children = new ArrayList<>(2);
        }
        root.children.add(b);
        outstanding++;
        return b;
    }

    /** MAPIFreeBuffer of a root buffer and its MAPIAllocateMore blocks. */
    void free(MapiBuffer buffer) {
        SimBuffer b = ownBuffer("MAPIFreeBuffer", buffer);
        if (b.freed) {
            throw new MapiException(
                    HResult.MAPI_E_INVALID_PARAMETER, "MAPIFreeBuffer", "buffer " + b.hex() + " was already freed");
        }
        if (b.root != null) {
            throw new MapiException(
                    HResult.MAPI_E_INVALID_PARAMETER,
                    "MAPIFreeBuffer",
                    "buffer " + b.hex() + " came from MAPIAllocateMore; free its parent " + b.root.hex());
        }
        b.freed = true;
        outstanding--;
        if (b.children != null) {
            for (SimBuffer c : b.children) {
                c.freed = true;
                outstanding--;
            }
        }
        buffers.remove(b.address());
    }

    private static SimBuffer ownBuffer(String api, MapiBuffer buffer) {
        if (!(buffer instanceof SimBuffer b)) {
            throw new MapiException(
                    HResult.MAPI_E_INVALID_PARAMETER,
                    api,
                    buffer == null ? "null buffer" : "not a buffer of this MAPI subsystem");
        }
        return b;
    }

    private static void checkSize(String api, int size) {
        if (size < 0) {
            throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, api, "negative size " + size);
        }
        if (size > MAX_BUFFER) {
            throw new MapiException(
                    HResult.MAPI_E_NOT_ENOUGH_MEMORY,
                    api,
                    size + " bytes is over the simulator's " + MAX_BUFFER + "-byte limit");
        }
    }

    private long nextAddress(int size) {
        long a = nextAddress;
        nextAddress += Math.max(16, (size + 15) & ~15L);
        return a;
    }
}
