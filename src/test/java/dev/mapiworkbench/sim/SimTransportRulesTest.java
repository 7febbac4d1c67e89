package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.SendFailureProps;
import dev.mapiworkbench.mapi.TransportRule;
import dev.mapiworkbench.mapi.TransportRuleControl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The simulated transport's per-message rules (decision 0440, docs/scenarios.md "Transport rules"). */
class SimTransportRulesTest {

    private SimRulesRun run;
    private SimRuntime rt;
    private MapiSession session;
    private MapiFolder outbox;

    private void start(String... rules) {
        run = SimRulesRun.start(r -> {}, rules);
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

    private Map<Integer, PropValue> props(EntryId id) {
        MapiMessage m = (MapiMessage) session.openEntry(id, 0);
        try {
            return m
                    .getProps(new int[] {
                        PropTag.PR_MESSAGE_FLAGS,
                        SendFailureProps.PR_WB_SEND_ERROR_W,
                        SendFailureProps.PR_WB_SEND_ERROR_SCODE
                    })
                    .stream()
                    .collect(Collectors.toMap(PropValue::tag, v -> v));
        } finally {
            m.release();
        }
    }

    private List<String> delivered() {
        return run.delivered();
    }

    private int spoolerStatus() {
        return rt.locked(() -> rt.profiles().iterator().next().spooler.statusCode());
    }

    /** The spooler row's PR_STATUS_STRING. */
    private String spoolerStatusString() {
        return rt.locked(() -> rt.profiles().iterator().next().spooler.statusString());
    }

    @Test
    @DisplayName("a rule on the subject fails that message with its HRESULT and reason, one on a recipient with an"
            + " SMTP reply; the others go")
    void failBySubjectAndSmtpByRecipient() throws Exception {
        start(
                "subject~report=fail:MAPI_E_NETWORK_ERROR:the link went down",
                "to~bob@=smtp:550 5.1.1 mailbox unavailable");
        EntryId report = SimFixture.submit(outbox, "Weekly REPORT", "ann@example.com");
        EntryId bob = SimFixture.submit(outbox, "hello", "carl@example.com", "bob@example.com");
        SimFixture.submit(outbox, "other", "ann@example.com");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();

        assertThat(delivered()).containsExactly("other");
        Map<Integer, PropValue> r = props(report);
        assertThat(r.get(SendFailureProps.PR_WB_SEND_ERROR_SCODE).asInt())
                .isEqualTo(HResult.MAPI_E_NETWORK_ERROR.value());
        assertThat(r.get(SendFailureProps.PR_WB_SEND_ERROR_W).asString())
                .isEqualTo("MAPI_E_NETWORK_ERROR: the link went down");
        assertThat(r.get(PropTag.PR_MESSAGE_FLAGS).asInt() & MapiFlags.MSGFLAG_SUBMIT)
                .isZero();
        Map<Integer, PropValue> b = props(bob);
        assertThat(b.get(SendFailureProps.PR_WB_SEND_ERROR_SCODE).asInt()).isEqualTo(HResult.MAPI_E_NOT_FOUND.value());
        assertThat(b.get(SendFailureProps.PR_WB_SEND_ERROR_W).asString())
                .isEqualTo("MAPI_E_NOT_FOUND: the server rejected it: 550 5.1.1 mailbox unavailable");
    }

    @Test
    @DisplayName("#N counts the transport's sends: the second fails with a hex HRESULT, the rest are delivered")
    void nthMessage() throws Exception {
        start("#2=fail:0x80040115");
        for (int i = 1; i <= 4; i++) {
            SimFixture.submit(outbox, "n" + i);
        }
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(delivered()).containsExactly("n1", "n3", "n4");
    }

    @Test
    @DisplayName("a hang rule holds its message inside the transport (the Outbox never empties) until the rule is"
            + " removed; the message after it waits its turn")
    void hangUntilRemoved() throws Exception {
        start("subject~stuck=hang");
        SimFixture.submit(outbox, "stuck one");
        SimFixture.submit(outbox, "after it");
        SimFixture.awaitSending(session);
        assertThat(rt.awaitOutboxIdle(Duration.ofMillis(500))).isFalse();
        assertThat(delivered()).isEmpty();
        assertThat(spoolerStatus() & MapiFlags.STATUS_OUTBOUND_ACTIVE).isNotZero();
        // the status row says the rule holds it, not "Sending"
        assertThat(spoolerStatusString())
                .isEqualTo("Hung by transport rule 1 (subject~stuck=hang) while sending 'stuck one': it stays in the"
                        + " transport until the rule is removed");

        rt.capability(TransportRuleControl.class).orElseThrow().replace(List.of());
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(delivered()).containsExactly("stuck one", "after it");
    }

    @Test
    @DisplayName("a delay rule gives one message its own latency; a message it does not match goes at once")
    void delayOneMessage() throws Exception {
        start("subject~slow=delay:600");
        long t0 = System.nanoTime();
        SimFixture.submit(outbox, "slow one");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        SimFixture.submit(outbox, "fast one");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(delivered()).containsExactly("slow one", "fast one");
    }

    @Test
    @DisplayName("an offline rule takes the transport offline (STATUS_OFFLINE, everything stays queued) for its"
            + " period, then the message goes")
    void offlinePeriod() throws Exception {
        start("#1=offline:800");
        long t0 = System.nanoTime();
        SimFixture.submit(outbox, "first");
        rt.locked(() -> {
            while (!rt.transportRules.offline() && rt.transportLog().isEmpty()) {
                rt.changed.awaitUninterruptibly();
            }
        });
        assertThat(rt.transportLog()).isEmpty();
        assertThat(spoolerStatus() & MapiFlags.STATUS_OFFLINE).isNotZero();
        SimFixture.submit(outbox, "second");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        assertThat(delivered()).containsExactly("first", "second");
        assertThat(spoolerStatus() & MapiFlags.STATUS_OFFLINE).isZero();
    }

    @Test
    @DisplayName("smtp:4xx defers a message once (greylisting): it stays queued and the next try delivers it"
            + " (the retry delay: SimGreylistingTest)")
    void transientReplyDefersOnce() throws Exception {
        start("subject~grey=smtp:451 4.7.1 greylisted, try again;retry:0");
        SimFixture.submit(outbox, "grey one");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(delivered()).containsExactly("grey one");
        assertThat(rt.abortedSends()).isZero();
    }

    @Test
    @DisplayName("the capability lists the rules in force and replacing them starts #N again")
    void replaceRestartsTheCount() throws Exception {
        start("#1=fail:MAPI_E_CALL_FAILED");
        TransportRuleControl c = rt.capability(TransportRuleControl.class).orElseThrow();
        assertThat(c.rules()).extracting(Object::toString).containsExactly("#1=fail:MAPI_E_CALL_FAILED");
        SimFixture.submit(outbox, "a");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        c.replace(List.of(TransportRule.parse("#1=fail:MAPI_E_CALL_FAILED")));
        SimFixture.submit(outbox, "b");
        SimFixture.submit(outbox, "c");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(delivered()).containsExactly("c");
    }
}
