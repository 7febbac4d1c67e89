package dev.mapiworkbench.app.cli;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.mapi.Secret;
import dev.mapiworkbench.mapi.SmtpControl;
import dev.mapiworkbench.mapi.SmtpSettings;
import java.io.Console;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The SMTP transport options the window and the headless command share (a picocli mixin inside
 * {@link CommonOptions}; docs/cli.md, decision 0160). Without {@code --smtp} the profile's saved
 * choice applies (the simulated transport unless the Transport settings dialog saved a server).
 * The password is never an option: it comes from {@value #PASSWORD_ENV}, or from a prompt on the
 * terminal, or from the window's Transport settings dialog.
 */
public class SmtpOptions {

    /** The environment variable the SMTP AUTH password is read from. */
    public static final String PASSWORD_ENV = "MAPI_WORKBENCH_SMTP_PASSWORD";

    @Option(
            names = "--smtp",
            paramLabel = "HOST[:PORT]",
            description =
                    "Hand mail to this SMTP server instead of the simulated transport (port: by --smtp-security, 25/587/465).")
    String server;

    @Option(names = "--smtp-security", paramLabel = "MODE", description = "none | starttls | tls (default none).")
    String security;

    @Option(
            names = "--smtp-user",
            paramLabel = "USER",
            description = "AUTH user (PLAIN or LOGIN); the password comes from " + PASSWORD_ENV + " or a prompt.")
    String user;

    @Option(
            names = "--smtp-trust-fingerprint",
            paramLabel = "SHA256",
            description =
                    "Trust exactly this server certificate (SHA-256, 64 hex digits) although no CA signed it: for test servers.")
    String trustFingerprint;

    @Option(
            names = "--smtp-from",
            paramLabel = "ADDRESS",
            description = "Sender address (default: the user, else <profile>@localhost).")
    String from;

    @Option(
            names = "--smtp-timeout",
            paramLabel = "SECONDS",
            description = "Connect and read timeout (default 10 s connect, 30 s read).")
    Double timeoutSeconds;

    @Option(
            names = "--smtp-retry",
            paramLabel = "SECONDS",
            description = "The first pause before deferred mail is tried again (default 2 s; it doubles after each"
                    + " failure, up to 120 s or this value when larger). Retry now ends a pause.")
    Double retrySeconds;

    @Option(names = "--smtp-save", description = "Also save these SMTP settings in the profile (never the password).")
    boolean save;

    @Option(
            names = "--simulated-transport",
            description = "Use the simulated transport for this run even if the profile names an SMTP server.")
    boolean simulated;

    /**
     * The settings the options describe (no password), or empty without {@code --smtp}.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad option
     */
    public Optional<SmtpSettings> settings() {
        if (retrySeconds != null && !(retrySeconds > 0 && retrySeconds <= 86_400)) {
            throw new IllegalArgumentException(
                    "--smtp-retry must be more than 0 and at most 86400 seconds, not " + retrySeconds);
        }
        if (server == null) {
            for (String[] o : new String[][] {
                {"--smtp-security", security},
                {"--smtp-user", user},
                {"--smtp-trust-fingerprint", trustFingerprint},
                {"--smtp-from", from}
            }) {
                if (o[1] != null) {
                    throw new IllegalArgumentException(o[0] + " needs --smtp HOST[:PORT]");
                }
            }
            if (save) {
                throw new IllegalArgumentException("--smtp-save needs --smtp HOST[:PORT]");
            }
            return Optional.empty();
        }
        if (simulated) {
            throw new IllegalArgumentException("--simulated-transport and --smtp exclude each other");
        }
        SmtpSettings.Security sec =
                security == null ? SmtpSettings.Security.NONE : SmtpSettings.Security.parse(security);
        if (sec == null) {
            throw new IllegalArgumentException(
                    OptionValues.invalid("--smtp-security", security, "expected none, starttls or tls"));
        }
        String host = server.trim();
        int port = sec.defaultPort();
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && host.indexOf(':') == colon) {
            port = port(host.substring(colon + 1));
            host = host.substring(0, colon);
        } else if (host.startsWith("[") && host.contains("]:")) {
            port = port(host.substring(host.indexOf("]:") + 2));
            host = host.substring(1, host.indexOf("]:"));
        }
        if (timeoutSeconds != null && !(timeoutSeconds > 0 && timeoutSeconds <= 3600)) {
            throw new IllegalArgumentException(
                    "--smtp-timeout must be more than 0 and at most 3600 seconds, not " + timeoutSeconds);
        }
        try {
            SmtpSettings s = SmtpSettings.of(host, port, sec)
                    .withUser(user, null)
                    .withTrustedFingerprint(trustFingerprint)
                    .withSender(from);
            if (timeoutSeconds != null) {
                long ms = Math.max(1, Math.round(timeoutSeconds * 1000));
                s = s.withTimeouts(ms, ms);
            }
            return Optional.of(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--smtp: " + e.getMessage(), e);
        }
    }

    /** The port of {@code --smtp HOST:PORT}. */
    private int port(String p) {
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    OptionValues.invalid("--smtp", server, "the port '" + p + "' is not a number"), e);
        }
    }

    /** Null when the options are usable, else a one-line message. */
    public String validate() {
        try {
            settings();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The simulator's retry pauses for {@code --smtp-retry} (sim.SmtpLink), else none. */
    Map<String, String> backendExtras() {
        if (retrySeconds == null) {
            return Map.of();
        }
        long ms = Math.max(1, Math.round(retrySeconds * 1000));
        return Map.of(
                "sim.smtpRetryBaseMillis",
                Long.toString(ms),
                "sim.smtpRetryMaxMillis",
                Long.toString(Math.max(ms, 120_000)));
    }

    public String user() {
        return user;
    }

    /**
     * The password: {@value #PASSWORD_ENV} when set, else a prompt when a terminal is attached and a
     * user is named, else null.
     */
    public Secret password(Map<String, String> env, Console console, String forUser) {
        String v = env.get(PASSWORD_ENV);
        if (v != null && !v.isEmpty()) {
            return Secret.of(v);
        }
        if (console != null && forUser != null) {
            char[] typed = console.readPassword("SMTP password for %s: ", forUser);
            return typed == null ? null : Secret.of(typed);
        }
        return null;
    }

    /**
     * Applies the options to a client that has not logged on yet: {@code --smtp} (saved with
     * {@code --smtp-save}), {@code --simulated-transport}, and the password for the server in use.
     * A backend without the SMTP capability (win32) is left alone.
     *
     * @return a line for the progress output, or null when nothing was changed
     */
    public String applyTo(ClientSession client, Map<String, String> env, Console console) {
        Optional<SmtpControl> c = client.capability(SmtpControl.class);
        if (c.isEmpty()) {
            return server != null ? "this backend has no SMTP transport; --smtp is ignored" : null;
        }
        Optional<SmtpSettings> s = settings();
        if (simulated) {
            c.get().useSmtp(null, false);
            return "using the simulated transport for this run";
        }
        if (s.isPresent()) {
            c.get().setPassword(password(env, console, s.get().user()));
            c.get().useSmtp(s.get(), save);
            return "handing mail to " + s.get().describe() + (save ? " (saved in the profile)" : "");
        }
        Optional<SmtpSettings> saved = c.get().smtp();
        if (saved.isPresent()) {
            c.get().setPassword(password(env, console, saved.get().user()));
            return "the profile hands mail to " + saved.get().describe();
        }
        return null;
    }
}
