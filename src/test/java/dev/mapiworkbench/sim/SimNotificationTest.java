package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.WAIT;
import static dev.mapiworkbench.sim.SimFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.TransportSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Advise connections and the notification thread (mapi-reference §1.1, §2.3, §3). */
class SimNotificationTest {

    private final SimRuntime rt = SimFixture.initialized(TransportSettings.instant());
    private final MapiSession session = SimFixture.logon(rt);

    @AfterEach
    void tearDown() {
        if (rt.diagnostics().initCount() > 0) {
            rt.mapiUninitialize();
        }
    }

    @Test
    @DisplayName(
            "§3 connection numbers are distinct longs; Unadvise of an unknown or removed connection fails MAPI_E_NOT_FOUND")
    void connectionsAndUnadvise() {
        MsgStore store = SimFixture.openDefaultStore(session);
        MapiTable t = session.getStatusTable(0);
        Set<Long> conns = new HashSet<>();
        conns.add(store.advise(null, EventType.fnevObjectMoved, n -> 0));
        conns.add(store.advise(null, EventType.fnevObjectDeleted, n -> 0));
        conns.add(t.advise(EventType.fnevTableModified, n -> 0));
        conns.add(session.advise(null, EventType.fnevCriticalError, n -> 0));
        assertThat(conns).hasSize(4).allSatisfy(c -> assertThat(c).isPositive());
        long first = conns.iterator().next();
        assertFails(HResult.MAPI_E_NOT_FOUND, () -> store.unadvise(987654321L));
        long storeConn = store.advise(null, EventType.fnevObjectModified, n -> 0);
        store.unadvise(storeConn);
        assertFails(HResult.MAPI_E_NOT_FOUND, () -> store.unadvise(storeConn));
        // a connection belongs to the object it was made on
        long tableConn = t.advise(EventType.fnevTableModified, n -> 0);
        assertFails(HResult.MAPI_E_NOT_FOUND, () -> store.unadvise(tableConn));
        assertThat(first).isPositive();
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> store.advise(null, 0, n -> 0));
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> store.advise(null, 4, null));
        assertFails(HResult.MAPI_E_UNKNOWN_ENTRYID, () -> store.advise(new EntryId(new byte[] {1, 2}), 4, n -> 0));
    }

    @Test
    @DisplayName("§1.1 MAPI_MULTITHREAD_NOTIFICATIONS: every notification arrives on the one notification thread")
    void oneNotificationThread() throws Exception {
        MsgStore store = SimFixture.openDefaultStore(session);
        MapiFolder outbox = SimFixture.openFolder(session, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
        MapiTable contents = outbox.getContentsTable(0);
        SimFixture.RecordingSink storeSink = new SimFixture.RecordingSink();
        SimFixture.RecordingSink tableSink = new SimFixture.RecordingSink();
        store.advise(
                null,
                EventType.fnevObjectMoved | EventType.fnevObjectCreated | EventType.fnevObjectModified,
                storeSink);
        contents.advise(EventType.fnevTableModified, tableSink);
        for (int i = 0; i < 5; i++) {
            SimFixture.submit(outbox, "m" + i);
        }
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(rt.awaitNotifications(WAIT)).isTrue();
        Set<String> threads = new HashSet<>(storeSink.threads);
        threads.addAll(tableSink.threads);
        assertThat(threads).singleElement().asString().startsWith("sim-mapi-notify-");
        assertThat(storeSink.snapshot())
                .filteredOn(n -> n.eventType() == EventType.fnevObjectMoved)
                .hasSize(5);
        assertThat(tableSink.snapshot())
                .filteredOn(
                        n -> n instanceof Notification.TableEvent te && te.tableEvent() == EventType.TABLE_ROW_DELETED)
                .hasSize(5);
        assertThat(rt.multithreadNotifications()).isTrue();
    }

    @Test
    @DisplayName("no deadlock: a sink may call back into MAPI, and another thread's calls proceed while a sink runs")
    void sinkMayCallBackIntoMapi() throws Exception {
        MsgStore store = SimFixture.openDefaultStore(session);
        MapiFolder outbox = SimFixture.openFolder(session, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
        MapiTable contents = outbox.getContentsTable(0);
        CompletableFuture<Integer> countSeenBySink = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        contents.advise(EventType.fnevTableModified, n -> {
            countSeenBySink.complete(contents.getRowCount(0));
            release.join();
            return 0;
        });
        SimFixture.submit(outbox, "first");
        assertThat(countSeenBySink.get(20, TimeUnit.SECONDS)).isBetween(0, 1);
        // while the sink is blocked on the notification thread, this thread can still call MAPI
        assertThat(store.getProp(PropTag.PR_DISPLAY_NAME_W).asString()).startsWith("Mailbox - ");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        release.complete(null);
        assertThat(rt.awaitNotifications(WAIT)).isTrue();
    }

    @Test
    @DisplayName("a sink that throws does not stop later notifications")
    void throwingSinkIsIsolated() throws Exception {
        MsgStore store = SimFixture.openDefaultStore(session);
        MapiFolder outbox = SimFixture.openFolder(session, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
        store.advise(null, EventType.fnevObjectMoved, n -> {
            throw new IllegalStateException("bad sink");
        });
        SimFixture.RecordingSink good = new SimFixture.RecordingSink();
        store.advise(null, EventType.fnevObjectMoved, good);
        SimFixture.submit(outbox, "a");
        SimFixture.submit(outbox, "b");
        assertThat(good.await(n -> good.snapshot().size() >= 2, WAIT)).isTrue();
    }

    @Test
    @DisplayName("§1.1 after Logoff no notification reaches the session's sinks")
    void noNotificationsAfterLogoff() throws Exception {
        MsgStore store = SimFixture.openDefaultStore(session);
        SimFixture.RecordingSink sink = new SimFixture.RecordingSink();
        store.advise(null, -1, sink);
        session.logoff(0, 0, 0);
        MapiSession s2 = SimFixture.logon(rt);
        MsgStore store2 = SimFixture.openDefaultStore(s2);
        MapiFolder outbox2 = SimFixture.openFolder(s2, store2, PropTag.PR_IPM_OUTBOX_ENTRYID);
        SimFixture.RecordingSink sink2 = new SimFixture.RecordingSink();
        store2.advise(null, -1, sink2);
        SimFixture.submit(outbox2, "after");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(rt.awaitNotifications(WAIT)).isTrue();
        assertThat(sink2.snapshot()).isNotEmpty();
        assertThat(sink.snapshot()).isEmpty();
        List.of(outbox2, store2).forEach(o -> o.release());
        s2.logoff(0, 0, 0);
        s2.release();
    }

    @Test
    @DisplayName(
            "§1.1 mapiinit_0.md: without MAPI_MULTITHREAD_NOTIFICATIONS the sim still uses its notification thread (decision 0011) and says so")
    void withoutTheMultithreadFlag() throws Exception {
        SimRuntime plain = SimFixture.memoryRuntime(TransportSettings.instant());
        plain.mapiInitialize(null);
        assertThat(plain.multithreadNotifications()).isFalse();
        MapiSession s = SimFixture.logon(plain);
        SimFixture.RecordingSink sink = new SimFixture.RecordingSink();
        s.advise(null, EventType.fnevCriticalError, sink);
        plain.criticalErrors().raiseCriticalError(s, HResult.MAPI_E_CALL_FAILED, "test");
        assertThat(sink.await(n -> true, WAIT)).isTrue();
        assertThat(sink.threads).singleElement().asString().startsWith("sim-mapi-notify-");
        plain.mapiUninitialize();
    }

    @Test
    @DisplayName(
            "§2.7 going offline changes PR_STATUS_CODE (STATUS_OFFLINE) and raises TABLE_ROW_MODIFIED on the status table")
    void offlineRaisesStatusRowModified() throws Exception {
        MapiTable status = session.getStatusTable(0);
        SimFixture.RecordingSink sink = new SimFixture.RecordingSink();
        status.advise(EventType.fnevTableModified, sink);
        rt.transportControl().apply(TransportSettings.instant().withOffline(true));
        assertThat(sink.await(
                        n -> n instanceof Notification.TableEvent te
                                && te.tableEvent() == EventType.TABLE_ROW_MODIFIED
                                && te.row()
                                        .find(PropTag.PR_STATUS_CODE)
                                        .map(v -> (v.asInt() & dev.mapiworkbench.mapi.MapiFlags.STATUS_OFFLINE) != 0)
                                        .orElse(false),
                        WAIT))
                .isTrue();
        rt.transportControl().apply(TransportSettings.instant());
    }
}
