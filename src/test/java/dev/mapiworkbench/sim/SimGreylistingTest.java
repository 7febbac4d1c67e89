package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.SendFailureProps;
import dev.mapiworkbench.mapi.SmtpControl;
import dev.mapiworkbench.mapi.TransportRule;
import dev.mapiworkbench.mapi.TransportRuleControl;
import dev.mapiworkbench.mapi.TransportRuleControl.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Greylisting by a 4xx transport rule (decision 0610): the message waits for the rule's retry delay, measured on
 * a clock the test moves by hand, while the mail behind it goes; then the retry is accepted.
 */
class SimGreylistingTest {

    private SimRulesRun run;
    private SimRuntime rt;
    private MapiSession session;
    private MapiFolder outbox;
    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));

    /** The rules' simulator on the test's clock. */
    private void start(String... rules) {
        run = SimRulesRun.start(r -> r.locked(() -> r.transportRules.clock = now::get), rules);
        rt = run.rt();
        session = run.session();
        outbox = run.outbox();
    }

    @AfterEach
    void tearDown() {
        if (run != null) {
            run.end();
        }
    }

    private TransportRuleControl rules() {
        return run.rules();
    }

    private List<String> delivered() {
        return run.delivered();
    }

    /** Moves the test's clock and wakes the simulator's threads, as time passing would. */
    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
        rt.locked(() -> rt.changed.signalAll());
    }

    /** Waits (on the simulator's condition, not by sleeping) until {@code done} holds; false after WAIT. */
    private boolean await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        rt.lock.lock();
        try {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                rt.changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
            return true;
        } finally {
            rt.lock.unlock();
        }
    }

    private PropValue prop(EntryId id, int tag) {
        MapiMessage m = (MapiMessage) session.openEntry(id, 0);
        try {
            return m.getProps(new int[] {tag}).get(0);
        } finally {
            m.release();
        }
    }

    @Test
    @DisplayName("a 451 rule defers its message for the rule's retry delay on the clock; the mail behind it goes"
            + " meanwhile, and the retry after the delay is accepted")
    void retryWaitsForTheDelay() throws Exception {
        start("subject~grey=smtp:451 4.7.1 greylisted, try again later;retry:60000");
        Instant before = Instant.now();
        EntryId grey = SimFixture.submit(outbox, "grey one");
        SimFixture.submit(outbox, "other");
        assertThat(await(() -> delivered().contains("other")
                        && !rules().activity().isEmpty()
                        && !rt.profiles().get(0).spooler.sending()))
                .isTrue();

        List<Activity> a = rules().activity();
        assertThat(a).hasSize(1);
        assertThat(a.get(0).doing()).isEqualTo(TransportRuleControl.Doing.GREYLISTED);
        assertThat(a.get(0).rule()).isEqualTo(1);
        assertThat(a.get(0).subject()).isEqualTo("grey one");
        assertThat(a.get(0).reply()).isEqualTo("451 4.7.1 greylisted, try again later");
        assertThat(a.get(0).retryAt())
                .isBetween(before.plusSeconds(60), Instant.now().plusSeconds(60));
        // the Outbox row: still queued, with the server's reply and the retry time (decision 0161's properties)
        assertThat(prop(grey, SendFailureProps.PR_WB_TRANSPORT_REPLY_W).asString())
                .isEqualTo("451 4.7.1 greylisted, try again later");
        assertThat(prop(grey, SendFailureProps.PR_WB_NEXT_RETRY_TIME).asTime())
                .isEqualTo(a.get(0).retryAt());
        assertThat(rt.locked(() -> rt.profiles().get(0).spooler.statusString()))
                .startsWith("Greylisted: 'grey one' was deferred by transport rule 1 (451 4.7.1 greylisted, try"
                        + " again later); it is tried again at ");
        assertThat(rt.awaitOutboxIdle(Duration.ZERO))
                .as("the deferred message counts as queued")
                .isFalse();

        // one millisecond short of the delay: the spooler looks again and still passes over it
        advance(Duration.ofMillis(59_999));
        assertThat(rt.locked(() -> rt.transportRules.dueRetries(rt.profiles().get(0))))
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(1));
        assertThat(delivered()).containsExactly("other");
        assertThat(rules().activity()).hasSize(1);

        advance(Duration.ofMillis(1));
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(delivered()).containsExactly("other", "grey one");
        assertThat(rules().activity()).isEmpty();
    }

    @Test
    @DisplayName("without ;retry: the delay is the default, 30 s (RFC 5321's 30 minutes, one second a minute)")
    void defaultDelay() throws Exception {
        start("*=smtp:450 4.2.0 greylisted");
        assertThat(rules().rules().get(0).millis()).isEqualTo(TransportRule.DEFAULT_RETRY_MILLIS);
        SimFixture.submit(outbox, "first");
        assertThat(await(() -> !rules().activity().isEmpty())).isTrue();
        advance(Duration.ofMillis(TransportRule.DEFAULT_RETRY_MILLIS - 1));
        assertThat(rt.locked(() -> rt.transportRules.dueRetries(rt.profiles().get(0))))
                .isPositive();
        assertThat(delivered()).isEmpty();
        advance(Duration.ofMillis(1));
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(delivered()).containsExactly("first");
    }

    @Test
    @DisplayName("Retry now ends the wait at once (the Outbox's Retry now button), and ;retry:0 retries at once")
    void retryNowAndZero() throws Exception {
        start("subject~a=smtp:451 later;retry:600000", "subject~b=smtp:451 later;retry:0");
        SimFixture.submit(outbox, "a");
        SimFixture.submit(outbox, "b");
        assertThat(await(() -> delivered().contains("b") && !rules().activity().isEmpty()))
                .isTrue();
        assertThat(delivered()).containsExactly("b");
        rt.capability(SmtpControl.class).orElseThrow().retryNow();
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(delivered()).containsExactly("b", "a");
    }

    @Test
    @DisplayName("a hang rule's held send is released while the rule stays: the next match hangs again")
    void releaseKeepsTheRule() throws Exception {
        start("subject~stuck=hang");
        SimFixture.submit(outbox, "stuck 1");
        assertThat(await(() -> !rules().activity().isEmpty())).isTrue();
        assertThat(rules().activity().get(0).doing()).isEqualTo(TransportRuleControl.Doing.HOLDING);
        assertThat(rules().release(1)).isTrue();
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(delivered()).containsExactly("stuck 1");
        assertThat(rules().release(1)).as("nothing is held now").isFalse();

        SimFixture.submit(outbox, "stuck 2");
        assertThat(await(() -> !rules().activity().isEmpty())).isTrue();
        assertThat(rules().rules()).hasSize(1);
        rules().replace(List.of());
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(delivered()).containsExactly("stuck 1", "stuck 2");
    }

    @Test
    @DisplayName("adding a rule restarts #N and keeps what the others hold; removing a rule lets its held send go"
            + " and keeps the others")
    void addAndRemove() throws Exception {
        start("subject~stuck=hang", "subject~grey=smtp:451 later;retry:600000");
        SimFixture.submit(outbox, "grey");
        assertThat(await(() -> rules().activity().size() == 1)).isTrue();
        SimFixture.submit(outbox, "stuck");
        assertThat(await(() -> rules().activity().size() == 2)).isTrue();
        rules().add(TransportRule.parse("#1=fail:MAPI_E_NETWORK_ERROR"));
        assertThat(rules().rules())
                .extracting(Object::toString)
                .containsExactly(
                        "subject~stuck=hang",
                        "subject~grey=smtp:451 later;retry:600000",
                        "#1=fail:MAPI_E_NETWORK_ERROR");
        assertThat(rules().activity())
                .extracting(Activity::rule, Activity::doing)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, TransportRuleControl.Doing.HOLDING),
                        org.assertj.core.groups.Tuple.tuple(2, TransportRuleControl.Doing.GREYLISTED));

        assertThat(rules().remove(1)).isTrue();
        // the held send goes on (rules decide when a send starts: #1 came later)
        assertThat(await(() -> delivered().contains("stuck"))).isTrue();
        assertThat(rules().activity()).hasSize(1);
        assertThat(rules().activity().get(0).rule())
                .as("the greylisting rule is number 1 now")
                .isEqualTo(1);
        assertThat(rules().remove(7)).isFalse();
        // removing the greylisting rule retries its message: the transport's 1st send since the add, so #1 fails it
        assertThat(rules().remove(1)).isTrue();
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(delivered()).containsExactly("stuck");
        assertThat(rules().rules()).extracting(Object::toString).containsExactly("#1=fail:MAPI_E_NETWORK_ERROR");
    }

    @Test
    @DisplayName("the text form keeps a retry delay that is not the default, and refuses one on a 5xx or below 0")
    void textForm() {
        assertThat(TransportRule.parse("*=smtp:451 4.7.1 later;retry:5000").toString())
                .isEqualTo("*=smtp:451 4.7.1 later;retry:5000");
        assertThat(TransportRule.parse("*=smtp:451 4.7.1 later ; RETRY: 5000").millis())
                .isEqualTo(5000);
        assertThat(TransportRule.parse("*=smtp:451 later;retry:30000").toString())
                .isEqualTo("*=smtp:451 later");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TransportRule.parse("*=smtp:550 no;retry:5"))
                .hasMessageContaining("4xx reply only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TransportRule.parse("*=smtp:451 x;retry:-5"))
                .hasMessageContaining("0..86400000 ms, not -5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TransportRule.parse("*=smtp:451 x;retry:soon"))
                .hasMessageContaining("not a number of milliseconds");
    }
}
