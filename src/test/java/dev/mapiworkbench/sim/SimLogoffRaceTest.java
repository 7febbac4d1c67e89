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
        for (int i = 0; i < ITERATIONS; i++) {
            runIteration(i);
        }
        // the race really happened: messages were submitted, and some logoffs cut a batch short
        assertThat(totalSubmitted).isGreaterThan(ITERATIONS);
        assertThat(racedIterations).isPositive();
        // and some Logoffs caught a message inside the transport and left it in the Outbox
        assertThat(abortedInFlight).isPositive();
    }

    private int totalSubmitted;
    private int racedIterations;
    private int abortedInFlight;

    private void runIteration(int iteration) throws Exception {
        long latency = iteration % 5 == 4 ? 5 : iteration % 3 == 2 ? 1 : 0;
        TransportSettings transport = TransportSettings.instant().withLatency(latency);
        SimRuntime rt = SimFixture.initialized(transport);
        boolean withUi = iteration % 2 == 1;
        String answer = iteration % 4 == 1 ? Spooler.FINISH : Spooler.LEAVE;
        rt.setProviderUi(r -> answer);
        MapiSession s = SimFixture.logon(rt);
        MapiFolder outbox = SimFixture.openFolder(s, SimFixture.openDefaultStore(s), PropTag.PR_IPM_OUTBOX_ENTRYID);
        CountDownLatch start = new CountDownLatch(1);
        Future<List<String>> submitter = POOL.submit(() -> {
            List<String> submitted = new ArrayList<>();
            start.await();
            for (int m = 0; m < MESSAGES; m++) {
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
            for (int spin = 0; spin < (iteration * 37) % 2000; spin++) {
                Thread.onSpinWait();
            }
            s.logoff(0, withUi ? MapiFlags.MAPI_LOGOFF_UI : 0, 0);
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
        MapiSession s2 = SimFixture.logon(rt);
        assertThat(rt.awaitOutboxIdle(WAIT)).as("iteration %d drains", iteration).isTrue();
        List<String> delivered = rt.transportLog().stream().map(SimRuntime.Delivery::subject).toList();
        assertThat(delivered).as("iteration %d: each submitted message delivered exactly once", iteration)
                .containsExactlyInAnyOrderElementsOf(submitted);
        assertThat(new HashSet<>(delivered)).hasSameSizeAs(delivered);

        var store2 = SimFixture.openDefaultStore(s2);
        MapiFolder sent = SimFixture.openFolder(s2, store2, PropTag.PR_IPM_SENTMAIL_ENTRYID);
        MapiFolder outbox2 = SimFixture.openFolder(s2, store2, PropTag.PR_IPM_OUTBOX_ENTRYID);
        assertThat(subjects(sent)).as("iteration %d sent items", iteration)
                .containsExactlyInAnyOrderElementsOf(submitted);
        Set<String> left = new HashSet<>(subjects(outbox2));
        left.retainAll(submitted);
        assertThat(left).as("iteration %d: only never-submitted drafts stay", iteration).isEmpty();
        rt.mapiUninitialize();
    }

    private static List<String> subjects(MapiFolder f) {
        MapiTable t = f.getContentsTable(0);
        try {
            return SimFixture.allRows(t).stream().map((Row r) -> r.get(PropTag.PR_SUBJECT_W).asString()).toList();
        } finally {
            t.release();
        }
    }
}
