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
 * are computed when read, so they always show the current state; the cursor is a row index.
 */
final class SimTable extends SimObject implements MapiTable {

    static final long STATUS_TABLE = -1;
    static final long STORES_TABLE = -2;
    /** BOOKMARK_CURRENT / BOOKMARK_END (MAPIDefS.h; BOOKMARK_BEGINNING is MapiFlags.BOOKMARK_BEGINNING). */
    static final int BOOKMARK_CURRENT = 1;
    static final int BOOKMARK_END = 2;

    static final int[] CONTENTS_COLUMNS = {PropTag.PR_ENTRYID, PropTag.PR_INSTANCE_KEY, PropTag.PR_SUBJECT_W,
        PropTag.PR_DISPLAY_TO_W, PropTag.PR_MESSAGE_FLAGS, PropTag.PR_SUBMIT_FLAGS, PropTag.PR_CLIENT_SUBMIT_TIME,
        SendFailureProps.PR_WB_SEND_ERROR_W};
    static final int[] STATUS_COLUMNS = {PropTag.PR_ENTRYID, PropTag.PR_INSTANCE_KEY, PropTag.PR_ROWID,
        PropTag.PR_OBJECT_TYPE, PropTag.PR_DISPLAY_NAME_W, PropTag.PR_PROVIDER_DLL_NAME_W, PropTag.PR_RESOURCE_TYPE,
        PropTag.PR_RESOURCE_FLAGS, PropTag.PR_RESOURCE_METHODS, PropTag.PR_STATUS_CODE, PropTag.PR_STATUS_STRING_W};
    static final int[] STORES_COLUMNS = {PropTag.PR_ENTRYID, PropTag.PR_INSTANCE_KEY, PropTag.PR_RECORD_KEY,
        PropTag.PR_DISPLAY_NAME_W, PropTag.PR_DEFAULT_STORE, PropTag.PR_OBJECT_TYPE, PropTag.PR_RESOURCE_FLAGS,
        PropTag.PR_PROVIDER_DISPLAY_W};

    final long folderId;
    private final SimProfile profile;
    private int[] columns;
    private int cursor;

    SimTable(SimRuntime rt, SimSession session, String name, long folderId) {
        super(rt, session, ObjectKind.TABLE, name);
        this.folderId = folderId;
        this.profile = session.profile;
        this.columns = folderId == STATUS_TABLE ? STATUS_COLUMNS
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

    private List<Map<Integer, Object>> rows() {
        if (folderId == STATUS_TABLE) {
            return profile.statusRows();
        }
        if (folderId == STORES_TABLE) {
            return List.of(profile.storeProps());
        }
        List<Map<Integer, Object>> out = new ArrayList<>();
        for (MessageRecord r : profile.store.messages(folderId)) {
            out.add(profile.messageProps(r));
        }
        return out;
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

    @Override
    public List<Row> queryRows(int rowCount, int flags) {
        return call("QueryRows", () -> {
            if (rowCount < 0) {
                throw error(HResult.MAPI_E_INVALID_PARAMETER, "QueryRows",
                        "negative lRowCount (reading backwards) is not simulated");
            }
            List<Map<Integer, Object>> all = rows();
            int from = Math.min(cursor, all.size());
            int to = (int) Math.min((long) from + rowCount, all.size());
            List<Row> out = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                out.add(project(all.get(i)));
            }
            cursor = to;
            return out;
        });
    }

    @Override
    public int getRowCount(int flags) {
        return call("GetRowCount", () -> rows().size());
    }

    @Override
    public int seekRow(int bookmark, int rowCount) {
        return call("SeekRow", () -> {
            int size = rows().size();
            int origin = switch (bookmark) {
                case MapiFlags.BOOKMARK_BEGINNING -> 0;
                case BOOKMARK_CURRENT -> Math.min(cursor, size);
                case BOOKMARK_END -> size;
                default -> throw error(HResult.MAPI_E_INVALID_PARAMETER, "SeekRow", "unknown bookmark " + bookmark);
            };
            int target = (int) Math.max(0, Math.min((long) origin + rowCount, size));
            cursor = target;
            return target - origin;
        });
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
