package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.ClientListener;
import dev.mapiworkbench.client.OutboxChanges;
import dev.mapiworkbench.client.OutboxItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * The after-sending wait reads the queue once and then only what changed: with 10,000 messages queued
 * and sent a block per wake-up, it never reads the whole model again, reads each change once, and lists
 * the queued messages in its first event only (the events of one tick cost the changes, not the queue).
 */
class OutboxWaitIncrementalTest {

    private static final int QUEUED = 10_000;
    private static final int PER_WAKE = 2_500;

    @Test
    void aTickCostsTheChangesNotTheQueue() {
        CountingSource source = new CountingSource();
        List<TeardownEvent> events = new CopyOnWriteArrayList<>();
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        OutboxWait wait = new OutboxWait(source, Duration.ofMinutes(5), null, events::add, lock, changed);

        OutboxWait.Outcome outcome = wait.run(1);

        assertThat(outcome.status()).isEqualTo(StepStatus.DONE);
        assertThat(outcome.reason()).startsWith(QUEUED + " of " + QUEUED + " messages sent");
        assertThat(source.snapshotReads).as("whole-model reads").isZero();
        assertThat(source.pendingReads).as("reads of the queue").isEqualTo(1);
        assertThat(source.itemsHandedOut).as("changed items read").isEqualTo(QUEUED);
        assertThat(source.refreshes).isGreaterThanOrEqualTo(QUEUED / PER_WAKE);
        List<TeardownEvent.WaitProgress> progress = events.stream()
                .filter(e -> e instanceof TeardownEvent.WaitProgress)
                .map(e -> (TeardownEvent.WaitProgress) e)
                .toList();
        assertThat(progress.stream().mapToInt(w -> w.pending().size()).sum())
                .as("queued messages listed across all events")
                .isEqualTo(QUEUED);
        assertThat(progress.get(0).pendingCount()).isEqualTo(QUEUED);
        assertThat(progress.get(progress.size() - 1).pendingCount()).isZero();
        assertThat(progress).filteredOn(w -> w.item() != null).hasSize(QUEUED);
        assertThat(wait.waits()).hasSize(QUEUED).allMatch(w -> w.state().equals("sent"));
    }

    /** A model of QUEUED queued messages; each refresh sends the next PER_WAKE and logs them as changes. */
    private static final class CountingSource implements OutboxWait.Source {
        final List<OutboxItem> queued = new ArrayList<>();
        final List<OutboxItem> log = new ArrayList<>(); // version v = log.size()
        final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
        int snapshotReads;
        int pendingReads;
        int itemsHandedOut;
        int refreshes;
        int sent;

        CountingSource() {
            for (int i = 0; i < QUEUED; i++) {
                queued.add(new OutboxItem(
                        "id" + i, "m" + i, List.of("a@example.test"), OutboxItem.State.SUBMITTED, null, Instant.EPOCH));
            }
        }

        @Override
        public void refresh() {
            refreshes++;
            for (int i = 0; i < PER_WAKE && sent < QUEUED; i++, sent++) {
                log.add(queued.get(sent).withState(OutboxItem.State.SENT, null, Instant.EPOCH));
            }
        }

        @Override
        public long version() {
            return log.size();
        }

        @Override
        public Optional<OutboxChanges> changesSince(long version) {
            List<OutboxItem> changed = List.copyOf(log.subList((int) version, log.size()));
            itemsHandedOut += changed.size();
            return Optional.of(new OutboxChanges(version, log.size(), changed, List.of()));
        }

        @Override
        public List<OutboxItem> pending() {
            pendingReads++;
            return List.copyOf(queued);
        }

        @Override
        public List<OutboxItem> snapshot() {
            snapshotReads++;
            return List.copyOf(queued);
        }

        @Override
        public void addListener(ClientListener l) {
            listeners.add(l);
        }

        @Override
        public void removeListener(ClientListener l) {
            listeners.remove(l);
        }

        @Override
        public String reply(String id) {
            return null;
        }
    }
}
