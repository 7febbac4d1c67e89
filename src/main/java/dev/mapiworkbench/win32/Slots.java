package dev.mapiworkbench.win32;

/**
 * COM vtable slot numbers (index from 0; 0-2 are IUnknown), exactly as mapi-reference.md section 3
 * lists them from the MAPI_I*_METHODS macros of Microsoft's headers. Only the slots the backend
 * calls are named; every number here is checked by the native test double, which places its
 * implementation at the same index.
 */
public final class Slots {

    private Slots() {}

    /** IUnknown (MAPIDefS.h:745-749). */
    public static final class IUnknown {
        public static final int QUERY_INTERFACE = 0;
        public static final int ADD_REF = 1;
        public static final int RELEASE = 2;

        private IUnknown() {}
    }

    /** IMAPISession : IUnknown (MAPIX.h:177). */
    public static final class IMAPISession {
        public static final int GET_LAST_ERROR = 3;
        public static final int GET_MSG_STORES_TABLE = 4;
        public static final int OPEN_MSG_STORE = 5;
        public static final int OPEN_ADDRESS_BOOK = 6;
        public static final int OPEN_PROFILE_SECTION = 7;
        public static final int GET_STATUS_TABLE = 8;
        public static final int OPEN_ENTRY = 9;
        public static final int COMPARE_ENTRY_IDS = 10;
        public static final int ADVISE = 11;
        public static final int UNADVISE = 12;
        public static final int MESSAGE_OPTIONS = 13;
        public static final int QUERY_DEFAULT_MESSAGE_OPT = 14;
        public static final int ENUM_ADR_TYPES = 15;
        public static final int QUERY_IDENTITY = 16;
        public static final int LOGOFF = 17;
        public static final int SET_DEFAULT_STORE = 18;
        public static final int ADMIN_SERVICES = 19;
        public static final int SHOW_FORM = 20;
        public static final int PREPARE_FORM = 21;

        private IMAPISession() {}
    }

    /** IMAPIProp : IUnknown (MAPIDefS.h:1042); shared by stores, folders, messages, status objects, the address book. */
    public static final class IMAPIProp {
        public static final int GET_LAST_ERROR = 3;
        public static final int SAVE_CHANGES = 4;
        public static final int GET_PROPS = 5;
        public static final int GET_PROP_LIST = 6;
        public static final int OPEN_PROPERTY = 7;
        public static final int SET_PROPS = 8;
        public static final int DELETE_PROPS = 9;
        public static final int COPY_TO = 10;
        public static final int COPY_PROPS = 11;
        public static final int GET_NAMES_FROM_IDS = 12;
        public static final int GET_IDS_FROM_NAMES = 13;

        private IMAPIProp() {}
    }

    /** IMAPIContainer : IMAPIProp (MAPIDefS.h:1619). */
    public static final class IMAPIContainer {
        public static final int GET_CONTENTS_TABLE = 14;
        public static final int GET_HIERARCHY_TABLE = 15;
        public static final int OPEN_ENTRY = 16;
        public static final int SET_SEARCH_CRITERIA = 17;
        public static final int GET_SEARCH_CRITERIA = 18;

        private IMAPIContainer() {}
    }

    /** IMAPIFolder : IMAPIContainer (MAPIDefS.h:1925). */
    public static final class IMAPIFolder {
        public static final int CREATE_MESSAGE = 19;
        public static final int COPY_MESSAGES = 20;
        public static final int DELETE_MESSAGES = 21;
        public static final int CREATE_FOLDER = 22;
        public static final int COPY_FOLDER = 23;
        public static final int DELETE_FOLDER = 24;
        public static final int SET_READ_FLAGS = 25;
        public static final int GET_MESSAGE_STATUS = 26;
        public static final int SET_MESSAGE_STATUS = 27;
        public static final int SAVE_CONTENTS_SORT = 28;
        public static final int EMPTY_FOLDER = 29;

        private IMAPIFolder() {}
    }

    /** IMsgStore : IMAPIProp (MAPIDefS.h:2071). */
    public static final class IMsgStore {
        public static final int ADVISE = 14;
        public static final int UNADVISE = 15;
        public static final int COMPARE_ENTRY_IDS = 16;
        public static final int OPEN_ENTRY = 17;
        public static final int SET_RECEIVE_FOLDER = 18;
        public static final int GET_RECEIVE_FOLDER = 19;
        public static final int GET_RECEIVE_FOLDER_TABLE = 20;
        public static final int STORE_LOGOFF = 21;
        public static final int ABORT_SUBMIT = 22;
        public static final int GET_OUTGOING_QUEUE = 23;
        public static final int SET_LOCK_STATE = 24;
        public static final int FINISHED_MSG = 25;
        public static final int NOTIFY_NEW_MAIL = 26;

        private IMsgStore() {}
    }

    /** IMessage : IMAPIProp (MAPIDefS.h:2305). */
    public static final class IMessage {
        public static final int GET_ATTACHMENT_TABLE = 14;
        public static final int OPEN_ATTACH = 15;
        public static final int CREATE_ATTACH = 16;
        public static final int DELETE_ATTACH = 17;
        public static final int GET_RECIPIENT_TABLE = 18;
        public static final int MODIFY_RECIPIENTS = 19;
        public static final int SUBMIT_MESSAGE = 20;
        public static final int SET_READ_FLAG = 21;

        private IMessage() {}
    }

    /** IMAPITable : IUnknown (MAPIDefS.h:1370). */
    public static final class IMAPITable {
        public static final int GET_LAST_ERROR = 3;
        public static final int ADVISE = 4;
        public static final int UNADVISE = 5;
        public static final int GET_STATUS = 6;
        public static final int SET_COLUMNS = 7;
        public static final int QUERY_COLUMNS = 8;
        public static final int GET_ROW_COUNT = 9;
        public static final int SEEK_ROW = 10;
        public static final int SEEK_ROW_APPROX = 11;
        public static final int QUERY_POSITION = 12;
        public static final int FIND_ROW = 13;
        public static final int RESTRICT = 14;
        public static final int CREATE_BOOKMARK = 15;
        public static final int FREE_BOOKMARK = 16;
        public static final int SORT_TABLE = 17;
        public static final int QUERY_SORT_ORDER = 18;
        public static final int QUERY_ROWS = 19;
        public static final int ABORT = 20;
        public static final int EXPAND_ROW = 21;
        public static final int COLLAPSE_ROW = 22;
        public static final int WAIT_FOR_COMPLETION = 23;
        public static final int GET_COLLAPSE_STATE = 24;
        public static final int SET_COLLAPSE_STATE = 25;

        private IMAPITable() {}
    }

    /** IMAPIStatus : IMAPIProp (MAPIDefS.h:1559). */
    public static final class IMAPIStatus {
        public static final int VALIDATE_STATE = 14;
        public static final int SETTINGS_DIALOG = 15;
        public static final int CHANGE_PASSWORD = 16;
        public static final int FLUSH_QUEUES = 17;

        private IMAPIStatus() {}
    }

    /** IAddrBook : IMAPIProp (MAPIX.h:300). */
    public static final class IAddrBook {
        public static final int OPEN_ENTRY = 14;
        public static final int COMPARE_ENTRY_IDS = 15;
        public static final int ADVISE = 16;
        public static final int UNADVISE = 17;

        private IAddrBook() {}
    }

    /**
     * IMAPIClientShutdown : IUnknown (MAPIDefS.h:2807-2825 of microsoft/MAPIStubLibrary, the
     * MAPI_IMAPICLIENTSHUTDOWN_METHODS macro): each method takes only {@code this} and returns HRESULT.
     */
    public static final class IMAPIClientShutdown {
        public static final int QUERY_FAST_SHUTDOWN = 3;
        public static final int NOTIFY_PROCESS_SHUTDOWN = 4;
        public static final int DO_FAST_SHUTDOWN = 5;

        private IMAPIClientShutdown() {}
    }

    /** IMAPIAdviseSink : IUnknown (MAPIDefS.h:911): a 4-entry vtable. */
    public static final class IMAPIAdviseSink {
        public static final int ON_NOTIFY = 3;
        public static final int VTABLE_SIZE = 4;

        private IMAPIAdviseSink() {}
    }
}
