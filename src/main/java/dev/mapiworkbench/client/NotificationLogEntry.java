package dev.mapiworkbench.client;

import java.time.Instant;

/**
 * One notification the client received, for the notification log. Immutable.
 *
 * @param sequence  1-based arrival order within the {@link ClientSession}
 * @param at        arrival time
 * @param source    the advise source ("session", "store 'Mailbox - demo'", "Outbox contents table")
 * @param eventType the {@code fnev*} value
 * @param eventName {@code fnevTableModified} etc. (TABLE_ROW_ADDED etc. for table events)
 * @param summary   a one-line description of the payload
 */
public record NotificationLogEntry(
        long sequence, Instant at, String source, int eventType, String eventName, String summary) {}
