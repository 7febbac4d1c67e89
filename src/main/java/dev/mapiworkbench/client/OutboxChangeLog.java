package dev.mapiworkbench.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link OutboxModel}'s change log: the id of each item added, changed or removed, one per version, so a
 * reader that saw version {@code v} asks only for what changed since (decision 0260). At most {@value #LIMIT}
 * entries are kept; a reader further behind reads the whole model. Not thread-safe: the model calls it under
 * its own lock.
 */
final class OutboxChangeLog {

    /** Entries kept at most. */
    static final int LIMIT = 65_536;

    /** Ids changed, one per version after {@link #base}. */
    private final List<String> ids = new ArrayList<>();
    /** The version before the first entry. */
    private long base;

    /** The current version: it grows by one with every entry. */
    long version() {
        return base + ids.size();
    }

    /** A new logon: the log starts over after a version no reader can hold, so every reader reads the whole model. */
    void restart() {
        base = version() + 1;
        ids.clear();
    }

    /** One change of {@code id}. */
    void add(String id) {
        if (ids.size() >= LIMIT) {
            base += ids.size();
            ids.clear();
        }
        ids.add(id);
    }

    /**
     * What changed after {@code sinceVersion}: the current items (in {@code current}, absent when removed) of the ids
     * changed, each once, in the order of their last change, and the ids removed; empty when the log no longer
     * reaches back that far; with each item's sequence number from {@code order}. The cost is the number of changes, not
     * the size of the model.
     */
    Optional<OutboxChanges> since(long sinceVersion, Map<String, OutboxItem> current, OutboxOrder order) {
        long now = version();
        if (sinceVersion < base || sinceVersion > now) {
            return Optional.empty();
        }
        Map<String, OutboxItem> changed = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> tail = ids.subList((int) (sinceVersion - base), ids.size());
        for (int i = tail.size() - 1; i >= 0; i--) { // newest first: each id once, as it is now
            String id = tail.get(i);
            if (seen.add(id)) {
                OutboxItem item = current.get(id);
                if (item == null) {
                    removed.add(id);
                } else {
                    changed.put(id, item);
                }
            }
        }
        List<OutboxItem> inOrder = new ArrayList<>(changed.values());
        Collections.reverse(inOrder);
        List<Long> changedSeqs = new ArrayList<>(inOrder.size());
        inOrder.forEach(i -> changedSeqs.add(order.existing(i.id())));
        List<Long> removedSeqs = new ArrayList<>(removed.size());
        removed.forEach(id -> removedSeqs.add(order.existing(id)));
        return Optional.of(new OutboxChanges(sinceVersion, now, inOrder, removed, changedSeqs, removedSeqs));
    }
}
