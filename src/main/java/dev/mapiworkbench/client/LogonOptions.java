package dev.mapiworkbench.client;

/**
 * How a {@link ClientSession} logs on. {@code shared} logs on with MAPI_ALLOW_OTHERS (a shared
 * session this client owns); {@code ole} calls OleInitialize before MAPIInitialize; {@code mapiUtil}
 * calls ScInitMapiUtil after it. {@code profileName} null means the default profile.
 */
public record LogonOptions(boolean shared, boolean ole, boolean mapiUtil, String profileName) {

    /** Not shared, no OLE, no MAPI util, default profile. */
    public static LogonOptions defaults() {
        return new LogonOptions(false, false, false, null);
    }

    public LogonOptions withShared(boolean value) {
        return new LogonOptions(value, ole, mapiUtil, profileName);
    }

    public LogonOptions withOle(boolean value) {
        return new LogonOptions(shared, value, mapiUtil, profileName);
    }

    public LogonOptions withMapiUtil(boolean value) {
        return new LogonOptions(shared, ole, value, profileName);
    }

    public LogonOptions withProfileName(String value) {
        return new LogonOptions(shared, ole, mapiUtil, value);
    }
}
