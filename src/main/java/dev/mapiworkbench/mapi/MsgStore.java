package dev.mapiworkbench.mapi;

/** IMsgStore. */
public interface MsgStore extends MapiProp {

    MapiUnknown openEntry(EntryId entryId, int flags);

    long advise(EntryId entryId, int eventMask, AdviseSink sink);

    void unadvise(long connection);

    /** StoreLogoff(&ulFlags): exactly one LOGOFF_* input flag; returns the output flags. */
    int storeLogoff(int flags);

    /**
     * GetReceiveFolder(lpszMessageClass, ulFlags, &cbEntryID, &lpEntryID, &lpszExplicitClass): the
     * entry id of the folder that receives messages of {@code messageClass} (null or "" = the default
     * class, i.e. the Inbox). A backend that does not implement it fails MAPI_E_NO_SUPPORT.
     */
    default EntryId getReceiveFolder(String messageClass, int flags) {
        throw new MapiException(
                HResult.MAPI_E_NO_SUPPORT,
                "IMsgStore::GetReceiveFolder",
                "this backend does not implement GetReceiveFolder");
    }

    /** AbortSubmit for a submitted message still in the outgoing queue. */
    void abortSubmit(EntryId entryId, int flags);
}
