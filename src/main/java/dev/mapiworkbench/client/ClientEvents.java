package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.Notification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client's listeners and the events it sends them; a listener's failure is logged, never passed on. */
final class ClientEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ClientEvents.class);

    private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();

    void add(ClientListener l) {
        listeners.add(l);
    }

    void remove(ClientListener l) {
        listeners.remove(l);
    }

    void stateChanged(SessionState old, SessionState next) {
        if (old != next) {
            each(l -> l.sessionStateChanged(old, next));
        }
    }

    void ledgerChanged() {
        each(ClientListener::ledgerChanged);
    }

    void outboxChanged() {
        each(ClientListener::outboxChanged);
    }

    void notificationReceived(NotificationLogEntry entry) {
        each(l -> l.notificationReceived(entry));
    }

    void criticalErrorReceived(Notification.CriticalError error) {
        each(l -> l.criticalErrorReceived(error));
    }

    private void each(Consumer<ClientListener> event) {
        for (ClientListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("a client listener failed", e);
            }
        }
    }
}
