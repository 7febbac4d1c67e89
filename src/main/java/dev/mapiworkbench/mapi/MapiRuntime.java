package dev.mapiworkbench.mapi;

import java.util.Optional;

/**
 * The MAPI subsystem as a process sees it: the exported functions of MAPI32 (plus ole32's
 * OleInitialize/OleUninitialize). One instance per backend per process.
 * Failures raise {@link MapiException} with the HRESULT.
 */
public interface MapiRuntime {

    /** Backend id: {@code sim} or {@code win32}. */
    String backendId();

    /** MAPIInitialize(&MAPIINIT_0) (null for MAPIInitialize(NULL)). Reference counted. */
    void mapiInitialize(MapiInit init);

    /** MAPIUninitialize: decrements the init count; the last one ends the subsystem. */
    void mapiUninitialize();

    /** MAPILogonEx(ulUIParam, lpszProfileName, lpszPassword, ulFlags, &lpSession). */
    MapiSession mapiLogonEx(long uiParam, String profileName, String password, int flags);

    MapiBuffer mapiAllocateBuffer(int size);

    MapiBuffer mapiAllocateMore(int size, MapiBuffer parent);

    /** MAPIFreeBuffer; null is a no-op; a second free of the same buffer fails. */
    void mapiFreeBuffer(MapiBuffer buffer);

    /** ScInitMapiUtil(0). */
    void scInitMapiUtil(int flags);

    void deinitMapiUtil();

    /** OleInitialize(NULL): S_OK, or S_FALSE when already initialised on this apartment. */
    HResult oleInitialize();

    void oleUninitialize();

    /**
     * Optional backend capabilities: {@link SubsystemDiagnostics}, {@link TransportControl},
     * {@link SharedSessionControl}, {@link CriticalErrorInjector}, {@link ProviderUiHost}.
     * The simulator offers all of them; a real backend may offer none.
     */
    <T> Optional<T> capability(Class<T> type);

    /**
     * True when the backend makes every MAPI call on one thread of its own whatever thread calls it (the
     * Windows binding's {@link MapiCallThread}, decision 0050); false (the simulator) when a call runs on the
     * caller's thread, so a client keeps MAPI's threading rules by calling from one thread (decision 0450).
     */
    default boolean callsOnOwnThread() {
        return false;
    }

    /**
     * Ends what the runtime still runs as the end of its process would (the simulator: sessions still logged
     * on, their spooler and transport threads, the notification thread, store files and profile locks), so a
     * runtime opened for one job (a replay) leaves nothing behind; idempotent. The default does nothing. A
     * client's own runtime is not closed this way: it ends with the process, and {@code ClientSession#shutdown}
     * closes only runtimes that are {@link AutoCloseable} (the win32 backend's MAPI thread).
     */
    default void close() {}
}
