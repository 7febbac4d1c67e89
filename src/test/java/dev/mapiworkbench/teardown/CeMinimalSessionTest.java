package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.SimClients;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 2: the CE plan (seed 002: Logoff(0, 0, 0), Release, MAPIUninitialize) on the session the
 * CE sample opens ({@link LogonOptions#ceMinimal()}) ends it cleanly; on this client's full desktop-style
 * session the same three steps leave the store, folders, tables and advise sinks behind, and say so.
 */
class CeMinimalSessionTest {

    @TempDir
    Path profile;

    private final List<ClientSession> sessions = new ArrayList<>();

    @AfterEach
    void stop() {
        sessions.forEach(ClientSession::shutdown);
    }

    private Transcript ceTeardown(LogonOptions options) throws Exception {
        ClientSession s = SimClients.open(profile, TransportSettings.instant());
        sessions.add(s);
        s.logon(options);
        return new TeardownEngine()
                .start(s, TeardownRequest.of(Plan.CE, Mode.NOW), e -> {}, null)
                .await(Duration.ofSeconds(20));
    }

    @Test
    void theCePlanOnTheCeMinimalSessionIsClean() throws Exception {
        Transcript t = ceTeardown(LogonOptions.ceMinimal());

        assertThat(t.steps())
                .extracting(StepRecord::id)
                .containsExactly(StepId.LOGOFF, StepId.RELEASE_SESSION, StepId.MAPI_UNINITIALIZE);
        assertThat(t.steps()).extracting(StepRecord::status).containsOnly(StepStatus.DONE);
        assertThat(t.flags().value()).isZero();
        assertThat(t.leaks()).isEmpty();
        assertThat(t.findings()).isEmpty();
        assertThat(t.result()).isEqualTo(Transcript.CLEAN);
        assertThat(t.exitCode()).isZero();
    }

    @Test
    void theCePlanOnTheFullDesktopSessionShowsWhatLeaks() throws Exception {
        Transcript t = ceTeardown(LogonOptions.defaults());

        assertThat(t.result()).isNotEqualTo(Transcript.CLEAN);
        assertThat(t.findings()).extracting(Finding::rule).contains(OrderLinter.OBJECTS_OPEN_AT_LOGOFF);
        // what the desktop-style logon opened and the CE steps never release
        assertThat(t.leaks()).isNotEmpty();
        assertThat(t.leaks())
                .extracting(Transcript.Leak::name)
                .anySatisfy(n -> assertThat(n).contains("Outbox"))
                .anySatisfy(n -> assertThat(n).contains("Mailbox"));
        assertThat(t.exitCode()).isPositive();
    }
}
