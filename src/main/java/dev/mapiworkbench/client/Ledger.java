package dev.mapiworkbench.client;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.ObjectKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The client's ledger of everything it opened, advised, allocated and initialised during one logon.
 * The teardown planner expands its steps from it; the executor records each release/unadvise/free
 * back into it. Thread-safe (all methods synchronise on the ledger; its state is {@code @GuardedBy}).
 * Entries are kept in the order they were created; removed entries disappear from the lists.
 *
 * <p>Size: just over 400 lines: the record types of what is held (objects, advises, buffers, inits) and
 * their one monitor belong together, so a teardown reads one consistent ledger.
 */
public final class Ledger {

    /** The library initialisations a client can make. */
    public enum Init {
        MAPI("MAPIInitialize"),
        OLE("OleInitialize"),
        MAPI_UTIL("ScInitMapiUtil");

        private final String function;

        Init(String function) {
            this.function = function;
        }

        /** The function that initialised it. */
        public String function() {
            return function;
        }
    }

    /** What an object is for, so the planner can name and order it. */
    public enum Role {
        SESSION,
        MESSAGE_STORES_TABLE,
        STORE,
        OUTBOX,
        OUTBOX_TABLE,
        ADDRESS_BOOK,
        STATUS_TABLE,
        STATUS_OBJECT,
        MESSAGE,
        ADVISE_SINK,
        OTHER
    }

    /**
     * An open object. {@code clientRefs} is the number of references this client holds (normally 1).
     * {@code invalid} is set when the session logged off while the object was still held.
     */
    public static final class ObjectRecord {
        private final String id;
        private final MapiUnknown object;
        private final Role role;

        @GuardedBy("this")
        private int clientRefs;

        @GuardedBy("this")
        private boolean invalid;

        ObjectRecord(String id, MapiUnknown object, Role role) {
            this.id = id;
            this.object = object;
            this.role = role;
            this.clientRefs = 1;
        }

        public String id() {
            return id;
        }

        public MapiUnknown object() {
            return object;
        }

        public Role role() {
            return role;
        }

        public ObjectKind kind() {
            return object.kind();
        }

        public String name() {
            return object.displayName();
        }

        public synchronized int clientRefs() {
            return clientRefs;
        }

        public synchronized boolean invalid() {
            return invalid;
        }
    }

    /**
     * An advise connection: the source object's ledger id, the interface::method that cancels it
     * ({@code IMsgStore::Unadvise}), the connection number, the event mask, and the call that cancels it.
     */
    public record AdviseRecord(
            String id,
            String sourceId,
            String sourceName,
            String unadviseApi,
            long connection,
            int eventMask,
            LongConsumer unadvise) {

        /** Calls the source's Unadvise for this connection. */
        public void cancel() {
            unadvise.accept(connection);
        }
    }

    /** A cached MAPI buffer (e.g. PR_IPM_SUBTREE_ENTRYID) the client must free with MAPIFreeBuffer. */
    public record BufferRecord(String id, String name, MapiBuffer buffer) {}

    @GuardedBy("this")
    private final Map<String, ObjectRecord> objects = new LinkedHashMap<>();

    @GuardedBy("this")
    private final Map<String, AdviseRecord> advises = new LinkedHashMap<>();

    @GuardedBy("this")
    private final Map<String, BufferRecord> buffers = new LinkedHashMap<>();

    @GuardedBy("this")
    private final Map<Init, Integer> inits = new LinkedHashMap<>();

    /** Per initialisation not yet undone, the number of the thread that made it (decision 0450). */
    @GuardedBy("this")
    private final Map<Init, java.util.ArrayDeque<Integer>> initThreads = new LinkedHashMap<>();

    private final Runnable onChange;

    @GuardedBy("this")
    private int nextId = 1;

    @GuardedBy("this")
    private boolean ended;

    /** A ledger that calls {@code onChange} after every change (outside its lock). */
    public Ledger(Runnable onChange) {
        this.onChange = onChange == null ? () -> {} : onChange;
    }

    public Ledger() {
        this(null);
    }

    // ---- recording -------------------------------------------------------------------------

    /** Records an object the client now holds one reference to. */
    public ObjectRecord opened(MapiUnknown object, Role role) {
        ObjectRecord r;
        synchronized (this) {
            r = new ObjectRecord("obj-" + nextId++, object, role);
            objects.put(r.id, r);
        }
        onChange.run();
        return r;
    }

    /** Records an advise connection. */
    public AdviseRecord advised(
            ObjectRecord source, String unadviseApi, long connection, int eventMask, LongConsumer unadvise) {
        AdviseRecord r;
        synchronized (this) {
            r = new AdviseRecord(
                    "adv-" + nextId++, source.id(), source.name(), unadviseApi, connection, eventMask, unadvise);
            advises.put(r.id(), r);
        }
        onChange.run();
        return r;
    }

    /** Records a cached buffer. */
    public BufferRecord allocated(String name, MapiBuffer buffer) {
        BufferRecord r;
        synchronized (this) {
            r = new BufferRecord("buf-" + nextId++, name, buffer);
            buffers.put(r.id(), r);
        }
        onChange.run();
        return r;
    }

    /** Records a successful initialisation (reference counted) made on thread 1. */
    public void initialised(Init init) {
        initialised(init, 1);
    }

    /**
     * Records a successful initialisation (reference counted) made on thread {@code thread} (the number of the
     * session's MAPI thread, {@link SessionMapiThread#number()}).
     */
    public void initialised(Init init, int thread) {
        synchronized (this) {
            inits.merge(init, 1, Integer::sum);
            initThreads.computeIfAbsent(init, k -> new java.util.ArrayDeque<>()).addLast(thread);
        }
        onChange.run();
    }

    /** Records one Release by the client; the record is dropped when the client holds no more references. */
    public void released(String objectId) {
        synchronized (this) {
            ObjectRecord r = objects.get(objectId);
            if (r == null) {
                return;
            }
            synchronized (r) {
                r.clientRefs--;
                if (r.clientRefs <= 0) {
                    objects.remove(objectId);
                }
            }
        }
        onChange.run();
    }

    /** Records a cancelled advise connection. */
    public void unadvised(String adviseId) {
        synchronized (this) {
            advises.remove(adviseId);
        }
        onChange.run();
    }

    /** Records a freed buffer. */
    public void freed(String bufferId) {
        synchronized (this) {
            buffers.remove(bufferId);
        }
        onChange.run();
    }

    /** Records one un-initialisation (OleUninitialize, MAPIUninitialize, DeinitMapiUtil). */
    public void uninitialised(Init init) {
        synchronized (this) {
            inits.computeIfPresent(init, (k, v) -> v <= 1 ? null : v - 1);
            java.util.ArrayDeque<Integer> threads = initThreads.get(init);
            if (threads != null) {
                threads.pollLast();
            }
        }
        onChange.run();
    }

    /** Logoff happened: every object still held (except the session itself) is now invalid. */
    public void sessionLoggedOff() {
        synchronized (this) {
            for (ObjectRecord r : objects.values()) {
                if (r.role != Role.SESSION) {
                    synchronized (r) {
                        r.invalid = true;
                    }
                }
            }
        }
        onChange.run();
    }

    /**
     * The teardown is over: whatever the client still holds can never be released properly and is
     * shown as {@link LedgerEntry.State#LEAKED} until the next {@link #clear()}.
     */
    public void ended() {
        synchronized (this) {
            ended = true;
        }
        onChange.run();
    }

    /** Forgets everything (before a new logon). */
    public void clear() {
        synchronized (this) {
            ended = false;
            objects.clear();
            advises.clear();
            buffers.clear();
            inits.clear();
            initThreads.clear();
        }
        onChange.run();
    }

    // ---- reading ---------------------------------------------------------------------------

    /** Open objects in the order they were opened. */
    public synchronized List<ObjectRecord> objects() {
        return List.copyOf(objects.values());
    }

    public synchronized Optional<ObjectRecord> object(String id) {
        return Optional.ofNullable(objects.get(id));
    }

    /** The first open object with this role. */
    public synchronized Optional<ObjectRecord> byRole(Role role) {
        return objects.values().stream().filter(r -> r.role == role).findFirst();
    }

    /** Live advise connections in the order they were made. */
    public synchronized List<AdviseRecord> advises() {
        return List.copyOf(advises.values());
    }

    /** Advise connections made on the given object. */
    public synchronized List<AdviseRecord> advisesOn(String objectId) {
        return advises.values().stream()
                .filter(a -> a.sourceId().equals(objectId))
                .toList();
    }

    /** Cached buffers not yet freed. */
    public synchronized List<BufferRecord> buffers() {
        return List.copyOf(buffers.values());
    }

    /** The thread numbers of {@code init}'s initialisations not yet undone, oldest first ({@link #initCount} of them). */
    public synchronized List<Integer> initThreads(Init init) {
        java.util.ArrayDeque<Integer> threads = initThreads.get(init);
        return threads == null ? List.of() : List.copyOf(threads);
    }

    /** How many times {@code init} was initialised and not yet uninitialised. */
    public synchronized int initCount(Init init) {
        return inits.getOrDefault(init, 0);
    }

    /** True when nothing is held at all. */
    public synchronized boolean isEmpty() {
        return objects.isEmpty() && advises.isEmpty() && buffers.isEmpty() && inits.isEmpty();
    }

    /** Immutable rows for the Open Objects view: inits, objects, advise connections, buffers. */
    public List<LedgerEntry> snapshot() {
        return snapshot(null);
    }

    /**
     * Like {@link #snapshot()}, with each object's reference count taken from {@code refCounts} (handle to
     * the subsystem's count, e.g. from SubsystemDiagnostics) when it has the handle.
     */
    public synchronized List<LedgerEntry> snapshot(Map<Long, Integer> refCounts) {
        List<LedgerEntry> out = new ArrayList<>();
        LedgerEntry.State held = ended ? LedgerEntry.State.LEAKED : LedgerEntry.State.VALID;
        inits.forEach((init, count) -> out.add(new LedgerEntry(
                "init-" + init.name().toLowerCase(Locale.ROOT),
                LedgerEntry.Category.INIT,
                init.function(),
                init.function(),
                "-",
                count,
                0,
                held)));
        Map<String, Integer> perObject = new java.util.HashMap<>();
        advises.values().forEach(a -> perObject.merge(a.sourceId(), 1, Integer::sum));
        for (ObjectRecord r : objects.values()) {
            Integer subsystem = refCounts == null ? null : refCounts.get(r.object.handle());
            LedgerEntry.State st = ended
                    ? LedgerEntry.State.LEAKED
                    : r.invalid() ? LedgerEntry.State.INVALID : LedgerEntry.State.VALID;
            out.add(new LedgerEntry(
                    r.id,
                    LedgerEntry.Category.OBJECT,
                    r.kind().interfaceName(),
                    r.name(),
                    hex(r.object.handle()),
                    subsystem != null ? subsystem : r.clientRefs(),
                    perObject.getOrDefault(r.id, 0),
                    st));
        }
        for (AdviseRecord a : advises.values()) {
            out.add(new LedgerEntry(
                    a.id(), LedgerEntry.Category.ADVISE, "Advise", a.sourceName(), hex(a.connection()), 1, 0, held));
        }
        for (BufferRecord b : buffers.values()) {
            out.add(new LedgerEntry(
                    b.id(),
                    LedgerEntry.Category.BUFFER,
                    "MAPIBuffer",
                    b.name(),
                    hex(b.buffer().address()),
                    1,
                    0,
                    held));
        }
        return out;
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v).toUpperCase(Locale.ROOT);
    }
}
