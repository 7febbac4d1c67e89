package dev.mapiworkbench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Folder browsing, Send/Receive (FlushQueues) and logging on again after a failed logon, on the simulator. */
class ClientBrowsingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path profile;

    @RegisterExtension
    final SessionTracker sessions = new SessionTracker();

    private ClientSession track(ClientSession s) {
        return sessions.track(s);
    }

    private static SubsystemDiagnostics diag(ClientSession s) {
        return s.capability(SubsystemDiagnostics.class).orElseThrow();
    }

    private static MailFolder folder(ClientSession s, MailFolder.Role role) {
        return s.folders().stream().filter(f -> f.role() == role).findFirst().orElseThrow();
    }

    @Test
    void listsTheIpmFoldersWithCountsAndLeavesNothingOpen() {
        ClientSession s =
                track(SimClients.open(profile, TransportSettings.instant().withOffline(true)));
        s.logon(LogonOptions.defaults());
        s.send(SimClients.draft("one"));
        s.send(SimClients.draft("two"));
        int objects = diag(s).liveObjects().size();
        int ledgerObjects = s.ledger().objects().size();

        List<MailFolder> folders = s.folders();

        assertThat(folders)
                .extracting(MailFolder::role)
                .containsExactly(
                        MailFolder.Role.INBOX,
                        MailFolder.Role.OUTBOX,
                        MailFolder.Role.SENT_ITEMS,
                        MailFolder.Role.DELETED_ITEMS);
        assertThat(folders)
                .extracting(MailFolder::name)
                .containsExactly("Inbox", "Outbox", "Sent Items", "Deleted Items");
        assertThat(folders.get(0).available()).isTrue(); // the Inbox through IMsgStore::GetReceiveFolder
        assertThat(folders.get(0).count()).isZero();
        assertThat(s.messages(folders.get(0))).isEmpty();
        assertThat(folders.get(1).count()).isEqualTo(2);
        assertThat(folders.get(2).count()).isZero();
        assertThat(folders).allMatch(MailFolder::available);
        assertThat(diag(s).liveObjects()).hasSize(objects);
        assertThat(s.ledger().objects()).hasSize(ledgerObjects);
    }

    @Test
    void readsTheOutboxAndAfterSendingTheSentItemsThroughTheContentsTable() {
        ClientSession s =
                track(SimClients.open(profile, TransportSettings.instant().withOffline(true)));
        s.logon(LogonOptions.defaults());
        s.send(new Draft("Queued one", "b", List.of("ann@example.com", "bob@example.com")));
        int objects = diag(s).liveObjects().size();

        List<FolderMessage> outbox = s.messages(folder(s, MailFolder.Role.OUTBOX));

        assertThat(outbox).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("Queued one");
            assertThat(m.recipients()).containsExactly("ann@example.com", "bob@example.com");
            assertThat(m.messageFlags() & MapiFlags.MSGFLAG_SUBMIT).isNotZero();
            assertThat(m.stateWord()).isIn("queued", "sending");
            assertThat(m.entryIdHex()).isNotEmpty();
        });
        assertThat(s.messages(folder(s, MailFolder.Role.SENT_ITEMS))).isEmpty();
        assertThat(diag(s).liveObjects()).hasSize(objects);

        s.capability(dev.mapiworkbench.mapi.TransportControl.class)
                .orElseThrow()
                .apply(TransportSettings.instant());
        s.sendReceive();
        SimClients.awaitOutbox(s, WAIT, () -> s.pendingMessages().isEmpty());

        assertThat(s.messages(folder(s, MailFolder.Role.OUTBOX))).isEmpty();
        assertThat(folder(s, MailFolder.Role.SENT_ITEMS).count()).isEqualTo(1);
        assertThat(s.messages(folder(s, MailFolder.Role.SENT_ITEMS)))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.subject()).isEqualTo("Queued one");
                    assertThat(m.messageFlags() & MapiFlags.MSGFLAG_SUBMIT).isZero();
                });
        assertThat(diag(s).liveObjects()).hasSize(objects);
    }

    @Test
    void browsingAndSendReceiveLeaveTheTeardownClean() throws Exception {
        ClientSession s = track(SimClients.loggedOn(profile, LogonOptions.defaults()));
        for (MailFolder f : s.folders()) {
            if (f.available()) {
                s.messages(f);
            }
        }
        s.sendReceive();

        var t = new TeardownEngine()
                .start(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                .await(WAIT);

        assertThat(t.result()).isEqualTo("clean");
        assertThat(t.leaks()).isEmpty();
        assertThat(diag(s).liveObjects()).isEmpty();
        assertThat(diag(s).outstandingBuffers()).isZero();
        assertThat(diag(s).initCount()).isZero();
    }

    @Test
    void browsingWhileNotLoggedOnFailsWithAnHresult() {
        ClientSession s = track(SimClients.open(profile, TransportSettings.instant()));

        assertThatThrownBy(s::folders)
                .isInstanceOf(MapiException.class)
                .satisfies(e -> assertThat(((MapiException) e).hresult()).isEqualTo(HResult.MAPI_E_NOT_INITIALIZED));
        assertThatThrownBy(s::sendReceive)
                .isInstanceOf(MapiException.class)
                .satisfies(e -> assertThat(((MapiException) e).hresult()).isEqualTo(HResult.MAPI_E_NOT_INITIALIZED));
        assertThatThrownBy(() -> s.messages(new MailFolder(MailFolder.Role.INBOX, "Inbox", null, -1)))
                .isInstanceOf(MapiException.class)
                .satisfies(e -> assertThat(((MapiException) e).hresult()).isEqualTo(HResult.MAPI_E_NOT_FOUND));
    }

    @Test
    void loggingOnAgainAfterAFailedLogonReleasesWhatTheFailedAttemptLeft() throws Exception {
        ClientSession s = track(SimClients.open(profile, TransportSettings.instant()));
        // an explicit profile name the simulator refuses: MAPILogonEx fails after the initialisations
        LogonOptions bad =
                LogonOptions.defaults().withOle(true).withMapiUtil(true).withProfileName("no/such");
        assertThatThrownBy(() -> s.logon(bad)).isInstanceOf(MapiException.class);
        assertThat(s.state()).isEqualTo(SessionState.FAILED);
        assertThat(diag(s).initCount()).isEqualTo(1);

        s.logon(LogonOptions.defaults());

        assertThat(s.state()).isEqualTo(SessionState.LOGGED_ON);
        assertThat(diag(s).initCount()).isEqualTo(1); // the failed attempt's MAPIInitialize was undone
        assertThat(s.ledger().initCount(Ledger.Init.OLE)).isZero();
        var t = new TeardownEngine()
                .start(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                .await(WAIT);
        assertThat(t.result()).isEqualTo("clean");
        assertThat(diag(s).initCount()).isZero();
        assertThat(diag(s).liveObjects()).isEmpty();
        assertThat(diag(s).leaks()).isEmpty();
    }

    @Test
    void repeatedFailedLogonsDoNotAccumulateInitialisations() throws Exception {
        ClientSession s = track(ClientSessions.open(
                new ClientConfig("sim", profile, TransportSettings.instant(), Map.of("sim.logonFails", "true"))));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> s.logon(LogonOptions.defaults().withOle(true)))
                    .isInstanceOf(MapiException.class)
                    .satisfies(e -> assertThat(((MapiException) e).hresult()).isEqualTo(HResult.MAPI_E_LOGON_FAILED));
            assertThat(diag(s).initCount()).isEqualTo(1);
            assertThat(s.ledger().initCount(Ledger.Init.MAPI)).isEqualTo(1);
        }
        var t = new TeardownEngine()
                .start(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                .await(WAIT);
        assertThat(t.result()).isEqualTo("clean");
        assertThat(diag(s).initCount()).isZero();
        assertThat(diag(s).leaks()).isEmpty();
    }
}
