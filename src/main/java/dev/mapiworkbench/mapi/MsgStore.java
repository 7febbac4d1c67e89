package dev.mapiworkbench.mapi;

import java.util.List;
import java.util.Optional;

/** IMsgStore. */
public interface MsgStore extends MapiProp {

    /**
     * The default store's entry id among rows of the message-stores table (IMAPISession::GetMsgStoresTable,
     * with PR_ENTRYID and PR_DEFAULT_STORE among the columns): the row whose PR_DEFAULT_STORE is TRUE, else
     * the first row, else empty. The client's logon and a trace replay pick the store this one way.
     */
    static Optional<EntryId> defaultStoreId(List<Row> rows) {
        return rows.stream()
                .filter(r -> r.find(PropTag.PR_DEFAULT_STORE)
                        .map(PropValue::asBoolean)
                        .orElse(false))
                .findFirst()
                .or(() -> rows.stream().findFirst())
                .map(r -> r.get(PropTag.PR_ENTRYID).asEntryId());
    }

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
