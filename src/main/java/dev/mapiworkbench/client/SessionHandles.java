package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MsgStore;

/**
 * What one logon opened and the session keeps using, published as one immutable value: the session,
 * the default store, the Outbox folder and its contents table, the cached Outbox and Sent Items entry
 * ids, the store's display name and whether this client created the shared session. A failed logon
 * publishes what it got so far (the rest null) so a teardown can still log the session off;
 * {@link #NONE} when logged off. Replaced, never changed, so a reader sees one logon's handles.
 */
record SessionHandles(
        MapiSession session,
        MsgStore store,
        MapiFolder outbox,
        MapiTable outboxTable,
        EntryId outboxId,
        EntryId sentItemsId,
        String storeName,
        boolean sessionOwner) {

    /** Nothing is open. */
    static final SessionHandles NONE = new SessionHandles(null, null, null, null, null, null, null, false);
}
