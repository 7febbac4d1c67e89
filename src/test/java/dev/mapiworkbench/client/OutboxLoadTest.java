package dev.mapiworkbench.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Outbox read window by window (decision 0350): the first read takes one window, not the table;
 * later pages continue from the cursor; a notification during the read updates its row in place; the
 * end of a reload marks what left the table.
 */
class OutboxLoadTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void theFirstReadTakesOneWindowAndThePagesTheRest() {
        CountingTable table = new CountingTable(12_345);
        OutboxModel model = new OutboxModel(CLOCK, () -> {});
        OutboxLoad load = new OutboxLoad(model, table);

        assertThat(load.begin()).isTrue();
        assertThat(table.rowsReturned).isEqualTo(OutboxLoad.FIRST_WINDOW);
        assertThat(table.largestAsk).isEqualTo(OutboxLoad.FIRST_WINDOW);
        assertThat(model.count(OutboxItem.State.SUBMITTED)).isEqualTo(OutboxLoad.FIRST_WINDOW);
        assertThat(load.over()).isFalse();

        assertThat(load.step()).isTrue();
        assertThat(table.rowsReturned).isEqualTo(OutboxLoad.FIRST_WINDOW + OutboxLoad.PAGE);
        assertThat(table.seeks).isEqualTo(1); // later pages go on from the cursor

        load.finish();
        assertThat(load.over()).isTrue();
        assertThat(table.rowsReturned).isEqualTo(12_345);
        assertThat(table.largestAsk).isEqualTo(OutboxLoad.PAGE);
        assertThat(model.count(OutboxItem.State.SUBMITTED)).isEqualTo(12_345);
        assertThat(model.snapshot().get(0).subject()).isEqualTo("m1");
        assertThat(model.snapshot().get(12_344).subject()).isEqualTo("m12345");
        assertThat(load.step()).isFalse();
    }

    @Test
    void aRowChangedByANotificationDuringTheReadIsUpdatedInPlace() {
        CountingTable table = new CountingTable(3_000);
        OutboxModel model = new OutboxModel(CLOCK, () -> {});
        OutboxLoad load = new OutboxLoad(model, table);
        load.begin();
        // row 2,600 (not read yet) is locked by the spooler meanwhile; the notification comes first
        table.lock(2_600);
        model.apply(new Notification.TableEvent(
                EventType.TABLE_ROW_MODIFIED, HResult.S_OK, instanceKey(2_600), table.row(2_600)));
        load.finish();

        assertThat(model.snapshot()).hasSize(3_000);
        assertThat(model.count(OutboxItem.State.LOCKED)).isEqualTo(1);
        assertThat(model.count(OutboxItem.State.SUBMITTED)).isEqualTo(2_999);
    }

    @Test
    void aReloadMarksQueuedMessagesThatLeftTheTableSent() {
        CountingTable table = new CountingTable(800);
        OutboxModel model = new OutboxModel(CLOCK, () -> {});
        model.refresh(table);
        assertThat(model.count(OutboxItem.State.SUBMITTED)).isEqualTo(800);

        table.size = 600; // the last 200 were sent while the model did not follow (TABLE_RELOAD)
        model.refresh(table);

        assertThat(model.count(OutboxItem.State.SUBMITTED)).isEqualTo(600);
        assertThat(model.count(OutboxItem.State.SENT)).isEqualTo(200);
        assertThat(model.stale()).isFalse();
    }

    @Test
    void aFailedTableCallEndsTheReadAndLeavesTheModelStale() {
        CountingTable table = new CountingTable(5_000);
        OutboxModel model = new OutboxModel(CLOCK, () -> {});
        OutboxLoad load = new OutboxLoad(model, table);
        load.begin();
        table.released = true;

        assertThat(load.step()).isFalse();
        assertThat(load.over()).isTrue();
        assertThat(model.stale()).isTrue();
        assertThat(model.count(OutboxItem.State.SUBMITTED)).isEqualTo(OutboxLoad.FIRST_WINDOW);
    }

    @Test
    void aCancelledReadReadsNoMore() {
        CountingTable table = new CountingTable(5_000);
        OutboxModel model = new OutboxModel(CLOCK, () -> {});
        OutboxLoad load = new OutboxLoad(model, table);
        load.begin();
        load.cancel();
        load.finish();

        assertThat(table.rowsReturned).isEqualTo(OutboxLoad.FIRST_WINDOW);
        assertThat(load.over()).isTrue();
    }

    private static PropValue instanceKey(long id) {
        return PropValue.of(
                PropTag.PR_INSTANCE_KEY, ByteBuffer.allocate(8).putLong(id).array());
    }

    /** A contents table of {@code size} queued messages (ids 1..size) that counts what it is asked. */
    private static final class CountingTable implements MapiTable {
        int size;
        int cursor;
        int rowsReturned;
        int largestAsk;
        int seeks;
        long locked = -1;
        boolean released;

        CountingTable(int size) {
            this.size = size;
        }

        void lock(long id) {
            locked = id;
        }

        Row row(long id) {
            List<PropValue> props = new ArrayList<>();
            props.add(PropValue.of(
                    PropTag.PR_ENTRYID,
                    ByteBuffer.allocate(12).putInt(7).putLong(id).array()));
            props.add(instanceKey(id));
            props.add(PropValue.of(PropTag.PR_SUBJECT_W, "m" + id));
            props.add(PropValue.of(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_SUBMIT));
            props.add(PropValue.of(PropTag.PR_SUBMIT_FLAGS, id == locked ? MapiFlags.SUBMITFLAG_LOCKED : 0));
            return new Row(props);
        }

        private void check(String call) {
            if (released) {
                throw new MapiException(HResult.MAPI_E_INVALID_OBJECT, call, "released");
            }
        }

        @Override
        public List<Row> queryRows(int rowCount, int flags) {
            check("IMAPITable::QueryRows");
            largestAsk = Math.max(largestAsk, rowCount);
            List<Row> out = new ArrayList<>();
            while (out.size() < rowCount && cursor < size) {
                out.add(row(++cursor));
            }
            rowsReturned += out.size();
            return out;
        }

        @Override
        public int seekRow(int bookmark, int rowCount) {
            check("IMAPITable::SeekRow");
            seeks++;
            cursor = Math.max(0, Math.min(size, rowCount));
            return cursor;
        }

        @Override
        public int getRowCount(int flags) {
            return size;
        }

        @Override
        public void setColumns(int[] tags, int flags) {}

        @Override
        public long advise(int eventMask, AdviseSink sink) {
            return 1;
        }

        @Override
        public void unadvise(long connection) {}

        @Override
        public int addRef() {
            return 2;
        }

        @Override
        public int release() {
            return 0;
        }

        @Override
        public ObjectKind kind() {
            return ObjectKind.TABLE;
        }

        @Override
        public String displayName() {
            return "Outbox contents";
        }

        @Override
        public long handle() {
            return 1;
        }
    }
}
