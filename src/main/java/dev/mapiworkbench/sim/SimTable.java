package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.SendFailureProps;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IMAPITable: a contents table (of one folder), the status table or the message-stores table. Rows
 * are computed when read, so they always show the current state. A contents table is in message-id
 * order (creation order), reads only the rows asked for from the store, by key, and announces each
 * change to its advise sinks as TABLE_ROW_ADDED, TABLE_ROW_MODIFIED or TABLE_ROW_DELETED with the row
 * ({@link SimProfile#tableRow}; decision 0081).
 */
final class SimTable extends SimObject implements MapiTable {

    static final long STATUS_TABLE = -1;
    static final long STORES_TABLE = -2;
    /** BOOKMARK_CURRENT / BOOKMARK_END (MAPIDefS.h; BOOKMARK_BEGINNING is MapiFlags.BOOKMARK_BEGINNING). */
    static final int BOOKMARK_CURRENT = 1;

    static final int BOOKMARK_END = 2;

    static final int[] CONTENTS_COLUMNS = {
        PropTag.PR_ENTRYID,
        PropTag.PR_INSTANCE_KEY,
        PropTag.PR_SUBJECT_W,
        PropTag.PR_DISPLAY_TO_W,
        PropTag.PR_MESSAGE_FLAGS,
        PropTag.PR_SUBMIT_FLAGS,
        PropTag.PR_CLIENT_SUBMIT_TIME,
        SendFailureProps.PR_WB_SEND_ERROR_W
    };
    static final int[] STATUS_COLUMNS = {
        PropTag.PR_ENTRYID,
        PropTag.PR_INSTANCE_KEY,
        PropTag.PR_ROWID,
        PropTag.PR_OBJECT_TYPE,
        PropTag.PR_DISPLAY_NAME_W,
        PropTag.PR_PROVIDER_DLL_NAME_W,
        PropTag.PR_RESOURCE_TYPE,
        PropTag.PR_RESOURCE_FLAGS,
        PropTag.PR_RESOURCE_METHODS,
        PropTag.PR_STATUS_CODE,
        PropTag.PR_STATUS_STRING_W
    };
    static final int[] STORES_COLUMNS = {
        PropTag.PR_ENTRYID,
        PropTag.PR_INSTANCE_KEY,
        PropTag.PR_RECORD_KEY,
        PropTag.PR_DISPLAY_NAME_W,
        PropTag.PR_DEFAULT_STORE,
        PropTag.PR_OBJECT_TYPE,
        PropTag.PR_RESOURCE_FLAGS,
        PropTag.PR_PROVIDER_DISPLAY_W
    };

    final long folderId;
    private final SimProfile profile;
    private int[] columns;
    /** Contents tables: the cursor stands after the row with this message id (0: before the first row). */
    private long cursorKey;
    /** Contents tables: the cursor stands after the last row (BOOKMARK_END). */
    private boolean atEnd;
    /** Status and message-stores tables: the cursor as a row index. */
    private long fixedCursor;
    /**
     * Bookmarks made by CreateBookmark, by value (from {@value #FIRST_BOOKMARK}: 0–2 are BOOKMARK_BEGINNING,
     * BOOKMARK_CURRENT and BOOKMARK_END). A contents table's bookmark is a row key like its cursor
     * ({@link #AT_END}: after the last row), so it stays on its row while rows before it come and go;
     * a fixed table's is a row index. Guarded by the runtime's lock, as every table call is.
     */
    private final Map<Integer, Long> bookmarks = new java.util.HashMap<>();

    private int nextBookmark = FIRST_BOOKMARK;
    static final int FIRST_BOOKMARK = 3;
    private static final long AT_END = -1;

    SimTable(SimRuntime rt, SimSession session, String name, long folderId) {
        super(rt, session, ObjectKind.TABLE, name);
        this.folderId = folderId;
        this.profile = session.profile;
        this.columns = folderId == STATUS_TABLE
                ? STATUS_COLUMNS
                : folderId == STORES_TABLE ? STORES_COLUMNS : CONTENTS_COLUMNS;
        if (folderId != STORES_TABLE) {
            profile.tables.add(this);
        }
    }

    @Override
    void afterDestroy() {
        profile.tables.remove(this);
    }

    @Override
    void invalidate() {
        super.invalidate();
        profile.tables.remove(this);
    }

    /** Rows of the status and message-stores tables (a handful, computed when read). */
    private List<Map<Integer, Object>> fixedRows() {
        if (folderId == STATUS_TABLE) {
            return profile.statusRows();
        }
        return List.of(profile.storeProps());
    }

    private boolean contents() {
        return folderId != STATUS_TABLE && folderId != STORES_TABLE;
    }

    Row project(Map<Integer, Object> props) {
        return new Row(SimObject.project(props, columns));
    }

    @Override
    public void setColumns(int[] tags, int flags) {
        run("SetColumns", () -> {
            if (tags == null || tags.length == 0) {
                throw error(HResult.MAPI_E_INVALID_PARAMETER, "SetColumns", "lpPropTagArray is empty");
            }
            columns = tags.clone();
        });
    }

    /**
     * IMAPITable::QueryRows: up to {@code rowCount} rows from the cursor, which then stands after the
     * last row returned; an empty list at the end of the table ("Ending the Table": QueryRows returns
     * zero rows). A contents table reads only the window from the store, by key (decision 0081).
     */
    @Override
    public List<Row> queryRows(int rowCount, int flags) {
        return call("QueryRows", () -> {
            if (rowCount < 0) {
                throw error(
                        HResult.MAPI_E_INVALID_PARAMETER,
                        "QueryRows",
                        "negative lRowCount (reading backwards) is not simulated");
            }
            if (!contents()) {
                List<Map<Integer, Object>> all = fixedRows();
                int from = (int) Math.min(fixedCursor, all.size());
                int to = (int) Math.min((long) from + rowCount, all.size());
                List<Row> out = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    out.add(project(all.get(i)));
                }
                fixedCursor = to;
                return out;
            }
            if (atEnd) {
                return List.of();
            }
            List<MessageRecord> window = profile.store.messages(folderId, cursorKey, rowCount);
            List<Row> out = new ArrayList<>(window.size());
            for (MessageRecord r : window) {
                out.add(project(profile.messageProps(r)));
            }
            if (!window.isEmpty()) {
                cursorKey = window.get(window.size() - 1).id();
            }
            return out;
        });
    }

    @Override
    public int getRowCount(int flags) {
        return call(
                "GetRowCount",
                () -> contents()
                        ? profile.store.messageCount(folderId, Long.MAX_VALUE)
                        : fixedRows().size());
    }

    /**
     * IMAPITable::SeekRow from BOOKMARK_BEGINNING, BOOKMARK_CURRENT or BOOKMARK_END by {@code rowCount}
     * rows (negative: backwards), clamped to the table; returns the rows actually moved (the
     * {@code lplRowsSought} value). A contents table's cursor is a row key, so rows added or deleted
     * before it do not move it off its row, as MAPI's cursor stays on its row (decision 0081).
     */
    @Override
    public int seekRow(int bookmark, int rowCount) {
        return call("SeekRow", () -> {
            if (!contents()) {
                int size = fixedRows().size();
                int origin = origin(bookmark, (int) Math.min(fixedCursor, size), size);
                int target = (int) Math.max(0, Math.min((long) origin + rowCount, size));
                fixedCursor = target;
                return target - origin;
            }
            int size = profile.store.messageCount(folderId, Long.MAX_VALUE);
            int current = atEnd ? size : profile.store.messageCount(folderId, cursorKey);
            int origin = origin(bookmark, current, size);
            int target = (int) Math.max(0, Math.min((long) origin + rowCount, size));
            moveTo(target, size);
            return target - origin;
        });
    }

    private int origin(int bookmark, int current, int size) {
        return switch (bookmark) {
            case MapiFlags.BOOKMARK_BEGINNING -> 0;
            case BOOKMARK_CURRENT -> current;
            case BOOKMARK_END -> size;
            default -> bookmarked(bookmark, size);
        };
    }

    /**
     * The position of a bookmark made by CreateBookmark: a contents table's bookmark stands after its row
     * key, so a deleted row's bookmark stands before the row that followed it ("the bookmark moves to the
     * next row"; MAPI's MAPI_W_POSITION_CHANGED warning is not modelled). An unknown or freed value is
     * MAPI_E_INVALID_BOOKMARK (IMAPITable::SeekRow,
     * https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-seekrow).
     */
    private int bookmarked(int bookmark, int size) {
        Long mark = bookmarks.get(bookmark);
        if (mark == null) {
            throw error(HResult.MAPI_E_INVALID_BOOKMARK, "SeekRow", "no bookmark " + bookmark);
        }
        if (!contents()) {
            return (int) Math.min(mark, size);
        }
        return mark == AT_END ? size : profile.store.messageCount(folderId, mark);
    }

    /**
     * IMAPITable::CreateBookmark: the cursor's position, kept as the cursor is (a row key, so rows added
     * or deleted before it do not move it off its row)
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-createbookmark).
     */
    @Override
    public int createBookmark() {
        return call("CreateBookmark", () -> {
            int b = nextBookmark++;
            bookmarks.put(b, contents() ? (atEnd ? AT_END : cursorKey) : fixedCursor);
            return b;
        });
    }

    /**
     * IMAPITable::FreeBookmark: an unknown value (never made, or freed) is MAPI_E_INVALID_BOOKMARK
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-freebookmark).
     */
    @Override
    public void freeBookmark(int bookmark) {
        run("FreeBookmark", () -> {
            if (bookmarks.remove(bookmark) == null) {
                throw error(HResult.MAPI_E_INVALID_BOOKMARK, "FreeBookmark", "no bookmark " + bookmark);
            }
        });
    }

    /** Puts the cursor before row {@code position} (0-based): after the key of row {@code position - 1}. */
    private void moveTo(int position, int size) {
        atEnd = false;
        if (position <= 0) {
            cursorKey = 0;
        } else if (position >= size) {
            cursorKey = 0;
            atEnd = true;
        } else {
            List<Long> ids = profile.store.messageIds(folderId, 0, position);
            cursorKey = ids.get(ids.size() - 1);
        }
    }

    @Override
    public long advise(int eventMask, AdviseSink sink) {
        return call("Advise", () -> addAdvise("Advise", null, eventMask, sink));
    }

    @Override
    public void unadvise(long connection) {
        run("Unadvise", () -> removeAdvise("Unadvise", connection));
    }
}
