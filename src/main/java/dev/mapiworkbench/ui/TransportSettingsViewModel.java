package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.Secret;
import dev.mapiworkbench.mapi.SmtpSettings;
import dev.mapiworkbench.mapi.SmtpSettings.Security;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Transport settings dialog's state (decision 0250): the simulated transport or an SMTP server
 * (host, port, security, user), the explicit "trust this certificate" choice for a test server, and
 * the first problem with what was typed. The password is not kept here: the dialog hands what was
 * typed straight to {@link #toResult(char[])}, which wraps it in a {@link Secret}.
 */
public final class TransportSettingsViewModel {

    /** What Apply hands to the session; {@code password} only counts with {@code replacePassword}. */
    public record Result(SmtpSettings settings, boolean replacePassword, Secret password) {
        /** The simulated transport. */
        public boolean simulated() {
            return settings == null;
        }
    }

    /** A field a problem is about (the dialog focuses it). */
    public enum Field {
        HOST,
        PORT,
        USER,
        FINGERPRINT
    }

    /** "(SHA-256 ABCD…)" in a refused certificate's reply (sim.transport.SmtpTransport). */
    private static final Pattern REFUSED = Pattern.compile("SHA-256 ([0-9A-Fa-f]{64})");

    private final BooleanProperty smtp = new SimpleBooleanProperty(this, "smtp");
    private final StringProperty host = new SimpleStringProperty(this, "host", "");
    private final StringProperty port = new SimpleStringProperty(this, "port", "");
    private final ObjectProperty<Security> security = new SimpleObjectProperty<>(this, "security", Security.NONE);
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final BooleanProperty trustCertificate = new SimpleBooleanProperty(this, "trustCertificate");
    private final StringProperty fingerprint = new SimpleStringProperty(this, "fingerprint", "");
    private final StringBinding problem;
    private final SmtpSettings base;
    private final boolean passwordSet;
    private final String savedUser;
    private final String refusedFingerprint;

    /**
     * @param state   what the session uses now
     * @param replies the servers' last replies to Outbox messages (a refused certificate's fingerprint
     *                is offered from them)
     */
    public TransportSettingsViewModel(SessionGateway.SmtpState state, Iterable<String> replies) {
        this.base = state.settings();
        this.passwordSet = state.passwordSet();
        this.refusedFingerprint = refusedFingerprint(replies);
        if (base != null) {
            smtp.set(true);
            host.set(base.host());
            port.set(Integer.toString(base.port()));
            security.set(base.security());
            user.set(base.user() == null ? "" : base.user());
            trustCertificate.set(base.trustedFingerprint() != null);
            fingerprint.set(base.trustedFingerprint() == null ? "" : base.trustedFingerprint());
        } else {
            port.set(Integer.toString(Security.NONE.defaultPort()));
        }
        this.savedUser = user.get().trim();
        // a port still at the old security's default follows the new one (25 / 587 / 465)
        security.addListener((obs, was, now) -> {
            String p = port.get() == null ? "" : port.get().trim();
            if (now != null && (p.isEmpty() || (was != null && p.equals(Integer.toString(was.defaultPort()))))) {
                port.set(Integer.toString(now.defaultPort()));
            }
        });
        // ticking "trust" offers the certificate the server was refused for
        trustCertificate.addListener((obs, was, now) -> {
            if (now && fingerprint.get().isBlank() && refusedFingerprint != null) {
                fingerprint.set(refusedFingerprint);
            }
        });
        problem = Bindings.createStringBinding(
                () -> {
                    Problem p = check();
                    return p == null ? "" : p.message();
                },
                smtp,
                host,
                port,
                security,
                user,
                trustCertificate,
                fingerprint);
    }

    /** The first problem with the input, or null. */
    public record Problem(Field field, String message) {}

    /** The first problem, or null when Apply may go ahead. */
    public Problem check() {
        if (!smtp.get()) {
            return null;
        }
        String h = host.get() == null ? "" : host.get().trim();
        if (h.isEmpty()) {
            return new Problem(Field.HOST, "Enter the SMTP server's host name or address.");
        }
        if (h.chars().anyMatch(Character::isWhitespace)) {
            return new Problem(Field.HOST, "The host name must not contain spaces.");
        }
        if (h.contains(":") && !h.startsWith("[") && h.indexOf(':') == h.lastIndexOf(':')) {
            return new Problem(Field.HOST, "Put the port in the Port field, not after the host name.");
        }
        String p = port.get() == null ? "" : port.get().trim();
        int n;
        try {
            n = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 65535) {
            return new Problem(
                    Field.PORT,
                    p.isEmpty()
                            ? "Enter the port: a number from 1 to 65535."
                            : "The port must be a number from 1 to 65535, not '" + p + "'.");
        }
        String u = user.get() == null ? "" : user.get().trim();
        if (u.chars().anyMatch(Character::isWhitespace)) {
            return new Problem(Field.USER, "The user name must not contain spaces.");
        }
        if (trustCertificate.get()) {
            String f = fingerprint.get() == null ? "" : fingerprint.get();
            if (f.isBlank()) {
                return new Problem(
                        Field.FINGERPRINT,
                        "Paste the SHA-256 fingerprint of the certificate to trust, or untick \"Trust this certificate\".");
            }
            try {
                SmtpSettings.normalizeFingerprint(f);
            } catch (IllegalArgumentException e) {
                return new Problem(
                        Field.FINGERPRINT, "The fingerprint must be 64 hex digits (SHA-256); colons are allowed.");
            }
        }
        return null;
    }

    /**
     * The settings to apply, and what to do with the password: typed ({@code typedPassword} not empty)
     * replaces the one held; nothing typed keeps it while the user stays the same, and forgets it
     * when the user changed or SMTP is switched off.
     *
     * @throws IllegalStateException when {@link #check()} finds a problem
     */
    public Result toResult(char[] typedPassword) {
        Problem p = check();
        if (p != null) {
            throw new IllegalStateException(p.message());
        }
        if (!smtp.get()) {
            return new Result(null, true, null);
        }
        String u = user.get().trim();
        // the sender and the timeouts the dialog does not show stay as they were
        SmtpSettings s = new SmtpSettings(
                host.get().trim(),
                Integer.parseInt(port.get().trim()),
                security.get(),
                u,
                null,
                trustCertificate.get() ? fingerprint.get() : null,
                base == null ? null : base.sender(),
                base == null ? SmtpSettings.DEFAULT_CONNECT_TIMEOUT_MILLIS : base.connectTimeoutMillis(),
                base == null ? SmtpSettings.DEFAULT_TIMEOUT_MILLIS : base.timeoutMillis());
        Secret typed = Secret.of(typedPassword);
        if (typed != null) {
            return new Result(s, true, typed);
        }
        boolean sameUser = u.equals(savedUser) && !u.isEmpty();
        return new Result(s, !sameUser, null);
    }

    /** The fingerprint of the last certificate a server was refused for, from the replies; else null. */
    static String refusedFingerprint(Iterable<String> replies) {
        String found = null;
        if (replies != null) {
            for (String r : replies) {
                Matcher m = r == null ? null : REFUSED.matcher(r);
                if (m != null && m.find()) {
                    found = m.group(1).toUpperCase(Locale.ROOT);
                }
            }
        }
        return found;
    }

    /** "Mail goes to …", for the Transport tab and the log. */
    public static String describe(SessionGateway.SmtpState state) {
        if (state == null) {
            return "This backend has no SMTP transport; its own transport sends the mail.";
        }
        if (state.settings() == null) {
            return "Mail goes to the simulated transport (no real mail is sent).";
        }
        return "Mail goes to the SMTP server " + state.settings().describe()
                + (state.settings().trustedFingerprint() != null ? ", one test certificate trusted" : "")
                + (state.settings().user() != null
                        ? (state.passwordSet() ? ", password set" : ", no password yet")
                        : "")
                + ".";
    }

    /** The fingerprint a server's certificate was refused for (shown beside the trust choice), or null. */
    public String refusedFingerprint() {
        return refusedFingerprint;
    }

    /** A password is held in memory for this run (leaving the field empty keeps it). */
    public boolean passwordSet() {
        return passwordSet;
    }

    /** The first problem in words ("" when none), live. */
    public StringBinding problemProperty() {
        return problem;
    }

    /** True: an SMTP server; false: the simulated transport. */
    public BooleanProperty smtpProperty() {
        return smtp;
    }

    public StringProperty hostProperty() {
        return host;
    }

    /** The port as typed (checked by {@link #check()}). */
    public StringProperty portProperty() {
        return port;
    }

    public ObjectProperty<Security> securityProperty() {
        return security;
    }

    public StringProperty userProperty() {
        return user;
    }

    /** The explicit, visible choice to trust one certificate no CA signed (a test server). */
    public BooleanProperty trustCertificateProperty() {
        return trustCertificate;
    }

    public StringProperty fingerprintProperty() {
        return fingerprint;
    }
}
