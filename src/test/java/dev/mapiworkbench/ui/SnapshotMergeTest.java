package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.ui.SessionGateway.OutboxDelta;
import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import dev.mapiworkbench.ui.SessionGateway.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshots the pump skips fold their Outbox deltas into the one it applies ({@link OutboxQueueModel#merged}). */
class SnapshotMergeTest {

    private static OutboxInfo row(String key, String state) {
        return new OutboxInfo(key, "s-" + key, "a@example.test", state, state.equals("queued"));
    }

    private static Snapshot snapshot(List<OutboxInfo> outbox, OutboxDelta delta) {
        return new Snapshot(
                true, "Logged on", "queued", List.of(), List.of(), outbox, List.of(), 0, delta, "Outbox", List.of());
    }

    @Test
    void aDeltaAfterAWholeQueueGivesTheWholeQueueChanged() {
        Snapshot full = snapshot(List.of(row("1", "queued"), row("2", "queued"), row("3", "draft")), null);
        Snapshot delta =
                snapshot(List.of(), new OutboxDelta(List.of(row("1", "sent"), row("4", "queued")), List.of("3")));

        Snapshot m = OutboxQueueModel.merged(full, delta);

        assertThat(m.outboxDelta()).isNull();
        assertThat(m.outbox()).containsExactly(row("1", "sent"), row("2", "queued"), row("4", "queued"));
    }

    @Test
    void twoDeltasFoldIntoOneWithTheNewestRowAndEveryRemoval() {
        Snapshot a =
                snapshot(List.of(), new OutboxDelta(List.of(row("1", "sending"), row("5", "draft")), List.of("2")));
        Snapshot b = snapshot(List.of(), new OutboxDelta(List.of(row("1", "sent"), row("2", "queued")), List.of("5")));

        OutboxDelta d = OutboxQueueModel.merged(a, b).outboxDelta();

        assertThat(d.changed()).containsExactly(row("1", "sent"), row("2", "queued"));
        assertThat(d.removed()).containsExactly("2", "5");
    }

    @Test
    void aWholeQueueReplacesWhateverWasWaiting() {
        Snapshot a = snapshot(List.of(), new OutboxDelta(List.of(row("1", "queued")), List.of()));
        Snapshot full = snapshot(List.of(row("9", "queued")), null);

        assertThat(OutboxQueueModel.merged(a, full)).isSameAs(full);
    }
}
