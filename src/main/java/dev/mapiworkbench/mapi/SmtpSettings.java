package dev.mapiworkbench.mapi;

import java.util.Locale;
import java.util.Objects;

/**
 * Where the simulated spooler hands mail when it uses a real SMTP server instead of the simulated
 * transport (docs/decisions/0160-smtp-transport.md).
 *
 * @param host               server host name or address
 * @param port               server port, 1-65535
 * @param security           plain, STARTTLS (required, not opportunistic) or implicit TLS
 * @param user               AUTH user (PLAIN or LOGIN), null for no AUTH
 * @param password           AUTH password, in memory only; never saved, logged or printed
 * @param trustedFingerprint SHA-256 fingerprint (64 hex digits, colons allowed) of one server
 *                           certificate to trust although no trusted CA signed it (a test server);
 *                           null trusts only the JDK's CAs. The host name is checked either way.
 * @param sender             the From address; null uses the user when it is an address, else
 *                           {@code <profile>@localhost}
 * @param connectTimeoutMillis timeout for connecting, &gt; 0
 * @param timeoutMillis      timeout for each read and write on the connection, &gt; 0
 */
public record SmtpSettings(
        String host,
        int port,
        Security security,
        String user,
        Secret password,
        String trustedFingerprint,
        String sender,
        long connectTimeoutMillis,
        long timeoutMillis) {

    /** Connection security. */
    public enum Security {
        /** No TLS (a local test server). */
        NONE(25),
        /** Plain connect, then STARTTLS; refuses to go on when the server does not offer it. */
        STARTTLS(587),
        /** TLS from the first byte (SMTPS). */
        TLS(465);

        private final int defaultPort;

        Security(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        public int defaultPort() {
            return defaultPort;
        }

        /** "none", "starttls" or "tls". */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@link #id()}; null when it is none of them. */
        public static Security parse(String s) {
            for (Security v : values()) {
                if (v.id().equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return v;
                }
            }
            return null;
        }
    }

    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;
    public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

    public SmtpSettings {
        Objects.requireNonNull(security, "security");
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the SMTP host must be a host name or address, not '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the SMTP port must be 1-65535, not " + port);
        }
        if (connectTimeoutMillis <= 0 || timeoutMillis <= 0) {
            throw new IllegalArgumentException("SMTP timeouts must be > 0");
        }
        user = user == null || user.isBlank() ? null : user.trim();
        sender = sender == null || sender.isBlank() ? null : sender.trim();
        trustedFingerprint = normalizeFingerprint(trustedFingerprint);
    }

    /** Host and port with the default timeouts, no AUTH, no pinned certificate. */
    public static SmtpSettings of(String host, int port, Security security) {
        return new SmtpSettings(
                host, port, security, null, null, null, null, DEFAULT_CONNECT_TIMEOUT_MILLIS, DEFAULT_TIMEOUT_MILLIS);
    }

    public SmtpSettings withUser(String newUser, Secret newPassword) {
        return new SmtpSettings(
                host,
                port,
                security,
                newUser,
                newPassword,
                trustedFingerprint,
                sender,
                connectTimeoutMillis,
                timeoutMillis);
    }

    public SmtpSettings withPassword(Secret newPassword) {
        return withUser(user, newPassword);
    }

    public SmtpSettings withTrustedFingerprint(String fingerprint) {
        return new SmtpSettings(
                host, port, security, user, password, fingerprint, sender, connectTimeoutMillis, timeoutMillis);
    }

    public SmtpSettings withSender(String newSender) {
        return new SmtpSettings(
                host,
                port,
                security,
                user,
                password,
                trustedFingerprint,
                newSender,
                connectTimeoutMillis,
                timeoutMillis);
    }

    public SmtpSettings withTimeouts(long connectMillis, long ioMillis) {
        return new SmtpSettings(
                host, port, security, user, password, trustedFingerprint, sender, connectMillis, ioMillis);
    }

    /** "host:port (starttls)" for status lines; never the password. */
    public String describe() {
        return host + ":" + port + " (" + security.id() + (user != null ? ", user " + user : "") + ")";
    }

    /**
     * Upper-case hex without separators, or null for null/blank.
     *
     * @throws IllegalArgumentException when it is not 64 hex digits (SHA-256)
     */
    public static String normalizeFingerprint(String fingerprint) {
        if (fingerprint == null || fingerprint.isBlank()) {
            return null;
        }
        String hex = fingerprint.trim().replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (hex.startsWith("SHA256") || hex.startsWith("SHA-256")) {
            hex = hex.substring(hex.indexOf('6') + 1).replace("=", "");
        }
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException(
                    "a trusted certificate fingerprint must be 64 hex digits (SHA-256), not '" + fingerprint + "'");
        }
        return hex;
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + describe() + (password != null ? ", password set" : "")
                + (trustedFingerprint != null ? ", trusted certificate " + trustedFingerprint : "") + "]";
    }
}
