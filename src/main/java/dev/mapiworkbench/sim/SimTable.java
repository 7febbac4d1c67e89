package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Restriction;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.SendFailureProps;
import dev.mapiworkbench.mapi.SortOrderSet;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import dev.mapiworkbench.sim.store.TableView;
import dev.mapiworkbench.sim.store.TableView.RowKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IMAPITable: a contents table (of one folder), the status table or the message-stores table. Rows
 * are computed when read, so they always show the current state. A contents table is in message-id
 * order (creation order), reads only the rows asked for from the store, by key, and announces each
 * change to its advise sinks as TABLE_ROW_ADDED, TABLE_ROW_MODIFIED or TABLE_ROW_DELETED with the row
 * ({@link SimProfile#tableRow}; decision 0081). SortTable and Restrict choose the contents table's
 * {@link TableView} among the orders and filters the store reads by an index, and filter the status and
 * message-stores tables in memory (decision 0411).
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
    /** Contents tables: the order and filter SortTable and Restrict chose (decision 0411). */
    private TableView view = TableView.DEFAULT;
    /** Status and message-stores tables: the filter Restrict chose (null: every row). */
    private Restriction fixedRestriction;
    /** Contents tables: the cursor stands after the row with this key in the view (null: before the first row). */
    private RowKey cursorKey;
    /** Contents tables: the cursor stands after the last row (BOOKMARK_END). */
    private boolean atEnd;
    /** Status and message-stores tables: the cursor as a row index. */
    private long fixedCursor;
    /**
     * Bookmarks made by CreateBookmark, by value (from {@value #FIRST_BOOKMARK}: 0–2 are BOOKMARK_BEGINNING,
     * BOOKMARK_CURRENT and BOOKMARK_END). A contents table's bookmark is a row key like its cursor, so it
     * stays on its row while rows before it come and go; a fixed table's is a row index. Guarded by the
     * runtime's lock, as every table call is. SortTable and Restrict free them all.
     */
    private final Map<Integer, Mark> bookmarks = new java.util.HashMap<>();

    private int nextBookmark = FIRST_BOOKMARK;
    static final int FIRST_BOOKMARK = 3;

    /** A bookmark: after {@code key} (null: before the first row), after the last row, or a fixed table's index. */
    private record Mark(RowKey key, boolean end, long index) {}

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
        List<Map<Integer, Object>> all =
                folderId == STATUS_TABLE ? profile.statusRows() : List.of(profile.storeProps());
        if (fixedRestriction == null) {
            return all;
        }
        return all.stream().filter(r -> RowFilter.matches(fixedRestriction, r)).toList();
    }

    /** Whether a contents table's view shows {@code rec} (its filter; rows hidden by Restrict are never announced). */
    boolean shows(MessageRecord rec) {
        return view.includes(rec);
    }

    /**
     * TABLE_NOTIFICATION's propPrior for an added or modified row of this contents table: the PR_INSTANCE_KEY of
     * the row before {@code rec} in the table's order and filter (its SortTable and Restrict), or PR_NULL when
     * {@code rec} is the first row ("The propPrior member indicates the row before the added or changed row
     * (PR_NULL indicating a change to the first row)", PidTagInstanceKey,
     * https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/pidtaginstancekey-canonical-property).
     * One index read: the first key after {@code rec}'s in the view turned round (decision 0531).
     */
    PropValue priorOf(MessageRecord rec) {
        TableView back = new TableView(view.order(), !view.descending(), view.submittedOnly());
        List<RowKey> before = profile.store.windowKeys(folderId, back, view.keyOf(rec), 1);
        return before.isEmpty()
                ? PropValue.of(PropTag.PR_NULL, 0)
                : PropValue.of(
                        PropTag.PR_INSTANCE_KEY,
                        EntryIds.instanceKey(before.get(0).id()));
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
            List<MessageRecord> window = profile.store.window(folderId, view, cursorKey, rowCount);
            List<Row> out = new ArrayList<>(window.size());
            for (MessageRecord r : window) {
                out.add(project(profile.messageProps(r)));
            }
            if (!window.isEmpty()) {
                cursorKey = view.keyOf(window.get(window.size() - 1));
            }
            return out;
        });
    }

    @Override
    public int getRowCount(int flags) {
        return call(
                "GetRowCount",
                () -> contents()
                        ? profile.store.count(folderId, view, null)
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
            int size = profile.store.count(folderId, view, null);
            int current = atEnd ? size : position(cursorKey);
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
        Mark mark = bookmarks.get(bookmark);
        if (mark == null) {
            throw error(HResult.MAPI_E_INVALID_BOOKMARK, "SeekRow", "no bookmark " + bookmark);
        }
        if (!contents()) {
            return (int) Math.min(mark.index(), size);
        }
        return mark.end() ? size : position(mark.key());
    }

    /** The number of rows of the view up to and including {@code key} (null: 0, before the first row). */
    private int position(RowKey key) {
        return key == null ? 0 : profile.store.count(folderId, view, key);
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
            bookmarks.put(b, new Mark(cursorKey, atEnd, fixedCursor));
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
            cursorKey = null;
        } else if (position >= size) {
            cursorKey = null;
            atEnd = true;
        } else {
            List<RowKey> keys = profile.store.windowKeys(folderId, view, null, position);
            cursorKey = keys.get(keys.size() - 1);
        }
    }

    /**
     * IMAPITable::SortTable. A contents table sorts by what the store has an index for: no column
     * (creation order) or PR_CLIENT_SUBMIT_TIME up or down; anything else — another column, more than one,
     * categories, TABLE_SORT_COMBINE — is MAPI_E_TOO_COMPLEX, as the page allows ("a sort operation is
     * requested for a property column that the implementation cannot sort"). The status and
     * message-stores tables are not sortable (MAPI_E_NO_SUPPORT). The sort is done when the call returns
     * (TBL_ASYNC and TBL_BATCH allow that); the cursor goes to the beginning, every bookmark is freed
     * (MS-OXCTABL 3.2.5.3) and the table's sinks get TABLE_SORT_DONE (decision 0411)
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-sorttable).
     */
    @Override
    public void sortTable(SortOrderSet criteria, int flags) {
        run("SortTable", () -> {
            checkTimingFlags("SortTable", flags);
            if (criteria == null) {
                throw error(HResult.MAPI_E_INVALID_PARAMETER, "SortTable", "lpSortCriteria is null");
            }
            if (!contents()) {
                throw error(
                        HResult.MAPI_E_NO_SUPPORT,
                        "SortTable",
                        "the status and message-stores tables are not sortable");
            }
            TableView sorted = sortedView(criteria);
            view = new TableView(sorted.order(), sorted.descending(), view.submittedOnly());
            reset(EventType.TABLE_SORT_DONE);
        });
    }

    private TableView sortedView(SortOrderSet criteria) {
        if (criteria.categories() != 0 || criteria.expanded() != 0) {
            throw error(HResult.MAPI_E_TOO_COMPLEX, "SortTable", "categorized sorts are not simulated");
        }
        if (criteria.sorts().isEmpty()) {
            return TableView.DEFAULT;
        }
        SortOrderSet.Sort only = criteria.sorts().get(0);
        if (criteria.sorts().size() > 1 || only.propTag() != PropTag.PR_CLIENT_SUBMIT_TIME) {
            throw error(
                    HResult.MAPI_E_TOO_COMPLEX,
                    "SortTable",
                    "a contents table sorts by PR_CLIENT_SUBMIT_TIME only, not " + criteria.sorts());
        }
        if (only.order() != SortOrderSet.TABLE_SORT_ASCEND && only.order() != SortOrderSet.TABLE_SORT_DESCEND) {
            throw error(HResult.MAPI_E_TOO_COMPLEX, "SortTable", "sort order " + only.order() + " is not simulated");
        }
        return new TableView(TableView.Order.SUBMIT_TIME, only.order() == SortOrderSet.TABLE_SORT_DESCEND, false);
    }

    /**
     * IMAPITable::Restrict. A contents table applies no filter (null) or "submitted" (RES_BITMASK BMR_NEZ
     * of MSGFLAG_SUBMIT in PR_MESSAGE_FLAGS), the filters the store reads by an index; any other is
     * MAPI_E_TOO_COMPLEX. The status and message-stores tables (a handful of rows) take AND, OR, NOT,
     * property, bitmask and exist restrictions, evaluated when read. The cursor goes to the beginning,
     * every bookmark is freed and the sinks get TABLE_RESTRICT_DONE; rows the filter hides are never
     * announced (decision 0411)
     * (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-restrict).
     */
    @Override
    public void restrict(Restriction restriction, int flags) {
        run("Restrict", () -> {
            checkTimingFlags("Restrict", flags);
            if (contents()) {
                view = view.withSubmittedOnly(submittedFilter(restriction));
            } else {
                RowFilter.check(restriction, msg -> error(HResult.MAPI_E_TOO_COMPLEX, "Restrict", msg));
                fixedRestriction = restriction;
            }
            reset(EventType.TABLE_RESTRICT_DONE);
        });
    }

    private boolean submittedFilter(Restriction r) {
        if (r == null) {
            return false;
        }
        if (r instanceof Restriction.Bitmask b
                && b.relBmr() == Restriction.BMR_NEZ
                && b.propTag() == PropTag.PR_MESSAGE_FLAGS
                && b.mask() == MapiFlags.MSGFLAG_SUBMIT) {
            return true;
        }
        throw error(
                HResult.MAPI_E_TOO_COMPLEX,
                "Restrict",
                "a contents table filters on MSGFLAG_SUBMIT in PR_MESSAGE_FLAGS only, not " + r);
    }

    private void checkTimingFlags(String method, int flags) {
        if ((flags & ~(SortOrderSet.TBL_ASYNC | SortOrderSet.TBL_BATCH)) != 0) {
            throw error(
                    HResult.MAPI_E_UNKNOWN_FLAGS,
                    method,
                    String.format(java.util.Locale.ROOT, "unknown flags 0x%X", flags));
        }
    }

    /** After SortTable or Restrict: the cursor at the beginning, no bookmark, {@code doneEvent} to the sinks. */
    private void reset(int doneEvent) {
        cursorKey = null;
        atEnd = false;
        fixedCursor = 0;
        bookmarks.clear();
        Notification n = new Notification.TableEvent(doneEvent, HResult.S_OK, null, null);
        for (Advise a : connections()) {
            if (a.wants(EventType.fnevTableModified)) {
                rt.post(a, n);
            }
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
