package dev.mapiworkbench.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.AddrBook;
import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.win32.MapiDouble.Call;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The desktop teardown (mapi-reference.md section 1.1) driven through the mapi interfaces of the
 * JNA backend, checked call by call as the native test double receives them. This proves slot
 * numbers and marshalling: Unadvise gets the full 8-byte connection, Release the right objects,
 * MAPIFreeBuffer the exact cached pointers, Logoff its flags, and OLE/MAPI uninitialise in order.
 *
 * <p>This suite drives the eight steps itself, call by call, so that each marshalling detail has one
 * focused assertion; {@link Win32TeardownEngineTest} runs the teardown engine's own desktop and CE
 * plans over the same backend and double.
 */
class Win32TeardownContractTest {

    private static final long TWO_TO_32 = 1L << 32;

    private MapiDouble dbl;
    private Win32Runtime rt;

    @BeforeEach
    void open() {
        dbl = MapiDouble.loadOrSkip();
        dbl.reset();
        rt = openRuntime(dbl.path());
    }

    @AfterEach
    void close() {
        if (rt != null) {
            rt.close();
        }
    }

    static Win32Runtime openRuntime(Path library) {
        BackendOptions options = new BackendOptions(
                Path.of("."),
                "Demo",
                TransportSettings.instant(),
                Map.of(Win32Backend.LIBRARY_KEY, library.toString()));
        return (Win32Runtime) new Win32Backend().open(options);
    }

    /** What a client has open at logoff: the objects step 1-3 must clean up. */
    @SuppressWarnings("ArrayRecordComponent") // what one test opened, never compared
    record Opened(
            MapiSession session,
            MsgStore store,
            MapiFolder outbox,
            MapiTable statusTable,
            AddrBook addrBook,
            long[] connections,
            MapiBuffer[] cachedIds) {}

    private Opened logOnAndOpenEverything() {
        rt.mapiInitialize(MapiInit.multithreaded());
        rt.scInitMapiUtil(0);
        assertThat(rt.oleInitialize()).isEqualTo(HResult.S_OK);
        MapiSession session = rt.mapiLogonEx(
                0,
                "Demo",
                null,
                MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_EXPLICIT_PROFILE | MapiFlags.MAPI_NEW_SESSION);
        long c1 = session.advise(null, EventType.fnevCriticalError, n -> 0);

        MapiTable stores = session.getMsgStoresTable(0);
        stores.setColumns(new int[] {PropTag.PR_ENTRYID, PropTag.PR_DISPLAY_NAME_W, PropTag.PR_DEFAULT_STORE}, 0);
        List<Row> rows = stores.queryRows(10, 0);
        stores.release();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(PropTag.PR_DISPLAY_NAME_W).asString()).isEqualTo("Mailbox - Demo");
        assertThat(rows.get(0).get(PropTag.PR_DEFAULT_STORE).asBoolean()).isTrue();
        EntryId storeId = rows.get(0).get(PropTag.PR_ENTRYID).asEntryId();

        MsgStore store = session.openMsgStore(0, storeId, MapiFlags.MDB_WRITE | MapiFlags.MAPI_BEST_ACCESS);
        assertThat(store.displayName()).isEqualTo("Mailbox - Demo");
        long c2 = store.advise(null, EventType.fnevNewMail | EventType.fnevObjectCreated, n -> 0);

        byte[] subtree = store.getProp(PropTag.PR_IPM_SUBTREE_ENTRYID).asBinary();
        MapiBuffer subtreeCache = rt.mapiAllocateBuffer(subtree.length);
        subtreeCache.write(subtree);
        EntryId outboxId = store.getProp(PropTag.PR_IPM_OUTBOX_ENTRYID).asEntryId();
        MapiBuffer outboxCache = rt.mapiAllocateBuffer(outboxId.size());
        outboxCache.write(outboxId.bytes());
        MapiFolder outbox = (MapiFolder) store.openEntry(outboxId, MapiFlags.MAPI_MODIFY);
        assertThat(outbox.displayName()).isEqualTo("Outbox");

        MapiTable status = session.getStatusTable(0);
        long c3 = status.advise(EventType.fnevTableModified, n -> 0);
        AddrBook ab = session.openAddressBook(0, 0);
        long c4 = ab.advise(null, EventType.fnevObjectModified, n -> 0);
        return new Opened(session, store, outbox, status, ab, new long[] {c1, c2, c3, c4}, new MapiBuffer[] {
            subtreeCache, outboxCache
        });
    }

    @Test
    void desktopTeardownArrivesInTheDocumentedOrderWithExactArguments() {
        Opened o = logOnAndOpenEverything();
        long[] c = o.connections();
        int mark = dbl.logCount();

        // 1 Unadvise everything
        o.session().unadvise(c[0]);
        o.store().unadvise(c[1]);
        o.statusTable().unadvise(c[2]);
        o.addrBook().unadvise(c[3]);
        // 2 Release every open object
        o.statusTable().release();
        o.outbox().release();
        o.store().release();
        o.addrBook().release();
        // 3 Free cached entry ids
        rt.mapiFreeBuffer(o.cachedIds()[0]);
        rt.mapiFreeBuffer(o.cachedIds()[1]);
        // 4 Logoff with MAPI_LOGOFF_UI
        o.session().logoff(0, MapiFlags.MAPI_LOGOFF_UI, 0);
        // 5 Release the session
        assertThat(o.session().release()).isZero();
        // 6-8
        rt.oleUninitialize();
        rt.mapiUninitialize();
        rt.deinitMapiUtil();

        List<Call> calls = dbl.log(mark);
        assertThat(calls)
                .extracting(Call::name)
                .containsExactly(
                        "IMAPISession::Unadvise",
                        "IMsgStore::Unadvise",
                        "IMAPITable::Unadvise",
                        "IAddrBook::Unadvise",
                        "IMAPITable::Release",
                        "IMAPIFolder::Release",
                        "IMsgStore::Release",
                        "IAddrBook::Release",
                        "MAPI32::MAPIFreeBuffer",
                        "MAPI32::MAPIFreeBuffer",
                        "IMAPISession::Logoff",
                        "IMAPISession::Release",
                        "ole32::OleUninitialize",
                        "MAPI32::MAPIUninitialize",
                        "MAPI32::DeinitMapiUtil");
        assertThat(calls).extracting(Call::slot).containsExactly(12, 15, 5, 17, 2, 2, 2, 2, -1, -1, 17, 2, -1, -1, -1);

        // Unadvise: the full 8-byte connection number the double handed out, each above 2^32
        for (int i = 0; i < 4; i++) {
            assertThat(c[i]).isGreaterThan(TWO_TO_32);
            assertThat(calls.get(i).arg(0)).isEqualTo(c[i]);
        }
        assertThat(calls.get(0).obj()).isEqualTo(o.session().handle());
        assertThat(calls.get(1).obj()).isEqualTo(o.store().handle());
        assertThat(calls.get(2).obj()).isEqualTo(o.statusTable().handle());
        assertThat(calls.get(3).obj()).isEqualTo(o.addrBook().handle());
        // Release: each object, once, down to 0
        assertThat(calls.subList(4, 8))
                .extracting(Call::obj)
                .containsExactly(
                        o.statusTable().handle(),
                        o.outbox().handle(),
                        o.store().handle(),
                        o.addrBook().handle());
        assertThat(calls.subList(4, 8)).allSatisfy(r -> assertThat(r.arg(0)).isZero());
        // MAPIFreeBuffer: exactly the cached pointers
        assertThat(calls.get(8).arg(0)).isEqualTo(o.cachedIds()[0].address());
        assertThat(calls.get(9).arg(0)).isEqualTo(o.cachedIds()[1].address());
        assertThat(calls.get(8).text()).isEmpty(); // the double knew the block (not "unknown buffer")
        // Logoff(ulUIParam 0, MAPI_LOGOFF_UI, 0), then the session's last Release
        assertThat(calls.get(10).args()).containsExactly(0L, 0x2L, 0L);
        assertThat(calls.get(11).obj()).isEqualTo(o.session().handle());
        assertThat(calls.get(11).arg(0)).isZero();
        assertThat(calls.get(13).arg(0))
                .as("MAPIInitialize count after MAPIUninitialize")
                .isZero();

        // the sinks' COM references went back to 0 when MAPI released them in Unadvise
        assertThat(rt.liveSinkCount()).isZero();
        // every block MAPI allocated (GetProps results, row sets, cached ids) was freed
        assertThat(dbl.outstandingBuffers()).isZero();
    }

    @Test
    void everyNativeCallRunsOnOneMapiThreadThatIsNotTheCaller() {
        Opened o = logOnAndOpenEverything();
        o.session().logoff(0, 0, 0);
        o.session().release();
        rt.oleUninitialize();
        rt.mapiUninitialize();
        rt.deinitMapiUtil();

        List<Call> calls = dbl.log();
        assertThat(calls.get(0).name()).isEqualTo("MAPI32::MAPIInitialize");
        assertThat(calls.get(0).args()).containsExactly(0L, (long) MapiFlags.MAPI_MULTITHREAD_NOTIFICATIONS);
        long mapiThread = calls.get(0).tid();
        assertThat(calls)
                .allSatisfy(call -> assertThat(call.tid()).as(call.toString()).isEqualTo(mapiThread));
        assertThat(mapiThread).isNotEqualTo(dbl.currentThread());
    }

    @ParameterizedTest(name = "Logoff flags 0x{0}")
    @ValueSource(
            ints = {
                MapiFlags.MAPI_LOGOFF_UI,
                MapiFlags.MAPI_LOGOFF_SHARED,
                MapiFlags.MAPI_LOGOFF_UI | MapiFlags.MAPI_LOGOFF_SHARED
            })
    void logoffReceivesItsFlagsAndAPointerSizedWindowHandle(int flags) {
        rt.mapiInitialize(MapiInit.multithreaded());
        MapiSession session =
                rt.mapiLogonEx(0, "Demo", null, MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_EXPLICIT_PROFILE);
        long hwnd = 0x1_2345_6789L;
        int mark = dbl.logCount();
        session.logoff(hwnd, flags, 0);

        Call logoff = dbl.log(mark).get(0);
        assertThat(logoff.name()).isEqualTo("IMAPISession::Logoff");
        assertThat(logoff.slot()).isEqualTo(Slots.IMAPISession.LOGOFF).isEqualTo(17);
        assertThat(logoff.args()).containsExactly(hwnd, (long) flags, 0L);
        session.release();
        rt.mapiUninitialize();
    }

    @Test
    void unadviseWithATruncatedConnectionIsRefusedByMapi() {
        rt.mapiInitialize(MapiInit.multithreaded());
        MapiSession session = rt.mapiLogonEx(0, "Demo", null, MapiFlags.MAPI_EXTENDED);
        long c1 = session.advise(null, EventType.fnevCriticalError, n -> 0);
        long c2 = session.advise(null, EventType.fnevCriticalError, n -> 0);
        assertThat(c1).isGreaterThan(TWO_TO_32);
        assertThat(c2).isGreaterThan(TWO_TO_32).isNotEqualTo(c1);

        // a 32-bit ULONG connection, as mingw/Wine declare it, would lose the high half
        assertThatThrownBy(() -> session.unadvise(c1 & 0xFFFFFFFFL)).isInstanceOfSatisfying(MapiException.class, e -> {
            assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_NOT_FOUND);
            assertThat(e.api()).isEqualTo("IMAPISession::Unadvise");
        });
        session.unadvise(c1);
        session.unadvise(c2);
        assertThat(rt.liveSinkCount()).isZero();
        session.logoff(0, 0, 0);
        session.release();
        rt.mapiUninitialize();
    }

    @Test
    void afterLogoffOnlyReleaseReachesMapi() {
        Opened o = logOnAndOpenEverything();
        o.session().logoff(0, 0, 0);
        int mark = dbl.logCount();

        assertThatThrownBy(() -> o.store().getProps(PropTag.PR_DISPLAY_NAME_W))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_END_OF_SESSION));
        assertThatThrownBy(() -> o.session().getStatusTable(0))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_END_OF_SESSION));
        assertThat(dbl.log(mark)).isEmpty();

        o.store().release();
        o.session().release();
        assertThat(dbl.log(mark)).extracting(Call::name).containsExactly("IMsgStore::Release", "IMAPISession::Release");
        // a second release of a gone object does not reach native code
        assertThat(o.session().release()).isZero();
        assertThat(dbl.log(mark)).hasSize(2);
        rt.oleUninitialize();
        rt.mapiUninitialize();
        rt.deinitMapiUtil();
    }
}
