package dev.mapiworkbench.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBackend.Availability;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiStatus;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Against real Outlook MAPI. Windows only; the logon tests also need a profile name
 * ({@code -Dwin32.outlook.profile=Outlook}) so that CI without Outlook never waits on a dialog.
 * NOT RUN by the authors: no Windows machine was available (docs/running-against-outlook.md).
 */
@EnabledOnOs(OS.WINDOWS)
class Win32OutlookTest {

    private static final String PROFILE = "win32.outlook.profile";

    @Test
    void probeAnswersWithoutThrowing() {
        Availability a = new Win32Backend().probe();
        assertThat(a.reason()).isNotBlank();
        Optional<MapiDllLocator.Location> dll = new RegistryMapiDllLocator(new WindowsMailClientRegistry()).locate();
        if (a.available()) {
            assertThat(dll).isPresent();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = PROFILE, matches = ".+")
    void desktopTeardownAgainstAnOutlookProfile() {
        Availability a = new Win32Backend().probe();
        assumeThat(a.available()).as(a.reason()).isTrue();
        String profile = System.getProperty(PROFILE);
        Win32Runtime rt = (Win32Runtime) new Win32Backend()
                .open(new BackendOptions(Path.of("."), profile, TransportSettings.defaults(), Map.of()));
        try {
            rt.mapiInitialize(MapiInit.multithreaded());
            rt.scInitMapiUtil(0);
            HResult ole = rt.oleInitialize();
            assertThat(ole.succeeded()).isTrue();
            MapiSession session = rt.mapiLogonEx(
                    0,
                    profile,
                    null,
                    MapiFlags.MAPI_EXTENDED
                            | MapiFlags.MAPI_EXPLICIT_PROFILE
                            | MapiFlags.MAPI_NEW_SESSION
                            | MapiFlags.MAPI_UNICODE);
            long sessionConn = session.advise(null, EventType.fnevCriticalError, n -> 0);

            MapiTable stores = session.getMsgStoresTable(0);
            stores.setColumns(new int[] {PropTag.PR_ENTRYID, PropTag.PR_DEFAULT_STORE}, 0);
            EntryId storeId = stores.queryRows(50, 0).stream()
                    .filter(r -> r.find(PropTag.PR_DEFAULT_STORE)
                            .map(v -> v.asBoolean())
                            .orElse(false))
                    .findFirst()
                    .orElseThrow()
                    .get(PropTag.PR_ENTRYID)
                    .asEntryId();
            stores.release();
            MsgStore store = session.openMsgStore(0, storeId, MapiFlags.MDB_NO_DIALOG | MapiFlags.MAPI_BEST_ACCESS);
            long storeConn = store.advise(null, EventType.fnevNewMail, n -> 0);
            byte[] subtree = store.getProp(PropTag.PR_IPM_SUBTREE_ENTRYID).asBinary();
            MapiBuffer cached = rt.mapiAllocateBuffer(subtree.length);
            cached.write(subtree);
            MapiFolder outbox = (MapiFolder) store.openEntry(
                    store.getProp(PropTag.PR_IPM_OUTBOX_ENTRYID).asEntryId(), MapiFlags.MAPI_BEST_ACCESS);
            MapiTable status = session.getStatusTable(0);
            status.setColumns(new int[] {PropTag.PR_ENTRYID, PropTag.PR_RESOURCE_TYPE}, 0);
            List<Row> statusRows = status.queryRows(50, 0);
            Optional<Row> spooler = statusRows.stream()
                    .filter(r -> r.find(PropTag.PR_RESOURCE_TYPE)
                            .map(v -> v.asInt() == MapiFlags.MAPI_SPOOLER)
                            .orElse(false))
                    .findFirst();
            if (spooler.isPresent()) {
                MapiStatus s = (MapiStatus)
                        session.openEntry(spooler.get().get(PropTag.PR_ENTRYID).asEntryId(), 0);
                s.flushQueues(0, null, MapiFlags.FLUSH_UPLOAD | MapiFlags.FLUSH_NO_UI);
                s.release();
            }

            session.unadvise(sessionConn);
            store.unadvise(storeConn);
            status.release();
            outbox.release();
            store.release();
            rt.mapiFreeBuffer(cached);
            session.logoff(0, 0, 0);
            assertThat(session.release()).isZero();
            rt.oleUninitialize();
            rt.mapiUninitialize();
            rt.deinitMapiUtil();
            assertThat(rt.liveSinkCount()).isZero();
        } finally {
            rt.close();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "win32.outlook.interactive", matches = "true")
    void profilePickerLogon() {
        Win32Runtime rt = (Win32Runtime)
                new Win32Backend().open(new BackendOptions(Path.of("."), null, TransportSettings.defaults(), Map.of()));
        try {
            rt.mapiInitialize(MapiInit.multithreaded());
            MapiSession session = rt.mapiLogonEx(0, null, null, MapiFlags.MAPI_LOGON_UI | MapiFlags.MAPI_EXTENDED);
            session.logoff(0, MapiFlags.MAPI_LOGOFF_UI, 0);
            session.release();
            rt.mapiUninitialize();
        } finally {
            rt.close();
        }
    }
}
