package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.allRows;
import static dev.mapiworkbench.sim.SimFixture.fileRuntime;
import static dev.mapiworkbench.sim.SimFixture.logon;
import static dev.mapiworkbench.sim.SimFixture.openDefaultStore;
import static dev.mapiworkbench.sim.SimFixture.openFolder;
import static dev.mapiworkbench.sim.SimFixture.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contents tables read by window from the store file: QueryRows windows, SeekRow from each bookmark
 * with the rows actually moved, GetRowCount, and a cursor that stays on its row when rows change.
 */
class SimTableWindowTest {

    @TempDir
    Path dir;

    private SimRuntime rt;
    private MapiSession s;
    private MapiFolder outbox;
    private MapiTable table;

    @BeforeEach
    void setUp() {
        rt = fileRuntime(dir, TransportSettings.instant().withOffline(true));
        rt.mapiInitialize(MapiInit.multithreaded());
        s = logon(rt);
        MsgStore store = openDefaultStore(s);
        outbox = openFolder(s, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
        for (int i = 0; i < 25; i++) {
            submit(outbox, "m" + i);
        }
        table = outbox.getContentsTable(0);
        table.setColumns(new int[] {PropTag.PR_ENTRYID, PropTag.PR_SUBJECT_W}, 0);
        store.release();
    }

    @AfterEach
    void tearDown() {
        table.release();
        outbox.release();
        s.logoff(0, 0, 0);
        s.release();
        rt.mapiUninitialize();
    }

    @Test
    void windowsOfQueryRowsCoverTheTableOnceInOrderAndEndWithAnEmptyWindow() {
        List<String> seen = new ArrayList<>();
        List<Row> batch;
        do {
            batch = table.queryRows(7, 0);
            assertThat(batch.size()).isLessThanOrEqualTo(7);
            batch.forEach(r -> seen.add(subject(r)));
        } while (!batch.isEmpty());

        assertThat(seen).hasSize(25).startsWith("m0", "m1").endsWith("m24");
        assertThat(table.getRowCount(0)).isEqualTo(25);
        assertThat(table.queryRows(5, 0)).isEmpty();
    }

    @Test
    void seekRowMovesFromEachBookmarkAndReportsTheRowsActuallyMoved() {
        assertThat(table.seekRow(MapiFlags.BOOKMARK_BEGINNING, 10)).isEqualTo(10);
        assertThat(subject(table.queryRows(1, 0).get(0))).isEqualTo("m10");
        assertThat(table.seekRow(SimTable.BOOKMARK_CURRENT, -5)).isEqualTo(-5);
        assertThat(subject(table.queryRows(1, 0).get(0))).isEqualTo("m6");
        assertThat(table.seekRow(SimTable.BOOKMARK_END, -2)).isEqualTo(-2);
        assertThat(table.queryRows(10, 0))
                .extracting(SimTableWindowTest::subject)
                .containsExactly("m23", "m24");
        assertThat(table.seekRow(MapiFlags.BOOKMARK_BEGINNING, 100)).isEqualTo(25); // clamped at the end
        assertThat(table.queryRows(1, 0)).isEmpty();
        assertThat(table.seekRow(SimTable.BOOKMARK_CURRENT, -100)).isEqualTo(-25); // clamped at the start
        assertThat(subject(table.queryRows(1, 0).get(0))).isEqualTo("m0");
    }

    @Test
    void theCursorStaysOnItsRowWhenRowsAreAddedAndReadsTheNewOnesAtTheEnd() {
        assertThat(table.queryRows(20, 0)).hasSize(20);
        submit(outbox, "late");

        assertThat(table.queryRows(10, 0))
                .extracting(SimTableWindowTest::subject)
                .containsExactly("m20", "m21", "m22", "m23", "m24", "late");
        assertThat(allRows(table)).hasSize(26);
    }

    @Test
    void aBookmarkReturnsTheCursorToItsRowUntilItIsFreed() {
        table.seekRow(MapiFlags.BOOKMARK_BEGINNING, 10);
        int mark = table.createBookmark();
        assertThat(mark).isGreaterThanOrEqualTo(SimTable.FIRST_BOOKMARK); // never a predefined bookmark
        assertThat(table.queryRows(8, 0)).hasSize(8);
        submit(outbox, "late"); // rows added after the mark do not move it

        assertThat(table.seekRow(mark, 0)).isZero();
        assertThat(subject(table.queryRows(1, 0).get(0))).isEqualTo("m10");
        assertThat(table.seekRow(mark, 2)).isEqualTo(2); // from the bookmark, not from the cursor
        assertThat(subject(table.queryRows(1, 0).get(0))).isEqualTo("m12");

        table.freeBookmark(mark);
        assertThatThrownBy(() -> table.seekRow(mark, 0))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_INVALID_BOOKMARK));
        assertThatThrownBy(() -> table.freeBookmark(mark))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_INVALID_BOOKMARK));
    }

    @Test
    void aBookmarkOnADeletedRowStandsBeforeTheRowThatFollowedIt() {
        EntryId gone = draft("gone");
        draft("next");
        table.seekRow(MapiFlags.BOOKMARK_BEGINNING, 25); // before "gone"
        int onGone = table.createBookmark();
        table.seekRow(SimTable.BOOKMARK_END, 0);
        int atEnd = table.createBookmark();

        outbox.deleteMessages(List.of(gone), 0);

        assertThat(table.seekRow(onGone, 0)).isZero();
        assertThat(table.queryRows(5, 0))
                .extracting(SimTableWindowTest::subject)
                .containsExactly("next");
        assertThat(table.seekRow(atEnd, 0)).isZero();
        assertThat(table.queryRows(5, 0)).isEmpty();
    }

    private EntryId draft(String subject) {
        MapiMessage m = outbox.createMessage(0);
        try {
            m.setProps(List.of(PropValue.of(PropTag.PR_SUBJECT_W, subject)));
            m.saveChanges(0);
            return m.getProp(PropTag.PR_ENTRYID).asEntryId();
        } finally {
            m.release();
        }
    }

    private static String subject(Row r) {
        return r.find(PropTag.PR_SUBJECT_W).map(PropValue::asString).orElse("?");
    }
}
