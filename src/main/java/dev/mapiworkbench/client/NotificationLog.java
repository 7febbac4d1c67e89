package dev.mapiworkbench.client;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The notifications a client received, the newest {@link #limit} kept, oldest first. Thread-safe:
 * one monitor (the deque) guards the entries; numbering is by arrival.
 */
final class NotificationLog {

    private final int limit;
    /** Guarded by itself. */
    private final ArrayDeque<NotificationLogEntry> entries = new ArrayDeque<>();

    @GuardedBy("entries")
    private long seq;

    NotificationLog(int limit) {
        this.limit = limit;
    }

    /** Records one notification from {@code source} and returns its entry. */
    NotificationLogEntry add(Instant at, String source, Notification n) {
        synchronized (entries) {
            NotificationLogEntry entry =
                    new NotificationLogEntry(++seq, at, source, n.eventType(), eventName(n), summary(n));
            entries.addLast(entry);
            if (entries.size() > limit) {
                entries.removeFirst();
            }
            return entry;
        }
    }

    List<NotificationLogEntry> snapshot() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    static String eventName(Notification n) {
        if (n instanceof Notification.TableEvent t) {
            return "fnevTableModified/" + EventType.tableEventName(t.tableEvent());
        }
        return EventType.maskName(n.eventType());
    }

    static String summary(Notification n) {
        if (n instanceof Notification.CriticalError ce) {
            return ce.scode()
                    + (ce.error() == null ? "" : " " + ce.error())
                    + (ce.component() == null ? "" : " (" + ce.component() + ")");
        } else if (n instanceof Notification.NewMail nm) {
            return "new " + nm.messageClass() + " " + nm.entryId().toHex();
        } else if (n instanceof Notification.ObjectEvent oe) {
            return "object " + (oe.entryId() == null ? "?" : oe.entryId().toHex());
        } else if (n instanceof Notification.TableEvent te) {
            return te.row() == null
                    ? ""
                    : te.row()
                            .find(PropTag.PR_SUBJECT_W)
                            .map(PropValue::asString)
                            .orElse("");
        }
        return "";
    }
}
