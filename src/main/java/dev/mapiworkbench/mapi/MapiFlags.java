package dev.mapiworkbench.mapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MAPI flag values, exactly as mapi-reference §2 lists them (each compiled against the mingw-w64
 * headers and matched with Microsoft's MAPIStubLibrary headers).
 */
public final class MapiFlags {

    private MapiFlags() {}

    // §2.1 logon / logoff / init
    public static final int MAPI_LOGOFF_SHARED = 0x00000001;
    public static final int MAPI_LOGOFF_UI = 0x00000002;
    public static final int MAPI_LOGON_UI = 0x00000001;
    public static final int MAPI_NEW_SESSION = 0x00000002;
    public static final int MAPI_ALLOW_OTHERS = 0x00000008;
    public static final int MAPI_EXPLICIT_PROFILE = 0x00000010;
    public static final int MAPI_EXTENDED = 0x00000020;
    public static final int MAPI_USE_DEFAULT = 0x00000040;
    public static final int MAPI_APP_PROFILE = 0x00000004;
    public static final int MAPI_FORCE_DOWNLOAD = 0x00001000;
    public static final int MAPI_SERVICE_UI_ALWAYS = 0x00002000;
    public static final int MAPI_NO_MAIL = 0x00008000;
    public static final int MAPI_PASSWORD_UI = 0x00020000;
    public static final int MAPI_TIMEOUT_SHORT = 0x00100000;
    public static final int MAPI_BG_SESSION = 0x00200000;
    public static final int MAPI_UNICODE = 0x80000000;
    public static final int MAPI_INIT_VERSION = 0;
    public static final int MAPI_MULTITHREAD_NOTIFICATIONS = 0x00000001;
    public static final int MAPI_NT_SERVICE = 0x00010000;
    public static final int MAPI_NO_COINIT = 0x00000008;

    // §2.2 open flags
    public static final int MAPI_MODIFY = 0x00000001;
    public static final int MDB_NO_DIALOG = 0x00000001;
    public static final int MDB_WRITE = 0x00000004;
    public static final int MAPI_DEFERRED_ERRORS = 0x00000008;
    public static final int MAPI_BEST_ACCESS = 0x00000010;

    // §2.6 message / submit flags
    public static final int MSGFLAG_READ = 0x001;
    public static final int MSGFLAG_UNMODIFIED = 0x002;
    public static final int MSGFLAG_SUBMIT = 0x004;
    public static final int MSGFLAG_UNSENT = 0x008;
    public static final int MSGFLAG_FROMME = 0x020;
    public static final int SUBMITFLAG_LOCKED = 0x1;
    public static final int SUBMITFLAG_PREPROCESS = 0x2;

    // §2.7 status table
    public static final int MAPI_STORE_PROVIDER = 33;
    public static final int MAPI_AB = 34;
    public static final int MAPI_AB_PROVIDER = 35;
    public static final int MAPI_TRANSPORT_PROVIDER = 36;
    public static final int MAPI_SPOOLER = 37;
    public static final int MAPI_PROFILE_PROVIDER = 38;
    public static final int MAPI_SUBSYSTEM = 39;

    public static final int STATUS_VALIDATE_STATE = 0x1;
    public static final int STATUS_SETTINGS_DIALOG = 0x2;
    public static final int STATUS_CHANGE_PASSWORD = 0x4;
    public static final int STATUS_FLUSH_QUEUES = 0x8;

    public static final int STATUS_AVAILABLE = 0x00000001;
    public static final int STATUS_OFFLINE = 0x00000002;
    public static final int STATUS_FAILURE = 0x00000004;
    public static final int STATUS_INBOUND_ENABLED = 0x00010000;
    public static final int STATUS_INBOUND_ACTIVE = 0x00020000;
    public static final int STATUS_INBOUND_FLUSH = 0x00040000;
    public static final int STATUS_OUTBOUND_ENABLED = 0x00100000;
    public static final int STATUS_OUTBOUND_ACTIVE = 0x00200000;
    public static final int STATUS_OUTBOUND_FLUSH = 0x00400000;
    public static final int STATUS_REMOTE_ACCESS = 0x00800000;

    public static final int STATUS_DEFAULT_OUTBOUND = 0x1;
    public static final int STATUS_DEFAULT_STORE = 0x2;
    public static final int STATUS_PRIMARY_IDENTITY = 0x4;

    public static final int SUPPRESS_UI = 0x1;

    public static final int FLUSH_UPLOAD = 0x02;
    public static final int FLUSH_DOWNLOAD = 0x04;
    public static final int FLUSH_FORCE = 0x08;
    public static final int FLUSH_NO_UI = 0x10;
    public static final int FLUSH_ASYNC_OK = 0x20;

    public static final int LOGOFF_NO_WAIT = 0x1;
    public static final int LOGOFF_ORDERLY = 0x2;
    public static final int LOGOFF_PURGE = 0x4;
    public static final int LOGOFF_ABORT = 0x8;
    public static final int LOGOFF_QUIET = 0x10;
    public static final int LOGOFF_COMPLETE = 0x10000;
    public static final int LOGOFF_INBOUND = 0x20000;
    public static final int LOGOFF_OUTBOUND = 0x40000;
    public static final int LOGOFF_OUTBOUND_QUEUE = 0x80000;

    // object types (PR_OBJECT_TYPE)
    public static final int MAPI_STORE = 1;
    public static final int MAPI_ADDRBOOK = 2;
    public static final int MAPI_FOLDER = 3;
    public static final int MAPI_ABCONT = 4;
    public static final int MAPI_MESSAGE = 5;
    public static final int MAPI_MAILUSER = 6;
    public static final int MAPI_STATUS = 10;
    public static final int MAPI_SESSION = 11;

    // tables
    public static final int TBL_BATCH = 2;
    public static final int BOOKMARK_BEGINNING = 0;

    // IMessage::ModifyRecipients (MAPIDefS.h MODRECIP_*)
    public static final int MODRECIP_ADD = 0x2;
    public static final int MODRECIP_MODIFY = 0x4;
    public static final int MODRECIP_REMOVE = 0x8;

    private static final Map<Integer, String> LOGOFF_NAMES = new LinkedHashMap<>();

    static {
        LOGOFF_NAMES.put(MAPI_LOGOFF_SHARED, "MAPI_LOGOFF_SHARED");
        LOGOFF_NAMES.put(MAPI_LOGOFF_UI, "MAPI_LOGOFF_UI");
    }

    /** The names of the IMAPISession::Logoff flags set in {@code flags}, in bit order. */
    public static List<String> logoffFlagNames(int flags) {
        List<String> names = new ArrayList<>();
        LOGOFF_NAMES.forEach((bit, name) -> {
            if ((flags & bit) != 0) {
                names.add(name);
            }
        });
        int unknown = flags & ~(MAPI_LOGOFF_SHARED | MAPI_LOGOFF_UI);
        if (unknown != 0) {
            names.add(HResult.hex(unknown));
        }
        return names;
    }
}
