package dev.mapiworkbench.sim;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.ProfileInUseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One profile, one spooler (docs/decisions/0120): the lock a runtime holds on a profile's store from
 * its first logon until its last session has logged off. A lock file {@code <profile>.lock} in the
 * profile folder names the holder (pid, host, since); the exclusion itself is an OS file lock
 * ({@link FileChannel#tryLock()}), so a holder that crashed or was killed never blocks anyone: the OS
 * drops its lock, and the next logon takes the file over and rewrites it. Within one JVM (where the
 * OS lock cannot tell two runtimes apart) a registry of held locks refuses a second runtime the same way.
 *
 * <p>The lock file is only ever read and written through the one channel that holds the lock: on
 * POSIX systems closing any other descriptor of the file would drop the process's lock.
 */
final class ProfileLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileLock.class);
    /** File name suffix of a profile's lock file in the profile folder. */
    static final String LOCK_SUFFIX = ".lock";

    private static final int MAX_LOCK_FILE = 4096;
    /** The profiles locked in this JVM (the OS lock cannot tell two runtimes of one process apart). */
    @GuardedBy("HELD")
    private static final Map<Path, ProfileInUseException.Holder> HELD = new HashMap<>();

    private static volatile String hostName;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    @GuardedBy("HELD")
    private boolean released;

    private ProfileLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a profile in a folder. */
    static Path lockFile(Path profileDir, String profile) {
        return profileDir.resolve(profile + LOCK_SUFFIX).toAbsolutePath().normalize();
    }

    /**
     * Takes the profile's lock or fails.
     *
     * @throws ProfileInUseException when another process or runtime holds it (the message names the holder)
     * @throws MapiException MAPI_E_LOGON_FAILED when the lock file cannot be created or locked (names the reason)
     */
    static ProfileLock acquire(Path profileDir, String profile) {
        Path file = lockFile(profileDir, profile);
        try {
            Files.createDirectories(file.getParent());
            // one spelling per folder (symbolic links resolved), so the registry below sees every
            // holder in this JVM and no second channel is ever opened on a file this JVM has locked
            file = file.getParent().toRealPath().resolve(file.getFileName());
        } catch (IOException | RuntimeException e) {
            throw failed(profile, file, "cannot create the profile folder: " + reason(e), e);
        }
        synchronized (HELD) {
            ProfileInUseException.Holder inJvm = HELD.get(file);
            if (inJvm != null) {
                throw new ProfileInUseException("MAPILogonEx", profile, inJvm);
            }
            return take(file, profile);
        }
    }

    @GuardedBy("HELD")
    private static ProfileLock take(Path file, String profile) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            throw failed(profile, file, "cannot open the lock file: " + reason(e), e);
        }
        boolean keep = false;
        try {
            FileLock fl;
            try {
                fl = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                fl = null; // held by this JVM through a path HELD does not know (another spelling): refuse
            }
            if (fl == null) {
                String holder;
                try {
                    holder = read(ch);
                } catch (IOException e) {
                    holder = ""; // Windows: a locked range cannot be read by another process
                }
                throw new ProfileInUseException("MAPILogonEx", profile, parse(holder));
            }
            String previous = read(ch);
            if (!previous.isBlank()) {
                ProfileInUseException.Holder stale = parse(previous);
                LOG.info(
                        "Profile '{}': the lock file {} named {}, which no longer holds it (ended or killed);"
                                + " taking it over",
                        profile,
                        file,
                        stale.describe());
            }
            ProfileInUseException.Holder me = new ProfileInUseException.Holder(
                    ProcessHandle.current().pid(), host(), Instant.now().truncatedTo(ChronoUnit.SECONDS), true);
            byte[] content = format(me);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(content), 0);
            ch.force(true);
            HELD.put(file, me);
            keep = true;
            return new ProfileLock(file, ch, fl);
        } catch (IOException e) {
            throw failed(profile, file, "cannot lock the lock file: " + reason(e), e);
        } finally {
            if (!keep) {
                closeQuietly(ch);
            }
        }
    }

    /**
     * Empties the lock file (an empty lock file means "free"; a non-empty one whose lock can be taken
     * was left by a holder that ended without logging off) and releases the lock. Idempotent. The file
     * is never deleted: a taker that had it open would lock a deleted file while a third process
     * locks a new one at the same path.
     */
    @Override
    public void close() {
        synchronized (HELD) {
            if (released) {
                return;
            }
            released = true;
            HELD.remove(file);
            try {
                channel.truncate(0);
                channel.force(true);
            } catch (IOException e) {
                LOG.warn("Cannot empty the profile lock file {} ({}); the next logon takes it over", file, reason(e));
            }
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("Releasing the lock on {} failed", file, e);
            }
            closeQuietly(channel);
        }
    }

    Path file() {
        return file;
    }

    private static MapiException failed(String profile, Path file, String reason, Throwable cause) {
        MapiException e = new MapiException(
                HResult.MAPI_E_LOGON_FAILED,
                "MAPILogonEx",
                "cannot lock the profile '" + profile + "' (" + file + "): " + reason);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String read(FileChannel ch) throws IOException {
        long size = Math.min(ch.size(), MAX_LOCK_FILE);
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // read until full or end of file
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    private static byte[] format(ProfileInUseException.Holder h) {
        return ("pid=" + h.pid() + "\nhost=" + h.host() + "\nsince=" + h.since() + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a lock file's text; what is missing or unreadable stays null (0 for the pid). */
    static ProfileInUseException.Holder parse(String text) {
        long pid = 0;
        String host = null;
        Instant since = null;
        for (String line : text.split("\n", 64)) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).trim();
            try {
                switch (key) {
                    case "pid" -> pid = Long.parseLong(value);
                    case "host" -> host = value.isEmpty() ? null : cut(value);
                    case "since" -> since = Instant.parse(value);
                    default -> {}
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                // a damaged lock file still names what it can
            }
        }
        boolean same = pid == ProcessHandle.current().pid() && host != null && host.equals(host());
        return new ProfileInUseException.Holder(pid, host, since, same);
    }

    private static String cut(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    /** The host name without a DNS lookup when the environment or /etc/hostname names it. */
    static String host() {
        String h = hostName;
        if (h == null) {
            h = System.getenv("HOSTNAME");
            if (h == null || h.isBlank()) {
                h = System.getenv("COMPUTERNAME");
            }
            if (h == null || h.isBlank()) {
                try {
                    h = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8)
                            .trim();
                } catch (IOException | RuntimeException e) {
                    h = null;
                }
            }
            if (h == null || h.isBlank()) {
                try {
                    h = java.net.InetAddress.getLocalHost().getHostName();
                } catch (IOException e) {
                    h = "unknown";
                }
            }
            hostName = cut(h.trim());
            h = hostName;
        }
        return h;
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            LOG.debug("Closing a lock file channel failed", e);
        }
    }
}
