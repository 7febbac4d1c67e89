package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.Notification;
import java.util.function.Supplier;

/**
 * Keeps the session's {@link OutboxModel} current with the Outbox contents table: the logon's read (the
 * first window at once, the rest page by page on the {@link BackgroundRefresher}'s thread; decision 0350),
 * a full read when the model is stale, and the table's notifications applied row by row (only
 * TABLE_RELOAD, TABLE_CHANGED or TABLE_ERROR cost a read again).
 *
 * <p>Which table may be read is the session's to say ({@code readableTable}: null when logged off or once
 * the teardown released the table). The load in progress is one volatile field; each {@link OutboxLoad}
 * serialises its own pages.
 */
final class OutboxSync {

    private final OutboxModel outbox;
    private final Supplier<MapiTable> readableTable;
    private final BackgroundRefresher refresher = new BackgroundRefresher();
    /** The Outbox table's read in progress (logon reads the first window, the rest follows; decision 0350). */
    private volatile OutboxLoad load;

    OutboxSync(OutboxModel outbox, Supplier<MapiTable> readableTable) {
        this.outbox = outbox;
        this.readableTable = readableTable;
    }

    /**
     * Makes the model current: reads the table again only when the model is stale; otherwise finishes
     * the logon's read now when one is in progress (the caller needs the whole queue), or costs nothing.
     */
    void refresh() {
        if (outbox.stale()) {
            reload();
            return;
        }
        OutboxLoad current = load;
        if (current != null && !current.over() && current.table() == readableTable.get()) {
            current.finish();
        }
    }

    /** Reads the whole table into the model now (TABLE_RELOAD, a failed read). */
    void reload() {
        OutboxLoad next = newLoad();
        if (next != null && next.begin()) {
            next.finish();
        }
    }

    /** The logon's read: the first window now, the rest on the refresher thread. */
    void beginLoad() {
        OutboxLoad next = newLoad();
        if (next != null && next.begin()) {
            refresher.schedule(() -> continueLoad(next));
        }
    }

    /** Stops the read in progress (a new logon). */
    void cancelLoad() {
        OutboxLoad current = load;
        if (current != null) {
            current.cancel();
        }
    }

    /** True while the logon's read has rows left to read (the model shows a part). */
    boolean loading() {
        OutboxLoad current = load;
        return current != null && !current.over();
    }

    /**
     * One TABLE_NOTIFICATION of the Outbox table applied to the model ({@link OutboxModel#apply}); true when
     * it made the model stale (then {@link #scheduleRefresh()}, once per batch).
     */
    boolean apply(Notification.TableEvent event) {
        return outbox.apply(event);
    }

    /** A {@link #refresh()} on the refresher thread. */
    void scheduleRefresh() {
        refresher.schedule(this::refresh);
    }

    /** Stops the refresher thread. */
    void shutdown() {
        refresher.shutdown();
    }

    /** A new read of the table in place of the one in progress; null when the table cannot be read. */
    private OutboxLoad newLoad() {
        MapiTable table = readableTable.get();
        if (table == null) {
            return null;
        }
        cancelLoad();
        OutboxLoad next = new OutboxLoad(outbox, table);
        load = next;
        return next;
    }

    private void continueLoad(OutboxLoad current) {
        if (load != current || current.table() != readableTable.get()) {
            current.cancel();
        } else if (current.step()) {
            refresher.schedule(() -> continueLoad(current));
        }
    }
}
