package dev.mapiworkbench.trace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The client's ledger rebuilt from its calls (docs/trace.md, "How the ledger is rebuilt"): objects and the
 * references the client holds, advise connections, MAPI buffers, and initialisations per thread.
 * {@link #apply} one call after the other; the queries describe the state after the last call applied.
 * A failed call (FAILED(hr)) hands nothing back. Handles the trace never created (a trace that starts in
 * the middle of a session) are tolerated: releasing one is taken as its final release.
 */
public final class TraceLedger {

    /** The library initialisations counted per thread. */
    public enum Lib {
        MAPI,
        OLE,
        MAPI_UTIL
    }

    /** One object the client holds. */
    public static final class Obj {
        private final String handle;
        private final long seq;
        private final String createdBy;
        private String iface;
        private String label;
        private String session;
        private int refs = 1;
        private boolean storeLoggedOff;
        private boolean loggedOff;

        Obj(String handle, long seq, String createdBy, String iface, String label) {
            this.handle = handle;
            this.seq = seq;
            this.createdBy = createdBy;
            this.iface = iface;
            this.label = label;
        }

        public String handle() {
            return handle;
        }

        /** The seq of the call that handed it back. */
        public long seq() {
            return seq;
        }

        /** The API that handed it back. */
        public String createdBy() {
            return createdBy;
        }

        /** Its interface, when the trace tells ({@code IUnknown} when not). */
        public String iface() {
            return iface;
        }

        /** The references the client holds. */
        public int refs() {
            return refs;
        }

        /** The session it was opened from (itself for a session), or null when unknown. */
        public String session() {
            return session;
        }

        public boolean isSession() {
            return "IMAPISession".equals(iface);
        }

        public boolean isStore() {
            return "IMsgStore".equals(iface);
        }

        /** IMsgStore::StoreLogoff succeeded on it. */
        public boolean storeLoggedOff() {
            return storeLoggedOff;
        }

        /** For a session: IMAPISession::Logoff was called on it. */
        public boolean loggedOff() {
            return loggedOff;
        }

        /** {@code IMsgStore obj:2 (IMAPISession::OpenMsgStore, seq 7)}, or the trace's label. */
        public String describe() {
            if (label != null) {
                return label;
            }
            return iface + " " + handle + (createdBy == null ? "" : " (" + createdBy + ", seq " + seq + ")");
        }
    }

    /** A live advise connection. */
    public record Connection(String source, String connection, String sink, long seq, String label) {
        /** {@code connection 3 on obj:2 (seq 9)}, or the trace's label. */
        public String describe() {
            return label != null ? label : "connection " + connection + " on " + source + " (seq " + seq + ")";
        }
    }

    /** A live MAPI buffer. */
    public record Buffer(String handle, long seq, String createdBy, String label) {
        /** {@code buf:1 (MAPIAllocateBuffer, seq 4)}, or the trace's label. */
        public String describe() {
            return label != null ? label : handle + " (" + createdBy + ", seq " + seq + ")";
        }
    }

    /** What {@link #apply} did that rules look at. */
    public record Effect(Obj finalRelease, Obj loggedOffSession) {
        static final Effect NONE = new Effect(null, null);
    }

    private static final Map<String, String> CREATES = Map.ofEntries(
            Map.entry("MAPILogonEx", "IMAPISession"),
            Map.entry("OpenMsgStore", "IMsgStore"),
            Map.entry("OpenAddressBook", "IAddrBook"),
            Map.entry("GetMsgStoresTable", "IMAPITable"),
            Map.entry("GetStatusTable", "IMAPITable"),
            Map.entry("GetContentsTable", "IMAPITable"),
            Map.entry("GetHierarchyTable", "IMAPITable"),
            Map.entry("GetReceiveFolderTable", "IMAPITable"),
            Map.entry("GetRecipientTable", "IMAPITable"),
            Map.entry("GetAttachmentTable", "IMAPITable"),
            Map.entry("CreateMessage", "IMessage"),
            Map.entry("CreateFolder", "IMAPIFolder"),
            Map.entry("HrAllocAdviseSink", "IMAPIAdviseSink"),
            Map.entry("HrThisThreadAdviseSink", "IMAPIAdviseSink"));

    private static final Set<String> FREES = Set.of("MAPIFreeBuffer", "FreeProws", "FreePadrlist");

    private final Map<String, Obj> objects = new LinkedHashMap<>();
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final Map<Integer, Map<Lib, Integer>> inits = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();

    /** Applies one call and returns what it did. */
    public Effect apply(TraceCall c) {
        labels.putAll(c.labels());
        String method = c.method();
        Obj self = c.self() == null ? null : objects.get(c.self());
        if (self != null && c.isMethod() && "IUnknown".equals(self.iface) && !"IUnknown".equals(c.iface())) {
            self.iface = c.iface();
        }
        if (c.isMethod() && method.equals("Release")) {
            return release(c, self);
        }
        if (c.isMethod() && method.equals("AddRef")) {
            if (self != null) {
                self.refs++;
            }
            return Effect.NONE;
        }
        if (c.failed()) {
            return Effect.NONE;
        }
        Effect effect = Effect.NONE;
        switch (method) {
            case "Logoff" -> {
                if (self != null) {
                    self.loggedOff = true;
                    effect = new Effect(null, self);
                }
            }
            case "StoreLogoff" -> {
                if (self != null) {
                    self.storeLoggedOff = true;
                }
            }
            case "Unadvise" ->
                connections.remove(
                        key(c.self(), String.valueOf(connection(c.args().get("ulConnection")))));
            case "MAPIInitialize" -> increment(c.thread(), Lib.MAPI);
            case "MAPIUninitialize" -> decrement(c.thread(), Lib.MAPI);
            case "OleInitialize" -> increment(c.thread(), Lib.OLE);
            case "OleUninitialize" -> decrement(c.thread(), Lib.OLE);
            case "ScInitMapiUtil" -> increment(c.thread(), Lib.MAPI_UTIL);
            case "DeinitMapiUtil" -> decrement(c.thread(), Lib.MAPI_UTIL);
            default -> {
                if (!c.isMethod() && FREES.contains(method)) {
                    c.args().values().stream()
                            .filter(v -> v instanceof String s
                                    && Handles.BUF.matcher(s).matches())
                            .findFirst()
                            .ifPresent(buffers::remove);
                }
            }
        }
        for (Map.Entry<String, Object> e : c.out().entrySet()) {
            Object v = e.getValue();
            if (v instanceof String h && Handles.OBJ.matcher(h).matches()) {
                handedBack(c, h, self);
            } else if (v instanceof String h && Handles.BUF.matcher(h).matches()) {
                buffers.put(h, new Buffer(h, c.seq(), c.api(), labels.get(h)));
            } else if (v instanceof Number n && method.equals("Advise") && c.self() != null) {
                String conn = String.valueOf(n.longValue());
                Object sink = c.args().get("lpAdviseSink");
                String sinkHandle =
                        sink instanceof String s && Handles.OBJ.matcher(s).matches() ? s : null;
                String k = key(c.self(), conn);
                connections.put(k, new Connection(c.self(), conn, sinkHandle, c.seq(), labels.get(k)));
            }
        }
        return effect;
    }

    private Effect release(TraceCall c, Obj self) {
        if (self == null) {
            // never handed back in this trace: take it as its final release (a trace begun mid-session)
            if (c.self() == null) {
                return Effect.NONE;
            }
            Obj ghost = new Obj(c.self(), 0, null, c.iface(), labels.get(c.self()));
            ghost.refs = 0;
            return new Effect(ghost, null);
        }
        self.refs--;
        if (self.refs > 0) {
            return Effect.NONE;
        }
        objects.remove(self.handle);
        return new Effect(self, null);
    }

    private void handedBack(TraceCall c, String h, Obj self) {
        Obj existing = objects.get(h);
        if (existing != null) {
            existing.refs++;
            return;
        }
        String iface = null;
        if (c.method().equals("QueryInterface")) {
            Object riid = c.args().get("riid");
            if (riid instanceof String s) {
                iface = s.startsWith("IID_") ? s.substring(4) : s;
            }
        }
        if (iface == null) {
            iface = CREATES.getOrDefault(c.method(), "IUnknown");
        }
        Obj o = new Obj(h, c.seq(), c.api(), iface, labels.get(h));
        if (o.isSession()) {
            o.session = h;
        } else if (self != null) {
            o.session = self.session;
        }
        objects.put(h, o);
    }

    private static String key(String source, String conn) {
        return source + "#" + conn;
    }

    /** A connection number given as a number, {@code 0x3} or {@code 3}. */
    private static Object connection(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            try {
                return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            } catch (NumberFormatException e) {
                return s;
            }
        }
        return v;
    }

    private Map<Lib, Integer> counts(int thread) {
        return inits.computeIfAbsent(thread, t -> new EnumMap<>(Lib.class));
    }

    private void increment(int thread, Lib lib) {
        counts(thread).merge(lib, 1, Integer::sum);
    }

    private void decrement(int thread, Lib lib) {
        counts(thread).computeIfPresent(lib, (k, v) -> v <= 1 ? null : v - 1);
    }

    // ---- queries ------------------------------------------------------------------------------

    /** The object a handle names, if the client holds it. */
    public Obj object(String handle) {
        return handle == null ? null : objects.get(handle);
    }

    /** Objects the client holds, in the order they were handed back. */
    public List<Obj> objects() {
        return new ArrayList<>(objects.values());
    }

    /** Live advise connections in the order they were made. */
    public List<Connection> connections() {
        return new ArrayList<>(connections.values());
    }

    /** Live connections whose sink is {@code sink}. */
    public List<Connection> connectionsUsing(String sink) {
        return connections.values().stream().filter(c -> sink.equals(c.sink())).toList();
    }

    /** Live buffers in the order they were handed back. */
    public List<Buffer> buffers() {
        return new ArrayList<>(buffers.values());
    }

    /** How many times {@code lib} is initialised on {@code thread} (0 when never). */
    public int initCount(int thread, Lib lib) {
        Map<Lib, Integer> c = inits.get(thread);
        return c == null ? 0 : c.getOrDefault(lib, 0);
    }

    /** Threads that called an initialisation, in the order they first did. */
    public Set<Integer> threads() {
        return inits.keySet();
    }

    /** The display name the trace gave a handle, or null. */
    public String label(String handle) {
        return labels.get(handle);
    }
}
