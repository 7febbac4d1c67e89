package dev.mapiworkbench.teardown;

/**
 * Checks an executed teardown trace against the documented rules (seed 000 and the Logoff page) and
 * returns findings, each with a stable rule id, a severity, a message and the seed step it breaks.
 * Rule ids (docs/decisions/0032-linter-rule-ids.md):
 * <ul>
 *   <li>{@value #OBJECTS_OPEN_AT_LOGOFF} (error, step 2): Logoff while objects are still open</li>
 *   <li>{@value #ADVISE_NOT_CANCELLED} (error, step 1): advise connections never cancelled</li>
 *   <li>{@value #BUFFERS_NOT_FREED} (error, step 3): cached buffers not freed</li>
 *   <li>{@value #OLE_AFTER_MAPI_UNINIT} (error, step 7): OleUninitialize after MAPIUninitialize</li>
 *   <li>{@value #DEINIT_WITHOUT_INIT} (error, step 8): DeinitMapiUtil without ScInitMapiUtil</li>
 *   <li>{@value #CALL_AFTER_LOGOFF} (error, step 4): a call other than Release after Logoff</li>
 *   <li>{@value #UNBALANCED_MAPI_INIT} (error, step 7): MAPIInitialize / MAPIUninitialize not balanced</li>
 *   <li>{@value #LOGOFF_SHARED_PASSED} (warning, step 4): MAPI_LOGOFF_SHARED passed</li>
 * </ul>
 */
public final class OrderLinter {

    public static final String OBJECTS_OPEN_AT_LOGOFF = "objects-open-at-logoff";
    public static final String ADVISE_NOT_CANCELLED = "advise-not-cancelled";
    public static final String BUFFERS_NOT_FREED = "buffers-not-freed";
    public static final String OLE_AFTER_MAPI_UNINIT = "ole-uninitialize-after-mapi-uninitialize";
    public static final String DEINIT_WITHOUT_INIT = "deinit-mapi-util-without-init";
    public static final String CALL_AFTER_LOGOFF = "call-after-logoff";
    public static final String UNBALANCED_MAPI_INIT = "unbalanced-mapi-initialize";
    public static final String LOGOFF_SHARED_PASSED = "logoff-shared-passed";

    /** The Logoff page's note, quoted by {@value #LOGOFF_SHARED_PASSED}. */
    public static final String LOGOFF_SHARED_NOTE = "IMAPISession::Logoff: because of fast shutdown in Outlook 2007 SP2 "
            + "and later, clients should never pass MAPI_LOGOFF_SHARED; it makes all MAPI clients start shutting "
            + "down, with unexpected results";
}
