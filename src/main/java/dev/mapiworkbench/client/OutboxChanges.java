package dev.mapiworkbench.client;

import java.util.List;

/**
 * What changed in the Outbox queue model between two versions ({@link ClientSession#outboxChangesSince}):
 * the added or changed items as they are now, in the order they changed, and the ids of the removed ones.
 *
 * @param fromVersion the version the changes start after
 * @param toVersion   the model's version they bring a reader to
 * @param changed     items added or changed (each once, as it is at {@code toVersion})
 * @param removed     ids of items removed (a draft or failed message deleted)
 * @param changedSeqs the sequence numbers of {@code changed} ({@link OutboxOrder}; empty when not known)
 * @param removedSeqs the sequence numbers of {@code removed} (empty when not known)
 */
public record OutboxChanges(
        long fromVersion,
        long toVersion,
        List<OutboxItem> changed,
        List<String> removed,
        List<Long> changedSeqs,
        List<Long> removedSeqs) {

    public OutboxChanges {
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        changedSeqs = List.copyOf(changedSeqs);
        removedSeqs = List.copyOf(removedSeqs);
    }

    /** Changes without sequence numbers. */
    public OutboxChanges(long fromVersion, long toVersion, List<OutboxItem> changed, List<String> removed) {
        this(fromVersion, toVersion, changed, removed, List.of(), List.of());
    }

    /** True when nothing changed. */
    public boolean isEmpty() {
        return changed.isEmpty() && removed.isEmpty();
    }
}
