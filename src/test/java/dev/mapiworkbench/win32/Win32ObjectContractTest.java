package dev.mapiworkbench.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.ClientShutdown;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiStatus;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.win32.MapiDouble.Call;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rest of the mapi surface over the double: logon strings, properties, a message through the
 * Outbox, the spooler flush of mapi-reference.md section 1.4, buffers, and HRESULT decoding.
 */
class Win32ObjectContractTest {

    private static final int PR_MESSAGE_ATTACHMENTS = PropTag.tag(0x0E13, PropTag.PT_OBJECT);

    @RegisterExtension
    final DoubleRuntime fixture = new DoubleRuntime();

    private MapiDouble dbl;
    private Win32Runtime rt;

    @BeforeEach
    void open() {
        dbl = fixture.dbl();
        rt = fixture.rt();
    }

    private MapiSession logOn() {
        return fixture.logOn();
    }

    private MsgStore openDefaultStore(MapiSession session) {
        MapiTable stores = session.getMsgStoresTable(0);
        try {
            stores.setColumns(new int[] {PropTag.PR_ENTRYID}, 0);
            EntryId id = stores.queryRows(1, 0).get(0).get(PropTag.PR_ENTRYID).asEntryId();
            return session.openMsgStore(0, id, MapiFlags.MDB_WRITE);
        } finally {
            stores.release();
        }
    }

    @Test
    void mapiInitializeWithNullPassesNull() {
        assertThat(dbl.log().get(0).name()).isEqualTo("MAPI32::MAPIInitialize");
        assertThat(dbl.log().get(0).text()).isEqualTo("NULL");
    }

    @Test
    void logonPassesAnsiOrUnicodeProfileNamesAndTheFlags() {
        MapiSession ansi = rt.mapiLogonEx(0, "Demo", null, MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_EXPLICIT_PROFILE);
        MapiSession wide = rt.mapiLogonEx(
                0x42,
                "Wide Profile",
                null,
                MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_EXPLICIT_PROFILE | MapiFlags.MAPI_UNICODE);
        MapiSession picker = rt.mapiLogonEx(0, null, null, MapiFlags.MAPI_LOGON_UI | MapiFlags.MAPI_EXTENDED);

        List<Call> logons =
                dbl.log().stream().filter(c -> c.method().equals("MAPILogonEx")).toList();
        assertThat(logons).extracting(Call::text).containsExactly("Demo", "Wide Profile", "");
        assertThat(logons.get(0).arg(3)).isEqualTo(0x30L);
        assertThat(logons.get(1).arg(0)).isEqualTo(0x42L);
        assertThat(logons.get(1).arg(3)).isEqualTo(0x80000030L);
        assertThat(logons.get(2).arg(1)).as("NULL profile name").isZero();
        assertThat(logons.get(2).arg(3)).isEqualTo(0x21L);
        assertThat(ansi.displayName()).isEqualTo("session Demo");
        for (MapiSession s : List.of(ansi, wide, picker)) {
            s.logoff(0, 0, 0);
            s.release();
        }
    }

    @Test
    void failedCallsThrowMapiExceptionWithTheDecodedHresult() {
        assertThatThrownBy(() -> rt.mapiLogonEx(0, "fail", null, MapiFlags.MAPI_EXPLICIT_PROFILE))
                .isInstanceOfSatisfying(MapiException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_LOGON_FAILED);
                    assertThat(e.api()).isEqualTo("MAPILogonEx");
                    assertThat(e.getMessage()).contains("MAPI_E_LOGON_FAILED (0x80040111)");
                });
        MapiSession session = logOn();
        assertThatThrownBy(() -> session.openEntry(EntryId.fromHex("00000000AABB"), 0))
                .isInstanceOfSatisfying(MapiException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_UNKNOWN_ENTRYID);
                    assertThat(e.api()).isEqualTo("IMAPISession::OpenEntry");
                });
        assertThatThrownBy(() -> rt.scInitMapiUtil(1))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_INVALID_PARAMETER));
        session.logoff(0, 0, 0);
        session.release();
    }

    @Test
    void getPropsReturnsValuesAndPtErrorForMissingOnesAndFreesMapiMemory() {
        MapiSession session = logOn();
        MsgStore store = openDefaultStore(session);

        List<PropValue> props =
                store.getProps(PropTag.PR_DISPLAY_NAME_W, PropTag.PR_SUBJECT_W, PropTag.PR_IPM_OUTBOX_ENTRYID);

        assertThat(props.get(0)).isEqualTo(PropValue.of(PropTag.PR_DISPLAY_NAME_W, "Mailbox - Demo"));
        assertThat(props.get(1).isError()).isTrue();
        assertThat(props.get(1).value()).isEqualTo(HResult.MAPI_E_NOT_FOUND);
        assertThat(props.get(2).asBinary()).endsWith("FOLDER:Outbox".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> store.getProp(PropTag.PR_SUBJECT_W))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_NOT_FOUND));
        List<Call> log = dbl.log();
        int at = -1;
        for (int i = 0, seen = 0; i < log.size() && at < 0; i++) {
            if (log.get(i).name().equals("IMsgStore::GetProps") && ++seen == 2) {
                at = i; // the first GetProps is openMsgStore's display-name read
            }
        }
        Call getProps = log.get(at);
        assertThat(getProps.text()).isEqualTo("3001001F,0037001F,35E20102");
        assertThat(getProps.arg(1)).as("MAPI_UNICODE for _W tags").isEqualTo(0x80000000L);
        Call freed = log.get(at + 1);
        assertThat(freed.name()).isEqualTo("MAPI32::MAPIFreeBuffer");
        assertThat(freed.arg(0)).isEqualTo(getProps.arg(2));
        store.release();
        session.logoff(0, 0, 0);
        session.release();
        assertThat(dbl.outstandingBuffers()).isZero();
    }

    @Test
    void aMessageGoesThroughTheOutboxAndStoreLogoffReportsTheQueue() {
        OutboxDraft d = newOutboxMessage();
        MapiSession session = d.session();
        MsgStore store = d.store();
        MapiFolder outbox = d.outbox();
        MapiMessage message = d.message();
        message.setProps(List.of(
                PropValue.of(PropTag.PR_SUBJECT_W, "Status report"),
                PropValue.of(PropTag.PR_DELETE_AFTER_SUBMIT, true)));
        message.modifyRecipients(MapiFlags.MODRECIP_ADD, List.of("ada@example.com", "bob@example.com"));
        message.saveChanges(0);
        message.submitMessage(0);

        assertThat(message.getProp(PropTag.PR_SUBJECT_W).asString()).isEqualTo("Status report");
        assertThat(message.getProp(PropTag.PR_MESSAGE_FLAGS).asInt() & MapiFlags.MSGFLAG_SUBMIT)
                .isNotZero();
        Call recipients = dbl.log().stream()
                .filter(c -> c.method().equals("ModifyRecipients"))
                .findFirst()
                .orElseThrow();
        assertThat(recipients.slot()).isEqualTo(19);
        assertThat(recipients.text()).isEqualTo("ada@example.com,bob@example.com");
        assertThat(recipients.args()[0]).isEqualTo(MapiFlags.MODRECIP_ADD);
        assertThat(recipients.args()[1]).isEqualTo(2L);
        Call setProps = dbl.log().stream()
                .filter(c -> c.method().equals("SetProps"))
                .findFirst()
                .orElseThrow();
        assertThat(setProps.text()).isEqualTo("0037001F=Status report,0E01000B");

        MapiTable contents = outbox.getContentsTable(0);
        contents.setColumns(new int[] {PropTag.PR_SUBJECT_W, PropTag.PR_MESSAGE_FLAGS}, 0);
        assertThat(contents.getRowCount(0)).isEqualTo(1);
        List<Row> rows = contents.queryRows(10, 0);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(PropTag.PR_SUBJECT_W).asString()).isEqualTo("Status report");
        assertThat(contents.queryRows(10, 0)).isEmpty();
        assertThat(contents.seekRow(MapiFlags.BOOKMARK_BEGINNING, 0)).isZero();
        assertThat(contents.queryRows(10, 0)).hasSize(1);

        int out = store.storeLogoff(MapiFlags.LOGOFF_ORDERLY);
        assertThat(out & MapiFlags.LOGOFF_OUTBOUND_QUEUE).isNotZero();
        Call storeLogoff = dbl.log().stream()
                .filter(c -> c.method().equals("StoreLogoff"))
                .findFirst()
                .orElseThrow();
        assertThat(storeLogoff.slot()).isEqualTo(21);
        assertThat(storeLogoff.arg(0)).isEqualTo(MapiFlags.LOGOFF_ORDERLY);

        for (var o : List.of(contents, message, outbox, store)) {
            o.release();
        }
        session.logoff(0, 0, 0);
        session.release();
        assertThat(dbl.outstandingBuffers())
                .as("ADRLIST, row sets and GetProps results freed")
                .isZero();
    }

    @Test
    void spoolerFlushFollowsTheStatusTableAsDocumented() {
        MapiSession session = logOn();
        MapiTable status = session.getStatusTable(0);
        status.setColumns(new int[] {PropTag.PR_ENTRYID, PropTag.PR_RESOURCE_TYPE}, 0);
        Row spooler = status.queryRows(50, 0).stream()
                .filter(r -> r.get(PropTag.PR_RESOURCE_TYPE).asInt() == MapiFlags.MAPI_SPOOLER)
                .findFirst()
                .orElseThrow();
        MapiStatus spoolerStatus =
                (MapiStatus) session.openEntry(spooler.get(PropTag.PR_ENTRYID).asEntryId(), 0);
        spoolerStatus.flushQueues(0, null, MapiFlags.FLUSH_UPLOAD | MapiFlags.FLUSH_NO_UI);

        Call flush = dbl.log().stream()
                .filter(c -> c.method().equals("FlushQueues"))
                .findFirst()
                .orElseThrow();
        assertThat(flush.slot()).isEqualTo(17);
        assertThat(flush.args()).containsExactly(0L, 0L, 0L, (long) (MapiFlags.FLUSH_UPLOAD | MapiFlags.FLUSH_NO_UI));
        assertThat(spoolerStatus.displayName()).isEqualTo("Spooler");

        MapiStatus transport = (MapiStatus) session.openEntry(EntryId.fromHex("00000000" + hex("STATUS:Transport")), 0);
        assertThatThrownBy(() -> transport.flushQueues(0, null, MapiFlags.FLUSH_UPLOAD))
                .isInstanceOfSatisfying(MapiException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_NO_SUPPORT);
                    assertThat(e.api()).isEqualTo("IMAPIStatus::FlushQueues");
                });
        transport.validateState(0, MapiFlags.SUPPRESS_UI);
        for (var o : List.of(transport, spoolerStatus, status)) {
            o.release();
        }
        session.logoff(0, 0, 0);
        session.release();
    }

    private static String hex(String s) {
        return java.util.HexFormat.of().withUpperCase().formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void buffersFollowMapiRulesWithoutTouchingFreedMemory() {
        MapiBuffer parent = rt.mapiAllocateBuffer(16);
        MapiBuffer child = rt.mapiAllocateMore(8, parent);
        parent.write(new byte[] {1, 2, 3});
        assertThat(parent.read()).startsWith(1, 2, 3);
        assertThatThrownBy(() -> rt.mapiFreeBuffer(child))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_INVALID_PARAMETER));

        int mark = dbl.logCount();
        rt.mapiFreeBuffer(parent);
        rt.mapiFreeBuffer(null);
        assertThatThrownBy(() -> rt.mapiFreeBuffer(parent))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_INVALID_PARAMETER));
        assertThatThrownBy(child::read)
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_INVALID_PARAMETER));
        List<Call> frees = dbl.log(mark);
        assertThat(frees).extracting(Call::name).containsExactly("MAPI32::MAPIFreeBuffer");
        assertThat(frees.get(0).arg(0)).isEqualTo(parent.address());
        assertThat(dbl.outstandingBuffers()).isZero();
    }

    @Test
    void oleInitializeReportsSFalseWhenAlreadyInitialised() {
        assertThat(rt.oleInitialize()).isEqualTo(HResult.S_OK);
        assertThat(rt.oleInitialize()).isEqualTo(HResult.S_FALSE);
        rt.oleUninitialize();
        rt.oleUninitialize();
        assertThat(dbl.log())
                .extracting(Call::name)
                .endsWith(
                        "ole32::OleInitialize",
                        "ole32::OleInitialize",
                        "ole32::OleUninitialize",
                        "ole32::OleUninitialize");
    }

    @Test
    void callsBeforeMapiInitializeOrAfterTheLastUninitializeFailWithoutNativeCalls() {
        MapiSession session = logOn();
        rt.mapiUninitialize();
        int mark = dbl.logCount();
        assertThatThrownBy(() -> session.getStatusTable(0))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_NOT_INITIALIZED));
        assertThat(session.release()).isZero();
        assertThatThrownBy(() -> rt.mapiLogonEx(0, "Demo", null, 0))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_NOT_INITIALIZED));
        assertThat(dbl.log(mark)).isEmpty();
    }

    private Call only(String method) {
        List<Call> calls =
                dbl.log().stream().filter(c -> c.method().equals(method)).toList();
        assertThat(calls).as(method).hasSize(1);
        return calls.get(0);
    }

    /** A new message in the Outbox of the default store of a new session. */
    private record OutboxDraft(MapiSession session, MsgStore store, MapiFolder outbox, MapiMessage message) {}

    private OutboxDraft newOutboxMessage() {
        MapiSession session = logOn();
        MsgStore store = openDefaultStore(session);
        MapiFolder outbox = (MapiFolder)
                store.openEntry(store.getProp(PropTag.PR_IPM_OUTBOX_ENTRYID).asEntryId(), MapiFlags.MAPI_MODIFY);
        return new OutboxDraft(session, store, outbox, outbox.createMessage(0));
    }

    private static void releaseAndLogOff(MapiSession session, MapiUnknown... objects) {
        for (MapiUnknown o : objects) {
            o.release();
        }
        session.logoff(0, 0, 0);
        session.release();
    }

    // ---- the MAPI rules beyond the eight steps -------------------------------------------------
    // IMAPIClientShutdown (QueryInterface with IID_IMAPIClientShutdown, slots 3-5 of
    // MAPIDefS.h:2807-2825, nothing called after DoFastShutdown as "Best Practices for Fast Shutdown"
    // demands), IMsgStore::AbortSubmit (slot 22, MAPI_E_UNABLE_TO_ABORT while the spooler holds the
    // message, MAPI_E_NOT_IN_QUEUE once it left the queue: imsgstore-abortsubmit.md) and PT_OBJECT values
    // read as MAPIDefS.h:551's LONG x.

    @Test
    void fastShutdownQueriesTheSessionForTheInterfaceAndCallsSlots3To5() {
        MapiSession session = logOn();
        ClientShutdown shutdown = session.queryClientShutdown();
        assertThat(shutdown.kind()).isEqualTo(ObjectKind.CLIENT_SHUTDOWN);
        Call qi = only("QueryInterface");
        assertThat(qi.iface()).isEqualTo("IMAPISession");
        assertThat(qi.slot()).isZero();
        assertThat(qi.text())
                .as("the IID bytes of {00020397-0000-0000-C000-000000000046}")
                .isEqualTo("IID_IMAPIClientShutdown");

        shutdown.queryFastShutdown();
        shutdown.notifyProcessShutdown();
        shutdown.doFastShutdown();

        assertThat(only("QueryFastShutdown").slot()).isEqualTo(3);
        assertThat(only("NotifyProcessShutdown").slot()).isEqualTo(4);
        Call doIt = only("DoFastShutdown");
        assertThat(doIt.slot()).isEqualTo(5);
        assertThat(doIt.iface()).isEqualTo("IMAPIClientShutdown");
        assertThat(rt.afterFastShutdown()).isTrue();

        int calls = dbl.logCount();
        assertThat(shutdown.release()).as("Release is not called either").isZero();
        assertThat(session.release()).isZero();
        assertThatThrownBy(rt::mapiUninitialize)
                .isInstanceOf(MapiException.class)
                .satisfies(e -> assertThat(((MapiException) e).hresult()).isEqualTo(HResult.MAPI_E_CALL_FAILED))
                .hasMessageContaining("DoFastShutdown");
        assertThatThrownBy(() -> session.getMsgStoresTable(0)).isInstanceOf(MapiException.class);
        assertThat(dbl.logCount()).as("no native call after DoFastShutdown").isEqualTo(calls);
        assertThat(dbl.initCount()).as("MAPIUninitialize was not called").isEqualTo(1);
        rt.close();
        rt = null;
    }

    @Test
    void aDisabledFastShutdownFailsTheQueryWithMapiENoSupport() {
        dbl.setQueryFastShutdown(HResult.MAPI_E_NO_SUPPORT.value());
        MapiSession session = logOn();
        ClientShutdown shutdown = session.queryClientShutdown();

        assertThatThrownBy(shutdown::queryFastShutdown)
                .isInstanceOf(MapiException.class)
                .satisfies(e -> assertThat(((MapiException) e).hresult()).isEqualTo(HResult.MAPI_E_NO_SUPPORT))
                .satisfies(
                        e -> assertThat(((MapiException) e).api()).isEqualTo("IMAPIClientShutdown::QueryFastShutdown"));

        assertThat(shutdown.release()).isZero();
        assertThat(rt.afterFastShutdown()).isFalse();
        session.logoff(0, 0, 0);
        session.release();
        assertThat(dbl.log().stream().map(Call::method))
                .doesNotContain("NotifyProcessShutdown", "DoFastShutdown")
                .contains("Logoff");
    }

    @Test
    void abortSubmitIsSlot22AndReportsTheSpoolerLockAndTheQueue() {
        OutboxDraft d = newOutboxMessage();
        MapiMessage message = d.message();
        message.saveChanges(0);
        message.submitMessage(0);
        EntryId id = message.getProp(PropTag.PR_ENTRYID).asEntryId();

        assertThat(dbl.lockOutboxMessage(0, true)).isTrue();
        assertThatThrownBy(() -> d.store().abortSubmit(id, 0))
                .isInstanceOf(MapiException.class)
                .satisfies(e -> assertThat(((MapiException) e).hresult()).isEqualTo(HResult.MAPI_E_UNABLE_TO_ABORT));
        dbl.lockOutboxMessage(0, false);
        d.store().abortSubmit(id, 0);
        assertThat(message.getProp(PropTag.PR_MESSAGE_FLAGS).asInt() & MapiFlags.MSGFLAG_SUBMIT)
                .isZero();
        assertThatThrownBy(() -> d.store().abortSubmit(id, 0))
                .isInstanceOf(MapiException.class)
                .satisfies(e -> assertThat(((MapiException) e).hresult()).isEqualTo(HResult.MAPI_E_NOT_IN_QUEUE));

        List<Call> aborts =
                dbl.log().stream().filter(c -> c.method().equals("AbortSubmit")).toList();
        assertThat(aborts).hasSize(3).allSatisfy(c -> assertThat(c.slot()).isEqualTo(22));
        assertThat(aborts.get(1).arg(0)).as("cbEntryID").isEqualTo(id.bytes().length);
        assertThat(aborts.get(1).arg(1)).as("ulFlags").isZero();

        releaseAndLogOff(d.session(), message, d.outbox(), d.store());
    }

    @Test
    void aPtObjectPropertyComesBackAsTheLongNotAsAPointer() {
        OutboxDraft d = newOutboxMessage();
        MapiMessage message = d.message();

        // the double reports LONG x = 0x2A: read as a pointer it would be dereferenced at address 0x2A
        PropValue attachments = message.getProp(PR_MESSAGE_ATTACHMENTS);
        assertThat(attachments).isEqualTo(PropValue.of(PR_MESSAGE_ATTACHMENTS, 0x2A));

        releaseAndLogOff(d.session(), message, d.outbox(), d.store());
    }
}
