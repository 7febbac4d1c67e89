package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.ClientListener;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.NotificationLogEntry;
import dev.mapiworkbench.client.SimClients;
import dev.mapiworkbench.mapi.FaultControl;
import dev.mapiworkbench.mapi.FaultSpec;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The late-notify fault through the teardown engine (issue #13 "Tests"): the store's sink is called once more
 * after IMsgStore::Unadvise ("Timing a Notification",
 * https://learn.microsoft.com/office/client-developer/outlook/mapi/timing-a-notification); the client logs it
 * marked late under its own source, and the teardown goes on as usual.
 */
class LateNotificationTeardownTest {

    @TempDir
    Path profile;

    private ClientSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.capability(FaultControl.class).ifPresent(FaultControl::clear);
            session.shutdown();
        }
    }

    @Test
    void aNotificationAfterUnadviseIsLoggedLateAndTheTeardownIsClean() throws Exception {
        session = SimClients.open(profile, TransportSettings.instant());
        session.logon(LogonOptions.defaults());
        session.capability(FaultControl.class).orElseThrow().add(FaultSpec.parse("IMsgStore::Unadvise=late-notify"));
        CountDownLatch late = new CountDownLatch(1);
        session.addListener(new ClientListener() {
            @Override
            public void notificationReceived(NotificationLogEntry e) {
                if (e.source().contains("(late: after IMsgStore::Unadvise)")) {
                    late.countDown();
                }
            }
        });

        Transcript t = new TeardownEngine()
                .start(session, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), e -> {}, null)
                .await(Duration.ofSeconds(30));

        assertThat(late.await(20, TimeUnit.SECONDS)).isTrue();
        List<NotificationLogEntry> log = session.notificationLog().stream()
                .filter(e -> e.source().contains("(late: "))
                .toList();
        assertThat(log).hasSize(1);
        assertThat(log.get(0).source()).startsWith("store '").endsWith("(late: after IMsgStore::Unadvise)");
        assertThat(log.get(0).eventName()).startsWith("fnevObject");
        assertThat(t.step(StepId.UNADVISE).orElseThrow().status()).isEqualTo(StepStatus.DONE);
        assertThat(t.step(StepId.MAPI_UNINITIALIZE).orElseThrow().status()).isEqualTo(StepStatus.DONE);
    }
}
