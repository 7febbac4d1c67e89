package dev.mapiworkbench.client;

/**
 * One row of the ledger as the Open Objects view shows it. Immutable snapshot.
 *
 * @param id            stable id of the entry within its session ("obj-3", "adv-2", "buf-1", "init-mapi")
 * @param category      object, advise connection, buffer, or initialisation
 * @param kind          the interface ({@code IMsgStore}), {@code Advise}, {@code MAPIBuffer}, or the
 *                      initialised library ({@code MAPIInitialize}, {@code OleInitialize}, {@code ScInitMapiUtil})
 * @param name          display name ("Mailbox - demo", "Outbox contents table", "PR_IPM_SUBTREE_ENTRYID")
 * @param handle        backend handle / buffer address / connection number in hex ("0x1A2B")
 * @param refCount      references the client holds (objects), 1 for a live connection/buffer/init, 0 when gone
 * @param adviseConnections advise connections registered on this object (objects only)
 * @param state         valid, invalid (its session logged off while the client still holds it) or leaked
 */
public record LedgerEntry(
        String id,
        Category category,
        String kind,
        String name,
        String handle,
        int refCount,
        int adviseConnections,
        State state) {

    /** What a ledger row records. */
    public enum Category {
        OBJECT,
        ADVISE,
        BUFFER,
        INIT
    }

    /** Whether the entry is still usable. */
    public enum State {
        /** Open and usable. */
        VALID,
        /** Still held after Logoff: any call but Release fails. */
        INVALID,
        /** Reported by the subsystem as leaked (never freed). */
        LEAKED
    }
}
