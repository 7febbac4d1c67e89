package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.Notification;

/**
 * Change events of a {@link ClientSession}. Events may arrive on any thread (the MAPI notification
 * thread, the thread that called logon/send, the teardown executor); a UI must move them to its own
 * thread and should coalesce them. Snapshots are read from the session, not carried by the events.
 * Every method has an empty default; listeners must return quickly and must not throw.
 */
public interface ClientListener {

    /** The ledger changed (object opened/released, advise added/removed, buffer, init state). */
    default void ledgerChanged() {}

    /** The Outbox queue model changed. */
    default void outboxChanged() {}

    /** A notification arrived and was appended to the notification log. */
    default void notificationReceived(NotificationLogEntry entry) {}

    /** fnevCriticalError arrived on the session-wide advise sink (after {@link #notificationReceived}). */
    default void criticalErrorReceived(Notification.CriticalError error) {}

    /** The session state changed. */
    default void sessionStateChanged(SessionState oldState, SessionState newState) {}
}
