package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.EntryId;

/**
 * One folder of the default store's IPM subtree as the client browses it (docs/decisions/0036).
 * {@code entryId} is null when the backend offers no entry id for the folder (the Inbox on the
 * simulator: the mapi model has no GetReceiveFolder); such a folder is listed but not readable.
 *
 * @param role  which well-known folder it is
 * @param name  PR_DISPLAY_NAME of the folder (the role's English name when it cannot be opened)
 * @param entryId the store's PR_IPM_* entry id, or null
 * @param count PR_CONTENT_COUNT, or -1 when unknown
 */
public record MailFolder(Role role, String name, EntryId entryId, int count) {

    /** The well-known folders the client lists, in display order. */
    public enum Role {
        INBOX("Inbox"),
        OUTBOX("Outbox"),
        SENT_ITEMS("Sent Items"),
        DELETED_ITEMS("Deleted Items");

        private final String defaultName;

        Role(String defaultName) {
            this.defaultName = defaultName;
        }

        /** The English name used when the folder cannot be opened. */
        public String defaultName() {
            return defaultName;
        }
    }

    /** True when the folder can be opened (the backend gave its entry id). */
    public boolean available() {
        return entryId != null;
    }
}
