package dev.mapiworkbench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.sim.SimRuntime;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logon options of issue #14: the CE sample's minimal session (MAPIInitialize(NULL), MAPILogonEx(0, NULL,
 * NULL, 0), nothing else: https://learn.microsoft.com/en-us/previous-versions/bb415507(v=msdn.10)), raw
 * MAPIInitialize and MAPILogonEx flags passed as given, and AbortSubmit on an Outbox message.
 */
class ClientLogonOptionsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path profile;

    @RegisterExtension
    final SessionTracker sessions = new SessionTracker();

    @Test
    void theCeMinimalSessionOpensOnlyTheSession() {
        ClientSession s = sessions.track(SimClients.loggedOn(profile, LogonOptions.ceMinimal()));
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_ON);
        assertThat(s.ledger().objects()).extracting(Ledger.ObjectRecord::role).containsExactly(Ledger.Role.SESSION);
        assertThat(s.ledger().advises()).isEmpty();
        assertThat(s.ledger().buffers()).isEmpty();
        assertThat(s.ledger().initCount(Ledger.Init.MAPI)).isEqualTo(1);
        assertThat(((SimRuntime) s.backendRuntime()).multithreadNotifications())
                .as("MAPIInitialize(NULL)")
                .isFalse();
        assertThat(LogonSequence.logonFlags(LogonOptions.ceMinimal())).isZero();
        assertThat(LogonSequence.initStructure(LogonOptions.ceMinimal())).isNull();
        assertThatThrownBy(() -> s.send(SimClients.draft("nowhere to put it"))).isInstanceOf(MapiException.class);
    }

    @Test
    void rawFlagsArePassedAsGivenUnknownBitsIncluded() {
        LogonOptions o = LogonOptions.defaults()
                .withInitFlags(MapiFlags.MAPI_NO_COINIT)
                .withLogonFlags(MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_ALLOW_OTHERS | 0x00400000);
        assertThat(LogonSequence.initStructure(o).flags()).isEqualTo(MapiFlags.MAPI_NO_COINIT);
        assertThat(LogonSequence.logonFlags(o)).isEqualTo(0x00400028);
        ClientSession s = sessions.track(SimClients.loggedOn(profile, o));
        assertThat(((SimRuntime) s.backendRuntime()).multithreadNotifications()).isFalse();
        assertThat(s.isShared()).as("MAPI_ALLOW_OTHERS from the raw flags").isTrue();
    }

    @Test
    void abortSubmitTakesAQueuedMessageOutOfTheQueueAndReportsTheHresult() {
        ClientSession s = sessions.track(
                SimClients.open(profile, TransportSettings.instant().withOffline(true)));
        s.logon(LogonOptions.defaults());
        OutboxItem item = s.send(SimClients.draft("stays"));
        SimClients.awaitOutbox(s, WAIT, () -> s.pendingMessages().size() == 1);

        assertThat(s.abortSubmit(item.id())).isEqualTo(HResult.S_OK);
        SimClients.awaitOutbox(s, WAIT, () -> s.pendingMessages().isEmpty());
        assertThat(s.outboxSnapshot()).extracting(OutboxItem::state).containsExactly(OutboxItem.State.DRAFT);
        assertThatThrownBy(() -> s.abortSubmit(item.id()))
                .isInstanceOf(MapiException.class)
                .satisfies(e -> assertThat(((MapiException) e).hresult()).isEqualTo(HResult.MAPI_E_NOT_IN_QUEUE));
    }
}
