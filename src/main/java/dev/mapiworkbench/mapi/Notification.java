package dev.mapiworkbench.mapi;

/**
 * One NOTIFICATION, as an advise sink receives it. The event type is one of {@link EventType}'s
 * {@code fnev*} values; each kind carries the payload of its union member (mapi-reference §2.3, §4.2).
 */
public sealed interface Notification {

    int eventType();

    /** ERROR_NOTIFICATION ({@code fnevCriticalError}). {@code entryId} may be null (session-wide). */
    record CriticalError(EntryId entryId, HResult scode, int flags, String error, String component)
            implements Notification {
        @Override
        public int eventType() {
            return EventType.fnevCriticalError;
        }
    }

    /** NEWMAIL_NOTIFICATION ({@code fnevNewMail}). */
    record NewMail(EntryId entryId, EntryId parentId, String messageClass, int messageFlags) implements Notification {
        @Override
        public int eventType() {
            return EventType.fnevNewMail;
        }
    }

    /**
     * OBJECT_NOTIFICATION ({@code fnevObjectCreated / Deleted / Modified / Moved / Copied}).
     * {@code oldId}/{@code oldParentId} are set for moves and copies, null otherwise.
     */
    record ObjectEvent(
            int eventType, EntryId entryId, int objType, EntryId parentId, EntryId oldId, EntryId oldParentId)
            implements Notification {}

    /**
     * TABLE_NOTIFICATION ({@code fnevTableModified}). {@code row} is null for TABLE_CHANGED/RELOAD. {@code prior}
     * is {@code propPrior}: for TABLE_ROW_ADDED and TABLE_ROW_MODIFIED the PR_INSTANCE_KEY of the row before the
     * added or changed one, PR_NULL when it is the first row ("The propPrior member indicates the row before the
     * added or changed row (PR_NULL indicating a change to the first row)", PidTagInstanceKey,
     * https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/pidtaginstancekey-canonical-property);
     * null when the source gave none.
     */
    record TableEvent(int tableEvent, HResult hresult, PropValue index, PropValue prior, Row row)
            implements Notification {
        /** An event without {@code propPrior}. */
        public TableEvent(int tableEvent, HResult hresult, PropValue index, Row row) {
            this(tableEvent, hresult, index, null, row);
        }

        /** True when {@code prior} says the row is the first of the table (PR_NULL). */
        public boolean firstRow() {
            return prior != null && prior.tag() == PropTag.PR_NULL;
        }

        @Override
        public int eventType() {
            return EventType.fnevTableModified;
        }
    }

    /** STATUS_OBJECT_NOTIFICATION ({@code fnevStatusObjectModified}). */
    record StatusObjectEvent(EntryId entryId, java.util.List<PropValue> props) implements Notification {
        @Override
        public int eventType() {
            return EventType.fnevStatusObjectModified;
        }
    }

    /** EXTENDED_NOTIFICATION ({@code fnevExtended}). */
    @SuppressWarnings("ArrayRecordComponent") // a decoded event's raw bytes, never compared
    record Extended(int event, byte[] parameters) implements Notification {
        @Override
        public int eventType() {
            return EventType.fnevExtended;
        }
    }
}
