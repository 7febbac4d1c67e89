package dev.mapiworkbench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared helpers for the simulator's tests. */
final class SimFixture {

    static final Duration WAIT = Duration.ofSeconds(20);

    private SimFixture() {}

    /** A runtime with an in-memory store (profileDir null) and the given transport. */
    static SimRuntime memoryRuntime(TransportSettings transport) {
        return SimRuntime.create(new BackendOptions(null, null, transport, Map.of()));
    }

    static SimRuntime memoryRuntime(TransportSettings transport, Map<String, String> extra) {
        return SimRuntime.create(new BackendOptions(null, null, transport, extra));
    }

    static SimRuntime fileRuntime(Path dir, TransportSettings transport) {
        return SimRuntime.create(new BackendOptions(dir, "Test", transport, Map.of()));
    }

    /** A runtime with these {@code sim.*} switches, initialised with MAPI_MULTITHREAD_NOTIFICATIONS. */
    static SimRuntime initialized(Map<String, String> extra) {
        SimRuntime rt = memoryRuntime(TransportSettings.instant(), extra);
        rt.mapiInitialize(MapiInit.multithreaded());
        return rt;
    }

    static SimRuntime initialized(TransportSettings transport) {
        SimRuntime rt = memoryRuntime(transport);
        rt.mapiInitialize(MapiInit.multithreaded());
        return rt;
    }

    static MapiSession logon(SimRuntime rt) {
        return rt.mapiLogonEx(0, "Test", null, MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_NEW_SESSION);
    }

    static MsgStore openDefaultStore(MapiSession s) {
        var table = s.getMsgStoresTable(0);
        try {
            List<Row> rows = table.queryRows(10, 0);
            Row def = rows.stream()
                    .filter(r -> r.find(PropTag.PR_DEFAULT_STORE)
                            .map(PropValue::asBoolean)
                            .orElse(false))
                    .findFirst()
                    .orElseThrow();
            return s.openMsgStore(0, def.get(PropTag.PR_ENTRYID).asEntryId(), MapiFlags.MDB_WRITE);
        } finally {
            table.release();
        }
    }

    static MapiFolder openFolder(MapiSession s, MsgStore store, int entryIdTag) {
        EntryId id = store.getProp(entryIdTag).asEntryId();
        return (MapiFolder) store.openEntry(id, MapiFlags.MAPI_MODIFY);
    }

    /** Creates, addresses and submits a message in the Outbox; releases the message object. */
    static EntryId submit(MapiFolder outbox, String subject, String... to) {
        MapiMessage m = outbox.createMessage(0);
        try {
            m.setProps(List.of(PropValue.of(PropTag.PR_SUBJECT_W, subject), PropValue.of(PropTag.PR_BODY_W, "body")));
            m.modifyRecipients(MapiFlags.MODRECIP_ADD, List.of(to.length == 0 ? new String[] {"a@example.com"} : to));
            m.saveChanges(0);
            EntryId id = m.getProp(PropTag.PR_ENTRYID).asEntryId();
            m.submitMessage(0);
            return id;
        } finally {
            m.release();
        }
    }

    /** Every row of the folder's contents table (default columns); releases the table. */
    static List<Row> contents(MapiFolder f) {
        dev.mapiworkbench.mapi.MapiTable t = f.getContentsTable(0);
        try {
            return allRows(t);
        } finally {
            t.release();
        }
    }

    static List<Row> allRows(dev.mapiworkbench.mapi.MapiTable t) {
        t.seekRow(MapiFlags.BOOKMARK_BEGINNING, 0);
        return t.queryRows(Integer.MAX_VALUE, 0);
    }

    /** Waits until the status table shows STATUS_OUTBOUND_ACTIVE (a message is inside the transport). */
    static void awaitSending(MapiSession s) throws InterruptedException {
        dev.mapiworkbench.mapi.MapiTable status = s.getStatusTable(0);
        try {
            RecordingSink sink = new RecordingSink();
            status.advise(dev.mapiworkbench.mapi.EventType.fnevTableModified, sink);
            boolean active = allRows(status).stream()
                    .anyMatch(r -> (r.get(PropTag.PR_STATUS_CODE).asInt() & MapiFlags.STATUS_OUTBOUND_ACTIVE) != 0);
            if (!active) {
                assertThat(sink.await(
                                n -> n instanceof Notification.TableEvent te
                                        && te.row()
                                                .find(PropTag.PR_STATUS_CODE)
                                                .map(v -> (v.asInt() & MapiFlags.STATUS_OUTBOUND_ACTIVE) != 0)
                                                .orElse(false),
                                WAIT))
                        .isTrue();
            }
        } finally {
            status.release();
        }
    }

    /** Asserts the call fails with a MapiException carrying {@code hr}. */
    static void assertFails(HResult hr, ThrowingCallable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).as("expected %s", hr).isInstanceOf(MapiException.class);
        assertThat(((MapiException) t).hresult()).as(t.getMessage()).isEqualTo(hr);
    }

    /** A sink that records notifications and the threads that delivered them. */
    static final class RecordingSink implements AdviseSink {
        final List<Notification> received = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public int onNotify(List<Notification> notifications) {
            threads.add(Thread.currentThread().getName());
            received.addAll(notifications);
            synchronized (this) {
                notifyAll();
            }
            return 0;
        }

        List<Notification> snapshot() {
            synchronized (received) {
                return List.copyOf(received);
            }
        }

        /** Waits (bounded) until a received notification matches. */
        synchronized boolean await(Predicate<Notification> p, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (snapshot().stream().noneMatch(p)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
