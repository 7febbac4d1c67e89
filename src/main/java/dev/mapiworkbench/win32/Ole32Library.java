package dev.mapiworkbench.win32;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** ole32's OleInitialize / OleUninitialize (undecorated on every Windows bitness). */
public interface Ole32Library extends Library {

    /** HRESULT OleInitialize(LPVOID pvReserved): S_OK, S_FALSE, or RPC_E_CHANGED_MODE. */
    int OleInitialize(Pointer pvReserved);

    void OleUninitialize();
}
