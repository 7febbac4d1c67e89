package dev.mapiworkbench.mapi;

/**
 * Memory from MAPIAllocateBuffer / MAPIAllocateMore. A buffer allocated with AllocateMore is
 * freed with its parent. After MAPIFreeBuffer, reads and writes fail with MAPI_E_INVALID_PARAMETER.
 */
public interface MapiBuffer {

    /** Backend address or id, for traces ("0x7F00A010"). */
    long address();

    int size();

    void write(byte[] data);

    byte[] read();
}
