package dev.mapiworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mapiworkbench.app.HeadlessMain;
import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.sim.SimBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Issue 11, items 2-7 and 9: every bad input ends in its exit status, exactly one clear line on
 * stderr (no warning from the log besides it) and the files on disk byte-identical (every file that
 * existed is unchanged; the only file that may appear is the profile's empty lock file, decision 0120).
 */
@Timeout(60)
class BadInputMatrixTest {

    @TempDir
    Path dir;

    /** A case: a name, how to prepare the folder, the arguments ({@code P} = the profile folder), the outcome. */
    record Case(String name, Setup setup, String args, int exit, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Setup {
        /** Prepares {@code dir}; returns the profile folder argument. */
        Path prepare(Path dir) throws Exception;
    }

    private static Path plain(Path dir) {
        return dir.resolve("profile");
    }

    private static Path withFile(Path dir, String content) throws IOException {
        Path p = dir.resolve("profile");
        Files.createDirectories(p);
        Files.writeString(p.resolve("Default.mailstore.db"), content);
        return p;
    }

    static Stream<Case> cases() {
        String huge = "x".repeat(10_000);
        return Stream.of(
                new Case("timeout NaN", BadInputMatrixTest::plain, "--timeout NaN", 64, "--timeout"),
                new Case("timeout just below 0", BadInputMatrixTest::plain, "--timeout -0.001", 64, "--timeout"),
                new Case("profile ''", d -> Path.of(""), "", 64, "--profile must name a folder"),
                new Case("profile ' '", d -> Path.of(" "), "", 64, "--profile must name a folder"),
                new Case(
                        "profile is a file",
                        d -> Files.writeString(d.resolve("file"), "x"),
                        "",
                        64,
                        "is a file, not a folder"),
                new Case(
                        "profile below a file",
                        d -> Files.writeString(d.resolve("file"), "x").resolve("sub/p"),
                        "",
                        64,
                        "is below the file"),
                new Case("profile name too long", d -> d.resolve("n".repeat(300)), "", 64, "is too long (300 bytes"),
                new Case(
                        "profile path too long",
                        d -> d.resolve(("d".repeat(200) + "/").repeat(25)),
                        "",
                        64,
                        "the path is too long"),
                new Case(
                        "transcript .txt into a missing folder",
                        BadInputMatrixTest::plain,
                        "--transcript MISSING/t.txt",
                        64,
                        "does not exist (create it first)"),
                new Case(
                        "transcript .json into a missing folder",
                        BadInputMatrixTest::plain,
                        "--transcript MISSING/t.json",
                        64,
                        "does not exist (create it first)"),
                new Case("transcript is a folder", BadInputMatrixTest::plain, "--transcript DIR", 64, "is a folder"),
                new Case(
                        "transcript below a file",
                        d -> {
                            Files.writeString(d.resolve("file"), "x");
                            return plain(d);
                        },
                        "--transcript DIR/file/t.json",
                        64,
                        "is not a folder"),
                new Case(
                        "a huge bad value is cut", BadInputMatrixTest::plain, "--logoff " + huge, 64, "…(10002 chars)"),
                new Case("a huge number", BadInputMatrixTest::plain, "--send 99999999999999999999999", 64, "--send"),
                new Case(
                        "store file is text", d -> withFile(d, "this is not a store"), "", 2, "not an SQLite database"),
                new Case("store file is empty", d -> withFile(d, ""), "", 2, "is an empty file"),
                new Case(
                        "store path is a folder",
                        d -> {
                            Path p = d.resolve("profile");
                            Files.createDirectories(p.resolve("Default.mailstore.db"));
                            return p;
                        },
                        "",
                        2,
                        "is a directory"),
                new Case(
                        "store path is a FIFO (hung logon)",
                        d -> {
                            Path p = d.resolve("profile");
                            Files.createDirectories(p);
                            mkfifo(p.resolve("Default.mailstore.db"));
                            return p;
                        },
                        "",
                        2,
                        "is not a regular file"));
    }

    private static void mkfifo(Path p) throws Exception {
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", p.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(mk.waitFor() == 0, "mkfifo failed");
    }

    record Run(int exit, List<String> errorLines, List<String> progress, List<ILoggingEvent> warnings, String out) {}

    /** Runs the command in this JVM; stderr's log lines (WARN and above, as in headless runs) are captured too. */
    static Run run(List<String> args) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            exit = HeadlessMain.run(
                    args.toArray(String[]::new),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            root.detachAppender(logs);
        }
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        return new Run(
                exit,
                lines.stream().filter(l -> !l.startsWith("[workbench] ")).toList(),
                lines.stream().filter(l -> l.startsWith("[workbench] ")).toList(),
                logs.list.stream()
                        .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                        .toList(),
                out.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputEndsInOneClearLineAndChangesNothing(Case c) throws Exception {
        Path profile = c.setup().prepare(dir);
        List<String> args =
                new ArrayList<>(List.of("--headless", "--profile", profile.toString(), "--transport-latency", "0"));
        for (String a : c.args().split(" ", -1)) {
            if (!a.isEmpty()) {
                args.add(a.replace("MISSING", dir.resolve("missing").toString()).replace("DIR", dir.toString()));
            }
        }
        Map<String, String> before = hashes(dir);

        Run r = run(args);

        assertThat(r.exit()).as("exit status; stderr %s", r.errorLines()).isEqualTo(c.exit());
        assertThat(r.errorLines())
                .as("exactly one error line")
                .singleElement()
                .satisfies(l -> assertThat(l).contains(c.says()).hasSizeLessThan(400));
        assertThat(r.warnings()).as("no log warning beside the error line").isEmpty();
        assertThat(r.out()).isEmpty();
        Map<String, String> after = hashes(dir);
        after.entrySet()
                .removeIf(e -> e.getKey().endsWith("Default.lock")
                        && !before.containsKey(e.getKey())
                        && e.getValue().equals(EMPTY));
        assertThat(after).as("files byte-identical").isEqualTo(before);
    }

    @Test
    void permissionDeniedIsNamed() throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path ro = dir.resolve("ro");
        Files.createDirectories(ro);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Run r = run(List.of("--headless", "--profile", ro.resolve("p").toString()));
            assertThat(r.exit()).isEqualTo(64);
            assertThat(r.errorLines())
                    .singleElement()
                    .satisfies(l -> assertThat(l).contains("permission denied"));
            assertThat(ro.resolve("p")).doesNotExist();
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void theLargestTimeoutIsAcceptedAndTheTeardownCompletes() {
        Run r = run(List.of(
                "--headless",
                "--profile",
                dir.resolve("p").toString(),
                "--transport-latency",
                "0",
                "--timeout",
                "31536000",
                "--logoff",
                "after-sending"));
        assertThat(r.exit()).as("%s", r.errorLines()).isZero();
        assertThat(r.progress()).anyMatch(l -> l.contains("mapi-uninitialize") && l.contains("done"));
        Run zero = run(List.of("--headless", "--profile", dir.resolve("p").toString(), "--timeout", "0"));
        assertThat(zero.exit()).isZero();
        for (String over : List.of("31536001", "1e10", "Infinity")) { // saturate to 365 days
            Run r2 = run(List.of(
                    "--headless",
                    "--profile",
                    dir.resolve("p").toString(),
                    "--transport-latency",
                    "0",
                    "--timeout",
                    over,
                    "--logoff",
                    "after-sending"));
            assertThat(r2.exit()).as("--timeout %s: %s", over, r2.errorLines()).isZero();
        }
    }

    @Test
    void aProfileInUseIsRefusedWithItsOwnExitStatusNamingTheHolder() throws Exception {
        Path p = dir.resolve("p");
        Files.createDirectories(p);
        MapiRuntime holder = new SimBackend().open(new BackendOptions(p, null, TransportSettings.instant(), Map.of()));
        holder.mapiInitialize(null);
        MapiSession s = holder.mapiLogonEx(0, null, null, MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_NEW_SESSION);
        try {
            Map<String, String> before = hashes(dir);
            Run r = run(List.of("--headless", "--profile", p.toString(), "--send", "3"));
            assertThat(r.exit()).isEqualTo(HeadlessCommand.EXIT_PROFILE_IN_USE).isEqualTo(75);
            assertThat(r.errorLines())
                    .singleElement()
                    .satisfies(l -> assertThat(l)
                            .contains(
                                    "the profile 'Default' is in use by",
                                    "pid " + ProcessHandle.current().pid(),
                                    "since"));
            assertThat(r.warnings()).isEmpty();
            assertThat(r.progress()).noneMatch(l -> l.contains("queued '"));
            assertThat(hashes(dir)).isEqualTo(before);
        } finally {
            s.logoff(0, 0, 0);
            s.release();
            holder.mapiUninitialize();
        }
    }

    @Test
    void aHugeTransportLatencyDoesNotSendInstantly() {
        Run r = run(List.of(
                "--headless",
                "--profile",
                dir.resolve("p").toString(),
                "--send",
                "1",
                "--transport-latency",
                Long.toString(Long.MAX_VALUE),
                "--logoff",
                "after-sending",
                "--timeout",
                "0.3",
                "--transcript",
                "-"));
        assertThat(r.exit()).as("after-sending timed out: warnings").isEqualTo(1);
        assertThat(r.out()).contains("\"after\" : 1");
        assertThat(r.progress()).anyMatch(l -> l.contains("timed out with 1 queued"));
    }

    private static final String EMPTY = sha256(new byte[0]);

    static Map<String, String> hashes(Path root) {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.forEach(f -> {
                String key = root.relativize(f).toString();
                if (Files.isRegularFile(f)) {
                    try {
                        m.put(key, sha256(Files.readAllBytes(f)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                } else {
                    m.put(key, Files.isDirectory(f) ? "dir" : "other");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
