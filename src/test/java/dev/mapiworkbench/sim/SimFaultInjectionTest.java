package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.WAIT;
import static dev.mapiworkbench.sim.SimFixture.assertFails;
import static dev.mapiworkbench.sim.SimFixture.logon;
import static dev.mapiworkbench.sim.SimFixture.openDefaultStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.FaultControl;
import dev.mapiworkbench.mapi.FaultSpec;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.TransportSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault injection on simulated MAPI calls (decision 0170, docs/scenarios.md). */
class SimFaultInjectionTest {

    private SimRuntime rt;
    private FaultControl faults;

    @BeforeEach
    void setUp() {
        rt = SimFixture.initialized(TransportSettings.instant());
        faults = rt.capability(FaultControl.class).orElseThrow();
    }

    @AfterEach
    void tearDown() {
        faults.clear();
        while (rt.diagnostics().initCount() > 0) {
            rt.mapiUninitialize();
        }
    }

    @Test
    void aFailingFaultReturnsItsHresultAndTheCallDoesNotRun() {
        MapiSession s = logon(rt);
        faults.add(FaultSpec.parse("IMAPISession::Logoff=MAPI_E_CALL_FAILED"));
        assertFails(HResult.MAPI_E_CALL_FAILED, () -> s.logoff(0, 0, 0));
        assertThat(s.getStatusTable(0)).as("the session is still logged on").isNotNull();
        faults.clear();
        s.logoff(0, 0, 0);
        s.release();
    }

    @Test
    void theNthCallAloneFails() {
        MapiSession s = logon(rt);
        faults.add(FaultSpec.parse("IMAPISession::GetStatusTable#2=MAPI_E_NO_ACCESS"));
        s.getStatusTable(0).release();
        assertFails(HResult.MAPI_E_NO_ACCESS, () -> s.getStatusTable(0));
        s.getStatusTable(0).release();
        assertThat(faults.faults().get(0).matched()).isEqualTo(3);
        assertThat(faults.faults().get(0).fired()).isEqualTo(1);
        s.logoff(0, 0, 0);
        s.release();
    }

    @Test
    void anObjectFilterLimitsTheFaultToThatObject() {
        MapiSession s = logon(rt);
        faults.add(FaultSpec.parse("IUnknown::Release@no such object=MAPI_E_CALL_FAILED"));
        s.getStatusTable(0).release(); // not the filtered object: released normally
        assertThat(faults.faults().get(0).fired()).isZero();
        s.logoff(0, 0, 0);
        s.release();
    }

    @Test
    void aBlockedLogoffWaitsWithoutTheRuntimeLockAndRunsWhenReleased() throws Exception {
        MapiSession s = logon(rt);
        long id = faults.add(FaultSpec.parse("IMAPISession::Logoff=block"));
        CountDownLatch blocked = new CountDownLatch(1);
        faults.addListener(() -> {
            if (!faults.blockedCalls().isEmpty()) {
                blocked.countDown();
            }
        });
        CompletableFuture<Void> logoff = CompletableFuture.runAsync(() -> s.logoff(0, 0, 0));
        assertThat(blocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        FaultControl.BlockedCall call = faults.blockedCalls().get(0);
        assertThat(call.api()).isEqualTo("IMAPISession::Logoff");
        // the rest of the subsystem still answers while Logoff hangs
        assertThat(rt.diagnostics().liveObjects()).isNotEmpty();
        assertThat(logoff).isNotDone();
        assertThat(faults.release(id)).isTrue();
        logoff.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(faults.blockedCalls()).isEmpty();
        s.release();
    }

    @Test
    void aTimedBlockEndsByItself() throws Exception {
        MapiSession s = logon(rt);
        faults.add(FaultSpec.parse("IMAPISession::GetStatusTable=block:20"));
        CompletableFuture.supplyAsync(() -> s.getStatusTable(0))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS)
                .release();
        s.logoff(0, 0, 0);
        s.release();
    }

    @Test
    void removingTheFaultReleasesTheBlockedCall() throws Exception {
        MapiSession s = logon(rt);
        long id = faults.add(FaultSpec.block("IMAPISession::GetStatusTable"));
        CountDownLatch blocked = new CountDownLatch(1);
        faults.addListener(() -> {
            if (!faults.blockedCalls().isEmpty()) {
                blocked.countDown();
            }
        });
        var table = CompletableFuture.supplyAsync(() -> s.getStatusTable(0));
        assertThat(blocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(faults.remove(id)).isTrue();
        table.get(WAIT.toSeconds(), TimeUnit.SECONDS).release();
        s.logoff(0, 0, 0);
        s.release();
    }

    @Test
    void anInjectedLeakKeepsTheStoreReferencedAndTheLeakReportNamesIt() {
        MapiSession s = logon(rt);
        MsgStore store = openDefaultStore(s);
        faults.add(FaultSpec.parse("IMsgStore::Release=leak"));
        assertThat(store.release()).as("the caller is told it released").isZero();
        s.logoff(0, 0, 0);
        s.release();
        assertThat(rt.diagnostics().leaks())
                .anySatisfy(l -> assertThat(l.name()).contains("Mailbox"));
    }

    @Test
    void aLateNotificationArrivesAfterASuccessfulUnadvise() throws Exception {
        MapiSession s = logon(rt);
        MsgStore store = openDefaultStore(s);
        SimFixture.RecordingSink sink = new SimFixture.RecordingSink();
        long conn = store.advise(null, EventType.fnevObjectModified, sink);
        faults.add(FaultSpec.parse("IMsgStore::Unadvise=late-notify"));
        store.unadvise(conn);
        assertThat(sink.await(n -> n instanceof Notification.ObjectEvent, WAIT)).isTrue();
        store.release();
        s.logoff(0, 0, 0);
        s.release();
    }

    @Test
    void aCriticalErrorFaultRaisesFnevCriticalErrorOnTheSession() throws Exception {
        MapiSession s = logon(rt);
        SimFixture.RecordingSink sink = new SimFixture.RecordingSink();
        long conn = s.advise(null, EventType.fnevCriticalError, sink);
        faults.add(FaultSpec.parse("IMAPISession::GetStatusTable=critical-error"));
        s.getStatusTable(0).release();
        assertThat(sink.await(n -> n instanceof Notification.CriticalError, WAIT))
                .isTrue();
        s.unadvise(conn);
        s.logoff(0, 0, 0);
        s.release();
    }

    @Test
    void functionsCanFailToo() {
        faults.add(FaultSpec.parse("MAPIAllocateBuffer#1=MAPI_E_NOT_ENOUGH_MEMORY"));
        assertFails(HResult.MAPI_E_NOT_ENOUGH_MEMORY, () -> rt.mapiAllocateBuffer(16));
        rt.mapiFreeBuffer(rt.mapiAllocateBuffer(16));
    }

    @Test
    void theTextFormRoundTrips() {
        for (String t : new String[] {
            "IMAPISession::Logoff=MAPI_E_CALL_FAILED",
            "IMsgStore::Release#2+@Mailbox=block",
            "IMsgStore::Release=block:1500",
            "IMsgStore::Release=leak",
            "IMsgStore::Unadvise=late-notify",
            "IMAPIStatus::FlushQueues=critical-error",
            "MAPIUninitialize#1=0x80040115"
        }) {
            FaultSpec f = FaultSpec.parse(t);
            assertThat(FaultSpec.parse(f.toString())).isEqualTo(f);
        }
        assertThat(FaultSpec.parse("MAPIUninitialize=0x80040115").toString())
                .isEqualTo("MAPIUninitialize=MAPI_E_NETWORK_ERROR");
    }

    @Test
    void badFaultTextIsRefusedWithAReason() {
        assertThatThrownBy(() -> FaultSpec.parse("Logoff")).hasMessageContaining("API=ACTION");
        assertThatThrownBy(() -> FaultSpec.parse("IMAPISession::Logoff=S_OK")).hasMessageContaining("not a failure");
        assertThatThrownBy(() -> FaultSpec.parse("IMAPISession::Logoff=explode"))
                .hasMessageContaining("unknown action");
        assertThatThrownBy(() -> FaultSpec.parse("IMAPISession::Logoff#0=block"))
                .hasMessageContaining("#1");
        assertThatThrownBy(() -> FaultSpec.parse("IMAPISession::Logoff=leak")).hasMessageContaining("Release");
        assertThatThrownBy(() -> FaultSpec.parse("IMAPISession::Logoff=block:-5"))
                .hasMessageContaining("block:MS");
        assertThatThrownBy(() -> FaultSpec.parse("x".repeat(500) + "=block")).hasMessageContaining("longer");
        assertThatThrownBy(() -> FaultSpec.parse("I Bad::Name=block")).hasMessageContaining("not a MAPI call");
    }
}
