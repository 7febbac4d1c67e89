package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.AddrBook;
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
import dev.mapiworkbench.mapi.SubsystemDiagnostics.Fault;
import dev.mapiworkbench.mapi.SubsystemDiagnostics.Leak;
import dev.mapiworkbench.mapi.SubsystemDiagnostics.ObjectInfo;
import dev.mapiworkbench.mapi.SubsystemDiagnostics.ObjectState;
import dev.mapiworkbench.mapi.TransportSettings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reference counts, invalidation at Logoff, the leak ledger, and misuse after Logoff. */
class SimObjectLifecycleTest {

    private final SimRuntime rt = SimFixture.initialized(TransportSettings.instant());

    @AfterEach
    void tearDown() {
        while (rt.diagnostics().initCount() > 0) {
            rt.mapiUninitialize();
        }
    }

    @Test
    @DisplayName(
            "§1.1 step 2: AddRef/Release count; Release returns the new count; at 0 the object is gone (MAPI_E_INVALID_OBJECT)")
    void referenceCounting() {
        MapiSession s = SimFixture.logon(rt);
        MapiTable t = s.getStatusTable(0);
        assertThat(t.addRef()).isEqualTo(2);
        assertThat(t.release()).isEqualTo(1);
        assertThat(rt.diagnostics().liveObjects()).extracting(ObjectInfo::kind).contains(ObjectKind.TABLE);
        assertThat(t.release()).isZero();
        assertThat(rt.diagnostics().liveObjects()).extracting(ObjectInfo::kind).doesNotContain(ObjectKind.TABLE);
        assertFails(HResult.MAPI_E_INVALID_OBJECT, () -> t.getRowCount(0));
        assertFails(HResult.MAPI_E_INVALID_OBJECT, t::release);
        assertThat(rt.diagnostics().faults()).extracting(Fault::id).containsExactly("release-after-destroy");
        s.logoff(0, 0, 0);
        s.release();
    }

    @Test
    @DisplayName(
            "§1.1 note: objects still open after Logoff are invalid (MAPI_E_END_OF_SESSION), leaked 'may never be freed', Release still works")
    void logoffInvalidatesStillReferencedObjects() {
        MapiSession s = SimFixture.logon(rt);
        MsgStore store = SimFixture.openDefaultStore(s);
        MapiFolder outbox = SimFixture.openFolder(s, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
        store.addRef();
        long conn = store.advise(null, 0x20, n -> 0);
        s.logoff(0, 0, 0);

        assertFails(HResult.MAPI_E_END_OF_SESSION, () -> store.getProps(PropTag.PR_DISPLAY_NAME_W));
        assertFails(HResult.MAPI_E_END_OF_SESSION, () -> store.unadvise(conn));
        assertFails(HResult.MAPI_E_END_OF_SESSION, () -> outbox.getContentsTable(0));
        assertThat(rt.diagnostics().liveObjects())
                .allSatisfy(o -> assertThat(o.state()).isEqualTo(ObjectState.INVALID));
        assertThat(rt.diagnostics().liveObjects())
                .filteredOn(o -> o.kind() == ObjectKind.MSG_STORE)
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.refCount()).isEqualTo(2);
                    assertThat(o.adviseConnections()).isEqualTo(1);
                });
        assertThat(rt.diagnostics().leaks()).extracting(Leak::kind).containsExactlyInAnyOrder("MSG_STORE", "FOLDER");
        assertThat(rt.diagnostics().leaks())
                .allSatisfy(l -> assertThat(l.detail()).contains("invalid, may never be freed"));

        // only Release is accepted, by the objects and by the session
        assertThat(store.release()).isEqualTo(1);
        assertThat(store.release()).isZero();
        assertThat(outbox.release()).isZero();
        assertFails(HResult.MAPI_E_END_OF_SESSION, () -> s.logoff(0, 0, 0));
        assertFails(HResult.MAPI_E_END_OF_SESSION, s::addRef);
        assertThat(s.release()).isZero();
        assertThat(rt.diagnostics().liveObjects()).isEmpty();
    }

    @Test
    @DisplayName("§1.1 a clean teardown (release everything, then Logoff) leaks nothing")
    void cleanTeardownLeaksNothing() {
        MapiSession s = SimFixture.logon(rt);
        MsgStore store = SimFixture.openDefaultStore(s);
        AddrBook ab = s.openAddressBook(0, 0);
        long c = store.advise(null, 0x10, n -> 0);
        store.unadvise(c);
        ab.release();
        store.release();
        s.logoff(0, 0, 0);
        s.release();
        rt.mapiUninitialize();
        assertThat(rt.diagnostics().leaks()).isEmpty();
        assertThat(rt.diagnostics().faults()).isEmpty();
        assertThat(rt.diagnostics().liveObjects()).isEmpty();
    }

    @Test
    @DisplayName("releasing the session without Logoff logs it off implicitly and records a fault")
    void releaseWithoutLogoff() {
        MapiSession s = SimFixture.logon(rt);
        MapiTable t = s.getStatusTable(0);
        assertThat(s.release()).isZero();
        assertThat(rt.diagnostics().faults()).extracting(Fault::id).containsExactly("release-without-logoff");
        assertFails(HResult.MAPI_E_END_OF_SESSION, () -> t.getRowCount(0));
        assertThat(rt.diagnostics().leaks()).extracting(Leak::kind).containsExactly("TABLE");
    }

    /** Every object kind the session hands out, each with calls that must fail after Logoff. */
    private Map<ObjectKind, List<Consumer<MapiUnknown>>> openEverything(MapiSession s, List<MapiUnknown> out) {
        MsgStore store = SimFixture.openDefaultStore(s);
        MapiFolder outbox = SimFixture.openFolder(s, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
        MapiMessage msg = outbox.createMessage(0);
        MapiTable table = outbox.getContentsTable(0);
        MapiTable status = s.getStatusTable(0);
        List<Row> rows = status.queryRows(10, 0);
        MapiStatus spooler = (MapiStatus) s.openEntry(
                rows.stream()
                        .filter(r -> r.get(PropTag.PR_RESOURCE_TYPE).asInt() == MapiFlags.MAPI_SPOOLER)
                        .findFirst()
                        .orElseThrow()
                        .get(PropTag.PR_ENTRYID)
                        .asEntryId(),
                0);
        AddrBook ab = s.openAddressBook(0, 0);
        ClientShutdown shutdown = s.queryClientShutdown();
        out.addAll(List.of(s, store, outbox, msg, table, status, spooler, ab, shutdown));
        EntryId any = store.getProp(PropTag.PR_IPM_OUTBOX_ENTRYID).asEntryId();
        Map<ObjectKind, List<Consumer<MapiUnknown>>> calls = new LinkedHashMap<>();
        calls.put(
                ObjectKind.SESSION,
                List.of(
                        o -> ((MapiSession) o).getMsgStoresTable(0),
                        o -> ((MapiSession) o).openEntry(any, 0),
                        o -> ((MapiSession) o).advise(null, 1, n -> 0),
                        o -> ((MapiSession) o).unadvise(1),
                        o -> ((MapiSession) o).getStatusTable(0),
                        o -> ((MapiSession) o).openAddressBook(0, 0),
                        o -> ((MapiSession) o).openMsgStore(0, any, 0),
                        o -> ((MapiSession) o).logoff(0, 0, 0),
                        o -> ((MapiSession) o).queryClientShutdown(),
                        MapiUnknown::addRef));
        calls.put(
                ObjectKind.CLIENT_SHUTDOWN,
                List.of(
                        o -> ((ClientShutdown) o).queryFastShutdown(),
                        o -> ((ClientShutdown) o).notifyProcessShutdown(),
                        o -> ((ClientShutdown) o).doFastShutdown(),
                        MapiUnknown::addRef));
        calls.put(
                ObjectKind.MSG_STORE,
                List.of(
                        o -> ((MsgStore) o).getProps(PropTag.PR_ENTRYID),
                        o -> ((MsgStore) o).openEntry(any, 0),
                        o -> ((MsgStore) o).advise(null, 4, n -> 0),
                        o -> ((MsgStore) o).unadvise(1),
                        o -> ((MsgStore) o).storeLogoff(MapiFlags.LOGOFF_NO_WAIT),
                        o -> ((MsgStore) o).abortSubmit(any, 0),
                        o -> ((MsgStore) o).setProps(List.of()),
                        MapiUnknown::addRef));
        calls.put(
                ObjectKind.FOLDER,
                List.of(
                        o -> ((MapiFolder) o).getContentsTable(0),
                        o -> ((MapiFolder) o).createMessage(0),
                        o -> ((MapiFolder) o).getProps(PropTag.PR_DISPLAY_NAME_W),
                        o -> ((MapiFolder) o).saveChanges(0),
                        MapiUnknown::addRef));
        calls.put(
                ObjectKind.MESSAGE,
                List.of(
                        o -> ((MapiMessage) o).getProps(PropTag.PR_SUBJECT_W),
                        o -> ((MapiMessage) o).setProps(List.of(PropValue.of(PropTag.PR_SUBJECT_W, "x"))),
                        o -> ((MapiMessage) o).modifyRecipients(MapiFlags.MODRECIP_ADD, List.of("a@b.c")),
                        o -> ((MapiMessage) o).saveChanges(0),
                        o -> ((MapiMessage) o).submitMessage(0),
                        MapiUnknown::addRef));
        calls.put(
                ObjectKind.TABLE,
                List.of(
                        o -> ((MapiTable) o).setColumns(new int[] {PropTag.PR_ENTRYID}, 0),
                        o -> ((MapiTable) o).queryRows(1, 0),
                        o -> ((MapiTable) o).getRowCount(0),
                        o -> ((MapiTable) o).seekRow(0, 0),
                        o -> ((MapiTable) o).advise(0x100, n -> 0),
                        o -> ((MapiTable) o).unadvise(1),
                        MapiUnknown::addRef));
        calls.put(
                ObjectKind.STATUS,
                List.of(
                        o -> ((MapiStatus) o).flushQueues(0, null, MapiFlags.FLUSH_UPLOAD),
                        o -> ((MapiStatus) o).validateState(0, 0),
                        o -> ((MapiStatus) o).getProps(PropTag.PR_STATUS_CODE),
                        MapiUnknown::addRef));
        calls.put(
                ObjectKind.ADDR_BOOK,
                List.of(
                        o -> ((AddrBook) o).advise(null, 1, n -> 0),
                        o -> ((AddrBook) o).unadvise(1),
                        o -> ((AddrBook) o).getProps(PropTag.PR_DISPLAY_NAME_W),
                        MapiUnknown::addRef));
        return calls;
    }

    @Test
    @DisplayName(
            "§1.1 misuse: every object kind x every call after Logoff fails MAPI_E_END_OF_SESSION, never another exception")
    void everyKindEveryCallAfterLogoff() {
        MapiSession s = SimFixture.logon(rt);
        List<MapiUnknown> objects = new ArrayList<>();
        Map<ObjectKind, List<Consumer<MapiUnknown>>> calls = openEverything(s, objects);
        assertThat(calls.keySet()).containsAll(EnumSet.complementOf(EnumSet.of(ObjectKind.ADVISE_SINK)));
        s.logoff(0, 0, 0);
        int checked = 0;
        for (MapiUnknown o : objects) {
            for (Consumer<MapiUnknown> call : calls.get(o.kind())) {
                Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> call.accept(o));
                assertThat(t).as(o.kind() + " call #" + checked).isExactlyInstanceOf(MapiException.class);
                assertThat(((MapiException) t).hresult()).as(t.getMessage()).isEqualTo(HResult.MAPI_E_END_OF_SESSION);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(35);
        for (MapiUnknown o : objects) {
            assertThat(o.release()).as(o.kind().name()).isZero();
        }
    }

    @Test
    @DisplayName("§1.1 misuse: every call on a released object fails MAPI_E_INVALID_OBJECT")
    void everyKindEveryCallAfterRelease() {
        MapiSession s = SimFixture.logon(rt);
        List<MapiUnknown> objects = new ArrayList<>();
        Map<ObjectKind, List<Consumer<MapiUnknown>>> calls = openEverything(s, objects);
        for (MapiUnknown o : objects.subList(1, objects.size())) {
            o.release();
            for (Consumer<MapiUnknown> call : calls.get(o.kind())) {
                Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> call.accept(o));
                assertThat(t).as(o.kind().name()).isExactlyInstanceOf(MapiException.class);
                assertThat(((MapiException) t).hresult()).isEqualTo(HResult.MAPI_E_INVALID_OBJECT);
            }
        }
        s.logoff(0, 0, 0);
        assertThat(rt.diagnostics().leaks()).isEmpty();
        s.release();
    }

    @Test
    @DisplayName("mapifreebuffer.md: Logoff frees no buffers; they stay usable and are freed later")
    void logoffFreesNoBuffers() {
        MapiSession s = SimFixture.logon(rt);
        MapiBuffer b = rt.mapiAllocateBuffer(16);
        b.write(new byte[] {1, 2, 3});
        s.logoff(0, 0, 0);
        s.release();
        assertThat(rt.diagnostics().outstandingBuffers()).isEqualTo(1);
        assertThat(b.read()).startsWith(1, 2, 3);
        rt.mapiFreeBuffer(b);
        assertThat(rt.diagnostics().outstandingBuffers()).isZero();
    }
}
