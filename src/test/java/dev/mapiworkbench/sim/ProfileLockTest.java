package dev.mapiworkbench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.ProfileInUseException;
import dev.mapiworkbench.mapi.TransportSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One profile, one spooler (decision 0120): the profile lock within one JVM and across processes. */
class ProfileLockTest {

    @TempDir
    Path dir;

    private static MapiSession logon(SimRuntime rt, int flags) {
        return rt.mapiLogonEx(0, null, null, MapiFlags.MAPI_EXTENDED | flags);
    }

    @Test
    @DisplayName(
            "a second runtime of this JVM on a logged-on profile is refused naming this process; after logoff it logs on")
    void secondRuntimeInTheSameJvmIsRefused() {
        SimRuntime first = SimFixture.fileRuntime(dir, TransportSettings.instant());
        SimRuntime second = SimFixture.fileRuntime(dir, TransportSettings.instant());
        first.mapiInitialize(null);
        second.mapiInitialize(null);
        MapiSession s = logon(first, MapiFlags.MAPI_NEW_SESSION);
        Path lockFile = dir.resolve("Test.lock");
        assertThat(lockFile).exists();
        assertThat(readLock(lockFile)).contains("pid=" + ProcessHandle.current().pid());

        Throwable t = catchThrowable(() -> logon(second, MapiFlags.MAPI_NEW_SESSION));
        assertThat(t).isInstanceOf(ProfileInUseException.class);
        ProfileInUseException e = (ProfileInUseException) t;
        assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_LOGON_FAILED);
        assertThat(e.holder().thisProcess()).isTrue();
        assertThat(e.holder().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(e.getMessage()).contains("'Test'", "in use by another session of this process", "since");

        s.logoff(0, 0, 0);
        s.release();
        assertThat(lockFile)
                .as("the holder empties its lock file at the last logoff")
                .isEmptyFile();
        MapiSession s2 = logon(second, MapiFlags.MAPI_NEW_SESSION);
        s2.logoff(0, 0, 0);
        s2.release();
        first.mapiUninitialize();
        second.mapiUninitialize();
    }

    @Test
    @DisplayName(
            "sessions of one runtime share the profile (shared and new sessions): the lock is the runtime's, not the session's")
    void sessionsOfOneRuntimeShareTheLock() {
        SimRuntime rt = SimFixture.fileRuntime(dir, TransportSettings.instant());
        rt.mapiInitialize(null);
        MapiSession owner = logon(rt, MapiFlags.MAPI_ALLOW_OTHERS);
        MapiSession joined = logon(rt, 0);
        MapiSession fresh = logon(rt, MapiFlags.MAPI_NEW_SESSION);
        assertThat(joined).isSameAs(owner);
        assertThat(fresh).isNotSameAs(owner);
        fresh.logoff(0, 0, 0);
        fresh.release();
        assertThat(dir.resolve("Test.lock"))
                .as("still logged on through the shared session")
                .exists();
        joined.release();
        owner.logoff(0, 0, 0);
        owner.release();
        assertThat(dir.resolve("Test.lock")).isEmptyFile();
        rt.mapiUninitialize();
    }

    @Test
    @DisplayName("threads racing two runtimes onto one profile: exactly one wins each round, the other is refused")
    void racingRuntimesOneWins() throws Exception {
        for (int round = 0; round < 10; round++) {
            List<SimRuntime> rts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SimRuntime rt = SimFixture.fileRuntime(dir, TransportSettings.instant());
                rt.mapiInitialize(null);
                rts.add(rt);
            }
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger refused = new AtomicInteger();
            List<MapiSession> won = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (SimRuntime rt : rts) {
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                        won.add(logon(rt, MapiFlags.MAPI_NEW_SESSION));
                    } catch (ProfileInUseException e) {
                        refused.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                th.start();
                threads.add(th);
            }
            go.countDown();
            for (Thread th : threads) {
                th.join(20_000);
            }
            assertThat(won).hasSize(1);
            assertThat(refused.get()).isEqualTo(3);
            won.get(0).logoff(0, 0, 0);
            won.get(0).release();
            rts.forEach(SimRuntime::mapiUninitialize);
        }
    }

    /** The child process: logs on to the profile, prints "locked", then waits to be killed. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) throws Exception {
            SimRuntime rt = SimFixture.fileRuntime(
                    Path.of(args[0]), TransportSettings.instant().withOffline(true));
            rt.mapiInitialize(null);
            logon(rt, MapiFlags.MAPI_NEW_SESSION);
            System.out.println("locked"); // the child's own output, read by the test
            System.out.flush();
            System.in.read(); // never logs off; the test kills this process
        }
    }

    @Test
    @Timeout(120)
    @DisplayName(
            "another process holds the profile: refused naming its pid and host; after kill -9 the lock is taken over")
    void otherProcessThenStaleLockAfterKill() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Child.class.getName(),
                        dir.toString())
                .redirectError(dir.resolve("child-stderr.txt").toFile())
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
                if (line == null) {
                    child.waitFor(30, TimeUnit.SECONDS);
                    throw new AssertionError("the child ended: " + Files.readString(dir.resolve("child-stderr.txt")));
                }
            } while (!line.equals("locked"));

            SimRuntime rt = SimFixture.fileRuntime(dir, TransportSettings.instant());
            rt.mapiInitialize(null);
            Throwable t = catchThrowable(() -> logon(rt, MapiFlags.MAPI_NEW_SESSION));
            assertThat(t).isInstanceOf(ProfileInUseException.class);
            ProfileInUseException.Holder h = ((ProfileInUseException) t).holder();
            assertThat(h.pid()).isEqualTo(child.pid());
            assertThat(h.host()).isEqualTo(ProfileLock.host());
            assertThat(h.since()).isNotNull();
            assertThat(h.thisProcess()).isFalse();
            assertThat(t.getMessage()).contains("process " + child.pid() + " on host ");

            child.destroyForcibly(); // SIGKILL: no logoff, the lock file stays behind
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(dir.resolve("Test.lock")).exists();
            assertThat(readLock(dir.resolve("Test.lock"))).contains("pid=" + child.pid());

            MapiSession s = logon(rt, MapiFlags.MAPI_NEW_SESSION);
            assertThat(readLock(dir.resolve("Test.lock")))
                    .contains("pid=" + ProcessHandle.current().pid());
            s.logoff(0, 0, 0);
            s.release();
            rt.mapiUninitialize();
            assertThat(dir.resolve("Test.lock")).isEmptyFile();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    @DisplayName("a damaged lock file left behind is taken over; its parse names what it can")
    void damagedLockFile() throws Exception {
        Files.writeString(dir.resolve("Test.lock"), "pid=notanumber\nhost=\nsince=yesterday\n\u0000\u0001garbage");
        assertThat(ProfileLock.parse("pid=12\nhost=h\nsince=bad")).satisfies(h -> {
            assertThat(h.pid()).isEqualTo(12);
            assertThat(h.host()).isEqualTo("h");
            assertThat(h.since()).isNull();
        });
        SimRuntime rt = SimFixture.fileRuntime(dir, TransportSettings.instant());
        rt.mapiInitialize(null);
        MapiSession s = logon(rt, MapiFlags.MAPI_NEW_SESSION);
        assertThat(readLock(dir.resolve("Test.lock")))
                .startsWith("pid=" + ProcessHandle.current().pid() + "\n");
        s.logoff(0, 0, 0);
        s.release();
        rt.mapiUninitialize();
    }

    /** Reads a lock file (in the holder's own JVM this would drop a POSIX lock: only for checks after the fact). */
    private static String readLock(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
