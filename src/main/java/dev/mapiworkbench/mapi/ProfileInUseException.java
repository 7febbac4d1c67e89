package dev.mapiworkbench.mapi;

import java.time.Instant;

/**
 * {@code MAPILogonEx} refused because another process (or another runtime of this process) holds
 * the profile: one profile, one spooler (docs/decisions/0120). The HRESULT stays
 * {@code MAPI_E_LOGON_FAILED}; {@link #holder()} says who holds the profile, for the window's logon
 * error and the command line's own exit status.
 */
public class ProfileInUseException extends MapiException {

    private static final long serialVersionUID = 1L;

    private final transient Holder holder;

    public ProfileInUseException(String api, String profile, Holder holder) {
        super(
                HResult.MAPI_E_LOGON_FAILED,
                api,
                "the profile '" + profile + "' is in use by " + holder.describe()
                        + "; log off there first (one profile, one spooler)");
        this.holder = holder;
    }

    /** Who holds the profile. */
    public Holder holder() {
        return holder;
    }

    /**
     * The holder of a profile lock: process id, host name, since when, and whether it is this very
     * process (another runtime in the same JVM). A field the lock file did not name is null (0 for the pid).
     */
    public record Holder(long pid, String host, Instant since, boolean thisProcess) {

        /** "process 1234 on host box since 2026-12-01T09:30:00Z" (or "this process (…)"). */
        public String describe() {
            StringBuilder b = new StringBuilder();
            if (thisProcess) {
                b.append("another session of this process (pid ").append(pid).append(')');
            } else if (pid > 0) {
                b.append("process ").append(pid);
            } else {
                b.append("another process");
            }
            if (host != null && !thisProcess) {
                b.append(" on host ").append(host);
            }
            if (since != null) {
                b.append(" since ").append(since);
            }
            return b.toString();
        }
    }
}
