package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiException;
import java.util.List;

/** A tracked MAPIAllocateBuffer / MAPIAllocateMore block. State is guarded by the runtime lock. */
final class SimBuffer implements MapiBuffer {

    private final SimRuntime rt;
    private final long address;
    private final byte[] data;
    final SimBuffer root;
    List<SimBuffer> children;
    boolean freed;

    SimBuffer(SimRuntime rt, long address, int size, SimBuffer root) {
        this.rt = rt;
        this.address = address;
        this.data = new byte[size];
        this.root = root;
    }

    @Override
    public long address() {
        return address;
    }

    @Override
    public int size() {
        return data.length;
    }

    @Override
    public void write(byte[] bytes) {
        rt.lock.lock();
        try {
            checkAlive("MapiBuffer.write");
            if (bytes == null || bytes.length > data.length) {
                throw new MapiException(
                        HResult.MAPI_E_INVALID_PARAMETER,
                        "MapiBuffer.write",
                        (bytes == null ? "null data" : bytes.length + " bytes") + " do not fit the " + data.length
                                + "-byte buffer " + hex());
            }
            System.arraycopy(bytes, 0, data, 0, bytes.length);
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public byte[] read() {
        rt.lock.lock();
        try {
            checkAlive("MapiBuffer.read");
            return data.clone();
        } finally {
            rt.lock.unlock();
        }
    }

    int chainCount() {
        return 1 + (children == null ? 0 : children.size());
    }

    String hex() {
        return String.format("0x%X", address);
    }

    private void checkAlive(String api) {
        if (freed) {
            throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, api, "buffer " + hex() + " was freed");
        }
    }

    @Override
    public String toString() {
        return "MapiBuffer[" + hex() + ", " + data.length + " bytes" + (freed ? ", freed" : "") + "]";
    }
}
