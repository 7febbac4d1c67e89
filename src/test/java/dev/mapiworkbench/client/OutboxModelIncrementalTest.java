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
        // a reader that follows the model by its change log only (as the window does, decision 0260)
        Map<String, OutboxItem> follower = new LinkedHashMap<>();
        long followed = incremental.version();
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
            for (OutboxModel m : List.of(incremental, reloaded)) {
                for (OutboxItem.State st : OutboxItem.State.values()) {
                    assertThat(m.count(st))
                            .as("count of %s after step %d (seed %d)", st, step, seed)
                            .isEqualTo((int) m.snapshot().stream()
                                    .filter(i -> i.state() == st)
                                    .count());
                }
            }
            if (random.nextInt(3) == 0) { // the reader catches up now and then, over several changes
                OutboxChanges c = incremental.changesSince(followed).orElseThrow();
                c.removed().forEach(follower::remove);
                c.changed().forEach(i -> follower.put(i.id(), i));
                followed = c.toVersion();
                assertThat(followed).isEqualTo(incremental.version());
                assertThat(List.copyOf(follower.values()))
                        .as("the change log's reader after step %d (seed %d)", step, seed)
                        .containsExactlyInAnyOrderElementsOf(incremental.snapshot());
            }
        }
    }

    /**
     * The race behind the flaky ClientSessionTest.sentMessageGoesFromSubmittedToSentFollowingNotifications:
     * the notifier thread delivers SaveChanges' TABLE_ROW_ADDED (the draft row) after SubmitMessage returned.
     */
    @org.junit.jupiter.api.Test
    void aLateRowAddedOfTheDraftDoesNotTurnASubmittedMessageIntoAFailedOne() {
        OutboxModel model = new OutboxModel(CLOCK, () -> {});
        Msg draft = new Msg(5, "hello", 0, 0, null);
        String id =
                row(draft).find(PropTag.PR_ENTRYID).orElseThrow().asEntryId().toHex();
        model.composed(id, "hello", List.of("someone@example.com"));
        model.submitted(id);

        model.apply(event(EventType.TABLE_ROW_ADDED, draft)); // late: the row as SaveChanges added it

        assertThat(model.get(id, null).state()).isEqualTo(OutboxItem.State.SUBMITTED);
        model.apply(event(EventType.TABLE_ROW_MODIFIED, new Msg(5, "hello", MapiFlags.MSGFLAG_SUBMIT, 0, null)));
        model.apply(new Notification.TableEvent(
                EventType.TABLE_ROW_DELETED, HResult.S_OK, instanceKey(5), new Row(List.of())));
        assertThat(model.get(id, null).state()).isEqualTo(OutboxItem.State.SENT);
        // a modification that takes MSGFLAG_SUBMIT away is still a failed send
        Msg other = new Msg(6, "later", MapiFlags.MSGFLAG_SUBMIT, 0, null);
        model.apply(event(EventType.TABLE_ROW_ADDED, other));
        model.apply(event(EventType.TABLE_ROW_MODIFIED, new Msg(6, "later", 0, 0, null)));
        String otherId =
                row(other).find(PropTag.PR_ENTRYID).orElseThrow().asEntryId().toHex();
        assertThat(model.get(otherId, null).state()).isEqualTo(OutboxItem.State.FAILED);
    }

    @org.junit.jupiter.api.Test
    void aReaderTooFarBehindTheChangeLogIsToldToReadTheWholeModel() {
        OutboxModel model = new OutboxModel(CLOCK, () -> {});
        long start = model.version();
        assertThat(model.changesSince(start))
                .hasValueSatisfying(c -> assertThat(c.isEmpty()).isTrue());
        for (long id = 1; id <= OutboxModel.CHANGE_LOG_LIMIT + 1; id++) {
            model.apply(event(EventType.TABLE_ROW_ADDED, new Msg(id, "s" + id, MapiFlags.MSGFLAG_SUBMIT, 0, null)));
        }
        assertThat(model.changesSince(start)).isEmpty();
        assertThat(model.changesSince(model.version() - 1))
                .hasValueSatisfying(c -> assertThat(c.changed()).hasSize(1));
        assertThat(model.count(OutboxItem.State.SUBMITTED)).isEqualTo(OutboxModel.CHANGE_LOG_LIMIT + 1);

        model.clear(); // a new logon: everyone reads the whole (empty) model again
        assertThat(model.changesSince(model.version() - 1)).isEmpty();
        assertThat(model.count(OutboxItem.State.SUBMITTED)).isZero();
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

    /**
     * The race ClientAbortSubmitTest met under load: a notification or a read from before AbortSubmit took
     * effect (the row still has MSGFLAG_SUBMIT) arrives after {@link OutboxModel#aborting}; the message the
     * abort then takes out of the queue is a draft, not a failed send, by either path.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRowStillSubmittedAfterAbortingDoesNotMakeTheAbortedMessageAFailure(boolean byNotification) {
        OutboxModel model = new OutboxModel(CLOCK, () -> {});
        Msg queued = new Msg(1, "take it back", MapiFlags.MSGFLAG_SUBMIT, 0, null);
        Msg draft = new Msg(1, "take it back", MapiFlags.MSGFLAG_UNSENT, 0, null);
        model.apply(event(EventType.TABLE_ROW_ADDED, queued));
        String id = model.snapshot().get(0).id();
        assertThat(model.snapshot().get(0).state()).isEqualTo(OutboxItem.State.SUBMITTED);

        model.aborting(id);
        if (byNotification) {
            model.apply(event(EventType.TABLE_ROW_MODIFIED, queued)); // older news, delivered late
            model.apply(event(EventType.TABLE_ROW_MODIFIED, draft)); // AbortSubmit took effect
        } else {
            model.applyRows(List.of(row(queued)));
            model.applyRows(List.of(row(draft)));
        }
        assertThat(model.snapshot().get(0).state()).isEqualTo(OutboxItem.State.DRAFT);

        // submitted again: from now on a row that comes back unsubmitted is a failed send
        model.submitted(id);
        model.apply(event(EventType.TABLE_ROW_MODIFIED, queued));
        model.apply(event(EventType.TABLE_ROW_MODIFIED, draft));
        assertThat(model.snapshot().get(0).state()).isEqualTo(OutboxItem.State.FAILED);
    }

    @org.junit.jupiter.api.Test
    void aFailedAbortLeavesTheMessageAsAQueuedOneThatCanFail() {
        OutboxModel model = new OutboxModel(CLOCK, () -> {});
        Msg queued = new Msg(1, "stuck", MapiFlags.MSGFLAG_SUBMIT, 0, null);
        model.apply(event(EventType.TABLE_ROW_ADDED, queued));
        String id = model.snapshot().get(0).id();
        model.aborting(id);
        model.abortFailed(id);
        model.apply(event(EventType.TABLE_ROW_MODIFIED, new Msg(1, "stuck", MapiFlags.MSGFLAG_UNSENT, 0, null)));
        assertThat(model.snapshot().get(0).state()).isEqualTo(OutboxItem.State.FAILED);
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
