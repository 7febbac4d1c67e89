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

    /**
     * QueryInterface(IID_IMAPIClientShutdown): the session's fast-shutdown interface (a new reference,
     * released by the caller). "IMAPIClientShutdown : IUnknown" says any IMAPISession exposes it
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapiclientshutdowniunknown);
     * a backend without it fails MAPI_E_INTERFACE_NOT_SUPPORTED (E_NOINTERFACE), as MAPI before Outlook 2010 does.
     */
    default ClientShutdown queryClientShutdown() {
        throw new MapiException(
                HResult.MAPI_E_INTERFACE_NOT_SUPPORTED,
                "IMAPISession::QueryInterface",
                "this backend has no IMAPIClientShutdown");
    }
}
