package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.SimClients;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leaks are charged to the run that caused them (decision 0071). */
class ChargedLeaksTest {

    @TempDir
    Path profile;

    private ClientSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.shutdown();
        }
    }

    private Transcript run(TeardownRequest request) throws Exception {
        return new TeardownEngine().start(session, request, null, null).await(Duration.ofSeconds(20));
    }

    @Test
    void aBufferAllocatedBeforeThisSessionIsCarriedOverNotChargedAndTheRunStaysClean() throws Exception {
        session = SimClients.open(profile, TransportSettings.instant());
        // an earlier user of the process initialised MAPI, allocated a buffer and never freed it; its last
        // MAPIUninitialize is this run's, so the subsystem reports that buffer now
        session.runtime().mapiInitialize(MapiInit.multithreaded());
        MapiBuffer earlier = session.runtime().mapiAllocateBuffer(48);
        session.logon(LogonOptions.defaults());
        session.runtime().mapiUninitialize();

        Transcript t = run(TeardownRequest.of(Plan.DESKTOP, Mode.NOW));

        assertThat(t.carriedOver()).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo("BUFFER");
            assertThat(l.name()).isEqualTo(Calls.hex(earlier.address()));
        });
        assertThat(t.leaks()).isEmpty();
        assertThat(t.result()).isEqualTo(Transcript.CLEAN);
        assertThat(TranscriptText.format(t)).contains("Carried over from an earlier session");
        assertThat(TranscriptJson.fromJson(TranscriptJson.toJson(t)).carriedOver())
                .isEqualTo(t.carriedOver());
    }

    @Test
    void aRunThatLeaksIsNeverClean() {
        Transcript.Leak leak = new Transcript.Leak("OBJECT", "Inbox", "still referenced");
        assertThat(TeardownRun.chargedResult(Transcript.CLEAN, List.of(leak))).isEqualTo(Transcript.WARNINGS);
        assertThat(TeardownRun.chargedResult(Transcript.CLEAN, List.of())).isEqualTo(Transcript.CLEAN);
        assertThat(TeardownRun.chargedResult(Transcript.ERRORS, List.of(leak))).isEqualTo(Transcript.ERRORS);
    }

    @Test
    void aCeTeardownOfThisDesktopStyleSessionIsChargedWithItsLeaks() throws Exception {
        session = SimClients.open(profile, TransportSettings.instant());
        session.logon(LogonOptions.defaults());

        Transcript t = run(TeardownRequest.of(Plan.CE, Mode.NOW));

        assertThat(t.leaks()).isNotEmpty();
        assertThat(t.carriedOver()).isEmpty();
        assertThat(t.result()).isNotEqualTo(Transcript.CLEAN);
        assertThat(t.exitCode()).isPositive();
    }
}
