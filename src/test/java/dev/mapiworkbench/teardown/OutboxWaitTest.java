package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.SimClients;
import dev.mapiworkbench.mapi.TransportControl;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The after-sending wait at the edges of its timeout: nothing may overflow or keep the teardown from ending. */
class OutboxWaitTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path profile;

    private final List<ClientSession> sessions = new ArrayList<>();
    private final TeardownEngine engine = new TeardownEngine();

    @AfterEach
    void stop() {
        sessions.forEach(ClientSession::shutdown);
    }

    private ClientSession loggedOnWithQueuedMail(TransportSettings transport) {
        ClientSession s = SimClients.open(profile, transport);
        sessions.add(s);
        s.logon(LogonOptions.defaults());
        s.send(SimClients.draft("one"));
        s.send(SimClients.draft("two"));
        return s;
    }

    static Stream<Duration> hugeTimeouts() {
        return Stream.of(
                Duration.ofSeconds(10_000_000_000L), // --timeout 1e10
                Duration.ofMillis(Long.MAX_VALUE),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
    }

    @Test
    void timeoutsSaturateInsteadOfOverflowing() {
        assertThat(OutboxWait.saturatedNanos(Duration.ZERO)).isZero();
        assertThat(OutboxWait.saturatedNanos(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(OutboxWait.saturatedNanos(Duration.ofMillis(1))).isEqualTo(1_000_000);
        assertThat(OutboxWait.saturatedNanos(Duration.ofNanos(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        hugeTimeouts()
                .forEach(d -> assertThat(OutboxWait.saturatedNanos(d))
                        .as(d.toString())
                        .isEqualTo(Long.MAX_VALUE));
    }

    @ParameterizedTest
    @MethodSource("hugeTimeouts")
    void aHugeTimeoutWaitsUntilTheOutboxIsEmptyAndEveryStepRuns(Duration timeout) throws Exception {
        // offline until the wait starts, so the mail is still queued when it does
        ClientSession s = loggedOnWithQueuedMail(TransportSettings.instant().withOffline(true));
        TransportControl transport = s.capability(TransportControl.class).orElseThrow();

        Transcript t = engine.start(
                        s,
                        TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING).withTimeout(timeout),
                        e -> {
                            if (e instanceof TeardownEvent.WaitProgress w && w.item() == null) {
                                transport.apply(TransportSettings.instant());
                            }
                        },
                        null)
                .await(timeout);

        assertThat(t.step(StepId.FLUSH_OUTBOX).orElseThrow().status()).isEqualTo(StepStatus.DONE);
        assertThat(t.steps()).noneMatch(r -> r.status() == StepStatus.FAILED);
        assertThat(t.step(StepId.MAPI_UNINITIALIZE).orElseThrow().status()).isEqualTo(StepStatus.DONE);
        assertThat(t.outbox().after()).isZero();
        assertThat(t.result()).isEqualTo(Transcript.CLEAN);
    }

    @ParameterizedTest
    @MethodSource("hugeTimeouts")
    void aHugeTimeoutOnAHungTransportStillEndsWhenTheCallerStopsWaiting(Duration timeout) throws Exception {
        ClientSession s = loggedOnWithQueuedMail(TransportSettings.instant().withHang(true));
        CompletableFuture<Teardown> handle = new CompletableFuture<>();
        Teardown td = engine.start(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING)
                        .withTimeout(timeout)
                        .withAllowUi(true),
                e -> {
                    if (e instanceof TeardownEvent.WaitProgress) {
                        CompletableFuture<Void> unused = handle.thenAccept(Teardown::stopWaitingAndLogOff);
                    }
                },
                (pending, waited) -> new CompletableFuture<>());
        handle.complete(td);

        Transcript t = td.await(WAIT);

        assertThat(t.step(StepId.FLUSH_OUTBOX).orElseThrow().reason()).contains("stopped waiting");
        assertThat(t.step(StepId.LOGOFF).orElseThrow().status()).isEqualTo(StepStatus.DONE);
        assertThat(t.step(StepId.MAPI_UNINITIALIZE).orElseThrow().status()).isEqualTo(StepStatus.DONE);
        assertThat(t.outcome()).isEqualTo(Transcript.LOGGED_OFF);
        assertThat(t.outbox().after()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("tinyTimeouts")
    void aZeroOrTinyTimeoutTimesOutAtOnceAndTheTeardownCompletes(Duration timeout) throws Exception {
        ClientSession s = loggedOnWithQueuedMail(TransportSettings.instant().withHang(true));

        Transcript t = engine.start(
                        s, TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING).withTimeout(timeout), null, null)
                .await(WAIT);

        StepRecord flush = t.step(StepId.FLUSH_OUTBOX).orElseThrow();
        assertThat(flush.status()).isEqualTo(StepStatus.WARNING);
        assertThat(flush.reason()).contains("timed out").contains("left queued in the Outbox");
        assertThat(t.step(StepId.LOGOFF).orElseThrow().status()).isEqualTo(StepStatus.DONE);
        assertThat(t.step(StepId.MAPI_UNINITIALIZE).orElseThrow().status()).isEqualTo(StepStatus.DONE);
        assertThat(t.waits()).extracting(Transcript.Wait::state).containsOnly("queued");
    }

    static Stream<Duration> tinyTimeouts() {
        return Stream.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofMillis(1));
    }

    @Test
    void afterKeepWaitingTheProgressCountsTowardsTheNextQuestionNotThePassedOne() throws Exception {
        // offline: nothing leaves the Outbox, so the question comes twice: Keep waiting, then Log off now
        ClientSession s = loggedOnWithQueuedMail(TransportSettings.instant().withOffline(true));
        Duration timeout = Duration.ofSeconds(3);
        List<TeardownEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Transcript t = engine.start(
                        s,
                        TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING)
                                .withTimeout(timeout)
                                .withAllowUi(true),
                        events::add,
                        (pending, waited) -> CompletableFuture.completedFuture(
                                asked.incrementAndGet() == 1 ? TimeoutChoice.KEEP_WAITING : TimeoutChoice.LOG_OFF_NOW))
                .await(WAIT);

        assertThat(asked.get()).isEqualTo(2);
        assertThat(t.step(StepId.FLUSH_OUTBOX).orElseThrow().reason()).contains("timed out");
        List<TeardownEvent> snapshot = List.copyOf(events);
        int firstQuestion = -1;
        for (int i = 0; i < snapshot.size(); i++) {
            if (snapshot.get(i) instanceof TeardownEvent.WaitTimedOut) {
                firstQuestion = i;
                break;
            }
        }
        assertThat(firstQuestion).isNotNegative();
        List<TeardownEvent.WaitProgress> between = snapshot.subList(firstQuestion + 1, snapshot.size()).stream()
                .takeWhile(e -> !(e instanceof TeardownEvent.WaitTimedOut))
                .filter(e -> e instanceof TeardownEvent.WaitProgress)
                .map(e -> (TeardownEvent.WaitProgress) e)
                .toList();
        assertThat(between).as("ticks between the two questions").isNotEmpty();
        assertThat(between).allSatisfy(w -> {
            // "Waited 0:04 of 0:06 — 0:02 left", not "Waited 0:04 of 0:03 — 0:00 left"
            assertThat(w.timeout()).isGreaterThan(timeout);
            assertThat(w.timeout()).isGreaterThanOrEqualTo(w.elapsed());
        });
    }
}
