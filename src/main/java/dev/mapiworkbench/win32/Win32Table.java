package dev.mapiworkbench.win32;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.win32.MapiStructs.SPropTagArray;
import dev.mapiworkbench.win32.MapiStructs.SRow;
import dev.mapiworkbench.win32.MapiStructs.SRowSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IMAPITable. A native bookmark is a BOOKMARK (ULONG_PTR, 8 bytes on x64: MAPIDefS.h:1173 of
 * microsoft/MAPIStubLibrary), which a provider may make a pointer; the wrapper hands out small
 * numbers from {@value #FIRST_BOOKMARK} (0–2 are BOOKMARK_BEGINNING/CURRENT/END) and keeps the native
 * value beside them, so {@link MapiTable}'s {@code int} bookmark never truncates one.
 */
final class Win32Table extends Win32Object implements MapiTable {

    static final int FIRST_BOOKMARK = 3;

    /** The native BOOKMARK of each number handed out (the calls run on the one MAPI thread). */
    private final Map<Integer, Long> bookmarks = new HashMap<>();

    private int nextBookmark = FIRST_BOOKMARK;

    Win32Table(Win32Runtime rt, Pointer ptr, Win32Session session, String name) {
        super(rt, ptr, ObjectKind.TABLE, session, name);
    }

    @Override
    public void setColumns(int[] tags, int flags) {
        call("SetColumns", () -> {
            Memory columns = SPropTagArray.of(tags);
            return Com.check(api("SetColumns"), ptr, Slots.IMAPITable.SET_COLUMNS, columns, flags);
        });
    }

    /** QueryRows; the SRowSet is decoded and then freed as FreeProws does (each row's props, then the set). */
    @Override
    public List<Row> queryRows(int rowCount, int flags) {
        return call("QueryRows", () -> {
            PointerByReference out = new PointerByReference();
            Com.check(api("QueryRows"), ptr, Slots.IMAPITable.QUERY_ROWS, rowCount, flags, out);
            Pointer set = out.getValue();
            List<Pointer> rowProps = new ArrayList<>();
            try {
                if (set == null) {
                    return List.<Row>of();
                }
                SRowSet layout = new SRowSet();
                int count = set.getInt(layout.offsetOf("cRows"));
                int first = layout.offsetOf("aRow");
                int rowSize = new SRow().size();
                List<Row> rows = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    SRow row = new SRow(set.share(first + (long) i * rowSize));
                    if (row.lpProps != null) {
                        rowProps.add(row.lpProps);
                    }
                    rows.add(new Row(PropCodec.decodeArray(row.lpProps, row.cValues)));
                }
                return List.copyOf(rows);
            } finally {
                for (Pointer p : rowProps) {
                    rt.freeMapiMemory(p);
                }
                rt.freeMapiMemory(set);
            }
        });
    }

    @Override
    public int getRowCount(int flags) {
        return call("GetRowCount", () -> {
            IntByReference count = new IntByReference();
            Com.check(api("GetRowCount"), ptr, Slots.IMAPITable.GET_ROW_COUNT, flags, count);
            return count.getValue();
        });
    }

    @Override
    public int seekRow(int bookmark, int rowCount) {
        return call("SeekRow", () -> {
            IntByReference sought = new IntByReference();
            Com.check(
                    api("SeekRow"),
                    ptr,
                    Slots.IMAPITable.SEEK_ROW,
                    Com.uptr(nativeBookmark(bookmark)),
                    rowCount,
                    sought);
            return sought.getValue();
        });
    }

    /** BOOKMARK_BEGINNING/CURRENT/END as they are; a number {@link #createBookmark} gave as its native value. */
    private long nativeBookmark(int bookmark) {
        if (bookmark >= 0 && bookmark < FIRST_BOOKMARK) {
            return bookmark;
        }
        Long mark = bookmarks.get(bookmark);
        if (mark == null) {
            throw new MapiException(HResult.MAPI_E_INVALID_BOOKMARK, api("SeekRow"), "no bookmark " + bookmark);
        }
        return mark;
    }

    /**
     * IMAPITable::CreateBookmark (vtable slot 15, {@code (BOOKMARK FAR *lpbkPosition)})
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-createbookmark).
     */
    @Override
    public int createBookmark() {
        return call("CreateBookmark", () -> {
            LongByReference out = new LongByReference();
            Com.check(api("CreateBookmark"), ptr, Slots.IMAPITable.CREATE_BOOKMARK, out);
            int b = nextBookmark++;
            bookmarks.put(b, out.getValue());
            return b;
        });
    }

    /**
     * IMAPITable::FreeBookmark (slot 16, {@code (BOOKMARK bkPosition)}); a number never handed out or
     * already freed is MAPI_E_INVALID_BOOKMARK without a native call
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-freebookmark).
     */
    @Override
    public void freeBookmark(int bookmark) {
        call("FreeBookmark", () -> {
            Long mark = bookmarks.get(bookmark);
            if (mark == null) {
                throw new MapiException(
                        HResult.MAPI_E_INVALID_BOOKMARK, api("FreeBookmark"), "no bookmark " + bookmark);
            }
            Com.check(api("FreeBookmark"), ptr, Slots.IMAPITable.FREE_BOOKMARK, Com.uptr(mark));
            bookmarks.remove(bookmark);
            return null;
        });
    }

    /**
     * IMAPITable::SortTable (vtable slot 17, {@code (LPSSortOrderSet lpSortCriteria, ULONG ulFlags)}): the
     * SSortOrderSet is written as {@link TableCodec} lays it out; on success the table's bookmarks are gone
     * (MS-OXCTABL 3.2.5.3), so the numbers this wrapper handed out are dropped too
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-sorttable).
     */
    @Override
    public void sortTable(dev.mapiworkbench.mapi.SortOrderSet criteria, int flags) {
        if (criteria == null) {
            throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, api("SortTable"), "no sort order");
        }
        call("SortTable", () -> {
            PropCodec.JavaAllocator alloc = new PropCodec.JavaAllocator();
            Com.check(
                    api("SortTable"),
                    ptr,
                    Slots.IMAPITable.SORT_TABLE,
                    TableCodec.sortOrderSet(criteria, alloc),
                    flags);
            bookmarks.clear();
            return null;
        });
    }

    /**
     * IMAPITable::Restrict (slot 14, {@code (LPSRestriction lpRestriction, ULONG ulFlags)}); null removes the
     * filter; on success the bookmarks are gone as after SortTable
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-restrict).
     */
    @Override
    public void restrict(dev.mapiworkbench.mapi.Restriction restriction, int flags) {
        call("Restrict", () -> {
            PropCodec.JavaAllocator alloc = new PropCodec.JavaAllocator();
            Pointer r = restriction == null ? null : TableCodec.restriction(restriction, alloc);
            Com.check(api("Restrict"), ptr, Slots.IMAPITable.RESTRICT, r, flags);
            bookmarks.clear();
            return null;
        });
    }

    @Override
    public long advise(int eventMask, AdviseSink sink) {
        return advise("Advise", Slots.IMAPITable.ADVISE, sink, eventMask);
    }

    @Override
    public void unadvise(long connection) {
        unadvise("Unadvise", Slots.IMAPITable.UNADVISE, connection);
    }
}
