package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.SmtpSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A profile's transport choice, beside its store file: {@code <profileDir>/<profile>.transport.properties}
 * (decision 0160). Keys {@code transport} ({@code simulated} or {@code smtp}), {@code smtp.host},
 * {@code smtp.port}, {@code smtp.security}, {@code smtp.user}, {@code smtp.trustedFingerprint},
 * {@code smtp.sender}, {@code smtp.connectTimeoutMillis}, {@code smtp.timeoutMillis}. There is no
 * password key: a password is never written, and one found in the file is ignored.
 */
final class ProfileTransportFile {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileTransportFile.class);
    static final String SUFFIX = ".transport.properties";

    private ProfileTransportFile() {}

    static Path file(Path dir, String profile) {
        return dir.resolve(profile + SUFFIX);
    }

    /** The saved SMTP settings, or null: no folder, no file, "simulated", or a file that cannot be used (logged). */
    static SmtpSettings load(Path dir, String profile) {
        if (dir == null) {
            return null;
        }
        Path f = file(dir, profile);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            props.load(in);
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}; using the simulated transport", f, e.getMessage());
            return null;
        }
        if (!"smtp".equalsIgnoreCase(props.getProperty("transport", "simulated").trim())) {
            return null;
        }
        try {
            SmtpSettings.Security sec = SmtpSettings.Security.parse(props.getProperty("smtp.security", "none"));
            if (sec == null) {
                throw new IllegalArgumentException("smtp.security must be none, starttls or tls");
            }
            int port = Integer.parseInt(props.getProperty("smtp.port", Integer.toString(sec.defaultPort()))
                    .trim());
            return new SmtpSettings(
                    props.getProperty("smtp.host", "").trim(),
                    port,
                    sec,
                    props.getProperty("smtp.user"),
                    null,
                    props.getProperty("smtp.trustedFingerprint"),
                    props.getProperty("smtp.sender"),
                    Long.parseLong(props.getProperty(
                                    "smtp.connectTimeoutMillis",
                                    Long.toString(SmtpSettings.DEFAULT_CONNECT_TIMEOUT_MILLIS))
                            .trim()),
                    Long.parseLong(
                            props.getProperty("smtp.timeoutMillis", Long.toString(SmtpSettings.DEFAULT_TIMEOUT_MILLIS))
                                    .trim()));
        } catch (IllegalArgumentException e) {
            LOG.warn("{} is not usable ({}); using the simulated transport", f, e.getMessage());
            return null;
        }
    }

    /** Writes the choice (null: simulated) atomically; never the password. */
    static void save(Path dir, String profile, SmtpSettings s) {
        Properties props = new Properties();
        props.setProperty("transport", s == null ? "simulated" : "smtp");
        if (s != null) {
            props.setProperty("smtp.host", s.host());
            props.setProperty("smtp.port", Integer.toString(s.port()));
            props.setProperty("smtp.security", s.security().id());
            if (s.user() != null) {
                props.setProperty("smtp.user", s.user());
            }
            if (s.trustedFingerprint() != null) {
                props.setProperty("smtp.trustedFingerprint", s.trustedFingerprint());
            }
            if (s.sender() != null) {
                props.setProperty("smtp.sender", s.sender());
            }
            props.setProperty("smtp.connectTimeoutMillis", Long.toString(s.connectTimeoutMillis()));
            props.setProperty("smtp.timeoutMillis", Long.toString(s.timeoutMillis()));
        }
        Path f = file(dir, profile);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, profile, ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "MAPI Workbench transport of profile " + profile + " (no password is ever stored)");
            }
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }
}
