package dev.mapiworkbench.client;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mapi.MapiTable;
import java.util.HashSet;
import java.util.Set;

/**
 * One read of the Outbox contents table into the {@link OutboxModel}, window by window: {@link #begin}
 * reads the first {@value #FIRST_WINDOW} rows (the logon waits for these only), each {@link #step} the
 * next {@value #PAGE} from the table's cursor, and the read ends at the first empty QueryRows ("Ending
 * the Table": QueryRows returns zero rows at the end,
 * https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/ending-the-table ; fewer rows
 * than asked for do not mean the end, IMAPITable::QueryRows,
 * https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapitable-queryrows). Between
 * pages the model's lock is free, so notifications and the window's snapshots go on; rows changed by a
 * notification meanwhile are the same entries (by entry id), updated in place. At the end the items the
 * model had before the read that the read did not see left the table ({@link OutboxModel#reconcile}).
 * Decision 0350.
 *
 * <p>Thread-safe: {@link #begin}, {@link #step}, {@link #finish} and {@link #cancel} are serialised on
 * this object (the client's refresher thread steps it, the teardown finishes it); the model's lock is
 * taken inside, never the other way round.
 */
final class OutboxLoad {

    /** Rows the first read takes: what the window shows first (a screenful and more). */
    static final int FIRST_WINDOW = 500;

    /** Rows each later page reads. */
    static final int PAGE = 2_000;

    private enum State {
        NEW,
        LOADING,
        DONE,
        FAILED,
        CANCELLED
    }

    private final OutboxModel model;
    private final MapiTable table;

    @GuardedBy("this")
    private State state = State.NEW;

    @GuardedBy("this")
    private Set<String> before = Set.of();

    @GuardedBy("this")
    private final Set<String> seen = new HashSet<>();

    @GuardedBy("this")
    private int rowsRead;

    OutboxLoad(OutboxModel model, MapiTable table) {
        this.model = model;
        this.table = table;
    }

    /** The table this load reads. */
    MapiTable table() {
        return table;
    }

    /** Reads the first window; true when more rows may follow ({@link #step} them). */
    synchronized boolean begin() {
        if (state != State.NEW) {
            return state == State.LOADING;
        }
        before = model.ids();
        state = State.LOADING;
        return page(true, FIRST_WINDOW);
    }

    /** Reads the next page; true when more rows may follow. */
    synchronized boolean step() {
        return state == State.LOADING && page(false, PAGE);
    }

    /** Reads the rest of the table now (the teardown and TABLE_RELOAD need the whole queue). */
    synchronized void finish() {
        while (step()) {
            // page by page
        }
    }

    /** Stops the load (a new logon, or the table was released); a page in progress ends first. */
    synchronized void cancel() {
        if (state == State.LOADING || state == State.NEW) {
            state = State.CANCELLED;
        }
    }

    /** True when nothing is left to read (done, failed or cancelled). */
    synchronized boolean over() {
        return state != State.LOADING && state != State.NEW;
    }

    /** Rows read so far. */
    synchronized int rowsRead() {
        return rowsRead;
    }

    @GuardedBy("this")
    private boolean page(boolean first, int rows) {
        int n = model.readPage(table, first, rows, seen);
        if (n < 0) {
            state = State.FAILED;
            return false;
        }
        rowsRead += n;
        if (n == 0) {
            state = State.DONE;
            model.reconcile(before, seen);
            before = Set.of();
            seen.clear();
            return false;
        }
        return true;
    }
}
