package dev.mapiworkbench.mapi;

/** IMsgStore. */
public interface MsgStore extends MapiProp {

    MapiUnknown openEntry(EntryId entryId, int flags);

    long advise(EntryId entryId, int eventMask, AdviseSink sink);

    void unadvise(long connection);

    /** StoreLogoff(&ulFlags): exactly one LOGOFF_* input flag; returns the output flags. */
    int storeLogoff(int flags);

    /** AbortSubmit for a submitted message still in the outgoing queue. */
    void abortSubmit(EntryId entryId, int flags);
}
