package dev.mapiworkbench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ClientSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path profile;

    @RegisterExtension
    final SessionTracker sessions = new SessionTracker();

    private ClientSession track(ClientSession s) {
        return sessions.track(s);
    }

    @Test
    void logonRecordsEverythingTheSeedNamesInTheLedger() {
        ClientSession s = track(SimClients.loggedOn(profile, LogonOptions.defaults()));

        assertThat(s.state()).isEqualTo(SessionState.LOGGED_ON);
        Ledger ledger = s.ledger();
        Set<Ledger.Role> roles =
                ledger.objects().stream().map(Ledger.ObjectRecord::role).collect(Collectors.toSet());
        assertThat(roles)
                .contains(
                        Ledger.Role.SESSION,
                        Ledger.Role.STORE,
                        Ledger.Role.OUTBOX,
                        Ledger.Role.OUTBOX_TABLE,
                        Ledger.Role.ADDRESS_BOOK,
                        Ledger.Role.STATUS_TABLE,
                        Ledger.Role.ADVISE_SINK);
        assertThat(roles).doesNotContain(Ledger.Role.MESSAGE_STORES_TABLE); // released right after use
        assertThat(ledger.advises())
                .extracting(Ledger.AdviseRecord::unadviseApi)
                .containsExactly("IMAPISession::Unadvise", "IMsgStore::Unadvise", "IMAPITable::Unadvise");
        assertThat(ledger.buffers())
                .extracting(Ledger.BufferRecord::name)
                .containsExactly("PR_IPM_SUBTREE_ENTRYID", "PR_IPM_OUTBOX_ENTRYID", "PR_IPM_SENTMAIL_ENTRYID");
        assertThat(ledger.buffers())
                .allSatisfy(b -> assertThat(b.buffer().read()).isNotEmpty());
        assertThat(ledger.initCount(Ledger.Init.MAPI)).isEqualTo(1);
        assertThat(ledger.initCount(Ledger.Init.OLE)).isZero();
        assertThat(ledger.initCount(Ledger.Init.MAPI_UTIL)).isZero();
        assertThat(s.storeDisplayName()).startsWith("Mailbox");

        List<LedgerEntry> rows = s.ledgerSnapshot();
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.category()).isEqualTo(LedgerEntry.Category.OBJECT);
            assertThat(r.kind()).isEqualTo(ObjectKind.MSG_STORE.interfaceName());
            assertThat(r.adviseConnections()).isEqualTo(1);
            assertThat(r.refCount()).isEqualTo(1);
            assertThat(r.state()).isEqualTo(LedgerEntry.State.VALID);
        });
        assertThat(rows)
                .filteredOn(r -> r.category() == LedgerEntry.Category.BUFFER)
                .hasSize(3);
    }

    @Test
    void twoConcurrentLogonsOnOneClientLetExactlyOneThrough() throws Exception {
        TeardownEngine engine = new TeardownEngine();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                ClientSession s = track(SimClients.open(profile, TransportSettings.instant()));
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Callable<String> attempt = () -> {
                    go.await();
                    try {
                        s.logon(LogonOptions.defaults());
                        return "ok";
                    } catch (IllegalStateException e) {
                        return "refused";
                    }
                };
                var a = pool.submit(attempt);
                var b = pool.submit(attempt);
                go.countDown();
                assertThat(List.of(a.get(), b.get())).as("iteration %d", i).containsExactlyInAnyOrder("ok", "refused");
                assertThat(s.ledger().initCount(Ledger.Init.MAPI)).isEqualTo(1);
                engine.start(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                        .await(WAIT);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shutdownClosesOnlyARuntimeTheClientOwns() {
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<dev.mapiworkbench.mapi.MapiRuntime> closeable =
                () -> (dev.mapiworkbench.mapi.MapiRuntime) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {dev.mapiworkbench.mapi.MapiRuntime.class, AutoCloseable.class},
                        (proxy, method, args) -> switch (method.getName()) {
                            case "close" -> {
                                closed.incrementAndGet();
                                yield null;
                            }
                            case "backendId" -> "stub";
                            case "callsOnOwnThread" -> false;
                            default -> throw new UnsupportedOperationException(method.getName());
                        });

        new ClientSession(closeable.get()).shutdown();
        assertThat(closed).hasValue(0); // given a runtime: the caller closes it

        ClientSession.owning(closeable.get()).shutdown();
        assertThat(closed).hasValue(1); // opened by ClientSessions.open: the client closes it
    }

    @Test
    void oleAndMapiUtilAreInitialisedOnlyWhenAsked() {
        ClientSession s = track(SimClients.loggedOn(
                profile, LogonOptions.defaults().withOle(true).withMapiUtil(true)));

        assertThat(s.ledger().initCount(Ledger.Init.OLE)).isEqualTo(1);
        assertThat(s.ledger().initCount(Ledger.Init.MAPI_UTIL)).isEqualTo(1);
        assertThat(s.ledgerSnapshot())
                .extracting(LedgerEntry::kind)
                .contains("OleInitialize", "MAPIInitialize", "ScInitMapiUtil");
    }

    @Test
    void sentMessageGoesFromSubmittedToSentFollowingNotifications() {
        ClientSession s = track(SimClients.loggedOn(profile, LogonOptions.defaults()));
        OutboxItem item = s.send(SimClients.draft("hello"));

        assertThat(item.state()).isIn(OutboxItem.State.SUBMITTED, OutboxItem.State.LOCKED, OutboxItem.State.SENT);
        assertThat(item.recipients()).containsExactly("someone@example.com");
        SimClients.awaitOutbox(
                s,
                WAIT,
                () -> s.outboxSnapshot().stream()
                        .anyMatch(i -> i.id().equals(item.id()) && i.state() == OutboxItem.State.SENT));
        assertThat(s.pendingMessages()).isEmpty();
        assertThat(s.notificationLog()).isNotEmpty();
    }

    @Test
    void offlineTransportKeepsTheMessageQueued() {
        ClientSession s =
                track(SimClients.open(profile, TransportSettings.instant().withOffline(true)));
        s.logon(LogonOptions.defaults());

        s.send(SimClients.draft("stays"));
        s.refreshOutbox();

        assertThat(s.pendingMessages()).extracting(OutboxItem::subject).containsExactly("stays");
    }

    @Test
    void failedSendIsShownWithTheTransportsReason() {
        ClientSession s =
                track(SimClients.open(profile, TransportSettings.instant().withFailEvery(1)));
        s.logon(LogonOptions.defaults());

        OutboxItem item = s.send(SimClients.draft("doomed"));

        SimClients.awaitOutbox(
                s,
                WAIT,
                () -> s.outboxSnapshot().stream()
                        .anyMatch(i -> i.id().equals(item.id()) && i.state() == OutboxItem.State.FAILED));
        OutboxItem failed = s.outboxSnapshot().stream()
                .filter(i -> i.id().equals(item.id()))
                .findFirst()
                .orElseThrow();
        assertThat(failed.reason()).isNotBlank();
    }

    @Test
    void composedMessageStaysADraft() {
        ClientSession s = track(SimClients.loggedOn(profile, LogonOptions.defaults()));

        OutboxItem item = s.compose(SimClients.draft("draft only"));
        s.refreshOutbox();

        assertThat(item.state()).isEqualTo(OutboxItem.State.DRAFT);
        assertThat(s.outboxSnapshot()).anySatisfy(i -> {
            assertThat(i.subject()).isEqualTo("draft only");
            assertThat(i.state()).isEqualTo(OutboxItem.State.DRAFT);
        });
        assertThat(s.pendingMessages()).isEmpty();
    }

    @Test
    void sendingWhileLoggedOffFailsWithAnHresult() {
        ClientSession s = track(SimClients.open(profile, TransportSettings.instant()));

        assertThatThrownBy(() -> s.send(SimClients.draft("x")))
                .isInstanceOf(MapiException.class)
                .satisfies(e -> assertThat(((MapiException) e).hresult()).isEqualTo(HResult.MAPI_E_NOT_INITIALIZED));
    }

    @Test
    void aFailedLogonKeepsWhatItOpenedSoATeardownCanCleanUp() throws Exception {
        ClientSession s = track(ClientSessions.open(new ClientConfig(
                "sim", profile, TransportSettings.instant(), java.util.Map.of("sim.logonFails", "true"))));

        assertThatThrownBy(() -> s.logon(LogonOptions.defaults().withOle(true)))
                .isInstanceOf(MapiException.class)
                .satisfies(e -> assertThat(((MapiException) e).hresult()).isEqualTo(HResult.MAPI_E_LOGON_FAILED));
        assertThat(s.state()).isEqualTo(SessionState.FAILED);
        assertThat(s.lastError()).isInstanceOf(MapiException.class);
        assertThat(s.ledger().initCount(Ledger.Init.MAPI)).isEqualTo(1);

        var t = new TeardownEngine()
                .start(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                .await(WAIT);

        assertThat(t.step(StepId.LOGOFF).orElseThrow().reason()).isEqualTo("the client is not logged on");
        assertThat(t.step(StepId.OLE_UNINITIALIZE).orElseThrow().calls()).hasSize(1);
        assertThat(t.step(StepId.MAPI_UNINITIALIZE).orElseThrow().calls()).hasSize(1);
        assertThat(t.result()).isEqualTo("clean");
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_OFF);
    }

    @Test
    void logonTwiceWithoutTeardownIsRefused() {
        ClientSession s = track(SimClients.loggedOn(profile, LogonOptions.defaults()));

        assertThatThrownBy(() -> s.logon(LogonOptions.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LOGGED_ON");
    }

    @Test
    void loggingOnAgainAfterATeardownRestoresEverything() throws Exception {
        ClientSession s =
                track(SimClients.open(profile, TransportSettings.instant().withOffline(true)));
        s.logon(LogonOptions.defaults());
        s.send(SimClients.draft("queued across logons"));
        List<String> kindsBefore =
                s.ledgerSnapshot().stream().map(LedgerEntry::kind).sorted().toList();
        String store = s.storeDisplayName();

        new TeardownEngine()
                .start(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                .await(WAIT);
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_OFF);
        assertThat(s.ledger().isEmpty()).isTrue();

        s.logon(LogonOptions.defaults());

        // The MFCMAPI #552 symptom would be an empty store list here.
        assertThat(s.storeDisplayName()).isEqualTo(store);
        assertThat(s.ledgerSnapshot().stream().map(LedgerEntry::kind).sorted().toList())
                .isEqualTo(kindsBefore);
        assertThat(s.pendingMessages()).extracting(OutboxItem::subject).containsExactly("queued across logons");
    }
}
