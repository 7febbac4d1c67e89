package dev.mapiworkbench.teardown;

import static dev.mapiworkbench.teardown.TeardownPlanner.args;
import static dev.mapiworkbench.teardown.TeardownPlanner.planned;
import static dev.mapiworkbench.teardown.TeardownPlanner.skipped;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.Ledger;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiStatus;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.teardown.TeardownPlanner.PlannedCall;
import dev.mapiworkbench.teardown.TeardownPlanner.PlannedStep;
import java.util.ArrayList;
import java.util.List;

/**
 * The flush-outbox step's calls, split out of {@link TeardownPlanner} (issue #9): the status table (the
 * ledger's, else GetStatusTable and its Release), SetColumns and QueryRows for the MAPI_SPOOLER row,
 * OpenEntry of the spooler's IMAPIStatus, FlushQueues(FLUSH_UPLOAD | FLUSH_NO_UI | FLUSH_ASYNC_OK) and
 * its Release. The calls share one {@link FlushState}, filled as they run; a call whose predecessor
 * failed fails with MAPI_E_NOT_FOUND naming what is missing. Skipped when nothing is queued.
 */
final class FlushStepPlanner {

    private FlushStepPlanner() {}

    static PlannedStep plan(StepDefinition step, ClientSession session) {
        MapiSession s = session.mapiSession();
        if (s == null) {
            return skipped(step, "the client is not logged on");
        }
        if (session.pendingCount() == 0) {
            return skipped(step, "no message is queued in the Outbox");
        }
        Ledger ledger = session.ledger();
        List<PlannedCall> calls = new ArrayList<>();
        FlushState st = new FlushState();
        Ledger.ObjectRecord statusTable =
                ledger.byRole(Ledger.Role.STATUS_TABLE).orElse(null);
        if (statusTable == null) {
            calls.add(new PlannedCall(
                    "IMAPISession::GetStatusTable(0)",
                    () -> Calls.invoke("IMAPISession::GetStatusTable", "session", args("ulFlags", "0"), () -> {
                        st.table = s.getStatusTable(0);
                        st.ownTable = true;
                        return Calls.hex(st.table.handle());
                    })));
        } else {
            st.table = (MapiTable) statusTable.object();
        }
        calls.add(new PlannedCall(
                "IMAPITable::SetColumns(PR_ENTRYID, PR_RESOURCE_TYPE) on the status table",
                () -> Calls.invoke(
                        "IMAPITable::SetColumns",
                        "status table",
                        args("lpPropTagArray", "{PR_ENTRYID, PR_RESOURCE_TYPE, PR_DISPLAY_NAME_W}"),
                        () -> {
                            requireTable(st);
                            st.table.setColumns(
                                    new int[] {PropTag.PR_ENTRYID, PropTag.PR_RESOURCE_TYPE, PropTag.PR_DISPLAY_NAME_W},
                                    0);
                            return null;
                        })));
        calls.add(new PlannedCall(
                "IMAPITable::QueryRows for PR_RESOURCE_TYPE = MAPI_SPOOLER",
                () -> Calls.invoke(
                        "IMAPITable::QueryRows",
                        "status table",
                        args("restriction", "PR_RESOURCE_TYPE == MAPI_SPOOLER (37)"),
                        () -> {
                            requireTable(st);
                            st.table.seekRow(MapiFlags.BOOKMARK_BEGINNING, 0);
                            List<Row> rows = new ArrayList<>();
                            List<Row> batch;
                            do {
                                batch = st.table.queryRows(100, 0);
                                rows.addAll(batch);
                            } while (!batch.isEmpty());
                            for (Row r : rows) {
                                int type = r.find(PropTag.PR_RESOURCE_TYPE)
                                        .map(PropValue::asInt)
                                        .orElse(-1);
                                if (type == MapiFlags.MAPI_SPOOLER) {
                                    st.spoolerId = r.get(PropTag.PR_ENTRYID).asEntryId();
                                    return "spooler row " + st.spoolerId.toHex();
                                }
                            }
                            throw new MapiException(
                                    HResult.MAPI_E_NOT_FOUND,
                                    "IMAPITable::QueryRows",
                                    "the status table has no MAPI_SPOOLER row");
                        })));
        calls.add(new PlannedCall(
                "IMAPISession::OpenEntry(spooler PR_ENTRYID) -> IMAPIStatus",
                () -> Calls.invoke(
                        "IMAPISession::OpenEntry", "session", args("lpEntryID", "spooler row", "ulFlags", "0"), () -> {
                            if (st.spoolerId == null) {
                                throw new MapiException(
                                        HResult.MAPI_E_NOT_FOUND,
                                        "IMAPISession::OpenEntry",
                                        "no spooler row was found");
                            }
                            MapiUnknown o = s.openEntry(st.spoolerId, 0);
                            if (!(o instanceof MapiStatus status)) {
                                o.release();
                                throw new MapiException(
                                        HResult.MAPI_E_INVALID_OBJECT,
                                        "IMAPISession::OpenEntry",
                                        "the spooler row did not open as IMAPIStatus");
                            }
                            st.status = status;
                            st.statusRec = ledger.opened(status, Ledger.Role.STATUS_OBJECT);
                            return Calls.hex(status.handle());
                        })));
        int flushFlags = MapiFlags.FLUSH_UPLOAD | MapiFlags.FLUSH_NO_UI | MapiFlags.FLUSH_ASYNC_OK;
        calls.add(new PlannedCall(
                "IMAPIStatus::FlushQueues(0, 0, NULL, FLUSH_UPLOAD|FLUSH_NO_UI|FLUSH_ASYNC_OK)",
                () -> Calls.invoke(
                        "IMAPIStatus::FlushQueues",
                        "spooler status object",
                        args(
                                "ulUIParam",
                                "0",
                                "cbTargetTransport",
                                "0",
                                "lpTargetTransport",
                                "NULL",
                                "ulFlags",
                                Calls.hex(flushFlags) + " (FLUSH_UPLOAD|FLUSH_NO_UI|FLUSH_ASYNC_OK)"),
                        () -> {
                            if (st.status == null) {
                                throw new MapiException(
                                        HResult.MAPI_E_NOT_FOUND,
                                        "IMAPIStatus::FlushQueues",
                                        "the spooler status object is not open");
                            }
                            st.status.flushQueues(0, null, flushFlags);
                            return null;
                        })));
        calls.add(new PlannedCall(
                "IMAPIStatus::Release on the spooler status object",
                () -> Calls.invoke("IMAPIStatus::Release", "spooler status object", args(), () -> {
                    if (st.status == null) {
                        return HResult.S_FALSE;
                    }
                    int refs = st.status.release();
                    ledger.released(st.statusRec.id());
                    return "refs=" + refs;
                })));
        if (statusTable == null) {
            calls.add(new PlannedCall(
                    "IMAPITable::Release on the status table",
                    () -> Calls.invoke(
                            "IMAPITable::Release",
                            "status table",
                            args(),
                            () -> st.table == null ? HResult.S_FALSE : "refs=" + st.table.release())));
        }
        return planned(step, calls, null);
    }

    private static void requireTable(FlushState st) {
        if (st.table == null) {
            throw new MapiException(HResult.MAPI_E_NOT_FOUND, "IMAPITable", "no status table");
        }
    }

    private static final class FlushState {
        MapiTable table;
        boolean ownTable;
        EntryId spoolerId;
        MapiStatus status;
        Ledger.ObjectRecord statusRec;
    }
}
