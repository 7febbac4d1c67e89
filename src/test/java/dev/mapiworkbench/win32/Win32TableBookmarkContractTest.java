package dev.mapiworkbench.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.win32.MapiDouble.Call;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IMAPITable::CreateBookmark (slot 15) and ::FreeBookmark (slot 16) through the win32 binding, against
 * the native test double, whose bookmarks are pointer-sized values above 32 bits (as a provider's
 * pointer would be): the wrapper's small numbers stand for them without truncating.
 */
class Win32TableBookmarkContractTest {

    private MapiDouble dbl;
    private Win32Runtime rt;

    @BeforeEach
    void open() {
        dbl = MapiDouble.loadOrSkip();
        dbl.reset();
        rt = Win32TeardownContractTest.openRuntime(dbl.path());
        rt.mapiInitialize(null);
    }

    @AfterEach
    void close() {
        if (rt != null) {
            while (rt.initialized()) {
                rt.mapiUninitialize();
            }
            rt.close();
        }
    }

    private List<Call> calls(String method) {
        return dbl.log().stream().filter(c -> c.method().equals(method)).toList();
    }

    @Test
    void aBookmarkReturnsTheCursorToItsRowUntilFreed() {
        MapiSession session =
                rt.mapiLogonEx(0, "Demo", null, MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_EXPLICIT_PROFILE);
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
}
