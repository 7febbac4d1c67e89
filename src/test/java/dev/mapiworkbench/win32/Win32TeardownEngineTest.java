package dev.mapiworkbench.win32;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.Ledger;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.SessionState;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.StepRecord;
import dev.mapiworkbench.teardown.StepStatus;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.win32.MapiDouble.Call;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The teardown branch's engine runs its desktop plan (seed 000, 8 steps) over the client's ledger,
 * with the win32 backend and the native double underneath: the calls must arrive at the double in
 * the documented order with the exact connection numbers, objects, buffer pointers and Logoff flags.
 */
class Win32TeardownEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private MapiDouble dbl;
    private Win32Runtime rt;
    private ClientSession client;

    @BeforeEach
    void open() {
        dbl = MapiDouble.loadOrSkip();
        dbl.reset();
        rt = Win32TeardownContractTest.openRuntime(dbl.path());
        client = new ClientSession(rt);
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.shutdown();
        }
        if (rt != null) {
            rt.close();
        }
    }

    private Transcript tearDown(TeardownRequest request) throws Exception {
        return new TeardownEngine().start(client, request, null, null).await(WAIT);
    }

    @Test
    void desktopPlanReachesMapiInTheDocumentedOrder() throws Exception {
        client.logon(LogonOptions.defaults().withOle(true).withMapiUtil(true).withProfileName("Demo"));
        assertThat(client.state()).isEqualTo(SessionState.LOGGED_ON);
        Ledger ledger = client.ledger();
        List<Long> connections =
                ledger.advises().stream().map(Ledger.AdviseRecord::connection).toList();
        Set<Long> bufferAddresses =
                ledger.buffers().stream().map(b -> b.buffer().address()).collect(Collectors.toSet());
        Set<Long> nativeObjects = ledger.objects().stream()
                .filter(o -> o.object() instanceof Win32Object && o.role() != Ledger.Role.SESSION)
                .map(o -> o.object().handle())
                .collect(Collectors.toSet());
        long session = client.mapiSession().handle();
        assertThat(connections).hasSize(3).allSatisfy(c -> assertThat(c).isGreaterThan(1L << 32));
        assertThat(bufferAddresses).hasSize(3);
        int mark = dbl.logCount();

        Transcript t = tearDown(
                TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withAllowUi(true).withStrict8Steps(true));

        assertThat(t.steps())
                .extracting(StepRecord::id)
                .containsExactly(
                        StepId.UNADVISE,
                        StepId.RELEASE_OBJECTS,
                        StepId.FREE_BUFFERS,
                        StepId.LOGOFF,
                        StepId.RELEASE_SESSION,
                        StepId.OLE_UNINITIALIZE,
                        StepId.MAPI_UNINITIALIZE,
                        StepId.DEINIT_MAPI_UTIL);
        assertThat(t.steps()).extracting(StepRecord::status).containsOnly(StepStatus.DONE);
        assertThat(t.backend()).isEqualTo("win32");
        assertThat(t.flags().value()).isEqualTo(MapiFlags.MAPI_LOGOFF_UI);
        assertThat(t.leaks()).isEmpty();

        List<Call> all = dbl.log(mark);
        int first = 0;
        while (first < all.size() && !all.get(first).method().equals("Unadvise")) {
            first++;
        }
        // before step 1 the engine makes no MAPI call: the Outbox model (the transcript's "outbox before")
        // follows the contents table's notifications and is not read again (decision 0081)
        assertThat(all.subList(0, first)).isEmpty();
        List<Call> calls = all.subList(first, all.size());
        int n = nativeObjects.size();
        // 1: Unadvise each connection, full 8 bytes
        assertThat(calls.subList(0, 3)).extracting(Call::method).containsOnly("Unadvise");
        assertThat(calls.subList(0, 3)).extracting(c -> c.arg(0)).containsExactlyInAnyOrderElementsOf(connections);
        // 2: Release of each open object (not the session), each once, down to 0
        assertThat(calls.subList(3, 3 + n)).extracting(Call::method).containsOnly("Release");
        assertThat(calls.subList(3, 3 + n)).extracting(Call::obj).containsExactlyInAnyOrderElementsOf(nativeObjects);
        assertThat(calls.subList(3, 3 + n)).allSatisfy(c -> assertThat(c.arg(0)).isZero());
        // 3: MAPIFreeBuffer on exactly the cached entry id pointers
        List<Call> rest = calls.subList(3 + n, calls.size());
        assertThat(rest.subList(0, 3)).extracting(Call::name).containsOnly("MAPI32::MAPIFreeBuffer");
        assertThat(rest.subList(0, 3)).extracting(c -> c.arg(0)).containsExactlyInAnyOrderElementsOf(bufferAddresses);
        // 4-8
        assertThat(rest.subList(3, rest.size()))
                .extracting(Call::name)
                .containsExactly(
                        "IMAPISession::Logoff",
                        "IMAPISession::Release",
                        "ole32::OleUninitialize",
                        "MAPI32::MAPIUninitialize",
                        "MAPI32::DeinitMapiUtil");
        assertThat(rest.get(3).args()).containsExactly(0L, (long) MapiFlags.MAPI_LOGOFF_UI, 0L);
        assertThat(rest.get(4).obj()).isEqualTo(session);
        assertThat(rest.get(4).arg(0)).isZero();

        assertThat(rt.liveSinkCount()).isZero();
        assertThat(dbl.outstandingBuffers()).isZero();
        assertThat(dbl.initCount()).isZero();
    }

    @ParameterizedTest(name = "allowUi={0} shared={1} -> Logoff flags 0x{2}")
    @CsvSource({"true, false, 2", "false, true, 1", "true, true, 3", "false, false, 0"})
    void logoffFlagsFromTheEngineArriveAtMapi(boolean allowUi, boolean shared, int expected) throws Exception {
        client.logon(LogonOptions.defaults().withShared(shared).withProfileName("Demo"));
        int mark = dbl.logCount();

        Transcript t = tearDown(
                TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withAllowUi(allowUi).withLogoffShared(shared));

        assertThat(t.flags().value()).isEqualTo(expected);
        Call logoff = dbl.log(mark).stream()
                .filter(c -> c.name().equals("IMAPISession::Logoff"))
                .findFirst()
                .orElseThrow();
        assertThat(logoff.args()).containsExactly(0L, (long) expected, 0L);
        List<Call> logon =
                dbl.log().stream().filter(c -> c.method().equals("MAPILogonEx")).toList();
        assertThat(logon).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("Demo");
            assertThat(c.arg(3) & MapiFlags.MAPI_ALLOW_OTHERS).isEqualTo(shared ? MapiFlags.MAPI_ALLOW_OTHERS : 0);
        });
    }

    @Test
    @SuppressWarnings("try") // the resource is held for its scope: closing it disarms the critical error
    void aCriticalErrorDeliveredThroughOnNotifyStartsTheNoUiTeardown() throws Exception {
        client.logon(LogonOptions.defaults().withProfileName("Demo"));
        long sessionConnection = client.ledger().advises().stream()
                .filter(a -> a.unadviseApi().equals("IMAPISession::Unadvise"))
                .findFirst()
                .orElseThrow()
                .connection();
        java.util.concurrent.CompletableFuture<dev.mapiworkbench.teardown.Teardown> started =
                new java.util.concurrent.CompletableFuture<>();
        TeardownEngine engine = new TeardownEngine();
        try (AutoCloseable armed = engine.armCriticalError(
                client, TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withAllowUi(true), null, started::complete)) {
            int mark = dbl.logCount();

            dbl.notifyCriticalError(sessionConnection, dev.mapiworkbench.mapi.HResult.MAPI_E_END_OF_SESSION.value());

            Transcript t = started.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                    .await(WAIT);
            assertThat(t.mode()).isEqualTo("critical-error");
            assertThat(t.flags().value())
                    .as("no MAPI_LOGOFF_UI in a critical error")
                    .isZero();
            assertThat(client.notificationLog()).isNotEmpty();
            Call logoff = dbl.log(mark).stream()
                    .filter(c -> c.name().equals("IMAPISession::Logoff"))
                    .findFirst()
                    .orElseThrow();
            assertThat(logoff.args()).containsExactly(0L, 0L, 0L);
            assertThat(dbl.log(mark))
                    .extracting(Call::name)
                    .containsSubsequence(
                            "IMAPISession::Unadvise",
                            "IMAPISession::Logoff",
                            "IMAPISession::Release",
                            "MAPI32::MAPIUninitialize");
        }
    }

    @Test
    void afterSendingWithAnEmptyOutboxSkipsTheFlush() throws Exception {
        client.logon(LogonOptions.defaults().withProfileName("Demo"));
        int mark = dbl.logCount();

        Transcript t = tearDown(TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING));

        assertThat(t.steps().get(0).id()).isEqualTo(StepId.FLUSH_OUTBOX);
        assertThat(t.steps().get(0).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(t.steps().get(0).reason()).isNotBlank();
        assertThat(dbl.log(mark))
                .extracting(Call::method)
                .doesNotContain("FlushQueues")
                .contains("Logoff");
    }

    @Test
    void afterSendingFlushesThroughTheSpoolerStatusRowThenTimesOutAndLeavesTheMessageQueued() throws Exception {
        client.logon(LogonOptions.defaults().withProfileName("Demo"));
        client.send(new dev.mapiworkbench.client.Draft("stuck", "body", List.of("ada@example.com")));
        assertThat(client.pendingMessages()).hasSize(1);
        int mark = dbl.logCount();

        // the double has no spooler: the message is never sent, so the wait times out (no UI: log off)
        Transcript t =
                tearDown(TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING).withTimeout(Duration.ofMillis(300)));

        assertThat(t.steps().get(0).id()).isEqualTo(StepId.FLUSH_OUTBOX);
        assertThat(t.steps().get(0).status()).as("the wait timed out").isEqualTo(StepStatus.WARNING);
        assertThat(t.waits()).singleElement().satisfies(w -> {
            assertThat(w.subject()).isEqualTo("stuck");
            assertThat(w.state()).isNotEqualTo("sent");
        });
        List<Call> calls = dbl.log(mark);
        Call open = calls.stream()
                .filter(c -> c.name().equals("IMAPISession::OpenEntry"))
                .findFirst()
                .orElseThrow();
        assertThat(open.text())
                .isEqualTo("00000000"
                        + java.util.HexFormat.of()
                                .withUpperCase()
                                .formatHex("STATUS:Spooler".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        Call flush = calls.stream()
                .filter(c -> c.name().equals("IMAPIStatus::FlushQueues"))
                .findFirst()
                .orElseThrow();
        assertThat(flush.text()).isEqualTo("Spooler");
        assertThat(flush.args()).containsExactly(0L, 0L, 0L, (long)
                (MapiFlags.FLUSH_UPLOAD | MapiFlags.FLUSH_NO_UI | MapiFlags.FLUSH_ASYNC_OK));
        assertThat(calls)
                .extracting(Call::name)
                .containsSubsequence(
                        "IMAPIStatus::FlushQueues",
                        "IMAPIStatus::Release",
                        "IMAPISession::Logoff",
                        "IMAPISession::Release",
                        "MAPI32::MAPIUninitialize");
        assertThat(t.outbox().before()).isEqualTo(1);
        assertThat(t.outbox().after()).isEqualTo(1);
        Call submit = dbl.log().stream()
                .filter(c -> c.name().equals("IMessage::SubmitMessage"))
                .findFirst()
                .orElseThrow();
        assertThat(submit.slot()).isEqualTo(20);
        assertThat(dbl.outstandingBuffers()).isZero();
    }

    @Test
    void cePlanIsLogoffReleaseUninitialize() throws Exception {
        client.logon(LogonOptions.defaults().withProfileName("Demo"));
        long session = client.mapiSession().handle();
        int mark = dbl.logCount();

        Transcript t = tearDown(TeardownRequest.of(Plan.CE, Mode.NOW));

        List<Call> calls = dbl.log(mark);
        assertThat(calls)
                .extracting(Call::name)
                .containsSubsequence("IMAPISession::Logoff", "IMAPISession::Release", "MAPI32::MAPIUninitialize");
        Call logoff = calls.stream()
                .filter(c -> c.name().equals("IMAPISession::Logoff"))
                .findFirst()
                .orElseThrow();
        assertThat(logoff.args()).containsExactly(0L, 0L, 0L);
        assertThat(calls.stream()
                        .filter(c -> c.name().equals("IMAPISession::Release"))
                        .findFirst()
                        .orElseThrow()
                        .obj())
                .isEqualTo(session);
        assertThat(t.plan()).isEqualTo("ce");
    }
}
