package dev.mapiworkbench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.ThreadsLeft;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SimRuntime#close}: a session left logged on ends, its threads stop, its store file and lock are let go. */
class SimCloseTest {

    @TempDir
    Path dir;

    private static final List<String> SIM = List.of("sim-");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void closingEndsASessionLeftLoggedOnWithItsThreadsFileAndLock() throws Exception {
        List<Thread> before = ThreadsLeft.alive(SIM);
        SimRuntime rt = SimFixture.fileRuntime(dir, TransportSettings.instant());
        rt.mapiInitialize(MapiInit.multithreaded());
        MapiSession s = SimFixture.logon(rt);
        assertThat(ThreadsLeft.alive(SIM))
                .as("the spooler and transport run while logged on")
                .hasSizeGreaterThan(before.size());

        rt.close();

        assertThat(((SimSession) s).valid()).isFalse();
        assertThat(ThreadsLeft.survivors(before, SIM, WAIT)).isEmpty();
        // the profile's lock was let go: another runtime logs on to the same profile at once
        SimRuntime next = SimFixture.fileRuntime(dir, TransportSettings.instant());
        next.mapiInitialize(MapiInit.multithreaded());
        MapiSession again = SimFixture.logon(next);
        assertThat(((SimSession) again).valid()).isTrue();
        again.logoff(0, 0, 0);
        again.release();
        next.mapiUninitialize();
        next.close();
        rt.close(); // a second close does nothing more
        assertThat(ThreadsLeft.survivors(before, SIM, WAIT)).isEmpty();
    }
}
