package dev.mapiworkbench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** IMsgStore::AbortSubmit through the client (issue 14 item 6): queued → draft; held by the spooler → refused. */
class ClientAbortSubmitTest {

    @TempDir
    Path profile;

    @RegisterExtension
    final SessionTracker sessions = new SessionTracker();

    private OutboxItem.State state(ClientSession s, String id) {
        s.refreshOutbox();
        return s.outboxSnapshot().stream()
                .filter(i -> i.id().equals(id))
                .map(OutboxItem::state)
                .findFirst()
                .orElse(null);
    }

    @Test
    void aQueuedMessageIsTakenOutOfTheQueueAndStaysAsADraft() {
        ClientSession s = sessions.track(
                SimClients.open(profile, TransportSettings.instant().withOffline(true)));
        s.logon(LogonOptions.defaults());
        OutboxItem item = s.send(SimClients.draft("take it back"));
        SimClients.awaitOutbox(s, Duration.ofSeconds(20), () -> state(s, item.id()) == OutboxItem.State.SUBMITTED);

        assertThat(s.abortSubmit(item.id())).isEqualTo(HResult.S_OK);
        SimClients.awaitOutbox(s, Duration.ofSeconds(20), () -> state(s, item.id()) == OutboxItem.State.DRAFT);
        assertThat(s.pendingMessages()).isEmpty();
    }

    @Test
    void aMessageTheSpoolerHoldsIsRefusedWithUnableToAbort() {
        ClientSession s = sessions.track(
                SimClients.open(profile, TransportSettings.instant().withHang(true)));
        s.logon(LogonOptions.defaults());
        OutboxItem item = s.send(SimClients.draft("stuck"));
        SimClients.awaitOutbox(s, Duration.ofSeconds(20), () -> state(s, item.id()) == OutboxItem.State.LOCKED);

        Throwable t = catchThrowable(() -> s.abortSubmit(item.id()));
        assertThat(t).isInstanceOf(MapiException.class);
        assertThat(((MapiException) t).hresult()).isEqualTo(HResult.MAPI_E_UNABLE_TO_ABORT);
        assertThat(state(s, item.id())).isEqualTo(OutboxItem.State.LOCKED);
    }
}
