package dev.mapiworkbench.client;

/**
 * How a {@link ClientSession} logs on. {@code shared} logs on with MAPI_ALLOW_OTHERS (a shared
 * session this client owns); {@code ole} calls OleInitialize before MAPIInitialize; {@code mapiUtil}
 * calls ScInitMapiUtil after it. {@code profileName} null means the default profile.
 *
 * <p>Raw flags (issue #14 item 5): {@code initFlags} replaces MAPIINIT_0.ulFlags of MAPIInitialize
 * (null: {@code MAPI_MULTITHREAD_NOTIFICATIONS}), {@code logonFlags} replaces the MAPILogonEx flags the
 * client computes (null: computed). Both are passed as given, unknown bits included.
 *
 * <p>{@code minimal} is the Windows CE sample's session (https://learn.microsoft.com/en-us/previous-versions/bb415507(v=msdn.10)):
 * {@code MAPIInitialize(NULL)}, {@code MAPILogonEx(0, NULL, NULL, 0, &pSession)} and nothing else opened —
 * no store, Outbox, address book, status table or advise sink — so the CE plan's three steps end it
 * cleanly. Raw flags still apply when given.
 */
public record LogonOptions(
        boolean shared,
        boolean ole,
        boolean mapiUtil,
        String profileName,
        Integer initFlags,
        Integer logonFlags,
        boolean minimal) {

    public LogonOptions(boolean shared, boolean ole, boolean mapiUtil, String profileName) {
        this(shared, ole, mapiUtil, profileName, null, null, false);
    }

    /** Not shared, no OLE, no MAPI util, default profile, computed flags, the full desktop session. */
    public static LogonOptions defaults() {
        return new LogonOptions(false, false, false, null);
    }

    /** The CE sample's minimal session: MAPIInitialize(NULL), MAPILogonEx(0, NULL, NULL, 0), nothing else. */
    public static LogonOptions ceMinimal() {
        return defaults().withMinimal(true);
    }

    public LogonOptions withShared(boolean value) {
        return new LogonOptions(value, ole, mapiUtil, profileName, initFlags, logonFlags, minimal);
    }

    public LogonOptions withOle(boolean value) {
        return new LogonOptions(shared, value, mapiUtil, profileName, initFlags, logonFlags, minimal);
    }

    public LogonOptions withMapiUtil(boolean value) {
        return new LogonOptions(shared, ole, value, profileName, initFlags, logonFlags, minimal);
    }

    public LogonOptions withProfileName(String value) {
        return new LogonOptions(shared, ole, mapiUtil, value, initFlags, logonFlags, minimal);
    }

    /** MAPIINIT_0.ulFlags as given (null: the default {0, MAPI_MULTITHREAD_NOTIFICATIONS}). */
    public LogonOptions withInitFlags(Integer value) {
        return new LogonOptions(shared, ole, mapiUtil, profileName, value, logonFlags, minimal);
    }

    /** The MAPILogonEx ulFlags as given (null: computed from the other options). */
    public LogonOptions withLogonFlags(Integer value) {
        return new LogonOptions(shared, ole, mapiUtil, profileName, initFlags, value, minimal);
    }

    public LogonOptions withMinimal(boolean value) {
        return new LogonOptions(shared, ole, mapiUtil, profileName, initFlags, logonFlags, value);
    }

    /** The MAPIINIT_0.ulFlags the logon passes (0 for the CE sample's MAPIInitialize(NULL)). */
    public int effectiveInitFlags() {
        dev.mapiworkbench.mapi.MapiInit init = LogonSequence.initStructure(this);
        return init == null ? 0 : init.flags();
    }

    /** The MAPILogonEx flags the logon passes: raw when given, else computed from the options. */
    public int effectiveLogonFlags() {
        return LogonSequence.logonFlags(this);
    }
}
