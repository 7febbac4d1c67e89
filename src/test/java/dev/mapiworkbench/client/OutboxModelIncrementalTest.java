package dev.mapiworkbench.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.SendFailureProps;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Outbox model kept from TABLE_ROW_* notifications equals the model kept by reading the whole table
 * after every change (the behaviour it replaces), after random sequences of adds, modifications
 * (submit, lock, unlock, fail, subject change) and deletes.
 */
class OutboxModelIncrementalTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    /** One row of the simulated contents table. */
    private record Msg(long id, String subject, int flags, int submitFlags, String failure) {}

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026, 31337})
    void rowByRowEqualsAFullReloadAfterEveryChange(long seed) {
        Random random = new Random(seed);
        OutboxModel incremental = new OutboxModel(CLOCK, () -> {});
        OutboxModel reloaded = new OutboxModel(CLOCK, () -> {});
        Map<Long, Msg> table = new LinkedHashMap<>();
        long nextId = 1;
        for (int step = 0; step < 400; step++) {
            int op = random.nextInt(10);
            if (op < 4 || table.isEmpty()) {
                Msg m = new Msg(
                        nextId++, "subject " + step, random.nextBoolean() ? MapiFlags.MSGFLAG_SUBMIT : 0, 0, null);
                table.put(m.id(), m);
                assertThat(incremental.apply(event(EventType.TABLE_ROW_ADDED, m)))
                        .isFalse();
            } else if (op < 8) {
                Msg old = pick(table, random);
                Msg m = switch (random.nextInt(5)) {
                    case 0 -> new Msg(old.id(), old.subject(), old.flags() | MapiFlags.MSGFLAG_SUBMIT, 0, null);
                    case 1 -> new Msg(old.id(), old.subject(), old.flags(), MapiFlags.SUBMITFLAG_LOCKED, null);
                    case 2 -> new Msg(old.id(), old.subject(), old.flags(), 0, old.failure());
                    case 3 ->
                        new Msg(
                                old.id(),
                                old.subject(),
                                (old.flags() & ~MapiFlags.MSGFLAG_SUBMIT) | MapiFlags.MSGFLAG_UNSENT,
                                0,
                                "MAPI_E_NETWORK_ERROR: down");
                    default -> new Msg(old.id(), old.subject() + "'", old.flags(), old.submitFlags(), old.failure());
                };
                table.put(m.id(), m);
                assertThat(incremental.apply(event(EventType.TABLE_ROW_MODIFIED, m)))
                        .isFalse();
            } else {
                Msg gone = pick(table, random);
                table.remove(gone.id());
                assertThat(incremental.apply(new Notification.TableEvent(
                                EventType.TABLE_ROW_DELETED, HResult.S_OK, instanceKey(gone.id()), new Row(List.of()))))
                        .isFalse();
            }
            reloaded.applyRows(
                    table.values().stream().map(OutboxModelIncrementalTest::row).toList());

            assertThat(incremental.snapshot())
                    .as("after step %d (seed %d)", step, seed)
                    .containsExactlyElementsOf(reloaded.snapshot());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {EventType.TABLE_RELOAD, EventType.TABLE_CHANGED, EventType.TABLE_ERROR})
    void aReloadEventMakesTheModelStaleUntilTheNextFullRead(int event) {
        OutboxModel model = new OutboxModel(CLOCK, () -> {});
        model.applyRows(List.of());
        assertThat(model.stale()).isTrue(); // never read from a table yet

        assertThat(model.apply(new Notification.TableEvent(event, HResult.S_OK, null, null)))
                .isTrue();

        assertThat(model.stale()).isTrue();
    }

    private static Msg pick(Map<Long, Msg> table, Random random) {
        List<Msg> all = new ArrayList<>(table.values());
        return all.get(random.nextInt(all.size()));
    }

    private static Notification.TableEvent event(int tableEvent, Msg m) {
        return new Notification.TableEvent(tableEvent, HResult.S_OK, instanceKey(m.id()), row(m));
    }

    private static PropValue instanceKey(long id) {
        return PropValue.of(
                PropTag.PR_INSTANCE_KEY, ByteBuffer.allocate(8).putLong(id).array());
    }

    private static Row row(Msg m) {
        List<PropValue> props = new ArrayList<>();
        props.add(PropValue.of(
                PropTag.PR_ENTRYID,
                ByteBuffer.allocate(12).putInt(7).putLong(m.id()).array()));
        props.add(instanceKey(m.id()));
        props.add(PropValue.of(PropTag.PR_SUBJECT_W, m.subject()));
        props.add(PropValue.of(PropTag.PR_DISPLAY_TO_W, "a@example.test; b@example.test"));
        props.add(PropValue.of(PropTag.PR_MESSAGE_FLAGS, m.flags()));
        props.add(PropValue.of(PropTag.PR_SUBMIT_FLAGS, m.submitFlags()));
        if (m.failure() != null) {
            props.add(PropValue.of(SendFailureProps.PR_WB_SEND_ERROR_W, m.failure()));
        }
        return new Row(props);
    }
}
