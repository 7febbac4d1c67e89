package dev.mapiworkbench.client;

import java.util.List;

/**
 * Some items of the Outbox queue model by sequence number ({@link ClientSession#outboxRows}), at one model
 * version: a page of the window's list (decision 0530).
 *
 * @param version the model version they were read at
 * @param seqs    the numbers found (an item that left the model is not listed)
 * @param items   the items, parallel to {@code seqs}
 */
public record OutboxWindow(long version, List<Long> seqs, List<OutboxItem> items) {

    public OutboxWindow {
        seqs = List.copyOf(seqs);
        items = List.copyOf(items);
    }
}
