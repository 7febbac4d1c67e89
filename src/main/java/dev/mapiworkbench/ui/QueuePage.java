package dev.mapiworkbench.ui;

import java.util.List;

/**
 * Rows of the Outbox queue read by sequence number ({@link SessionGateway#queueRows}) for the window's paged
 * list (decision 0530).
 *
 * @param version the client model's version they were read at (-1: the gateway cannot page, the snapshots
 *                carry every row)
 * @param rows    the rows found, each with its {@link SessionGateway.OutboxInfo#seq()}
 */
public record QueuePage(long version, List<SessionGateway.OutboxInfo> rows) {

    /** No rows: the gateway cannot page. */
    public static final QueuePage NONE = new QueuePage(-1, List.of());

    public QueuePage {
        rows = List.copyOf(rows);
    }
}
