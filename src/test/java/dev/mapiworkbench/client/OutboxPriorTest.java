package dev.mapiworkbench.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Outbox model puts a row a TABLE_ROW_ADDED announces where the table has it: after the row its propPrior
 * names, first for PR_NULL, at the end when the prior row is unknown (decision 0531); the paging readers see
 * that order in {@link OutboxModel#index()} and by number in {@link OutboxModel#rows}, and the change log gives
 * the same numbers.
 */
class OutboxPriorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    private final OutboxModel model = new OutboxModel(CLOCK, () -> {});

    private static PropValue key(long id) {
        return PropValue.of(
                PropTag.PR_INSTANCE_KEY, ByteBuffer.allocate(8).putLong(id).array());
    }

    private static Row row(long id) {
        return new Row(List.of(
                PropValue.of(
                        PropTag.PR_ENTRYID,
                        ByteBuffer.allocate(12).putInt(7).putLong(id).array()),
                key(id),
                PropValue.of(PropTag.PR_SUBJECT_W, "m" + id),
                PropValue.of(PropTag.PR_DISPLAY_TO_W, "a@example.test"),
                PropValue.of(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_SUBMIT),
                PropValue.of(PropTag.PR_SUBMIT_FLAGS, 0)));
    }

    private void added(long id, PropValue prior) {
        model.apply(new Notification.TableEvent(EventType.TABLE_ROW_ADDED, HResult.S_OK, key(id), prior, row(id)));
    }

    private List<String> subjectsInOrder() {
        OutboxIndex index = model.index();
        return model.rows(index.seqs()).items().stream()
                .map(OutboxItem::subject)
                .toList();
    }

    @Test
    void anAddedRowGoesAfterItsPriorRowFirstForPrNullAndLastWhenThePriorIsUnknown() {
        long start = model.version();
        added(1, PropValue.of(PropTag.PR_NULL, 0));
        added(2, key(1));
        added(3, key(2));
        assertThat(subjectsInOrder()).containsExactly("m1", "m2", "m3");

        added(4, key(1)); // a sorted table put it second
        assertThat(subjectsInOrder()).containsExactly("m1", "m4", "m2", "m3");
        added(5, PropValue.of(PropTag.PR_NULL, 0)); // first
        assertThat(subjectsInOrder()).containsExactly("m5", "m1", "m4", "m2", "m3");
        added(6, key(99)); // a row the model never saw: at the end
        added(7, null); // no propPrior (a source that gives none): at the end
        assertThat(subjectsInOrder()).containsExactly("m5", "m1", "m4", "m2", "m3", "m6", "m7");

        OutboxIndex index = model.index();
        long[] seqs = index.seqs();
        assertThat(Arrays.stream(seqs).sorted().toArray())
                .as("the index is in order")
                .isEqualTo(seqs);
        assertThat(index.states()).containsOnly(OutboxIndex.QUEUED);
        // the change log numbers the rows as the index does
        OutboxChanges changes = model.changesSince(start).orElseThrow();
        assertThat(changes.changedSeqs())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(seqs).boxed().toList());
        // a row read by its number is the row at that place
        assertThat(model.rows(new long[] {seqs[2], seqs[0], 12345L}).items())
                .extracting(OutboxItem::subject)
                .containsExactly("m4", "m5");
    }
}
