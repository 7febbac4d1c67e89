package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.client.ClientConfig;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.ClientSessions;
import dev.mapiworkbench.client.Draft;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.MailFolder;
import dev.mapiworkbench.client.SimClients;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiCallThread;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.RuleSwitches;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.trace.TraceCall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 0450: the simulated client makes every MAPI call of a session on one MAPI thread, so its own runs
 * keep Stephen Griffin's threading rules (docs/rules.md [S10]) and their records carry that thread's number.
 * The simulator's strict thread rules ({@code sim.threadRules=strict}) fail any call from a thread that did not
 * call MAPIInitialize, so a whole run under them is the proof that no call left the session's thread.
 */
class OwnRunThreadsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> THREAD_RULES = Set.of(
            RuleCatalogue.THREAD_UNINIT_WITHOUT_INIT,
            RuleCatalogue.THREAD_EXITED_INITIALIZED,
            RuleCatalogue.FIRST_THREAD_UNINIT_EARLY);

    @TempDir
    Path profile;

    private final List<ClientSession> sessions = new ArrayList<>();
    private final ExecutorService other = Executors.newSingleThreadExecutor(r -> new Thread(r, "another-caller"));
    private final TeardownEngine engine = new TeardownEngine();

    @AfterEach
    void stop() {
        MapiCallThread.setMustNotWait(null);
        other.shutdownNow();
        sessions.forEach(ClientSession::shutdown);
    }

    private ClientSession strictClient() {
        ClientSession s = ClientSessions.open(new ClientConfig(
                "sim", profile, TransportSettings.instant(), Map.of(RuleSwitches.THREAD_RULES, "strict")));
        sessions.add(s);
        return s;
    }

    private RuleSwitches switches(ClientSession s) {
        return s.capability(RuleSwitches.class).orElseThrow();
    }

    private static List<Integer> callThreads(Transcript t) {
        return t.steps().stream()
                .flatMap(st -> st.calls().stream())
                .map(CallRecord::thread)
                .toList();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aWholeRunFromSeveralCallerThreadsKeepsTheStrictThreadRulesAndLintsCleanOfThem() throws Exception {
        ClientSession s = strictClient();
        // logon, browsing and sending from two different threads of the caller's
        s.logon(LogonOptions.defaults().withOle(true).withMapiUtil(true));
        other.submit(() -> s.send(new Draft("from another thread", "b", List.of("a@example.com"))))
                .get(60, TimeUnit.SECONDS);
        s.compose(SimClients.draft("a draft"));
        List<MailFolder> folders = other.submit(s::folders).get(60, TimeUnit.SECONDS);
        MailFolder outbox = folders.stream()
                .filter(f -> f.role() == MailFolder.Role.OUTBOX)
                .findFirst()
                .orElseThrow();
        assertThat(s.messages(outbox)).isNotEmpty();
        s.sendReceive();
        RunTrace.Start start = RunTrace.capture(s);

        Transcript t = engine.start(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                .await(WAIT);

        // strict rules: a call from any other thread would have failed MAPI_E_NOT_INITIALIZED (a failed step)
        assertThat(t.steps()).allSatisfy(st -> assertThat(st.status()).isNotIn(StepStatus.FAILED));
        assertThat(t.faults()).isEmpty();
        assertThat(t.findings()).extracting(Finding::rule).doesNotContainAnyElementsOf(THREAD_RULES);
        assertThat(callThreads(t)).isNotEmpty().containsOnly(1);
        // the simulator saw exactly one thread initialise MAPI, the session's, and it ended at 0
        assertThat(switches(s).threadInits()).singleElement().satisfies(ti -> {
            assertThat(ti.thread()).isEqualTo(s.mapiThread().name());
            assertThat(ti.initCount()).isZero();
        });

        // the exported own-run trace: every call on thread 1, and the threads rules find nothing
        Trace trace = RunTrace.toTrace(start, t);
        assertThat(trace.calls()).extracting(TraceCall::thread).containsOnly(1);
        TraceLinter.Report report =
                new TraceLinter().report(trace, TraceLinter.Context.forTrace(RuleCatalogue.Profile.OUTLOOK_2010));
        assertThat(report.findings()).extracting(Finding::rule).doesNotContainAnyElementsOf(THREAD_RULES);
        // OleInitialize and ScInitMapiUtil were made on the session's thread too
        assertThat(trace.calls().stream().map(TraceCall::api).collect(Collectors.toSet()))
                .contains("OleInitialize", "ScInitMapiUtil", "MAPIInitialize", "MAPIUninitialize");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void eachMapiSessionHasAThreadOfItsOwnThatEndsWithIt() throws Exception {
        ClientSession s = strictClient();
        s.logon(LogonOptions.defaults());
        Thread first = s.mapiThread().call("which thread", Thread::currentThread);
        engine.start(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null).await(WAIT);
        first.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(first.isAlive()).as("the logged-off session's thread ended").isFalse();

        s.logon(LogonOptions.defaults());
        Thread second = s.mapiThread().call("which thread", Thread::currentThread);
        assertThat(second).isNotSameAs(first);
        assertThat(s.mapiThread().number()).isEqualTo(1); // no other thread of this client is alive
        Transcript t = engine.start(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                .await(WAIT);
        // strict rules: the new thread initialised MAPI itself, so nothing failed
        assertThat(t.steps()).allSatisfy(st -> assertThat(st.status()).isNotIn(StepStatus.FAILED));
        assertThat(callThreads(t)).isNotEmpty().containsOnly(1);
    }

    @Test
    void theStrictRulesDoRefuseACallMadeAroundTheSessionsThread() {
        ClientSession s = strictClient();
        s.logon(LogonOptions.defaults());

        // the backend's runtime itself runs on the caller's thread, which never called MAPIInitialize
        assertThatThrownBy(() -> s.backendRuntime().mapiAllocateBuffer(8))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_NOT_INITIALIZED));
        // the client's runtime hands the same call to the session's thread
        assertThat(s.runtime().mapiAllocateBuffer(8)).isNotNull();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aCallThatHangsOnTheMapiThreadIsAbandonedByTheWatchdogAndTheNextLogonRunsOnANewThread() throws Exception {
        ClientSession s = strictClient();
        s.logon(LogonOptions.defaults());
        String firstThread = s.mapiThread().name();
        // pywin32 PR #2196: without StoreLogoff (strict 8 steps leave it out) Logoff hangs
        switches(s).applyRules(switches(s).ruleSettings().withStoreLogoffHang(true, null));
        TeardownRequest strict8 = TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withStrict8Steps(true);

        Transcript abandoned;
        try (CallWatchdog watchdog = new CallWatchdog(Duration.ofMillis(300), "--call-timeout 0.3")) {
            Teardown run = engine.start(s, strict8, watchdog, null);
            watchdog.watch(run);
            abandoned = run.await(WAIT);
        }

        assertThat(abandoned.outcome()).isEqualTo(Transcript.ABANDONED);
        assertThat(abandoned.steps())
                .filteredOn(st -> st.id() == StepId.LOGOFF)
                .singleElement()
                .satisfies(st -> assertThat(st.status()).isEqualTo(StepStatus.ABANDONED));
        // nothing waits behind the stuck Logoff: a call now fails at once, naming why
        CompletableFuture<Object> late =
                CompletableFuture.supplyAsync(() -> s.mapiThread().call("IMAPITable::QueryRows", () -> "ran"), other);
        assertThat(late)
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause()
                .isInstanceOf(MapiException.class)
                .withMessageContaining("abandoned");

        // the next logon gets a thread of its own, which initialises MAPI itself (strict rules still on)
        switches(s).applyRules(switches(s).ruleSettings().withStoreLogoffHang(false, null));
        s.logon(LogonOptions.defaults());
        assertThat(s.mapiThread().number()).isEqualTo(2);
        assertThat(s.mapiThread().name()).isNotEqualTo(firstThread);
        Transcript second = engine.start(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                .await(WAIT);
        assertThat(second.steps()).allSatisfy(st -> assertThat(st.status()).isNotIn(StepStatus.FAILED));
        assertThat(callThreads(second)).isNotEmpty().containsOnly(2);
        assertThat(second.findings()).extracting(Finding::rule).doesNotContainAnyElementsOf(THREAD_RULES);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aThreadThatMustNeverWaitIsRefusedAtOnceWhileTheMapiThreadIsBusy() throws Exception {
        ClientSession s = strictClient();
        s.logon(LogonOptions.defaults());
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> busy = CompletableFuture.supplyAsync(
                () -> s.mapiThread().call("a long call", () -> {
                    inCall.countDown();
                    return release.await(60, TimeUnit.SECONDS);
                }),
                other);
        assertThat(inCall.await(30, TimeUnit.SECONDS)).isTrue();
        MapiCallThread.setMustNotWait(t -> t.getName().equals("window-thread"));

        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        Thread window = new Thread(
                () -> {
                    try {
                        s.folders();
                        refused.complete(null);
                    } catch (RuntimeException e) {
                        refused.complete(e);
                    }
                },
                "window-thread");
        window.start();

        // answered while the MAPI thread is still busy: the window thread never waited for it
        assertThat(refused.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(MapiException.class, e -> {
            assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_CALL_FAILED);
            assertThat(e.getMessage()).contains("window-thread", "must never wait");
        });
        assertThat(busy).isNotDone();
        release.countDown();
        assertThat(busy.get(30, TimeUnit.SECONDS)).isEqualTo(true);
    }

    @Test
    void theThreadsRulesJudgeOwnRunsByTheRecordedThreads() {
        // an own run whose MAPIUninitialize came from another thread than the logon: what decision 0343 feared
        StepRecord uninit = new StepRecord(
                1,
                StepId.MAPI_UNINITIALIZE,
                "MAPIUninitialize",
                8,
                StepStatus.DONE,
                null,
                0,
                List.of(new CallRecord("MAPIUninitialize", null, Map.of(), "S_OK", 0, 0, null, 2)));
        OrderLinter.Trace t = new OrderLinter.Trace(
                Plan.DESKTOP, 0, List.of(uninit), 1, 0, 0, null, null, List.of(), false, false, 1);

        assertThat(new OrderLinter().lint(t))
                .extracting(Finding::rule)
                .contains(RuleCatalogue.THREAD_UNINIT_WITHOUT_INIT);
        // the same run on the logon's thread
        OrderLinter.Trace same = new OrderLinter.Trace(
                Plan.DESKTOP,
                0,
                List.of(new StepRecord(
                        1,
                        StepId.MAPI_UNINITIALIZE,
                        "MAPIUninitialize",
                        8,
                        StepStatus.DONE,
                        null,
                        0,
                        List.of(uninit.calls().get(0).onThread(1)))),
                1,
                0,
                0,
                null,
                null,
                List.of(),
                false,
                false,
                1);
        assertThat(new OrderLinter().lint(same))
                .extracting(Finding::rule)
                .doesNotContain(RuleCatalogue.THREAD_UNINIT_WITHOUT_INIT);
    }
}
