package dev.mapiworkbench.mapi;

/** IMAPISession (slots in mapi-reference §3). */
public interface MapiSession extends MapiUnknown {

    MapiTable getMsgStoresTable(int flags);

    MsgStore openMsgStore(long uiParam, EntryId entryId, int flags);

    AddrBook openAddressBook(long uiParam, int flags);

    MapiTable getStatusTable(int flags);

    /** OpenEntry: a folder, message or status object, by entry id. */
    MapiUnknown openEntry(EntryId entryId, int flags);

    /**
     * Advise. A null entry id registers for session-wide events; {@code fnevCriticalError} is then
     * delivered when the session ends (shared logoff) or fails. Returns the connection number.
     */
    long advise(EntryId entryId, int eventMask, AdviseSink sink);

    void unadvise(long connection);

    /** Logoff(ulUIParam, ulFlags, ulReserved). After it, only Release may be called on the session. */
    void logoff(long uiParam, int flags, int reserved);
}
