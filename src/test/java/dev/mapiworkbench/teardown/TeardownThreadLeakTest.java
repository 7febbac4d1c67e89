package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.SimClients;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that runs many logon / send / teardown cycles must not accumulate threads: the simulator's
 * notification, spooler and transport threads end with the last MAPIUninitialize, the teardown
 * executor's thread with its run, the client's Outbox refresher when it has been idle, and the session's MAPI
 * thread with its session (decision 0450).
 */
class TeardownThreadLeakTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> OURS = List.of("sim-", "client-", "teardown-", "mapi-client-");

    @TempDir
    Path profile;

    private static List<Thread> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> OURS.stream().anyMatch(p -> t.getName().startsWith(p)))
                .toList();
    }

    /** Joins (with a bound) every thread of ours still alive, then lists those that did not end. */
    private static List<String> survivors(List<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (Thread t : ourThreads()) {
            if (!before.contains(t)) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
        return ourThreads().stream()
                .filter(t -> !before.contains(t))
                .map(Thread::getName)
                .toList();
    }

    @Test
    void manyCyclesOnOneClientLeaveNoThreadsBehind() throws Exception {
        List<Thread> before = ourThreads();
        TeardownEngine engine = new TeardownEngine();
        ClientSession s = SimClients.open(profile, TransportSettings.instant());
        for (int i = 0; i < 25; i++) {
            s.logon(LogonOptions.defaults());
            s.send(SimClients.draft("cycle " + i));
            Transcript t = engine.start(s, TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING), null, null)
                    .await(WAIT);
            assertThat(t.result()).isEqualTo(Transcript.CLEAN);
        }
        assertThat(survivors(before)).isEmpty();
    }

    @Test
    void manyClientsEachTornDownOnceLeaveNoThreadsBehind() throws Exception {
        List<Thread> before = ourThreads();
        TeardownEngine engine = new TeardownEngine();
        for (int i = 0; i < 25; i++) {
            ClientSession s = SimClients.open(profile, TransportSettings.instant());
            s.logon(LogonOptions.defaults());
            s.send(SimClients.draft("client " + i));
            engine.start(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                    .await(WAIT);
        }
        assertThat(survivors(before)).isEmpty();
    }
}
