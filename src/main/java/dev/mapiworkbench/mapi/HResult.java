package dev.mapiworkbench.mapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HRESULT / SCODE as MAPI returns it. Every code of mapi-reference §2.4 has a constant and a
 * name; unknown codes print as hex ({@code 0x8004ABCD}).
 */
public final class HResult {

    private static final Map<Integer, HResult> KNOWN = new LinkedHashMap<>();

    public static final HResult S_OK = define("S_OK", 0x00000000);
    public static final HResult S_FALSE = define("S_FALSE", 0x00000001);
    public static final HResult MAPI_E_CALL_FAILED = define("MAPI_E_CALL_FAILED", 0x80004005);
    public static final HResult MAPI_E_NOT_ENOUGH_MEMORY = define("MAPI_E_NOT_ENOUGH_MEMORY", 0x8007000E);
    public static final HResult MAPI_E_INVALID_PARAMETER = define("MAPI_E_INVALID_PARAMETER", 0x80070057);
    public static final HResult MAPI_E_INTERFACE_NOT_SUPPORTED = define("MAPI_E_INTERFACE_NOT_SUPPORTED", 0x80004002);
    public static final HResult MAPI_E_NO_ACCESS = define("MAPI_E_NO_ACCESS", 0x80070005);
    public static final HResult MAPI_E_NO_SUPPORT = define("MAPI_E_NO_SUPPORT", 0x80040102);
    public static final HResult MAPI_E_BAD_CHARWIDTH = define("MAPI_E_BAD_CHARWIDTH", 0x80040103);
    public static final HResult MAPI_E_UNKNOWN_FLAGS = define("MAPI_E_UNKNOWN_FLAGS", 0x80040106);
    public static final HResult MAPI_E_INVALID_OBJECT = define("MAPI_E_INVALID_OBJECT", 0x80040108);
    public static final HResult MAPI_E_OBJECT_DELETED = define("MAPI_E_OBJECT_DELETED", 0x8004010A);
    public static final HResult MAPI_E_BUSY = define("MAPI_E_BUSY", 0x8004010B);
    public static final HResult MAPI_E_NOT_ENOUGH_RESOURCES = define("MAPI_E_NOT_ENOUGH_RESOURCES", 0x8004010E);
    public static final HResult MAPI_E_NOT_FOUND = define("MAPI_E_NOT_FOUND", 0x8004010F);
    /** MAPICode.h: {@code #define MAPI_E_INVALID_BOOKMARK MAKE_MAPI_E( 0x405 )}. */
    public static final HResult MAPI_E_INVALID_BOOKMARK = define("MAPI_E_INVALID_BOOKMARK", 0x80040405);

    public static final HResult MAPI_E_VERSION = define("MAPI_E_VERSION", 0x80040110);
    public static final HResult MAPI_E_LOGON_FAILED = define("MAPI_E_LOGON_FAILED", 0x80040111);
    public static final HResult MAPI_E_SESSION_LIMIT = define("MAPI_E_SESSION_LIMIT", 0x80040112);
    public static final HResult MAPI_E_USER_CANCEL = define("MAPI_E_USER_CANCEL", 0x80040113);
    public static final HResult MAPI_E_NETWORK_ERROR = define("MAPI_E_NETWORK_ERROR", 0x80040115);
    /** MAKE_MAPI_E(0x114) (MAPICode.h:118): AbortSubmit on a message the spooler has locked. */
    public static final HResult MAPI_E_UNABLE_TO_ABORT = define("MAPI_E_UNABLE_TO_ABORT", 0x80040114);

    public static final HResult MAPI_E_TOO_COMPLEX = define("MAPI_E_TOO_COMPLEX", 0x80040117);
    public static final HResult MAPI_E_UNCONFIGURED = define("MAPI_E_UNCONFIGURED", 0x8004011C);
    public static final HResult MAPI_E_END_OF_SESSION = define("MAPI_E_END_OF_SESSION", 0x80040200);
    public static final HResult MAPI_E_UNKNOWN_ENTRYID = define("MAPI_E_UNKNOWN_ENTRYID", 0x80040201);
    public static final HResult MAPI_W_ERRORS_RETURNED = define("MAPI_W_ERRORS_RETURNED", 0x00040380);
    public static final HResult MAPI_E_TIMEOUT = define("MAPI_E_TIMEOUT", 0x80040401);
    /** MAKE_MAPI_E(0x601) (MAPICode.h:181): AbortSubmit on a message no longer in the outgoing queue. */
    public static final HResult MAPI_E_NOT_IN_QUEUE = define("MAPI_E_NOT_IN_QUEUE", 0x80040601);

    public static final HResult MAPI_E_NOT_INITIALIZED = define("MAPI_E_NOT_INITIALIZED", 0x80040605);
    public static final HResult RPC_E_CHANGED_MODE = define("RPC_E_CHANGED_MODE", 0x80010106);
    public static final HResult CO_E_NOTINITIALIZED = define("CO_E_NOTINITIALIZED", 0x800401F0);

    private final int value;
    private final String name;

    private HResult(int value, String name) {
        this.value = value;
        this.name = name;
    }

    private static HResult define(String name, int value) {
        HResult hr = new HResult(value, name);
        KNOWN.put(value, hr);
        return hr;
    }

    /** The HResult for a raw value; unknown values get a hex name. */
    public static HResult of(int value) {
        HResult known = KNOWN.get(value);
        return known != null ? known : new HResult(value, hex(value));
    }

    /** Every named code, in definition order. */
    public static Map<Integer, HResult> known() {
        return Collections.unmodifiableMap(KNOWN);
    }

    public static String hex(int value) {
        return String.format("0x%08X", value);
    }

    public int value() {
        return value;
    }

    /** The symbolic name ({@code MAPI_E_NOT_FOUND}) or, for an unknown code, its hex form. */
    public String name() {
        return name;
    }

    public boolean isKnown() {
        return KNOWN.containsKey(value);
    }

    /** SUCCEEDED(hr): the severity bit is clear (S_OK, S_FALSE, MAPI_W_*). */
    public boolean succeeded() {
        return value >= 0;
    }

    public boolean failed() {
        return value < 0;
    }

    /** Throws a {@link MapiException} carrying this code when it is a failure. */
    public HResult check(String api) {
        if (failed()) {
            throw new MapiException(this, api);
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HResult other && other.value == value;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(value);
    }

    /** {@code MAPI_E_NOT_FOUND (0x8004010F)}. */
    @Override
    public String toString() {
        return Objects.equals(name, hex(value)) ? name : name + " (" + hex(value) + ")";
    }
}
