package dev.mapiworkbench.app;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.FolderMessage;
import dev.mapiworkbench.client.LedgerEntry;
import dev.mapiworkbench.client.MailFolder;
import dev.mapiworkbench.client.OutboxItem;
import dev.mapiworkbench.client.SessionState;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.ProfileInUseException;
import dev.mapiworkbench.mapi.TransportControl;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.ui.SessionGateway.FolderInfo;
import dev.mapiworkbench.ui.SessionGateway.MessageInfo;
import dev.mapiworkbench.ui.SessionGateway.ObjectInfo;
import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import dev.mapiworkbench.ui.SessionGateway.Snapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the window's {@link Snapshot} from the client: the session and spooler words, the Outbox queue,
 * the open objects, and the store's folders with the selected folder's messages, read through the client
 * (folder browser, decision 0036). No threads of its own; it remembers only the last folder and message
 * lists it read, which stay on screen while a teardown runs or when a read fails.
 */
final class SnapshotBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotBuilder.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final ClientSession client;
    private final ZoneId zone;
    private volatile List<FolderInfo> lastFolders = List.of();
    private volatile List<MessageInfo> lastMessages = List.of();

    SnapshotBuilder(ClientSession client) {
        this(client, ZoneId.systemDefault());
    }

    /** With the zone the Time column is shown in (tests pin it). */
    SnapshotBuilder(ClientSession client, ZoneId zone) {
        this.client = client;
        this.zone = zone;
    }

    /**
     * The state now.
     *
     * @param selectedFolder the folder whose messages to list (null or the store root: the Outbox queue)
     */
    Snapshot build(String selectedFolder) {
        SessionState state = client.state();
        // the views keep their content while tearing down; "logged on" (what enables Log off, New
        // message, ...) is only LOGGED_ON, so a snapshot built during a teardown can never re-enable them
        boolean on = state == SessionState.LOGGED_ON || state == SessionState.TEARING_DOWN;
        boolean loggedOn = state == SessionState.LOGGED_ON;
        List<OutboxInfo> outbox = new ArrayList<>();
        int pending = 0;
        boolean sending = false;
        for (OutboxItem i : client.outboxSnapshot()) {
            outbox.add(new OutboxInfo(
                    i.id(),
                    i.subject(),
                    String.join("; ", i.recipients()),
                    stateWord(i),
                    i.state().pending(),
                    i.reply()));
            pending += i.state().pending() ? 1 : 0;
            sending |= i.state() == OutboxItem.State.LOCKED;
        }
        String store = client.storeDisplayName();
        List<FolderInfo> folders;
        List<MessageInfo> messages;
        if (loggedOn && store != null) {
            Browse b = browse(store, outbox, selectedFolder);
            folders = b.folders();
            messages = b.messages();
        } else if (on && store != null) {
            // tearing down: keep what was shown (nothing is opened any more)
            folders = lastFolders;
            messages = lastMessages;
        } else {
            folders = List.of();
            messages = List.of();
            lastFolders = List.of();
            lastMessages = List.of();
        }
        List<ObjectInfo> objects = new ArrayList<>();
        for (LedgerEntry e : client.ledgerSnapshot()) {
            objects.add(new ObjectInfo(
                    e.kind(),
                    e.name(),
                    e.refCount(),
                    e.adviseConnections(),
                    e.state().name().toLowerCase(Locale.ROOT)));
        }
        String spooler = on ? spoolerWord(transportSettings(), pending, sending) : "stopped";
        return new Snapshot(loggedOn, sessionWord(state, store), spooler, folders, messages, outbox, objects);
    }

    private Optional<TransportSettings> transportSettings() {
        return client.capability(TransportControl.class).map(TransportControl::settings);
    }

    private String sessionWord(SessionState state, String store) {
        return switch (state) {
            case LOGGED_ON -> "Logged on — " + store + (client.isShared() ? " (shared)" : "");
            case LOGGING_ON -> "Logging on…";
            case TEARING_DOWN -> "Tearing down";
            case FAILED ->
                client.lastError() instanceof ProfileInUseException p // decision 0120
                        ? "Profile in use by " + p.holder().describe()
                        : "Logon failed";
            case LOGGED_OFF -> "Logged off";
        };
    }

    /** offline / hung / sending / queued / idle, for a running session. */
    static String spoolerWord(Optional<TransportSettings> transport, int pending, boolean sending) {
        if (transport.isPresent() && transport.get().offline()) {
            return "offline";
        }
        if (transport.isPresent() && transport.get().hang()) {
            return pending > 0 ? "hung" : "idle";
        }
        return sending ? "sending" : pending > 0 ? "queued" : "idle";
    }

    /** The Outbox queue's word for a message: draft, queued, sending, sent, failed: reason. */
    static String stateWord(OutboxItem i) {
        return switch (i.state()) {
            case DRAFT -> "draft";
            case SUBMITTED -> "queued";
            case LOCKED -> "sending";
            case SENT -> "sent";
            case FAILED -> "failed" + (i.reason() == null ? "" : ": " + i.reason());
        };
    }

    private record Browse(List<FolderInfo> folders, List<MessageInfo> messages) {}

    /**
     * The store's folders (PR_CONTENT_COUNT as the label's number) and the selected folder's messages,
     * read through the client (each object released before it returns). The Outbox, and the store
     * root, show the live queue model; another folder is read from its contents table. On a MAPI
     * failure the last good lists stay (a teardown may have just begun).
     */
    private Browse browse(String store, List<OutboxInfo> queue, String selected) {
        List<MailFolder> mailFolders;
        try {
            mailFolders = client.folders();
        } catch (MapiException e) {
            LOG.debug("folder list not read: {}", e.getMessage());
            return new Browse(lastFolders, lastMessages);
        }
        List<FolderInfo> folders = new ArrayList<>();
        folders.add(new FolderInfo(store, 0, 0));
        for (MailFolder f : mailFolders) {
            folders.add(new FolderInfo(f.name(), 1, Math.max(f.count(), 0)));
        }
        MailFolder chosen = mailFolders.stream()
                .filter(f -> f.name().equals(selected))
                .findFirst()
                .orElse(null);
        List<MessageInfo> messages = new ArrayList<>();
        if (chosen == null || chosen.role() == MailFolder.Role.OUTBOX) {
            String name = mailFolders.stream()
                    .filter(f -> f.role() == MailFolder.Role.OUTBOX)
                    .map(MailFolder::name)
                    .findFirst()
                    .orElse(MailFolder.Role.OUTBOX.defaultName());
            Map<String, String> submitted = outboxSubmitTimes(mailFolders);
            for (OutboxInfo o : queue) {
                if (!o.state().equals("sent")) {
                    messages.add(new MessageInfo(
                            name, o.subject(), o.to(), o.state(), submitted.getOrDefault(o.key(), ""), o.key()));
                }
            }
        } else if (chosen.available()) {
            try {
                for (FolderMessage m : client.messages(chosen)) {
                    Instant t = m.submitTime() != null ? m.submitTime() : m.deliveryTime();
                    messages.add(new MessageInfo(
                            chosen.name(),
                            m.subject(),
                            String.join("; ", m.recipients()),
                            m.stateWord(),
                            t == null ? "" : TIME.format(t.atZone(zone)),
                            m.entryIdHex()));
                }
            } catch (MapiException e) {
                LOG.debug("messages of {} not read: {}", chosen.name(), e.getMessage());
                return new Browse(folders, lastMessages);
            }
        }
        lastFolders = List.copyOf(folders);
        lastMessages = List.copyOf(messages);
        return new Browse(lastFolders, lastMessages);
    }

    /** Submit times of the Outbox's messages by entry id (hex), for the live queue's Time column. */
    private Map<String, String> outboxSubmitTimes(List<MailFolder> mailFolders) {
        Map<String, String> times = new HashMap<>();
        MailFolder outbox = mailFolders.stream()
                .filter(f -> f.role() == MailFolder.Role.OUTBOX && f.available())
                .findFirst()
                .orElse(null);
        if (outbox == null) {
            return times;
        }
        try {
            for (FolderMessage m : client.messages(outbox)) {
                if (m.submitTime() != null) {
                    times.put(m.entryIdHex(), TIME.format(m.submitTime().atZone(zone)));
                }
            }
        } catch (MapiException e) {
            LOG.debug("Outbox submit times not read: {}", e.getMessage());
        }
        return times;
    }
}
