package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.WAIT;
import static dev.mapiworkbench.sim.SimFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.SharedSessionControl.Peer;
import dev.mapiworkbench.mapi.TransportSettings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Logoff: queued and in-flight mail, MAPI_LOGOFF_UI, shared sessions, critical errors (§1.1, §1.3). */
class SimLogoffTest {

    private final SimRuntime rt = SimFixture.initialized(TransportSettings.instant());
    private final List<ProviderUiHost.Request> asked = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        rt.transportControl().apply(TransportSettings.instant());
        while (rt.diagnostics().initCount() > 0) {
            rt.mapiUninitialize();
        }
    }

    private static MapiFolder outboxOf(MapiSession s) {
        return SimFixture.openFolder(s, SimFixture.openDefaultStore(s), PropTag.PR_IPM_OUTBOX_ENTRYID);
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

    /** Waits until the transport has the message in hand (hang on), via the status table. */
    @Test
    @DisplayName("§1.1 mail still queued at Logoff stays in the Outbox; the next logon's spooler sends it")
    void queuedMailSurvivesLogoff() throws Exception {
        rt.transportControl().apply(TransportSettings.instant().withOffline(true));
        MapiSession s = SimFixture.logon(rt);
        MapiFolder outbox = outboxOf(s);
        SimFixture.submit(outbox, "later 1");
        SimFixture.submit(outbox, "later 2");
        s.logoff(0, 0, 0);
        s.release();
        rt.transportControl().apply(TransportSettings.instant());
        assertThat(rt.transportLog()).isEmpty();

        MapiSession s2 = SimFixture.logon(rt);
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(rt.transportLog()).extracting(SimRuntime.Delivery::subject).containsExactly("later 1", "later 2");
        assertThat(subjects(outboxOf(s2))).isEmpty();
        s2.logoff(0, 0, 0);
    }

    @Test
    @DisplayName(
            "decision 0013: an in-flight message at Logoff without MAPI_LOGOFF_UI: no question, left in the Outbox, sent once later")
    void inFlightWithoutUiIsLeftInOutbox() throws Exception {
        rt.providerUiHost().setProviderUi(r -> {
            asked.add(r);
            return Spooler.FINISH;
        });
        rt.transportControl().apply(TransportSettings.instant().withHang(true));
        MapiSession s = SimFixture.logon(rt);
        SimFixture.submit(outboxOf(s), "in flight");
        SimFixture.awaitSending(s);
        s.logoff(0, 0, 0);
        assertThat(asked).isEmpty();
        assertThat(rt.transportLog()).isEmpty();
        rt.transportControl().apply(TransportSettings.instant());
        MapiSession s2 = SimFixture.logon(rt);
        MapiFolder outbox2 = outboxOf(s2);
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(rt.transportLog()).extracting(SimRuntime.Delivery::subject).containsExactly("in flight");
        assertThat(subjects(outbox2)).isEmpty();
    }

    @Test
    @DisplayName(
            "§1.1 MAPI_LOGOFF_UI: the transport asks about the in-flight message; 'Finish sending' sends it before Logoff returns")
    void inFlightWithUiFinishSending() throws Exception {
        rt.transportControl().apply(TransportSettings.instant().withHang(true));
        rt.providerUiHost().setProviderUi(r -> {
            asked.add(r);
            rt.transportControl().apply(TransportSettings.instant()); // the user un-hangs the network, then chooses
            return Spooler.FINISH;
        });
        MapiSession s = SimFixture.logon(rt);
        SimFixture.submit(outboxOf(s), "finish me");
        SimFixture.awaitSending(s);
        s.logoff(0, MapiFlags.MAPI_LOGOFF_UI, 0);
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.question()).isEqualTo("Finish sending 'finish me' before logging off?");
            assertThat(r.choices()).containsExactly("Finish sending", "Leave in Outbox");
            assertThat(r.defaultChoice()).isEqualTo("Leave in Outbox");
        });
        assertThat(rt.transportLog()).extracting(SimRuntime.Delivery::subject).containsExactly("finish me");
    }

    @Test
    @DisplayName("§1.1 MAPI_LOGOFF_UI: 'Leave in Outbox' keeps the message queued and unlocked")
    void inFlightWithUiLeaveInOutbox() throws Exception {
        rt.transportControl().apply(TransportSettings.instant().withHang(true));
        rt.providerUiHost().setProviderUi(r -> {
            asked.add(r);
            return r.defaultChoice();
        });
        MapiSession s = SimFixture.logon(rt);
        SimFixture.submit(outboxOf(s), "leave me");
        SimFixture.awaitSending(s);
        s.logoff(0, MapiFlags.MAPI_LOGOFF_UI, 0);
        assertThat(asked).hasSize(1);
        rt.transportControl().apply(TransportSettings.instant().withOffline(true));
        MapiSession s2 = SimFixture.logon(rt);
        MapiFolder outbox2 = outboxOf(s2);
        MapiTable t = outbox2.getContentsTable(0);
        assertThat(SimFixture.allRows(t)).singleElement().satisfies(r -> {
            assertThat(r.get(PropTag.PR_MESSAGE_FLAGS).asInt() & MapiFlags.MSGFLAG_SUBMIT)
                    .isNotZero();
            assertThat(r.get(PropTag.PR_SUBMIT_FLAGS).asInt() & MapiFlags.SUBMITFLAG_LOCKED)
                    .isZero();
        });
        assertThat(rt.transportLog()).isEmpty();
    }

    @Test
    @DisplayName("§1.3 MAPI_LOGOFF_SHARED: every peer of the shared session gets fnevCriticalError and logs off")
    void sharedLogoffNotifiesPeers() throws Exception {
        assertFails(HResult.MAPI_E_LOGON_FAILED, () -> rt.sharedSessions().addPeer("early"));
        MapiSession owner = rt.mapiLogonEx(0, "Test", null, MapiFlags.MAPI_ALLOW_OTHERS | MapiFlags.MAPI_NEW_SESSION);
        Peer a = rt.sharedSessions().addPeer("peer A");
        Peer b = rt.sharedSessions().addPeer("peer B");
        assertThat(rt.sharedSessions().peers()).extracting(Peer::loggedOn).containsExactly(true, true);
        // a logon without MAPI_NEW_SESSION joins the shared session
        MapiSession joined = rt.mapiLogonEx(0, "Test", null, 0);
        assertThat(joined).isSameAs(owner);
        assertThat(joined.release()).isEqualTo(1);
        SimFixture.RecordingSink ownSink = new SimFixture.RecordingSink();
        owner.advise(null, EventType.fnevCriticalError, ownSink);

        owner.logoff(0, MapiFlags.MAPI_LOGOFF_SHARED, 0);
        assertThat(rt.awaitNotifications(WAIT)).isTrue();
        assertThat(List.of(a, b)).allSatisfy(p -> {
            assertThat(p.loggedOn()).isFalse();
            assertThat(p.logoffReason()).isEqualTo("fnevCriticalError MAPI_E_END_OF_SESSION");
        });
        assertThat(ownSink.snapshot()).isEmpty();
    }

    @Test
    @DisplayName("§1.1 Logoff without MAPI_LOGOFF_SHARED (Outlook 2007 SP2+ advice) leaves peers logged on")
    void plainLogoffLeavesPeers() throws Exception {
        MapiSession owner = rt.mapiLogonEx(0, "Test", null, MapiFlags.MAPI_ALLOW_OTHERS);
        Peer a = rt.sharedSessions().addPeer("peer A");
        owner.logoff(0, 0, 0);
        assertThat(rt.awaitNotifications(WAIT)).isTrue();
        assertThat(a.loggedOn()).isTrue();
        assertThat(a.logoffReason()).isNull();
    }

    @Test
    @DisplayName(
            "§1.3 CriticalErrorInjector: fnevCriticalError reaches the session-wide sinks (null entry id) and the peers")
    void criticalErrorInjection() throws Exception {
        MapiSession s = rt.mapiLogonEx(0, "Test", null, MapiFlags.MAPI_ALLOW_OTHERS);
        Peer peer = rt.sharedSessions().addPeer("peer");
        CountDownLatch got = new CountDownLatch(1);
        List<Notification> seen = new CopyOnWriteArrayList<>();
        AdviseSink sink = n -> {
            seen.addAll(n);
            got.countDown();
            return 0;
        };
        s.advise(null, EventType.fnevCriticalError, sink);
        s.advise(null, EventType.fnevNewMail, n -> {
            throw new AssertionError("wrong mask");
        });
        rt.criticalErrors().raiseCriticalError(s, HResult.MAPI_E_NETWORK_ERROR, "the server went away");
        assertThat(got.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).singleElement().satisfies(n -> {
            Notification.CriticalError e = (Notification.CriticalError) n;
            assertThat(e.scode()).isEqualTo(HResult.MAPI_E_NETWORK_ERROR);
            assertThat(e.error()).isEqualTo("the server went away");
            assertThat(e.entryId()).isNull();
        });
        assertThat(rt.awaitNotifications(WAIT)).isTrue();
        assertThat(peer.loggedOn()).isFalse();
        assertThat(peer.logoffReason()).isEqualTo("fnevCriticalError MAPI_E_NETWORK_ERROR");
        s.logoff(0, 0, 0);
        assertFails(
                HResult.MAPI_E_END_OF_SESSION,
                () -> rt.criticalErrors().raiseCriticalError(s, HResult.MAPI_E_CALL_FAILED, "x"));
    }

    @Test
    @DisplayName("§1.3 a client may log off from inside its fnevCriticalError sink (on the notification thread)")
    void logoffFromTheSink() throws Exception {
        MapiSession s = SimFixture.logon(rt);
        MsgStore store = SimFixture.openDefaultStore(s);
        CountDownLatch done = new CountDownLatch(1);
        s.advise(null, EventType.fnevCriticalError, n -> {
            store.release();
            s.logoff(0, 0, 0);
            done.countDown();
            return 0;
        });
        rt.criticalErrors().raiseCriticalError(s, HResult.MAPI_E_END_OF_SESSION, "shutdown");
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(rt.diagnostics().leaks()).isEmpty();
        assertThat(s.release()).isZero();
    }

    @Test
    @DisplayName("decision 0013: a logon that joins the profile while Logoff asks its question keeps a working spooler")
    void logonDuringTheLogoffQuestion() throws Exception {
        rt.transportControl().apply(TransportSettings.instant().withHang(true));
        MapiSession[] joined = new MapiSession[1];
        rt.providerUiHost().setProviderUi(r -> {
            joined[0] = SimFixture.logon(rt);
            return Spooler.LEAVE;
        });
        MapiSession s = SimFixture.logon(rt);
        SimFixture.submit(outboxOf(s), "handed over");
        SimFixture.awaitSending(s);
        s.logoff(0, MapiFlags.MAPI_LOGOFF_UI, 0);
        assertThat(joined[0]).isNotNull();
        rt.transportControl().apply(TransportSettings.instant());
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(rt.transportLog()).extracting(SimRuntime.Delivery::subject).containsExactly("handed over");
        joined[0].logoff(0, 0, 0);
    }
}
