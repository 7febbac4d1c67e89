package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.LedgerEntry;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.OutboxItem;
import dev.mapiworkbench.client.SessionState;
import dev.mapiworkbench.client.SimClients;
import dev.mapiworkbench.mapi.CriticalErrorInjector;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.SharedSessionControl;
import dev.mapiworkbench.mapi.TransportControl;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.sim.SimRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeardownEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path profile;

    private final List<ClientSession> sessions = new ArrayList<>();
    private final List<TeardownEvent> events = new CopyOnWriteArrayList<>();
    private final TeardownEngine engine = new TeardownEngine();

    @AfterEach
    void stop() {
        sessions.forEach(ClientSession::shutdown);
    }

    private ClientSession logon(TransportSettings transport, LogonOptions options) {
        ClientSession s = SimClients.open(profile, transport);
        sessions.add(s);
        s.logon(options);
        return s;
    }

    private ClientSession logon() {
        return logon(TransportSettings.instant(), LogonOptions.defaults());
    }

    private Transcript run(ClientSession s, TeardownRequest request) throws Exception {
        return run(s, request, null);
    }

    private Transcript run(ClientSession s, TeardownRequest request, TimeoutHandler handler) throws Exception {
        return engine.start(s, request, events::add, handler).await(WAIT);
    }

    /**
     * Runs the teardown with the transport still offline and applies {@code online} when the
     * flush-outbox wait reports its start (the first WaitProgress, after it listed the pending messages),
     * so what the engine counts and tracks does not depend on how fast the spooler is.
     */
    private Transcript runGoingOnlineWhenTheWaitStarts(
            ClientSession s, TeardownRequest request, TransportSettings online) throws Exception {
        TransportControl transport = s.capability(TransportControl.class).orElseThrow();
        AtomicInteger waitStarts = new AtomicInteger();
        TeardownListener listener = e -> {
            events.add(e);
            if (e instanceof TeardownEvent.WaitProgress w && w.item() == null && waitStarts.getAndIncrement() == 0) {
                transport.apply(online);
            }
        };
        return engine.start(s, request, listener, null).await(WAIT);
    }

    private static List<StepId> ids(Transcript t) {
        return t.steps().stream().map(StepRecord::id).toList();
    }

    private static List<StepId> seedIds(Plan plan) {
        return plan.steps().stream().map(StepDefinition::id).toList();
    }

    // ---- plans and order -------------------------------------------------------------------

    @Test
    void desktopNowRunsTheEightSeedStepsInOrderAndIsClean() throws Exception {
        ClientSession s = logon();

        Transcript t = run(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withStrict8Steps(true));

        assertThat(ids(t))
                .containsExactly(
                        StepId.UNADVISE,
                        StepId.RELEASE_OBJECTS,
                        StepId.FREE_BUFFERS,
                        StepId.LOGOFF,
                        StepId.RELEASE_SESSION,
                        StepId.OLE_UNINITIALIZE,
                        StepId.MAPI_UNINITIALIZE,
                        StepId.DEINIT_MAPI_UTIL);
        assertThat(t.steps()).extracting(StepRecord::index).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(t.steps()).extracting(StepRecord::seedStep).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(t.result()).isEqualTo(Transcript.CLEAN);
        assertThat(t.findings()).isEmpty();
        assertThat(t.leaks()).isEmpty();
        assertThat(t.flags().value()).isZero();
        assertThat(t.outcome()).isEqualTo("logged-off");
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_OFF);
        assertThat(t.step(StepId.LOGOFF).orElseThrow().calls()).singleElement().satisfies(c -> {
            assertThat(c.api()).isEqualTo("IMAPISession::Logoff");
            assertThat(c.hresult()).isEqualTo("S_OK");
            assertThat(c.hresultValue()).isZero();
        });
    }

    @Test
    void stepsThatDoNotApplyAreSkippedWithAReason() throws Exception {
        Transcript t = run(logon(), TeardownRequest.of(Plan.DESKTOP, Mode.NOW));

        StepRecord ole = t.step(StepId.OLE_UNINITIALIZE).orElseThrow();
        assertThat(ole.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(ole.reason()).isEqualTo("OleInitialize was never called");
        assertThat(ole.calls()).isEmpty();
        StepRecord util = t.step(StepId.DEINIT_MAPI_UTIL).orElseThrow();
        assertThat(util.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(util.reason()).isEqualTo("ScInitMapiUtil was never called");
        assertThat(t.steps())
                .filteredOn(st -> st.status() == StepStatus.SKIPPED)
                .allSatisfy(st -> assertThat(st.reason()).isNotBlank());
    }

    @Test
    void withOleAndMapiUtilEveryStepRunsAndOleGoesBeforeMapi() throws Exception {
        ClientSession s = logon(
                TransportSettings.instant(),
                LogonOptions.defaults().withOle(true).withMapiUtil(true));

        Transcript t = run(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW));

        assertThat(t.steps()).extracting(StepRecord::status).containsOnly(StepStatus.DONE);
        List<String> apis = t.steps().stream()
                .flatMap(st -> st.calls().stream())
                .map(CallRecord::api)
                .toList();
        assertThat(apis.indexOf("OleUninitialize")).isLessThan(apis.indexOf("MAPIUninitialize"));
        assertThat(apis.indexOf("MAPIUninitialize")).isLessThan(apis.indexOf("DeinitMapiUtil"));
        assertThat(t.result()).isEqualTo(Transcript.CLEAN);
        assertThat(t.faults()).isEmpty();
    }

    @Test
    void everyStepExpandsIntoConcreteCallsFromTheLedger() throws Exception {
        ClientSession s = logon();
        List<TeardownPlanner.PlannedStep> preview =
                engine.preview(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withStrict8Steps(true));

        assertThat(preview.get(0).descriptions())
                .hasSize(3)
                .anySatisfy(d -> assertThat(d).startsWith("IMsgStore::Unadvise(connection=0x"));
        assertThat(preview.get(2).descriptions()).allSatisfy(d -> assertThat(d).startsWith("MAPIFreeBuffer("));
        assertThat(preview.get(3).descriptions()).containsExactly("IMAPISession::Logoff(0, 0x0, 0)");
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_ON); // a preview calls nothing

        Transcript t = run(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withStrict8Steps(true));
        StepRecord release = t.step(StepId.RELEASE_OBJECTS).orElseThrow();
        assertThat(release.calls())
                .extracting(CallRecord::api)
                .contains(
                        "IMsgStore::Release",
                        "IMAPIFolder::Release",
                        "IAddrBook::Release",
                        "IMAPITable::Release",
                        "IMAPIAdviseSink::Release");
        assertThat(t.step(StepId.UNADVISE).orElseThrow().calls())
                .allSatisfy(c -> assertThat(c.args()).containsKey("ulConnection"));
    }

    @Test
    void allowUiPassesMapiLogoffUi() throws Exception {
        Transcript t = run(logon(), TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withAllowUi(true));

        assertThat(t.flags().value()).isEqualTo(MapiFlags.MAPI_LOGOFF_UI);
        assertThat(t.flags().names()).containsExactly("MAPI_LOGOFF_UI");
        assertThat(t.step(StepId.LOGOFF).orElseThrow().calls().get(0).args().get("ulFlags"))
                .contains("MAPI_LOGOFF_UI");
    }

    @Test
    void cePlanRunsItsThreeStepsWithLogoffZeroZeroZero() throws Exception {
        Transcript t = run(logon(), TeardownRequest.of(Plan.CE, Mode.NOW).withAllowUi(true));

        assertThat(ids(t))
                .isEqualTo(seedIds(Plan.CE))
                .containsExactly(StepId.LOGOFF, StepId.RELEASE_SESSION, StepId.MAPI_UNINITIALIZE);
        assertThat(t.steps()).extracting(StepRecord::seedStep).containsExactly(1, 2, 3);
        assertThat(t.flags().value()).isZero();
        assertThat(t.step(StepId.LOGOFF).orElseThrow().calls().get(0).args())
                .containsEntry("ulUIParam", "0")
                .containsEntry("ulFlags", "0x0")
                .containsEntry("ulReserved", "0");
        // The CE procedure releases nothing else: on a desktop-style ledger the linter says so (decision 0033).
        assertThat(t.findings()).extracting(Finding::rule).contains(OrderLinter.OBJECTS_OPEN_AT_LOGOFF);
        assertThat(t.findings())
                .filteredOn(f -> f.rule().equals(OrderLinter.OBJECTS_OPEN_AT_LOGOFF))
                .allSatisfy(f -> assertThat(f.seed()).isEqualTo(Plan.DESKTOP.seed()));
    }

    @Test
    void afterSendingStartsWithFlushOutboxThenTheSeedSteps() throws Exception {
        for (Plan plan : Plan.values()) {
            ClientSession s = logon();
            Transcript t = run(s, TeardownRequest.of(plan, Mode.AFTER_SENDING));
            List<StepId> expected = new ArrayList<>(List.of(StepId.FLUSH_OUTBOX));
            expected.addAll(seedIds(plan));
            assertThat(ids(t)).as(plan.id()).isEqualTo(expected);
            assertThat(t.step(StepId.FLUSH_OUTBOX).orElseThrow().reason())
                    .isEqualTo("no message is queued in the Outbox");
        }
    }

    // ---- modes -----------------------------------------------------------------------------

    @Test
    void logoffNowLeavesPendingMailQueuedAndTheNextLogonSendsIt() throws Exception {
        ClientSession s = logon(TransportSettings.instant().withOffline(true), LogonOptions.defaults());
        OutboxItem a = s.send(SimClients.draft("first"));
        OutboxItem b = s.send(SimClients.draft("second"));

        Transcript t = run(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW));

        assertThat(t.outbox().before()).isEqualTo(2);
        assertThat(t.outbox().after()).isEqualTo(2);
        assertThat(t.step(StepId.LOGOFF).orElseThrow().reason())
                .isEqualTo("2 messages stay queued in the Outbox until the next logon");
        assertThat(t.result()).isEqualTo(Transcript.CLEAN);

        s.capability(TransportControl.class).orElseThrow().apply(TransportSettings.instant());
        s.logon(LogonOptions.defaults());
        // The spooler resumes at logon: both messages reach the transport and leave the Outbox.
        SimRuntime sim = (SimRuntime) s.backendRuntime();
        SimClients.awaitOutbox(
                s,
                WAIT,
                () -> sim.transportLog().size() >= 2 && s.pendingMessages().isEmpty());
        assertThat(sim.transportLog()).extracting(SimRuntime.Delivery::subject).containsExactly("first", "second");
        s.refreshOutbox();
        // Sent before the first refresh, they never show up; seen queued, they must have turned sent.
        assertThat(s.outboxSnapshot())
                .filteredOn(i -> i.id().equals(a.id()) || i.id().equals(b.id()))
                .allSatisfy(i -> assertThat(i.state()).isEqualTo(OutboxItem.State.SENT));
    }

    @Test
    void afterSendingFlushesWaitsPerMessageAndEndsWithAnEmptyOutbox() throws Exception {
        ClientSession s = logon(TransportSettings.instant().withOffline(true), LogonOptions.defaults());
        s.send(SimClients.draft("one"));
        s.send(SimClients.draft("two"));
        s.send(SimClients.draft("three"));

        // Online only once the wait has taken its list: all three are queued when counted and tracked.
        Transcript t = runGoingOnlineWhenTheWaitStarts(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING),
                TransportSettings.instant().withLatency(200));

        StepRecord flush = t.steps().get(0);
        assertThat(flush.id()).isEqualTo(StepId.FLUSH_OUTBOX);
        assertThat(flush.status()).isEqualTo(StepStatus.DONE);
        assertThat(flush.calls())
                .extracting(CallRecord::api)
                .containsSubsequence(
                        "IMAPITable::QueryRows",
                        "IMAPISession::OpenEntry",
                        "IMAPIStatus::FlushQueues",
                        "IMAPIStatus::Release");
        assertThat(flush.calls()).allSatisfy(c -> assertThat(c.hresult()).isEqualTo("S_OK"));
        assertThat(t.outbox().before()).isEqualTo(3);
        assertThat(t.outbox().after()).isZero();
        assertThat(t.waits())
                .extracting(Transcript.Wait::state)
                .containsOnly("sent")
                .hasSize(3);
        assertThat(events)
                .filteredOn(e -> e instanceof TeardownEvent.WaitProgress w && w.item() != null)
                .extracting(e -> ((TeardownEvent.WaitProgress) e).item().subject())
                .contains("one", "two", "three");
        assertThat(t.result()).isEqualTo(Transcript.CLEAN);
    }

    @Test
    void aMessageTheTransportFailsEndsTheWaitAsFailedWithItsReason() throws Exception {
        ClientSession s = logon(TransportSettings.instant().withOffline(true), LogonOptions.defaults());
        s.send(SimClients.draft("ok"));
        s.send(SimClients.draft("bad"));
        // every 2nd message fails: "ok" goes out, "bad" fails
        Transcript t = runGoingOnlineWhenTheWaitStarts(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING),
                TransportSettings.instant().withLatency(100).withFailEvery(2));

        StepRecord flush = t.step(StepId.FLUSH_OUTBOX).orElseThrow();
        assertThat(flush.status()).isEqualTo(StepStatus.WARNING);
        assertThat(flush.reason()).startsWith("1 of 2 messages sent").contains("failed: 'bad'");
        assertThat(t.waits())
                .extracting(Transcript.Wait::subject, Transcript.Wait::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ok", "sent"),
                        org.assertj.core.groups.Tuple.tuple("bad", "failed"));
        assertThat(t.waits().get(1).reason()).isNotBlank();
        assertThat(t.outbox().after()).isZero(); // a failed message is no longer queued
        assertThat(t.result()).isEqualTo(Transcript.WARNINGS);
    }

    @Test
    void timeoutWithoutUiLogsOffAndLeavesTheRestQueued() throws Exception {
        ClientSession s = logon(TransportSettings.instant().withHang(true), LogonOptions.defaults());
        s.send(SimClients.draft("stuck"));
        AtomicInteger asked = new AtomicInteger();

        Transcript t = run(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING).withTimeout(Duration.ofMillis(300)),
                (pending, waited) -> {
                    asked.incrementAndGet();
                    return CompletableFuture.completedFuture(TimeoutChoice.CANCEL_LOGOFF);
                });

        assertThat(asked).hasValue(0); // no UI: nobody is asked
        StepRecord flush = t.step(StepId.FLUSH_OUTBOX).orElseThrow();
        assertThat(flush.status()).isEqualTo(StepStatus.WARNING);
        assertThat(flush.reason()).contains("timed out").contains("left queued in the Outbox: 'stuck'");
        assertThat(t.outbox().after()).isEqualTo(1);
        assertThat(t.outcome()).isEqualTo("logged-off");
        assertThat(t.result()).isEqualTo(Transcript.WARNINGS);
        assertThat(events)
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                TeardownEvent.WaitTimedOut.class,
                                w -> assertThat(w.choice()).isEqualTo(TimeoutChoice.LOG_OFF_NOW)));
    }

    @Test
    void timeoutWithUiCanCancelTheLogoff() throws Exception {
        ClientSession s = logon(TransportSettings.instant().withHang(true), LogonOptions.defaults());
        s.send(SimClients.draft("stuck"));
        int objectsBefore = s.ledger().objects().size();

        Transcript t = run(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING)
                        .withAllowUi(true)
                        .withTimeout(Duration.ofMillis(200))
                        .withStrict8Steps(true),
                TimeoutHandler.always(TimeoutChoice.CANCEL_LOGOFF));

        assertThat(t.outcome()).isEqualTo("cancelled");
        assertThat(t.steps()).hasSize(9);
        assertThat(t.steps().subList(1, 9)).allSatisfy(st -> {
            assertThat(st.status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(st.calls()).isEmpty();
        });
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_ON);
        assertThat(s.ledger().objects()).hasSize(objectsBefore);
        assertThat(s.pendingMessages()).hasSize(1);
        s.capability(TransportControl.class).orElseThrow().apply(TransportSettings.instant());
    }

    @Test
    void timeoutWithUiCanKeepWaitingUntilTheMailIsSent() throws Exception {
        ClientSession s = logon(TransportSettings.instant().withHang(true), LogonOptions.defaults());
        s.send(SimClients.draft("slow"));
        TransportControl transport = s.capability(TransportControl.class).orElseThrow();
        AtomicInteger asked = new AtomicInteger();

        Transcript t = run(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING)
                        .withAllowUi(true)
                        .withTimeout(Duration.ofMillis(200)),
                (pending, waited) -> {
                    asked.incrementAndGet();
                    assertThat(pending).extracting(OutboxItem::subject).containsExactly("slow");
                    transport.apply(TransportSettings.instant()); // the hang clears while we keep waiting
                    return CompletableFuture.completedFuture(TimeoutChoice.KEEP_WAITING);
                });

        assertThat(asked).hasValue(1);
        assertThat(t.step(StepId.FLUSH_OUTBOX).orElseThrow().status()).isEqualTo(StepStatus.DONE);
        assertThat(t.outbox().after()).isZero();
        assertThat(t.waits()).extracting(Transcript.Wait::state).containsExactly("sent");
    }

    @Test
    void cancelWaitAnswersATimeoutQuestionThatIsNeverAnswered() throws Exception {
        ClientSession s = logon(TransportSettings.instant().withHang(true), LogonOptions.defaults());
        s.send(SimClients.draft("stuck"));
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<TimeoutChoice> neverAnswered = new CompletableFuture<>();

        Teardown td = engine.start(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING)
                        .withAllowUi(true)
                        .withTimeout(Duration.ofMillis(100)),
                events::add,
                (pending, waited) -> {
                    asked.countDown();
                    return neverAnswered;
                });
        assertThat(asked.await(20, TimeUnit.SECONDS)).isTrue();
        td.cancelWait();
        Transcript t = td.await(WAIT);

        assertThat(t.outcome()).isEqualTo("cancelled");
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_ON);
        assertThat(neverAnswered).isCancelled();
        s.capability(TransportControl.class).orElseThrow().apply(TransportSettings.instant());
    }

    @Test
    void aTimeoutHandlerThatThrowsMeansLogOffNow() throws Exception {
        ClientSession s = logon(TransportSettings.instant().withHang(true), LogonOptions.defaults());
        s.send(SimClients.draft("stuck"));

        Transcript t = run(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING)
                        .withAllowUi(true)
                        .withTimeout(Duration.ofMillis(100)),
                (pending, waited) -> {
                    throw new IllegalStateException("the dialog could not be shown");
                });

        assertThat(t.outcome()).isEqualTo("logged-off");
        assertThat(ids(t)).doesNotContain(StepId.ENGINE);
        assertThat(t.outbox().after()).isEqualTo(1);
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_OFF);
    }

    @Test
    void timeoutWithUiCanLogOffNowAndTheProviderQuestionIsRecorded() throws Exception {
        ClientSession s = logon(TransportSettings.instant().withHang(true), LogonOptions.defaults());
        s.send(SimClients.draft("in flight"));
        SimClients.awaitOutbox(
                s, WAIT, () -> s.outboxSnapshot().stream().anyMatch(i -> i.state() == OutboxItem.State.LOCKED));

        Transcript t = run(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING)
                        .withAllowUi(true)
                        .withTimeout(Duration.ofMillis(200)),
                TimeoutHandler.always(TimeoutChoice.LOG_OFF_NOW));

        assertThat(t.outcome()).isEqualTo("logged-off");
        assertThat(t.flags().names()).containsExactly("MAPI_LOGOFF_UI");
        assertThat(t.prompts()).singleElement().satisfies(p -> {
            assertThat(p.defaulted()).isTrue();
            assertThat(p.choices()).contains(p.answer());
        });
        assertThat(t.outbox().after()).isEqualTo(1);
    }

    @Test
    void cancelWaitStopsTheWaitAndKeepsTheSession() throws Exception {
        ClientSession s = logon(TransportSettings.instant().withHang(true), LogonOptions.defaults());
        s.send(SimClients.draft("stuck"));
        CompletableFuture<Teardown> handle = new CompletableFuture<>();
        Teardown td = engine.start(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING),
                e -> {
                    if (e instanceof TeardownEvent.WaitProgress) {
                        var unused = handle.thenAccept(Teardown::cancelWait);
                    }
                },
                null);
        handle.complete(td);

        Transcript t = td.await(WAIT);

        assertThat(t.outcome()).isEqualTo("cancelled");
        assertThat(t.step(StepId.FLUSH_OUTBOX).orElseThrow().reason()).contains("cancelled");
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_ON);
        s.capability(TransportControl.class).orElseThrow().apply(TransportSettings.instant());
    }

    @Test
    @SuppressWarnings("try") // the resource is held for its scope: closing it disarms the critical error
    void aCriticalErrorOnTheSessionTearsDownAtOnceWithoutUi() throws Exception {
        ClientSession s = logon();
        CompletableFuture<Teardown> started = new CompletableFuture<>();
        try (AutoCloseable arm = engine.armCriticalError(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withAllowUi(true).withStepThrough(true),
                events::add,
                started::complete)) {
            s.capability(CriticalErrorInjector.class)
                    .orElseThrow()
                    .raiseCriticalError(s.mapiSession(), HResult.MAPI_E_CALL_FAILED, "test");
            Transcript t = started.get(20, TimeUnit.SECONDS).await(WAIT);

            assertThat(t.mode()).isEqualTo("critical-error");
            assertThat(t.flags().value()).isZero(); // no UI even though the template allowed it
            assertThat(ids(t)).isEqualTo(seedIds(Plan.DESKTOP));
            assertThat(events).noneMatch(e -> e instanceof TeardownEvent.AwaitingProceed);
            assertThat(s.state()).isEqualTo(SessionState.LOGGED_OFF);
            assertThat(s.notificationLog())
                    .anySatisfy(n -> assertThat(n.eventName()).isEqualTo("fnevCriticalError"));
        }
    }

    @Test
    void logoffSharedIsPassedOnlyForAnOwnedSharedSessionAndItsPeerLogsOff() throws Exception {
        ClientSession notShared = logon();
        Transcript plain =
                run(notShared, TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withLogoffShared(true));
        assertThat(plain.flags().value() & MapiFlags.MAPI_LOGOFF_SHARED).isZero();
        assertThat(plain.findings()).extracting(Finding::rule).doesNotContain(OrderLinter.LOGOFF_SHARED_PASSED);

        ClientSession s =
                logon(TransportSettings.instant(), LogonOptions.defaults().withShared(true));
        SharedSessionControl shared = s.capability(SharedSessionControl.class).orElseThrow();
        SharedSessionControl.Peer peer = shared.addPeer("peer-1");
        assertThat(peer.loggedOn()).isTrue();

        Transcript t = run(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withLogoffShared(true));

        assertThat(t.flags().names()).containsExactly("MAPI_LOGOFF_SHARED");
        assertThat(t.peers()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("peer-1");
            assertThat(p.loggedOn()).isFalse();
            assertThat(p.logoffReason()).contains("fnevCriticalError");
        });
        assertThat(t.findings())
                .filteredOn(f -> f.rule().equals(OrderLinter.LOGOFF_SHARED_PASSED))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.seedStep()).isEqualTo(4);
                    assertThat(f.message()).contains("Outlook 2007 SP2");
                });
        assertThat(t.result()).isEqualTo(Transcript.WARNINGS);
    }

    // ---- executor --------------------------------------------------------------------------

    @Test
    void stepThroughPausesBeforeEachStepUntilProceed() throws Exception {
        ClientSession s = logon();
        LinkedBlockingQueue<TeardownEvent> queue = new LinkedBlockingQueue<>();
        Teardown td = engine.start(s, TeardownRequest.of(Plan.CE, Mode.NOW).withStepThrough(true), queue::add, null);

        List<String> order = new ArrayList<>();
        while (true) {
            TeardownEvent e = queue.poll(20, TimeUnit.SECONDS);
            assertThat(e).as("next event").isNotNull();
            if (e instanceof TeardownEvent.AwaitingProceed p) {
                order.add("pause " + p.step().id());
                assertThat(td.awaitingProceed()).isTrue();
                td.proceed();
            } else if (e instanceof TeardownEvent.StepStarted st) {
                order.add("start " + st.step().id());
            } else if (e instanceof TeardownEvent.Finished) {
                break;
            }
        }
        assertThat(order)
                .containsExactly(
                        "pause logoff",
                        "start logoff",
                        "pause release-session",
                        "start release-session",
                        "pause mapi-uninitialize",
                        "start mapi-uninitialize");
        assertThat(td.isDone()).isTrue();
    }

    @Test
    void theExecutorIsInjectableAndEventsComeInOrder() throws Exception {
        List<Runnable> tasks = new ArrayList<>();
        TeardownEngine controlled = new TeardownEngine(tasks::add);
        ClientSession s = logon();

        Teardown td = controlled.start(
                s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withStrict8Steps(true), events::add, null);

        assertThat(td.isDone()).isFalse();
        assertThat(events).isEmpty();
        assertThat(s.state()).isEqualTo(SessionState.TEARING_DOWN);
        assertThatThrownBy(() -> controlled.start(s, TeardownRequest.of(Plan.CE, Mode.NOW), null, null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(tasks).hasSize(1);
        tasks.get(0).run();

        Transcript t = td.result().getNow(null);
        assertThat(t).isNotNull();
        assertThat(events.get(0)).isInstanceOf(TeardownEvent.Started.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(TeardownEvent.Finished.class);
        long calls =
                events.stream().filter(e -> e instanceof TeardownEvent.CallMade).count();
        assertThat(calls)
                .isEqualTo(t.steps().stream().mapToLong(st -> st.calls().size()).sum());
        assertThat(events.stream()
                        .filter(e -> e instanceof TeardownEvent.StepFinished)
                        .count())
                .isEqualTo(8);
    }

    @Test
    void aRunThatBreaksBeforeItsFirstStepFailsItsResultInsteadOfHanging() throws Exception {
        ClientSession s = logon();
        Teardown td = engine.start(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.NOW),
                e -> {
                    if (e instanceof TeardownEvent.Started) {
                        throw new AssertionError("a listener that breaks hard");
                    }
                },
                null);

        assertThatThrownBy(() -> td.await(WAIT))
                .isInstanceOf(IllegalStateException.class)
                .hasCauseInstanceOf(AssertionError.class);
        assertThat(td.isDone()).isTrue();
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_ON); // nothing was ended: it can be torn down again
        assertThat(run(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW)).result()).isEqualTo(Transcript.CLEAN);
    }

    @Test
    void theDefaultExecutorRunsOffTheCallersThread() throws Exception {
        ClientSession s = logon();
        List<String> threads = new CopyOnWriteArrayList<>();
        engine.start(
                        s,
                        TeardownRequest.of(Plan.DESKTOP, Mode.NOW),
                        e -> threads.add(Thread.currentThread().getName()),
                        null)
                .await(WAIT);

        // the run's own thread, and the session's MAPI thread for the calls of each step (decision 0450)
        assertThat(threads)
                .isNotEmpty()
                .allSatisfy(n ->
                        assertThat(n).isIn("teardown-executor", s.mapiThread().name()))
                .contains("teardown-executor", s.mapiThread().name());
    }

    // ---- what-if ---------------------------------------------------------------------------

    @Test
    void whatIfSkippingReleaseObjectsShowsTheFindingAndTheSimulatorsLeaks() throws Exception {
        Transcript t = run(
                logon(),
                TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withWhatIf(WhatIf.skipping(StepId.RELEASE_OBJECTS)));

        assertThat(t.step(StepId.RELEASE_OBJECTS).orElseThrow().reason()).isEqualTo(TeardownPlanner.WHAT_IF_SKIP);
        assertThat(t.findings()).extracting(Finding::rule).contains(OrderLinter.OBJECTS_OPEN_AT_LOGOFF);
        assertThat(t.leaks()).isNotEmpty().anySatisfy(l -> assertThat(l.kind()).isEqualTo("MSG_STORE"));
        assertThat(t.result()).isEqualTo(Transcript.ERRORS);
        assertThat(t.whatIf().skip()).containsExactly(StepId.RELEASE_OBJECTS);
    }

    @Test
    void objectsStillHeldAtLogoffTurnInvalidThenLeakedInTheLedger() throws Exception {
        ClientSession s = logon();
        assertThat(s.ledgerSnapshot())
                .filteredOn(e -> e.kind().equals("IMsgStore"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.state()).isEqualTo(LedgerEntry.State.VALID);
                    assertThat(e.refCount()).isEqualTo(1);
                });
        LinkedBlockingQueue<TeardownEvent> queue = new LinkedBlockingQueue<>();
        Teardown td = engine.start(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.NOW)
                        .withStepThrough(true)
                        .withWhatIf(WhatIf.skipping(StepId.RELEASE_OBJECTS)),
                queue::add,
                null);

        List<LedgerEntry.State> atReleaseSession = new ArrayList<>();
        while (!td.isDone()) {
            TeardownEvent e = queue.poll(20, TimeUnit.SECONDS);
            assertThat(e).as("next event").isNotNull();
            if (e instanceof TeardownEvent.AwaitingProceed p) {
                if (p.step().id().equals(StepId.RELEASE_SESSION)) {
                    s.ledgerSnapshot().stream()
                            .filter(x -> x.kind().equals("IMsgStore"))
                            .forEach(x -> atReleaseSession.add(x.state()));
                }
                td.proceed();
            }
        }
        assertThat(atReleaseSession).containsExactly(LedgerEntry.State.INVALID);
        assertThat(s.ledgerSnapshot())
                .filteredOn(e -> e.category() == LedgerEntry.Category.OBJECT)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.state()).isEqualTo(LedgerEntry.State.LEAKED));
    }

    @Test
    void whatIfSkippingUnadviseAndFreeBuffersIsReported() throws Exception {
        Transcript t = run(
                logon(),
                TeardownRequest.of(Plan.DESKTOP, Mode.NOW)
                        .withWhatIf(WhatIf.skipping(StepId.UNADVISE, StepId.FREE_BUFFERS)));

        assertThat(t.findings())
                .extracting(Finding::rule)
                .contains(OrderLinter.ADVISE_NOT_CANCELLED, OrderLinter.BUFFERS_NOT_FREED);
        assertThat(t.leaks()).anySatisfy(l -> assertThat(l.kind()).isEqualTo("BUFFER"));
    }

    @Test
    void whatIfOleUninitializeAfterMapiUninitializeIsAnUngracefulTermination() throws Exception {
        ClientSession s =
                logon(TransportSettings.instant(), LogonOptions.defaults().withOle(true));

        Transcript t = run(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.NOW)
                        .withWhatIf(WhatIf.moving(StepId.OLE_UNINITIALIZE, StepId.MAPI_UNINITIALIZE)));

        assertThat(ids(t)).containsSubsequence(StepId.MAPI_UNINITIALIZE, StepId.OLE_UNINITIALIZE);
        assertThat(t.findings())
                .extracting(Finding::rule)
                .contains(OrderLinter.OLE_AFTER_MAPI_UNINIT, OrderLinter.STEP_OUT_OF_ORDER);
        assertThat(t.faults()).anySatisfy(f -> assertThat(f.fatal()).isTrue());
        assertThat(t.result()).isEqualTo(Transcript.ERRORS);
    }

    @Test
    void whatIfUnadviseAfterLogoffIsACallAfterLogoff() throws Exception {
        Transcript t = run(
                logon(),
                TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withWhatIf(WhatIf.moving(StepId.UNADVISE, StepId.LOGOFF)));

        StepRecord unadvise = t.step(StepId.UNADVISE).orElseThrow();
        assertThat(unadvise.status()).isEqualTo(StepStatus.FAILED);
        assertThat(unadvise.calls()).anySatisfy(c -> assertThat(c.hresult()).isEqualTo("MAPI_E_END_OF_SESSION"));
        assertThat(t.findings()).extracting(Finding::rule).contains(OrderLinter.CALL_AFTER_LOGOFF);
    }

    @Test
    void whatIfForcingDeinitMapiUtilWithoutInitIsReported() throws Exception {
        Transcript t = run(
                logon(),
                TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withWhatIf(WhatIf.forcing(StepId.DEINIT_MAPI_UTIL)));

        assertThat(t.step(StepId.DEINIT_MAPI_UTIL).orElseThrow().status()).isEqualTo(StepStatus.WARNING);
        assertThat(t.findings()).extracting(Finding::rule).contains(OrderLinter.DEINIT_WITHOUT_INIT);
    }

    @Test
    void whatIfNamingAnUnknownStepIsRefusedBeforeAnythingRuns() {
        ClientSession s = logon();

        assertThatThrownBy(() -> engine.start(
                        s,
                        TeardownRequest.of(Plan.CE, Mode.NOW).withWhatIf(WhatIf.skipping(StepId.UNADVISE)),
                        null,
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unadvise");
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_ON);
    }

    // ---- issue #14: store-logoff, strict 8 steps, fast shutdown (docs/mapi-behaviours.md) ----

    @Test
    void storeLogoffRunsBetweenUnadviseAndReleaseUnlessStrict8Steps() throws Exception {
        Transcript t = run(logon(), TeardownRequest.of(Plan.DESKTOP, Mode.NOW));
        assertThat(t.steps().get(1).id()).isEqualTo(StepId.STORE_LOGOFF);
        assertThat(t.steps().get(1).calls()).extracting(CallRecord::api).containsExactly("IMsgStore::StoreLogoff");
        assertThat(t.steps().get(1).calls().get(0).result()).contains("LOGOFF_COMPLETE");
        Transcript strict =
                run(logon(), TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withStrict8Steps(true));
        assertThat(strict.steps())
                .extracting(StepRecord::id)
                .doesNotContain(StepId.STORE_LOGOFF)
                .hasSize(8);
    }

    @Test
    void fastShutdownQueriesNotifiesDoesAndThenCallsNothing() throws Exception {
        Transcript t = run(logon(), TeardownRequest.of(Plan.FAST_SHUTDOWN, Mode.NOW));
        assertThat(t.steps().subList(0, 3)).extracting(StepRecord::status).containsOnly(StepStatus.DONE);
        assertThat(t.steps().get(0).calls())
                .extracting(CallRecord::api)
                .containsExactly("IMAPISession::QueryInterface", "IMAPIClientShutdown::QueryFastShutdown");
        assertThat(t.steps().get(2).calls())
                .extracting(CallRecord::api)
                .containsExactly("IMAPIClientShutdown::DoFastShutdown");
        assertThat(t.steps().subList(3, t.steps().size())).allSatisfy(st -> {
            assertThat(st.status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(st.calls()).isEmpty();
        });
    }

    @Test
    void aRefusedFastShutdownFallsBackToTheDesktopTeardown() throws Exception {
        ClientSession s = logon();
        s.runtime()
                .capability(dev.mapiworkbench.mapi.RuleSwitches.class)
                .orElseThrow()
                .applyRules(
                        dev.mapiworkbench.mapi.RuleSwitches.Settings.defaults().withFastShutdownDisabled(true));
        Transcript t = run(s, TeardownRequest.of(Plan.FAST_SHUTDOWN, Mode.NOW));
        assertThat(t.steps().get(0).calls().get(1).hresult()).isEqualTo("MAPI_E_NO_SUPPORT");
        assertThat(t.steps().subList(1, 3)).extracting(StepRecord::status).containsOnly(StepStatus.SKIPPED);
        assertThat(t.steps())
                .filteredOn(st -> st.id() == StepId.MAPI_UNINITIALIZE)
                .extracting(StepRecord::status)
                .containsExactly(StepStatus.DONE);
        assertThat(t.steps())
                .filteredOn(st -> st.id() == StepId.LOGOFF)
                .extracting(StepRecord::status)
                .containsExactly(StepStatus.DONE);
    }
}
