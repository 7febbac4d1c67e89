package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.WAIT;
import static dev.mapiworkbench.sim.SimFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiStatus;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.SendFailureProps;
import dev.mapiworkbench.mapi.TransportSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Outbox, the spooler, the transport and the status table (mapi-reference §1.4, §2.6, §2.7). */
class SimOutboxTest {

    private SimRuntime rt = SimFixture.initialized(TransportSettings.instant());
    private MapiSession session = SimFixture.logon(rt);
    private MsgStore store = SimFixture.openDefaultStore(session);
    private MapiFolder outbox = SimFixture.openFolder(session, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
    private MapiFolder sent = SimFixture.openFolder(session, store, PropTag.PR_IPM_SENTMAIL_ENTRYID);

    @AfterEach
    void tearDown() {
        rt.transportControl().apply(TransportSettings.instant());
        while (rt.diagnostics().initCount() > 0) {
            rt.mapiUninitialize();
        }
    }

    private List<Row> rows(MapiFolder f) {
        MapiTable t = f.getContentsTable(0);
        try {
            return SimFixture.allRows(t);
        } finally {
            t.release();
        }
    }

    private MapiStatus statusRow(int resourceType) {
        MapiTable t = session.getStatusTable(0);
        try {
            Row r = SimFixture.allRows(t).stream()
                    .filter(x -> x.get(PropTag.PR_RESOURCE_TYPE).asInt() == resourceType)
                    .findFirst()
                    .orElseThrow();
            return (MapiStatus) session.openEntry(r.get(PropTag.PR_ENTRYID).asEntryId(), 0);
        } finally {
            t.release();
        }
    }

    private Map<Integer, PropValue> props(EntryId id, int... tags) {
        MapiMessage m = (MapiMessage) session.openEntry(id, 0);
        try {
            return m.getProps(tags).stream().collect(java.util.stream.Collectors.toMap(PropValue::tag, v -> v));
        } finally {
            m.release();
        }
    }

    @Test
    @DisplayName("§2.5 the store's GetProps gives the IPM subtree, Outbox, Sent Items and Deleted Items entry ids")
    void storeEntryIds() {
        List<PropValue> v = store.getProps(
                PropTag.PR_IPM_SUBTREE_ENTRYID,
                PropTag.PR_IPM_OUTBOX_ENTRYID,
                PropTag.PR_IPM_SENTMAIL_ENTRYID,
                PropTag.PR_IPM_WASTEBASKET_ENTRYID,
                PropTag.PR_DISPLAY_NAME_W,
                0x12340003);
        assertThat(v.subList(0, 5)).allSatisfy(p -> assertThat(p.isError()).isFalse());
        assertThat(v.get(5).isError()).isTrue();
        assertThat(v.get(5).value()).isEqualTo(HResult.MAPI_E_NOT_FOUND);
        assertThat(((MapiFolder) store.openEntry(v.get(0).asEntryId(), 0))
                        .getProp(PropTag.PR_DISPLAY_NAME_W)
                        .asString())
                .isEqualTo("Top of Information Store");
        assertThat(outbox.getProp(PropTag.PR_DISPLAY_NAME_W).asString()).isEqualTo("Outbox");
        assertThat(((MapiFolder) session.openEntry(v.get(3).asEntryId(), 0))
                        .getProp(PropTag.PR_DISPLAY_NAME_W)
                        .asString())
                .isEqualTo("Deleted Items");
        assertFails(
                HResult.MAPI_E_UNKNOWN_ENTRYID, () -> session.openEntry(new EntryId(new byte[] {0, 0, 0, 0, 9}), 0));
        assertFails(
                HResult.MAPI_E_UNKNOWN_ENTRYID,
                () -> session.openMsgStore(0, v.get(1).asEntryId(), 0));
    }

    @Test
    @DisplayName(
            "§1.4 the message-stores table has the default store row with PR_ENTRYID, PR_DISPLAY_NAME_W, PR_DEFAULT_STORE")
    void messageStoresTable() {
        MapiTable t = session.getMsgStoresTable(0);
        t.setColumns(new int[] {PropTag.PR_ENTRYID, PropTag.PR_DISPLAY_NAME_W, PropTag.PR_DEFAULT_STORE}, 0);
        List<Row> rows = t.queryRows(50, 0);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get(PropTag.PR_DEFAULT_STORE).asBoolean()).isTrue();
            assertThat(r.get(PropTag.PR_DISPLAY_NAME_W).asString()).isEqualTo("Mailbox - Test");
            assertThat(r.get(PropTag.PR_ENTRYID).asEntryId())
                    .isEqualTo(store.getProp(PropTag.PR_ENTRYID).asEntryId());
        });
        assertThat(t.queryRows(50, 0)).isEmpty();
        assertThat(t.seekRow(MapiFlags.BOOKMARK_BEGINNING, 0)).isZero();
        assertThat(t.getRowCount(0)).isEqualTo(1);
    }

    @Test
    @DisplayName("§2.6 SubmitMessage sets MSGFLAG_SUBMIT and PR_CLIENT_SUBMIT_TIME; the spooler moves it to Sent Items")
    void submitSendsAndMovesToSentItems() throws Exception {
        rt.transportControl().apply(TransportSettings.instant().withOffline(true));
        Instant before = Instant.now();
        EntryId id = SimFixture.submit(outbox, "hello", "x@example.com", "y@example.com");
        Map<Integer, PropValue> queued = props(
                id,
                PropTag.PR_MESSAGE_FLAGS,
                PropTag.PR_CLIENT_SUBMIT_TIME,
                PropTag.PR_SUBMIT_FLAGS,
                PropTag.PR_DISPLAY_TO_W);
        assertThat(queued.get(PropTag.PR_MESSAGE_FLAGS).asInt() & MapiFlags.MSGFLAG_SUBMIT)
                .isNotZero();
        assertThat(queued.get(PropTag.PR_MESSAGE_FLAGS).asInt() & MapiFlags.MSGFLAG_UNSENT)
                .isNotZero();
        assertThat(queued.get(PropTag.PR_CLIENT_SUBMIT_TIME).asTime()).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(queued.get(PropTag.PR_DISPLAY_TO_W).asString()).isEqualTo("x@example.com; y@example.com");
        rt.transportControl().apply(TransportSettings.instant());
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(rows(outbox)).isEmpty();
        assertThat(rows(sent)).singleElement().satisfies(r -> {
            assertThat(r.get(PropTag.PR_SUBJECT_W).asString()).isEqualTo("hello");
            int flags = r.get(PropTag.PR_MESSAGE_FLAGS).asInt();
            assertThat(flags & (MapiFlags.MSGFLAG_SUBMIT | MapiFlags.MSGFLAG_UNSENT))
                    .isZero();
            assertThat(r.get(PropTag.PR_SUBMIT_FLAGS).asInt()).isZero();
        });
        assertThat(rt.transportLog()).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("hello");
            assertThat(d.recipients()).containsExactly("x@example.com", "y@example.com");
        });
    }

    @Test
    @DisplayName(
            "§2.6 while the transport works, the message is locked (SUBMITFLAG_LOCKED) and the rows show OUTBOUND_ACTIVE/FLUSH")
    void lockedAndActiveWhileSending() throws Exception {
        rt.transportControl().apply(TransportSettings.instant().withHang(true));
        MapiTable status = session.getStatusTable(0);
        SimFixture.RecordingSink statusSink = new SimFixture.RecordingSink();
        status.advise(EventType.fnevTableModified, statusSink);
        EntryId id = SimFixture.submit(outbox, "slow");
        assertThat(statusSink.await(
                        n -> n instanceof Notification.TableEvent te
                                && te.tableEvent() == EventType.TABLE_ROW_MODIFIED
                                && te.row()
                                        .find(PropTag.PR_STATUS_CODE)
                                        .map(v -> (v.asInt() & MapiFlags.STATUS_OUTBOUND_ACTIVE) != 0)
                                        .orElse(false),
                        WAIT))
                .isTrue();
        assertThat(props(id, PropTag.PR_SUBMIT_FLAGS)
                                .get(PropTag.PR_SUBMIT_FLAGS)
                                .asInt()
                        & MapiFlags.SUBMITFLAG_LOCKED)
                .isNotZero();
        for (Row r : SimFixture.allRows(status)) {
            int type = r.get(PropTag.PR_RESOURCE_TYPE).asInt();
            int code = r.get(PropTag.PR_STATUS_CODE).asInt();
            if (type == MapiFlags.MAPI_SPOOLER || type == MapiFlags.MAPI_TRANSPORT_PROVIDER) {
                assertThat(code & MapiFlags.STATUS_OUTBOUND_ACTIVE)
                        .as("type %d", type)
                        .isNotZero();
                assertThat(code & MapiFlags.STATUS_OUTBOUND_FLUSH)
                        .as("type %d", type)
                        .isNotZero();
            } else {
                assertThat(type).isEqualTo(MapiFlags.MAPI_SUBSYSTEM);
                assertThat(code).isEqualTo(MapiFlags.STATUS_AVAILABLE);
            }
        }
        // StoreLogoff reports the pending work
        assertThat(store.storeLogoff(MapiFlags.LOGOFF_NO_WAIT) & MapiFlags.LOGOFF_OUTBOUND)
                .isNotZero();
        rt.transportControl().apply(TransportSettings.instant());
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(store.storeLogoff(MapiFlags.LOGOFF_ORDERLY)).isEqualTo(MapiFlags.LOGOFF_COMPLETE);
        assertThat(SimFixture.allRows(status))
                .allSatisfy(r -> assertThat(r.get(PropTag.PR_STATUS_CODE).asInt()
                                & (MapiFlags.STATUS_OUTBOUND_ACTIVE | MapiFlags.STATUS_OUTBOUND_FLUSH))
                        .isZero());
    }

    @Test
    @DisplayName(
            "§2.7 offline: everything stays queued, rows show STATUS_OFFLINE, StoreLogoff says LOGOFF_OUTBOUND_QUEUE")
    void offlineKeepsQueued() throws Exception {
        rt.transportControl().apply(TransportSettings.instant().withOffline(true));
        SimFixture.submit(outbox, "q1");
        SimFixture.submit(outbox, "q2");
        MapiStatus transport = statusRow(MapiFlags.MAPI_TRANSPORT_PROVIDER);
        assertThat(transport.getProp(PropTag.PR_STATUS_CODE).asInt() & MapiFlags.STATUS_OFFLINE)
                .isNotZero();
        assertThat(store.storeLogoff(MapiFlags.LOGOFF_NO_WAIT)).isEqualTo(MapiFlags.LOGOFF_OUTBOUND_QUEUE);
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> store.storeLogoff(0));
        assertFails(
                HResult.MAPI_E_INVALID_PARAMETER,
                () -> store.storeLogoff(MapiFlags.LOGOFF_NO_WAIT | MapiFlags.LOGOFF_ABORT));
        MapiStatus spooler = statusRow(MapiFlags.MAPI_SPOOLER);
        spooler.flushQueues(0, null, MapiFlags.FLUSH_UPLOAD | MapiFlags.FLUSH_NO_UI); // returns: offline
        assertThat(rows(outbox)).hasSize(2);
        assertThat(rt.transportLog()).isEmpty();
        rt.transportControl().apply(TransportSettings.instant());
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(rows(sent))
                .extracting(r -> r.get(PropTag.PR_SUBJECT_W).asString())
                .containsExactly("q1", "q2");
    }

    @Test
    @DisplayName(
            "§1.4 FlushQueues: MAPI_E_NO_SUPPORT without STATUS_FLUSH_QUEUES; the spooler's synchronous flush waits for the send")
    void flushQueues() throws Exception {
        MapiStatus subsystem = statusRow(MapiFlags.MAPI_SUBSYSTEM);
        MapiStatus transport = statusRow(MapiFlags.MAPI_TRANSPORT_PROVIDER);
        MapiStatus spooler = statusRow(MapiFlags.MAPI_SPOOLER);
        assertThat(spooler.getProp(PropTag.PR_RESOURCE_METHODS).asInt() & MapiFlags.STATUS_FLUSH_QUEUES)
                .isNotZero();
        assertThat(transport.getProp(PropTag.PR_RESOURCE_METHODS).asInt() & MapiFlags.STATUS_FLUSH_QUEUES)
                .isZero();
        assertFails(HResult.MAPI_E_NO_SUPPORT, () -> subsystem.flushQueues(0, null, MapiFlags.FLUSH_UPLOAD));
        assertFails(HResult.MAPI_E_NO_SUPPORT, () -> transport.flushQueues(0, null, MapiFlags.FLUSH_UPLOAD));
        assertFails(HResult.MAPI_E_UNKNOWN_FLAGS, () -> spooler.flushQueues(0, null, 0x1000));
        assertFails(
                HResult.MAPI_E_UNKNOWN_ENTRYID,
                () -> spooler.flushQueues(0, new EntryId(new byte[4]), MapiFlags.FLUSH_UPLOAD));
        subsystem.validateState(0, 0);

        rt.transportControl().apply(TransportSettings.instant().withLatency(150));
        SimFixture.submit(outbox, "s1");
        SimFixture.submit(outbox, "s2");
        // per-transport variant: the transport row lacks STATUS_FLUSH_QUEUES, so the spooler flushes for it
        EntryId transportId = transport.getProp(PropTag.PR_ENTRYID).asEntryId();
        spooler.flushQueues(0, transportId, MapiFlags.FLUSH_UPLOAD | MapiFlags.FLUSH_NO_UI);
        assertThat(rows(outbox)).isEmpty();
        assertThat(rows(sent)).hasSize(2);
    }

    @Test
    @DisplayName(
            "§1.4 FlushQueues with FLUSH_ASYNC_OK returns at once; a synchronous flush of a hung transport fails MAPI_E_TIMEOUT")
    void asyncFlushAndTimeout() throws Exception {
        rt.mapiUninitialize();
        rt = SimFixture.memoryRuntime(
                TransportSettings.instant().withHang(true), Map.of("sim.flushTimeoutMillis", "200"));
        rt.mapiInitialize(null);
        session = SimFixture.logon(rt);
        store = SimFixture.openDefaultStore(session);
        outbox = SimFixture.openFolder(session, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
        SimFixture.submit(outbox, "stuck");
        MapiStatus spooler = statusRow(MapiFlags.MAPI_SPOOLER);
        long t0 = System.nanoTime();
        spooler.flushQueues(0, null, MapiFlags.FLUSH_UPLOAD | MapiFlags.FLUSH_ASYNC_OK);
        assertThat(rows(outbox)).hasSize(1);
        assertFails(HResult.MAPI_E_TIMEOUT, () -> spooler.flushQueues(0, null, MapiFlags.FLUSH_UPLOAD));
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(200_000_000L);
        rt.transportControl().apply(TransportSettings.instant());
        spooler.flushQueues(0, null, MapiFlags.FLUSH_UPLOAD);
        assertThat(rows(outbox)).isEmpty();
    }

    @Test
    @DisplayName(
            "§2.5 PR_DELETE_AFTER_SUBMIT: the sent message is deleted, with fnevObjectDeleted and TABLE_ROW_DELETED")
    void deleteAfterSubmit() throws Exception {
        SimFixture.RecordingSink storeSink = new SimFixture.RecordingSink();
        store.advise(null, EventType.fnevObjectDeleted | EventType.fnevObjectMoved, storeSink);
        MapiTable contents = outbox.getContentsTable(0);
        SimFixture.RecordingSink tableSink = new SimFixture.RecordingSink();
        contents.advise(EventType.fnevTableModified, tableSink);
        MapiMessage m = outbox.createMessage(0);
        m.setProps(List.of(
                PropValue.of(PropTag.PR_SUBJECT_W, "gone"), PropValue.of(PropTag.PR_DELETE_AFTER_SUBMIT, true)));
        m.modifyRecipients(0, List.of("z@example.com"));
        m.submitMessage(0);
        assertFails(HResult.MAPI_E_NO_ACCESS, () -> m.setProps(List.of(PropValue.of(PropTag.PR_SUBJECT_W, "x"))));
        m.release();
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(rt.awaitNotifications(WAIT)).isTrue();
        assertThat(rows(outbox)).isEmpty();
        assertThat(rows(sent)).isEmpty();
        assertThat(rt.transportLog()).hasSize(1);
        assertThat(storeSink.snapshot())
                .extracting(Notification::eventType)
                .containsExactly(EventType.fnevObjectDeleted);
        assertThat(tableSink.snapshot())
                .extracting(n -> ((Notification.TableEvent) n).tableEvent())
                .containsExactly(EventType.TABLE_ROW_ADDED, EventType.TABLE_ROW_MODIFIED, EventType.TABLE_ROW_DELETED);
    }

    @Test
    @DisplayName(
            "§2.3 a sent message raises fnevObjectMoved (Outbox -> Sent Items) and row notifications on both tables")
    void movedNotifications() throws Exception {
        SimFixture.RecordingSink storeSink = new SimFixture.RecordingSink();
        store.advise(outbox.getProp(PropTag.PR_ENTRYID).asEntryId(), EventType.fnevObjectMoved, storeSink);
        MapiTable sentTable = sent.getContentsTable(0);
        SimFixture.RecordingSink sentSink = new SimFixture.RecordingSink();
        sentTable.advise(EventType.fnevTableModified, sentSink);
        EntryId id = SimFixture.submit(outbox, "moved");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(rt.awaitNotifications(WAIT)).isTrue();
        assertThat(storeSink.snapshot()).singleElement().satisfies(n -> {
            Notification.ObjectEvent e = (Notification.ObjectEvent) n;
            assertThat(e.entryId()).isEqualTo(id);
            assertThat(e.objType()).isEqualTo(MapiFlags.MAPI_MESSAGE);
            assertThat(e.parentId()).isEqualTo(sent.getProp(PropTag.PR_ENTRYID).asEntryId());
            assertThat(e.oldParentId())
                    .isEqualTo(outbox.getProp(PropTag.PR_ENTRYID).asEntryId());
        });
        assertThat(sentSink.snapshot()).singleElement().satisfies(n -> {
            Notification.TableEvent te = (Notification.TableEvent) n;
            assertThat(te.tableEvent()).isEqualTo(EventType.TABLE_ROW_ADDED);
            assertThat(te.row().get(PropTag.PR_SUBJECT_W).asString()).isEqualTo("moved");
        });
    }

    @Test
    @DisplayName("failed send (decision 0012): unlocked, kept in the Outbox, MSGFLAG_SUBMIT cleared, reason readable")
    void failedSendIsMarked() throws Exception {
        rt.transportControl().apply(TransportSettings.instant().withFailRecipients(Set.of("Bad@Example.com")));
        EntryId bad = SimFixture.submit(outbox, "to bad", "bad@example.com");
        EntryId good = SimFixture.submit(outbox, "to good", "good@example.com");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        Map<Integer, PropValue> p = props(
                bad,
                PropTag.PR_MESSAGE_FLAGS,
                PropTag.PR_SUBMIT_FLAGS,
                SendFailureProps.PR_WB_SEND_ERROR_W,
                SendFailureProps.PR_WB_SEND_ERROR_SCODE,
                SendFailureProps.PR_WB_SEND_ERROR_TIME,
                PropTag.PR_PARENT_ENTRYID);
        assertThat(p.get(PropTag.PR_MESSAGE_FLAGS).asInt() & MapiFlags.MSGFLAG_SUBMIT)
                .isZero();
        assertThat(p.get(PropTag.PR_MESSAGE_FLAGS).asInt() & MapiFlags.MSGFLAG_UNSENT)
                .isNotZero();
        assertThat(p.get(PropTag.PR_SUBMIT_FLAGS).asInt()).isZero();
        assertThat(p.get(SendFailureProps.PR_WB_SEND_ERROR_W).asString()).contains("bad@example.com");
        assertThat(p.get(SendFailureProps.PR_WB_SEND_ERROR_SCODE).asInt()).isEqualTo(HResult.MAPI_E_NOT_FOUND.value());
        assertThat(p.get(PropTag.PR_PARENT_ENTRYID).asEntryId())
                .isEqualTo(outbox.getProp(PropTag.PR_ENTRYID).asEntryId());
        assertThat(SendFailureProps.isFailed(
                        p.get(PropTag.PR_MESSAGE_FLAGS).asInt(),
                        p.get(SendFailureProps.PR_WB_SEND_ERROR_W).asString()))
                .isTrue();
        assertThat(props(good, PropTag.PR_PARENT_ENTRYID)
                        .get(PropTag.PR_PARENT_ENTRYID)
                        .asEntryId())
                .isEqualTo(sent.getProp(PropTag.PR_ENTRYID).asEntryId());
        // resubmitting clears the failure and sends it once the recipient is accepted
        rt.transportControl().apply(TransportSettings.instant());
        MapiMessage again = (MapiMessage) session.openEntry(bad, MapiFlags.MAPI_MODIFY);
        again.submitMessage(0);
        again.release();
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(props(bad, SendFailureProps.PR_WB_SEND_ERROR_W))
                .doesNotContainKey(SendFailureProps.PR_WB_SEND_ERROR_W);
        assertThat(rt.transportLog()).extracting(SimRuntime.Delivery::subject).containsExactly("to good", "to bad");
    }

    @Test
    @DisplayName("TransportSettings: fail every Nth, and by probability with a seed (reproducible)")
    void failEveryAndProbability() throws Exception {
        rt.transportControl().apply(TransportSettings.instant().withFailEvery(3));
        for (int i = 1; i <= 6; i++) {
            SimFixture.submit(outbox, "n" + i);
        }
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(rt.transportLog()).extracting(SimRuntime.Delivery::subject).containsExactly("n1", "n2", "n4", "n5");
        assertThat(rows(outbox))
                .extracting(r -> r.get(PropTag.PR_SUBJECT_W).asString())
                .containsExactly("n3", "n6");

        List<String> first = sendWithProbability(42);
        List<String> second = sendWithProbability(42);
        assertThat(first).isEqualTo(second).isNotEmpty().hasSizeLessThan(20);
    }

    private List<String> sendWithProbability(long seed) throws Exception {
        SimRuntime r = SimFixture.initialized(TransportSettings.instant().withFailProbability(0.5, seed));
        MapiSession s = SimFixture.logon(r);
        MsgStore st = SimFixture.openDefaultStore(s);
        MapiFolder ob = SimFixture.openFolder(s, st, PropTag.PR_IPM_OUTBOX_ENTRYID);
        r.transportControl().apply(r.transportControl().settings().withOffline(true));
        for (int i = 0; i < 20; i++) {
            SimFixture.submit(ob, "p" + i);
        }
        r.transportControl().apply(r.transportControl().settings().withOffline(false));
        assertThat(r.awaitOutboxIdle(WAIT)).isTrue();
        List<String> delivered =
                r.transportLog().stream().map(SimRuntime.Delivery::subject).toList();
        r.mapiUninitialize();
        return delivered;
    }

    @Test
    @DisplayName(
            "imsgstore-abortsubmit.md: MAPI_E_UNABLE_TO_ABORT while the spooler holds the message (SUBMITFLAG_LOCKED)")
    void abortSubmitFailsWhileTheSpoolerHasTheMessageLocked() throws Exception {
        rt.transportControl().apply(TransportSettings.instant().withHang(true));
        EntryId id = SimFixture.submit(outbox, "stuck in the transport");
        SimFixture.awaitSending(session);
        assertThat(props(id, PropTag.PR_SUBMIT_FLAGS)
                                .get(PropTag.PR_SUBMIT_FLAGS)
                                .asInt()
                        & MapiFlags.SUBMITFLAG_LOCKED)
                .isNotZero();

        assertFails(HResult.MAPI_E_UNABLE_TO_ABORT, () -> store.abortSubmit(id, 0));

        rt.transportControl().apply(TransportSettings.instant());
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertFails(HResult.MAPI_E_NOT_IN_QUEUE, () -> store.abortSubmit(id, 0));
        assertThat(rt.transportLog())
                .extracting(SimRuntime.Delivery::subject)
                .containsExactly("stuck in the transport");
    }

    @Test
    @DisplayName(
            "AbortSubmit: a queued message leaves the queue and stays in the Outbox; a second abort fails MAPI_E_NOT_IN_QUEUE (imsgstore-abortsubmit.md)")
    void abortSubmit() throws Exception {
        rt.transportControl().apply(TransportSettings.instant().withOffline(true));
        EntryId id = SimFixture.submit(outbox, "abort me");
        store.abortSubmit(id, 0);
        assertThat(props(id, PropTag.PR_MESSAGE_FLAGS)
                                .get(PropTag.PR_MESSAGE_FLAGS)
                                .asInt()
                        & MapiFlags.MSGFLAG_SUBMIT)
                .isZero();
        assertFails(HResult.MAPI_E_NOT_IN_QUEUE, () -> store.abortSubmit(id, 0));
        rt.transportControl().apply(TransportSettings.instant());
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(rt.transportLog()).isEmpty();
        assertThat(rows(outbox)).hasSize(1);
    }

    @Test
    @DisplayName("ModifyRecipients and SetProps validate their input with MAPI errors")
    void messageValidation() {
        MapiMessage m = outbox.createMessage(0);
        assertFails(
                HResult.MAPI_E_INVALID_PARAMETER, () -> m.modifyRecipients(MapiFlags.MODRECIP_ADD, List.of("nope")));
        assertFails(HResult.MAPI_E_UNKNOWN_FLAGS, () -> m.modifyRecipients(0x100, List.of("a@b.c")));
        assertFails(HResult.MAPI_E_NO_ACCESS, () -> m.setProps(List.of(PropValue.of(PropTag.PR_ENTRYID, new byte[4]))));
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> m.setProps(List.of(PropValue.of(PropTag.PR_SUBJECT_W, 5))));
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> m.submitMessage(0));
        assertThat(m.getProps(PropTag.PR_ENTRYID).get(0).isError()).isTrue();
        m.modifyRecipients(MapiFlags.MODRECIP_ADD, List.of("a@b.c", "d@e.f"));
        m.modifyRecipients(MapiFlags.MODRECIP_REMOVE, List.of("A@B.C"));
        assertThat(m.getProp(PropTag.PR_DISPLAY_TO_W).asString()).isEqualTo("d@e.f");
        m.saveChanges(0);
        assertThat(m.getProps(PropTag.PR_ENTRYID).get(0).isError()).isFalse();
        m.release();
    }

    @Test
    @DisplayName(
            "IMsgStore::GetReceiveFolder names the Inbox for every class; after Logoff it fails MAPI_E_END_OF_SESSION")
    void receiveFolderIsTheInbox() {
        EntryId inbox = store.getReceiveFolder(null, 0);
        assertThat(store.getReceiveFolder("IPM.Note", 0)).isEqualTo(inbox);
        MapiFolder f = (MapiFolder) store.openEntry(inbox, MapiFlags.MAPI_BEST_ACCESS);
        try {
            assertThat(f.getProp(PropTag.PR_DISPLAY_NAME_W).asString()).isEqualTo("Inbox");
            assertThat(inbox).isNotEqualTo(outbox.getProp(PropTag.PR_ENTRYID).asEntryId());
        } finally {
            f.release();
        }
        session.logoff(0, 0, 0);
        assertFails(HResult.MAPI_E_END_OF_SESSION, () -> store.getReceiveFolder(null, 0));
    }
}
