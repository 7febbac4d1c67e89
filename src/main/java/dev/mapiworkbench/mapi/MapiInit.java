package dev.mapiworkbench.mapi;

/** MAPIINIT_0 {ulVersion, ulFlags}: 8 bytes, version at 0, flags at 4 (mapi-reference §2.1). */
public record MapiInit(int version, int flags) {

    /** Microsoft's own example: {0, MAPI_MULTITHREAD_NOTIFICATIONS}. */
    public static MapiInit multithreaded() {
        return new MapiInit(MapiFlags.MAPI_INIT_VERSION, MapiFlags.MAPI_MULTITHREAD_NOTIFICATIONS);
    }
}
