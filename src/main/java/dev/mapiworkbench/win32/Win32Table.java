package dev.mapiworkbench.win32;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.win32.MapiStructs.SPropTagArray;
import dev.mapiworkbench.win32.MapiStructs.SRow;
import dev.mapiworkbench.win32.MapiStructs.SRowSet;
import java.util.ArrayList;
import java.util.List;

/** IMAPITable. */
final class Win32Table extends Win32Object implements MapiTable {

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
                    api("SeekRow"), ptr, Slots.IMAPITable.SEEK_ROW, Com.uptr(bookmark & 0xFFFFFFFFL), rowCount, sought);
            return sought.getValue();
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
