package dev.mapiworkbench.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Restriction;
import dev.mapiworkbench.mapi.SortOrderSet;
import dev.mapiworkbench.mapi.SortOrderSet.Sort;
import dev.mapiworkbench.win32.MapiDouble.Call;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IMAPITable::CreateBookmark (slot 15) and ::FreeBookmark (slot 16) through the win32 binding, against
 * the native test double, whose bookmarks are pointer-sized values above 32 bits (as a provider's
 * pointer would be): the wrapper's small numbers stand for them without truncating. Also ::SortTable (slot
 * 17) and ::Restrict (slot 14, decision 0532): the double reads the SSortOrderSet and the SRestriction tree
 * with the x64 layouts of mingw's mapidefs.h (checked there with _Static_assert) and logs what it read, so a
 * wrong offset, count or nesting shows as a different text; a null restriction arrives as NULL; after either
 * call the cursor is at the beginning and the bookmarks the wrapper handed out are gone (MS-OXCTABL 3.2.5.3).
 */
class Win32TableBookmarkContractTest {

    @RegisterExtension
    final DoubleRuntime fixture = new DoubleRuntime();

    private Call last(String method) {
        List<Call> calls = calls(method);
        assertThat(calls).as(method).isNotEmpty();
        return calls.get(calls.size() - 1);
    }

    private List<Call> calls(String method) {
        return fixture.dbl().log().stream()
                .filter(c -> c.method().equals(method))
                .toList();
    }

    @Test
    void aBookmarkReturnsTheCursorToItsRowUntilFreed() {
        MapiSession session = fixture.logOn();
        MapiTable status = session.getStatusTable(0);
        int rows = status.getRowCount(0);
        assertThat(rows).isGreaterThanOrEqualTo(2);
        assertThat(status.queryRows(1, 0)).hasSize(1);

        int mark = status.createBookmark();
        assertThat(mark).isGreaterThanOrEqualTo(Win32Table.FIRST_BOOKMARK);
        Call created = calls("CreateBookmark").get(0);
        assertThat(created.slot()).isEqualTo(Slots.IMAPITable.CREATE_BOOKMARK);
        long nativeMark = created.arg(0);
        assertThat(nativeMark).as("the double's bookmark is above 32 bits").isGreaterThan(0xFFFF_FFFFL);

        assertThat(status.queryRows(10, 0)).hasSize(rows - 1); // to the end
        assertThat(status.seekRow(mark, 0)).isZero();
        assertThat(calls("SeekRow").get(calls("SeekRow").size() - 1).arg(0))
                .as("SeekRow gets the native bookmark")
                .isEqualTo(nativeMark);
        assertThat(status.queryRows(10, 0)).hasSize(rows - 1); // from the bookmarked row again

        status.freeBookmark(mark);
        Call freed = calls("FreeBookmark").get(0);
        assertThat(freed.slot()).isEqualTo(Slots.IMAPITable.FREE_BOOKMARK);
        assertThat(freed.arg(0)).isEqualTo(nativeMark);
        assertThatThrownBy(() -> status.seekRow(mark, 0))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_INVALID_BOOKMARK));
        assertThatThrownBy(() -> status.freeBookmark(mark))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_INVALID_BOOKMARK));
        assertThat(calls("FreeBookmark")).hasSize(1); // the second free never reached the provider

        assertThat(status.seekRow(2 /* BOOKMARK_END */, 0)).isZero();
        assertThat(status.queryRows(10, 0)).isEmpty();
        status.release();
        session.logoff(0, 0, 0);
        session.release();
    }

    @Test
    void sortTableSendsEverySortInItsOrderAndStartsTheTableAgain() {
        fixture.withStatusTable(table -> {
            int rows = table.getRowCount(0);
            assertThat(table.queryRows(1, 0)).hasSize(1);
            int mark = table.createBookmark();

            table.sortTable(
                    new SortOrderSet(
                            List.of(
                                    new Sort(PropTag.PR_CLIENT_SUBMIT_TIME, SortOrderSet.TABLE_SORT_DESCEND),
                                    new Sort(PropTag.PR_SUBJECT_W, SortOrderSet.TABLE_SORT_ASCEND)),
                            0,
                            0),
                    SortOrderSet.TBL_BATCH);
            Call sort = last("SortTable");
            assertThat(sort.slot()).isEqualTo(Slots.IMAPITable.SORT_TABLE);
            assertThat(sort.text()).isEqualTo("2/0/0 00390040:1 0037001F:0");
            assertThat(sort.arg(1)).isEqualTo(SortOrderSet.TBL_BATCH);
            assertThat(table.queryRows(100, 0)).as("from the beginning again").hasSize(rows);
            assertThatThrownBy(() -> table.seekRow(mark, 0))
                    .isInstanceOfSatisfying(
                            MapiException.class,
                            e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_INVALID_BOOKMARK));
            assertThatThrownBy(() -> table.sortTable(null, 0))
                    .isInstanceOfSatisfying(
                            MapiException.class,
                            e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_INVALID_PARAMETER));
        });
    }

    @Test
    void restrictSendsTheWholeTreeAndNullRemovesTheFilter() {
        fixture.withStatusTable(table -> {
            Restriction tree = new Restriction.And(List.of(
                    new Restriction.Bitmask(Restriction.BMR_NEZ, PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_SUBMIT),
                    new Restriction.Not(new Restriction.Exist(PropTag.PR_CLIENT_SUBMIT_TIME)),
                    new Restriction.Or(List.of(
                            new Restriction.Property(
                                    Restriction.RELOP_EQ,
                                    PropTag.PR_SUBJECT_W,
                                    PropValue.of(PropTag.PR_SUBJECT_W, "Hi")),
                            new Restriction.Property(
                                    Restriction.RELOP_GE,
                                    PropTag.PR_MESSAGE_FLAGS,
                                    PropValue.of(PropTag.PR_MESSAGE_FLAGS, 4))))));
            table.restrict(tree, 0);
            Call r = last("Restrict");
            assertThat(r.slot()).isEqualTo(Slots.IMAPITable.RESTRICT);
            assertThat(r.text())
                    .isEqualTo("AND(BITMASK(1,0E070003,00000004),NOT(EXIST(00390040)),"
                            + "OR(PROP(4,0037001F,0037001F=Hi),PROP(3,0E070003,0E070003=4)))");
            assertThat(r.arg(0)).as("the restriction's address").isNotZero();

            table.restrict(null, 0);
            Call none = last("Restrict");
            assertThat(none.text()).isEqualTo("none");
            assertThat(none.arg(0)).as("NULL removes the filter").isZero();
        });
    }
}
