package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.SessionState;
import dev.mapiworkbench.client.SimClients;
import dev.mapiworkbench.mapi.FaultControl;
import dev.mapiworkbench.mapi.FaultSpec;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blocked call can be given up on (issue 10 item 6), and step-through can be cancelled or run to the end
 * (item 9), on the simulated backend with its fault injector.
 */
class AbandonAndStepThroughTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path profile;

    private ClientSession session;
    private final List<TeardownEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (session != null) {
            session.capability(FaultControl.class).ifPresent(FaultControl::clear);
            session.shutdown();
        }
    }

    private ClientSession logon() {
        session = SimClients.open(profile, TransportSettings.instant());
        session.logon(LogonOptions.defaults());
        return session;
    }

    /** Starts a teardown recording every event; {@code onWatched} runs for each event of type {@code watched}. */
    private Teardown start(
            ClientSession s, TeardownRequest request, Class<? extends TeardownEvent> watched, Runnable onWatched) {
        return new TeardownEngine()
                .start(
                        s,
                        request,
                        e -> {
                            events.add(e);
                            if (watched.isInstance(e)) {
                                onWatched.run();
                            }
                        },
                        null);
    }

    @Test
    void abandoningABlockedLogoffEndsTheRunAtOnceAndNamesTheBlocker() throws Exception {
        ClientSession s = logon();
        FaultControl faults = s.capability(FaultControl.class).orElseThrow();
        faults.add(FaultSpec.parse("IMAPISession::Logoff=block"));
        CountDownLatch blocked = new CountDownLatch(1);
        faults.addListener(() -> {
            if (!faults.blockedCalls().isEmpty()) {
                blocked.countDown();
            }
        });
        CountDownLatch finished = new CountDownLatch(1);
        Teardown t = start(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), TeardownEvent.Finished.class, () -> {
            finished.countDown();
        });
        assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(t.isDone()).isFalse();
        assertThat(events)
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                TeardownEvent.CallStarted.class,
                                c -> assertThat(c.call()).startsWith("IMAPISession::Logoff")));

        assertThat(t.abandon()).isTrue();
        Transcript tr = t.await(WAIT);

        assertThat(tr.outcome()).isEqualTo(Transcript.ABANDONED);
        assertThat(tr.result()).isEqualTo(Transcript.ERRORS);
        StepRecord logoff = tr.step(StepId.LOGOFF).orElseThrow();
        assertThat(logoff.status()).isEqualTo(StepStatus.ABANDONED);
        assertThat(logoff.reason()).contains("blocked for", "IMAPISession::Logoff", "step " + logoff.index(), "Logoff");
        // the steps before it ran, the ones after it never did
        assertThat(tr.step(StepId.UNADVISE).orElseThrow().status()).isEqualTo(StepStatus.DONE);
        assertThat(tr.steps().subList(logoff.index(), tr.steps().size())).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(r.reason()).contains("abandoned");
        });
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_OFF);
        assertThat(t.abandon()).isFalse();
        assertThat(finished.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(events.get(events.size() - 1)).isInstanceOf(TeardownEvent.Finished.class);

        // the blocked call comes back later: the result stays the abandoned one
        faults.clear();
        assertThat(faults.blockedCalls()).isEmpty();
        assertThat(t.result().get()).isSameAs(tr);
    }

    @Test
    void cancelInStepThroughBeforeTheFirstCallKeepsTheSessionLoggedOnAndUsable() throws Exception {
        ClientSession s = logon();
        CountDownLatch paused = new CountDownLatch(1);
        Teardown t = start(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withStepThrough(true),
                TeardownEvent.AwaitingProceed.class,
                () -> {
                    paused.countDown();
                });
        assertThat(paused.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(t.cancellable()).isTrue();
        assertThat(t.cancelSteps()).isTrue();
        Transcript tr = t.await(WAIT);
        assertThat(tr.outcome()).isEqualTo(Transcript.CANCELLED);
        assertThat(tr.steps()).allSatisfy(r -> assertThat(r.status()).isEqualTo(StepStatus.SKIPPED));
        assertThat(tr.steps()).allSatisfy(r -> assertThat(r.calls()).isEmpty());
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_ON);
        // usable: its folders read, and a later teardown ends it cleanly
        assertThat(s.folders()).isNotEmpty();
        Transcript again = new TeardownEngine()
                .start(s, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                .await(WAIT);
        assertThat(again.outcome()).isEqualTo(Transcript.LOGGED_OFF);
        assertThat(again.result()).isEqualTo(Transcript.CLEAN);
    }

    @Test
    void runToEndRunsEveryRemainingStepWithoutPausingAndCancelIsRefusedOnceACallWasMade() throws Exception {
        ClientSession s = logon();
        java.util.concurrent.atomic.AtomicInteger pauses = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Semaphore paused = new java.util.concurrent.Semaphore(0);
        Teardown t = start(
                s,
                TeardownRequest.of(Plan.DESKTOP, Mode.NOW).withStepThrough(true),
                TeardownEvent.AwaitingProceed.class,
                () -> {
                    pauses.incrementAndGet();
                    paused.release();
                });
        assertThat(paused.tryAcquire(20, TimeUnit.SECONDS)).isTrue();
        t.proceed();
        assertThat(paused.tryAcquire(20, TimeUnit.SECONDS)).isTrue();
        // Unadvise made its calls: a cancel now would leave half a session
        assertThat(t.cancellable()).isFalse();
        assertThat(t.cancelSteps()).isFalse();
        t.runToEnd();
        Transcript tr = t.await(WAIT);
        assertThat(pauses.get()).isEqualTo(2);
        assertThat(tr.outcome()).isEqualTo(Transcript.LOGGED_OFF);
        assertThat(tr.result()).isEqualTo(Transcript.CLEAN);
        assertThat(s.state()).isEqualTo(SessionState.LOGGED_OFF);
    }
}
