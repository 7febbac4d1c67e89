package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.TransportSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The spooler against a concurrent Logoff (§1.1 "may remain in the outgoing queue until a user logs
 * back on"; decision 0013): over many iterations, every submitted message is delivered exactly once
 * (possibly after the next logon), none is lost, none is sent twice.
 */
class SimLogoffRaceTest {

    private static final int ITERATIONS = 300;
    private static final int MESSAGES = 6;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @AfterAll
    static void shutdown() {
        POOL.shutdownNow();
    }

    @Test
    @DisplayName("§1.1 spooler vs concurrent Logoff: no message lost, none sent twice (300 iterations)")
    void noLossNoDuplicates() throws Exception {
        // One iteration is interleaved on purpose, so the paths below are covered whatever the timing:
        // the Logoff lands mid-batch while a message hangs inside the transport.
        runIteration(0, true);
        assertThat(racedIterations)
                .as("the forced iteration cut the batch short")
                .isEqualTo(1);
        assertThat(abortedInFlight)
                .as("the forced iteration aborted the in-flight send")
                .isEqualTo(1);
        for (int i = 1; i < ITERATIONS; i++) {
            runIteration(i, false);
        }
        // messages were submitted in the free-running iterations too
        assertThat(totalSubmitted).isGreaterThan(ITERATIONS);
    }

    private int totalSubmitted;
    private int racedIterations;
    private int abortedInFlight;

    /**
     * One submitter against one Logoff. {@code cut}: the transport hangs, the submitter pauses after
     * half the batch until the Logoff (which waits for the first message to be in the transport) has
     * returned, then finds the session ended; otherwise the two run free with varied timing.
     */
    private void runIteration(int iteration, boolean cut) throws Exception {
        long latency = iteration % 5 == 4 ? 5 : iteration % 3 == 2 ? 1 : 0;
        TransportSettings transport = cut
                ? TransportSettings.instant().withHang(true)
                : TransportSettings.instant().withLatency(latency);
        SimRuntime rt = SimFixture.initialized(transport);
        boolean withUi = !cut && iteration % 2 == 1;
        String answer = iteration % 4 == 1 ? Spooler.FINISH : Spooler.LEAVE;
        rt.providerUiHost().setProviderUi(r -> answer);
        MapiSession s = SimFixture.logon(rt);
        MapiFolder outbox = SimFixture.openFolder(s, SimFixture.openDefaultStore(s), PropTag.PR_IPM_OUTBOX_ENTRYID);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch loggedOff = new CountDownLatch(1);
        Future<List<String>> submitter = POOL.submit(() -> {
            List<String> submitted = new ArrayList<>();
            start.await();
            for (int m = 0; m < MESSAGES; m++) {
                if (cut && m == MESSAGES / 2) {
                    halfway.countDown();
                    assertThat(loggedOff.await(30, TimeUnit.SECONDS)).isTrue();
                }
                String subject = "it" + iteration + "-m" + m;
                MapiMessage msg = null;
                try {
                    msg = outbox.createMessage(0);
                    msg.setProps(List.of(PropValue.of(PropTag.PR_SUBJECT_W, subject)));
                    msg.modifyRecipients(MapiFlags.MODRECIP_ADD, List.of("r@example.com"));
                    msg.submitMessage(0);
                    submitted.add(subject);
                } catch (MapiException e) {
                    assertThat(e.hresult()).as(e.getMessage()).isEqualTo(HResult.MAPI_E_END_OF_SESSION);
                } finally {
                    if (msg != null) {
                        msg.release();
                    }
                }
            }
            return submitted;
        });
        Future<?> logoff = POOL.submit(() -> {
            start.await();
            if (cut) {
                assertThat(halfway.await(30, TimeUnit.SECONDS)).isTrue();
                SimFixture.awaitSending(s);
            }
            for (int spin = 0; spin < (iteration * 37) % 2000; spin++) {
                Thread.onSpinWait();
            }
            try {
                s.logoff(0, withUi ? MapiFlags.MAPI_LOGOFF_UI : 0, 0);
            } finally {
                loggedOff.countDown();
            }
            return null;
        });
        start.countDown();
        List<String> submitted = submitter.get(30, TimeUnit.SECONDS);
        logoff.get(30, TimeUnit.SECONDS);
        totalSubmitted += submitted.size();
        abortedInFlight += rt.abortedSends();
        if (!submitted.isEmpty() && submitted.size() < MESSAGES) {
            racedIterations++;
        }

        // the next logon resumes the queue
        if (cut) {
            rt.transportControl().apply(TransportSettings.instant());
        }
        MapiSession s2 = SimFixture.logon(rt);
        assertThat(rt.awaitOutboxIdle(WAIT))
                .as("iteration %d drains", iteration)
                .isTrue();
        List<String> delivered =
                rt.transportLog().stream().map(SimRuntime.Delivery::subject).toList();
        assertThat(delivered)
                .as("iteration %d: each submitted message delivered exactly once", iteration)
                .containsExactlyInAnyOrderElementsOf(submitted);
        assertThat(new HashSet<>(delivered)).hasSameSizeAs(delivered);

        var store2 = SimFixture.openDefaultStore(s2);
        MapiFolder sent = SimFixture.openFolder(s2, store2, PropTag.PR_IPM_SENTMAIL_ENTRYID);
        MapiFolder outbox2 = SimFixture.openFolder(s2, store2, PropTag.PR_IPM_OUTBOX_ENTRYID);
        assertThat(subjects(sent))
                .as("iteration %d sent items", iteration)
                .containsExactlyInAnyOrderElementsOf(submitted);
        Set<String> left = new HashSet<>(subjects(outbox2));
        left.retainAll(submitted);
        assertThat(left)
                .as("iteration %d: only never-submitted drafts stay", iteration)
                .isEmpty();
        rt.mapiUninitialize();
    }

    private static List<String> subjects(MapiFolder f) {
        MapiTable t = f.getContentsTable(0);
        try {
            return SimFixture.allRows(t).stream()
                    .map((Row r) -> r.get(PropTag.PR_SUBJECT_W).asString())
                    .toList();
        } finally {
            t.release();
        }
    }
}
