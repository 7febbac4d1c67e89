package dev.mapiworkbench.mapi;

/** IAddrBook (the part the workbench uses). */
public interface AddrBook extends MapiProp {

    long advise(EntryId entryId, int eventMask, AdviseSink sink);

    void unadvise(long connection);
}
