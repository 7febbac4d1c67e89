package dev.mapiworkbench.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link ClientSession#tryBeginTeardown()}: one check-and-set, refused unless logged on or failed. */
class TeardownHandshakeTest {

    @TempDir
    Path profile;

    @RegisterExtension
    final SessionTracker sessions = new SessionTracker();

    @Test
    void aLoggedOffSessionRefusesAndStaysLoggedOff() {
        ClientSession s = sessions.track(SimClients.open(profile, TransportSettings.instant()));

        assertThat(s.tryBeginTeardown()).isFalse();
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_OFF);
    }

    @Test
    void onlyOneOfManyConcurrentStartsWinsAndACancelledTeardownLeavesTheSessionLoggedOn() throws Exception {
        ClientSession s = sessions.track(SimClients.loggedOn(profile, LogonOptions.defaults()));
        List<SessionState> seen = new ArrayList<>();
        s.addListener(new ClientListener() {
            @Override
            public void sessionStateChanged(SessionState old, SessionState next) {
                synchronized (seen) {
                    seen.add(next);
                }
            }
        });
        AtomicInteger wins = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (s.tryBeginTeardown()) {
                    wins.incrementAndGet();
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(wins).hasValue(1);
        assertThat(s.state()).isEqualTo(SessionState.TEARING_DOWN);
        s.endTeardown(false);
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_ON);
        synchronized (seen) {
            assertThat(seen).containsExactly(SessionState.TEARING_DOWN, SessionState.LOGGED_ON);
        }
    }
}
