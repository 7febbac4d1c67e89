package dev.mapiworkbench.trace;

import dev.mapiworkbench.mapi.AddrBook;
import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.ClientShutdown;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiProp;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Performs a trace's calls against a {@link MapiRuntime} (the simulator) — docs/trace.md, "Replay", decision
 * 0240. Handles are mapped onto the objects, buffers and connection numbers the runtime hands back; the
 * calls run in the trace's order, each trace thread on one thread of its own. Where the runtime answers
 * differently from what the trace recorded (another HRESULT, another reference count, a call that blocks) a
 * {@link Difference} says so; calls the replayer cannot perform are listed as not replayed, never dropped
 * silently. The replayed run is itself a trace (the runtime's HRESULTs), for the linter.
 */
public final class Replayer {

    /** One place where the runtime's behaviour differs from the trace. */
    public record Difference(long seq, int line, String api, String recorded, String replayed, String detail) {
        /** {@code seq 7 IMAPISession::OpenMsgStore: trace S_OK, simulator MAPI_E_END_OF_SESSION (…)}. */
        public String describe() {
            return "seq " + seq + " " + api + ": trace " + recorded + ", simulator " + replayed
                    + (detail == null || detail.isBlank() ? "" : " (" + detail + ")");
        }
    }

    /** A call the replayer did not perform, and why. */
    public record NotReplayed(long seq, int line, String api, String reason) {
        public String describe() {
            return "seq " + seq + " " + api + ": not replayed: " + reason;
        }
    }

    /**
     * What the replay found.
     *
     * @param replayed    the replayed run as a trace (the runtime's HRESULTs and counts, the trace's handles)
     * @param differences where the runtime differs from the trace, in call order
     * @param notReplayed calls not performed, in call order
     * @param leaks       the runtime's leak report after the last call
     * @param faults      the faults the runtime noticed (what the real subsystem would show as misbehaviour)
     * @param stillLive   objects the runtime still has alive after the last call
     */
    public record Result(
            Trace replayed,
            List<Difference> differences,
            List<NotReplayed> notReplayed,
            List<SubsystemDiagnostics.Leak> leaks,
            List<SubsystemDiagnostics.Fault> faults,
            List<SubsystemDiagnostics.ObjectInfo> stillLive) {
        public Result {
            differences = List.copyOf(differences);
            notReplayed = List.copyOf(notReplayed);
            leaks = List.copyOf(leaks);
            faults = List.copyOf(faults);
            stillLive = List.copyOf(stillLive);
        }

        /** No difference and no leak. */
        public boolean agrees() {
            return differences.isEmpty() && leaks.isEmpty();
        }
    }

    /** A client-side advise sink (HrAllocAdviseSink): the runtime never sees it, only its callbacks. */
    private static final class LocalSink implements AdviseSink {
        int refs = 1;

        @Override
        public int onNotify(List<dev.mapiworkbench.mapi.Notification> notifications) {
            return 0;
        }
    }

    /** The answer of one replayed call. */
    private record Answer(int hr, Integer ret, Map<String, Object> out, String detail) {
        static Answer ok() {
            return new Answer(0, null, Map.of(), null);
        }
    }

    /** A call the replayer cannot perform (its reason goes into {@link NotReplayed}). */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    private final MapiRuntime runtime;
    private final Duration callTimeout;
    private final Map<String, Object> objects = new HashMap<>();
    private final Map<String, MapiBuffer> buffers = new HashMap<>();
    private final Map<String, byte[]> bufferData = new HashMap<>();
    private final Map<String, Long> connections = new HashMap<>();
    private final Map<String, String> failedHandles = new HashMap<>();

    /**
     * @param runtime     the runtime to perform the calls on (not yet initialised: the trace's MAPIInitialize does it)
     * @param callTimeout how long one call may take before it counts as blocked and its thread is abandoned
     */
    public Replayer(MapiRuntime runtime, Duration callTimeout) {
        this.runtime = runtime;
        this.callTimeout = callTimeout;
    }

    /** Replays every call of {@code trace} in order; returns what differed. */
    public Result replay(Trace trace) {
        List<Difference> diffs = new ArrayList<>();
        List<NotReplayed> skipped = new ArrayList<>();
        List<TraceCall> replayed = new ArrayList<>();
        Map<Integer, ExecutorService> threads = new LinkedHashMap<>();
        Map<Integer, Long> blocked = new HashMap<>();
        try {
            for (TraceCall c : trace.calls()) {
                if (c.synthetic()) {
                    skipped.add(new NotReplayed(
                            c.seq(), c.line(), c.api(), "a synthetic line (what the client held before the trace)"));
                    continue;
                }
                Long blockedAt = blocked.get(c.thread());
                if (blockedAt != null) {
                    skipped.add(new NotReplayed(
                            c.seq(),
                            c.line(),
                            c.api(),
                            "thread " + c.thread() + " is still blocked in the call of seq " + blockedAt));
                    continue;
                }
                String missing = missingHandle(c);
                if (missing != null) {
                    skipped.add(new NotReplayed(c.seq(), c.line(), c.api(), missing));
                    continue;
                }
                ExecutorService ex = threads.computeIfAbsent(
                        c.thread(),
                        t -> Executors.newSingleThreadExecutor(r -> {
                            Thread th = new Thread(r, "replay-thread-" + t);
                            th.setDaemon(true);
                            return th;
                        }));
                Future<Answer> f = ex.submit(() -> perform(c));
                Answer a;
                try {
                    a = f.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    blocked.put(c.thread(), c.seq());
                    diffs.add(new Difference(
                            c.seq(),
                            c.line(),
                            c.api(),
                            MapiNames.hresultName(c.hr()),
                            "no return",
                            "the call blocked for more than " + callTimeout.toMillis() + " ms; thread " + c.thread()
                                    + " is abandoned"));
                    continue;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Unsupported u) {
                        skipped.add(new NotReplayed(c.seq(), c.line(), c.api(), u.getMessage()));
                        continue;
                    }
                    a = new Answer(HResult.MAPI_E_CALL_FAILED.value(), null, Map.of(), String.valueOf(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                compare(c, a, diffs);
                replayed.add(new TraceCall(
                        c.seq(),
                        c.thread(),
                        c.api(),
                        c.self(),
                        c.args(),
                        a.hr() < 0 ? Map.of() : c.out(),
                        a.hr(),
                        a.ret(),
                        c.line(),
                        c.step(),
                        false,
                        c.labels()));
            }
        } finally {
            threads.values().forEach(ExecutorService::shutdownNow);
        }
        SubsystemDiagnostics diag =
                runtime.capability(SubsystemDiagnostics.class).orElse(null);
        return new Result(
                new Trace(trace.name(), "replay on " + runtime.backendId() + " of: " + trace.source(), replayed),
                diffs,
                skipped,
                diag == null ? List.of() : diag.leaks(),
                diag == null ? List.of() : diag.faults(),
                diag == null ? List.of() : diag.liveObjects());
    }

    /** Why a call cannot run because a handle it names has no counterpart, or null. */
    private String missingHandle(TraceCall c) {
        if (c.self() != null && !objects.containsKey(c.self())) {
            String why = failedHandles.get(c.self());
            return c.self() + " has no simulated object"
                    + (why != null ? " (" + why + ")" : " (the trace never handed it back)");
        }
        return null;
    }

    private void compare(TraceCall c, Answer a, List<Difference> diffs) {
        if (a.hr() != c.hr()) {
            diffs.add(new Difference(
                    c.seq(),
                    c.line(),
                    c.api(),
                    MapiNames.hresultName(c.hr()),
                    MapiNames.hresultName(a.hr()),
                    a.detail()));
            if (c.hr() >= 0 && a.hr() < 0) {
                c.out().values().stream()
                        .filter(v -> v instanceof String)
                        .map(String.class::cast)
                        .forEach(h -> failedHandles.put(h, "its call, seq " + c.seq() + ", failed on the simulator"));
            }
        } else if (c.ret() != null && a.ret() != null && !c.ret().equals(a.ret())) {
            diffs.add(new Difference(
                    c.seq(),
                    c.line(),
                    c.api(),
                    "returned " + c.ret(),
                    "returned " + a.ret(),
                    "a different reference count"));
        }
    }

    // ---- performing one call (on the trace thread's own thread) ---------------------------------------

    private Answer perform(TraceCall c) {
        try {
            Answer a = c.isMethod() ? method(c) : function(c);
            if (c.failed() && a.hr() >= 0) {
                // the client saw a failure and never got what the simulator handed back: give it back now
                undo(c, a);
            }
            return a;
        } catch (MapiException e) {
            return new Answer(e.hresult().value(), null, Map.of(), e.getMessage());
        }
    }

    /** The trace's call failed but the simulator's succeeded: release what the client never received. */
    private void undo(TraceCall c, Answer a) {
        for (Object v : a.out().values()) {
            if (v instanceof MapiSession s) {
                s.logoff(0, 0, 0);
                s.release();
            } else if (v instanceof MapiUnknown u) {
                u.release();
            } else if (v instanceof MapiBuffer b) {
                runtime.mapiFreeBuffer(b);
            }
        }
        if (c.method().equals("MAPIInitialize")) {
            runtime.mapiUninitialize();
        }
        c.out().values().forEach(h -> {
            if (h instanceof String s) {
                objects.remove(s);
                buffers.remove(s);
                failedHandles.put(s, "its call, seq " + c.seq() + ", failed in the trace");
            }
        });
    }

    private Answer function(TraceCall c) {
        Map<String, Object> args = c.args();
        switch (c.api()) {
            case "MAPIInitialize" -> {
                Object init = args.get("lpMapiInit");
                MapiInit mi = init instanceof Map<?, ?> m
                        ? new MapiInit((int) number(m.get("ulVersion")), c.flagArg("lpMapiInit"))
                        : null;
                runtime.mapiInitialize(mi);
                return Answer.ok();
            }
            case "MAPIUninitialize" -> {
                runtime.mapiUninitialize();
                return Answer.ok();
            }
            case "MAPILogonEx" -> {
                int flags = args.containsKey("ulFlags")
                        ? c.flagArg("ulFlags")
                        : MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_USE_DEFAULT;
                MapiSession s = runtime.mapiLogonEx(
                        number(args.get("ulUIParam")),
                        text(args.get("lpszProfileName")),
                        text(args.get("lpszPassword")),
                        flags);
                return handedBack(c, s);
            }
            case "MAPIAllocateBuffer" -> {
                return handedBack(c, runtime.mapiAllocateBuffer(size(args.get("cbSize"))));
            }
            case "MAPIAllocateMore" -> {
                MapiBuffer parent = buffer(args.get("lpObject"));
                return handedBack(c, runtime.mapiAllocateMore(size(args.get("cbSize")), parent));
            }
            case "MAPIFreeBuffer", "FreeProws", "FreePadrlist" -> {
                Object h = args.values().stream()
                        .filter(v -> v instanceof String s
                                && TraceReader.BUF.matcher(s).matches())
                        .findFirst()
                        .orElse(null);
                if (h == null) {
                    runtime.mapiFreeBuffer(null);
                    return Answer.ok();
                }
                MapiBuffer b = buffers.get(h);
                if (b == null) {
                    throw new Unsupported(h + " has no simulated buffer"
                            + (failedHandles.containsKey(h) ? " (" + failedHandles.get(h) + ")" : ""));
                }
                runtime.mapiFreeBuffer(b);
                return Answer.ok();
            }
            case "ScInitMapiUtil" -> {
                runtime.scInitMapiUtil(c.flagArg("ulFlags"));
                return Answer.ok();
            }
            case "DeinitMapiUtil" -> {
                runtime.deinitMapiUtil();
                return Answer.ok();
            }
            case "OleInitialize" -> {
                return new Answer(runtime.oleInitialize().value(), null, Map.of(), null);
            }
            case "OleUninitialize" -> {
                runtime.oleUninitialize();
                return Answer.ok();
            }
            case "HrAllocAdviseSink", "HrThisThreadAdviseSink" -> {
                return handedBack(c, new LocalSink());
            }
            case "HrQueryAllRows" -> {
                MapiTable t = as(MapiTable.class, args.get("lpTable"), "lpTable");
                List<Row> rows = t.queryRows(Integer.MAX_VALUE, 0);
                return handedBack(c, runtime.mapiAllocateBuffer(Math.max(8, rows.size() * 8)));
            }
            case "HrGetOneProp" -> {
                MapiProp p = as(MapiProp.class, args.get("lpMapiProp"), "lpMapiProp");
                int tag = (int) number(args.get("ulPropTag"));
                PropValue v = p.getProp(tag);
                byte[] data = v.value() instanceof byte[] b ? b : new byte[8];
                MapiBuffer buf = runtime.mapiAllocateBuffer(Math.max(1, data.length));
                buf.write(data);
                Answer a = handedBack(c, buf);
                outBuffer(c).ifPresent(h -> bufferData.put(h, data));
                return a;
            }
            default -> throw new Unsupported("the replayer has no " + c.api());
        }
    }

    private Answer method(TraceCall c) {
        Object self = objects.get(c.self());
        String m = c.method();
        if (self instanceof LocalSink sink) {
            return switch (m) {
                case "AddRef" -> new Answer(0, ++sink.refs, Map.of(), null);
                case "Release" -> {
                    sink.refs = Math.max(0, sink.refs - 1);
                    if (sink.refs == 0) {
                        objects.remove(c.self());
                    }
                    yield new Answer(0, sink.refs, Map.of(), null);
                }
                default -> throw new Unsupported("a client-side advise sink has no " + m + " to replay");
            };
        }
        MapiUnknown u = (MapiUnknown) self;
        Map<String, Object> args = c.args();
        switch (m) {
            case "AddRef" -> {
                return new Answer(0, u.addRef(), Map.of(), null);
            }
            case "Release" -> {
                int left = u.release();
                if (left == 0) {
                    objects.remove(c.self());
                }
                return new Answer(0, left, Map.of(), null);
            }
            case "QueryInterface" -> {
                return queryInterface(c, u);
            }
            case "Advise" -> {
                EntryId id = entryId(args.get("lpEntryID"));
                int mask = c.flagArg("ulEventMask");
                AdviseSink sink = args.get("lpAdviseSink") instanceof String h && objects.get(h) instanceof AdviseSink s
                        ? s
                        : new LocalSink();
                long conn;
                if (u instanceof MapiSession s) {
                    conn = s.advise(id, mask, sink);
                } else if (u instanceof MsgStore s) {
                    conn = s.advise(id, mask, sink);
                } else if (u instanceof MapiTable t) {
                    conn = t.advise(mask, sink);
                } else if (u instanceof AddrBook b) {
                    conn = b.advise(id, mask, sink);
                } else {
                    throw new Unsupported(u.kind().interfaceName() + " has no Advise in the model");
                }
                c.out().values().stream()
                        .filter(Number.class::isInstance)
                        .findFirst()
                        .ifPresent(n -> connections.put(c.self() + "#" + ((Number) n).longValue(), conn));
                return Answer.ok();
            }
            case "Unadvise" -> {
                long recorded = number(args.get("ulConnection"));
                Long conn = connections.remove(c.self() + "#" + recorded);
                long real = conn == null ? recorded : conn;
                if (u instanceof MapiSession s) {
                    s.unadvise(real);
                } else if (u instanceof MsgStore s) {
                    s.unadvise(real);
                } else if (u instanceof MapiTable t) {
                    t.unadvise(real);
                } else if (u instanceof AddrBook b) {
                    b.unadvise(real);
                } else {
                    throw new Unsupported(u.kind().interfaceName() + " has no Unadvise in the model");
                }
                return Answer.ok();
            }
            case "OpenEntry" -> {
                EntryId id = entryId(args.get("lpEntryID"));
                int flags = c.flagArg("ulFlags");
                MapiUnknown o;
                if (u instanceof MapiSession s) {
                    o = s.openEntry(id, flags);
                } else if (u instanceof MsgStore s) {
                    o = s.openEntry(id, flags);
                } else {
                    throw new Unsupported(u.kind().interfaceName() + " has no OpenEntry in the model");
                }
                return handedBack(c, o);
            }
            case "GetProps", "SaveChanges" -> {
                MapiProp p = as(MapiProp.class, c.self(), "this");
                if (m.equals("SaveChanges")) {
                    p.saveChanges(c.flagArg("ulFlags"));
                    return Answer.ok();
                }
                p.getProps(PropTag.PR_DISPLAY_NAME_W);
                return handedBack(c, runtime.mapiAllocateBuffer(8));
            }
            default -> {
                return typed(c, u, m, args);
            }
        }
    }

    private Answer typed(TraceCall c, MapiUnknown u, String m, Map<String, Object> args) {
        int flags = c.flagArg("ulFlags");
        if (u instanceof MapiSession s) {
            switch (m) {
                case "GetMsgStoresTable" -> {
                    return handedBack(c, s.getMsgStoresTable(flags));
                }
                case "OpenMsgStore" -> {
                    EntryId id = entryId(args.get("lpEntryID"));
                    return handedBack(
                            c, s.openMsgStore(number(args.get("ulUIParam")), id == null ? defaultStore(s) : id, flags));
                }
                case "OpenAddressBook" -> {
                    return handedBack(c, s.openAddressBook(number(args.get("ulUIParam")), flags));
                }
                case "GetStatusTable" -> {
                    return handedBack(c, s.getStatusTable(flags));
                }
                case "Logoff" -> {
                    s.logoff(number(args.get("ulUIParam")), flags, (int) number(args.get("ulReserved")));
                    return Answer.ok();
                }
                default -> {}
            }
        } else if (u instanceof MsgStore s) {
            switch (m) {
                case "StoreLogoff" -> {
                    int in = c.flagArg("lpulFlags");
                    s.storeLogoff(in == 0 ? MapiFlags.LOGOFF_NO_WAIT : in);
                    return Answer.ok();
                }
                case "AbortSubmit" -> {
                    s.abortSubmit(entryId(args.get("lpEntryID")), flags);
                    return Answer.ok();
                }
                case "GetReceiveFolder" -> {
                    s.getReceiveFolder(text(args.get("lpszMessageClass")), flags);
                    return Answer.ok();
                }
                default -> {}
            }
        } else if (u instanceof MapiFolder f) {
            switch (m) {
                case "GetContentsTable" -> {
                    return handedBack(c, f.getContentsTable(flags));
                }
                case "CreateMessage" -> {
                    return handedBack(c, f.createMessage(flags));
                }
                default -> {}
            }
        } else if (u instanceof MapiTable t) {
            switch (m) {
                case "SetColumns" -> {
                    t.setColumns(new int[] {PropTag.PR_ENTRYID}, flags);
                    return Answer.ok();
                }
                case "QueryRows" -> {
                    List<Row> rows = t.queryRows((int) number(args.get("lRowCount")), flags);
                    return handedBack(c, runtime.mapiAllocateBuffer(Math.max(8, rows.size() * 8)));
                }
                case "GetRowCount" -> {
                    t.getRowCount(flags);
                    return Answer.ok();
                }
                case "SeekRow" -> {
                    t.seekRow((int) number(args.get("bkOrigin")), (int) number(args.get("lRowCount")));
                    return Answer.ok();
                }
                default -> {}
            }
        } else if (u instanceof MapiMessage msg && m.equals("SubmitMessage")) {
            msg.submitMessage(flags);
            return Answer.ok();
        } else if (u instanceof ClientShutdown cs) {
            switch (m) {
                case "QueryFastShutdown" -> {
                    cs.queryFastShutdown();
                    return Answer.ok();
                }
                case "NotifyProcessShutdown" -> {
                    cs.notifyProcessShutdown();
                    return Answer.ok();
                }
                case "DoFastShutdown" -> {
                    cs.doFastShutdown();
                    return Answer.ok();
                }
                default -> {}
            }
        }
        throw new Unsupported(
                "the replayer has no " + m + " for " + u.kind().interfaceName() + " (" + u.displayName() + ")");
    }

    private Answer queryInterface(TraceCall c, MapiUnknown u) {
        String riid = text(c.args().get("riid"));
        String iface = riid == null ? null : riid.startsWith("IID_") ? riid.substring(4) : riid;
        if ("IMAPIClientShutdown".equals(iface) && u instanceof MapiSession s) {
            return handedBack(c, s.queryClientShutdown());
        }
        if (iface == null || iface.equals("IUnknown") || iface.equals(u.kind().interfaceName())) {
            u.addRef();
            return handedBack(c, u);
        }
        return new Answer(
                HResult.MAPI_E_INTERFACE_NOT_SUPPORTED.value(),
                null,
                Map.of(),
                u.kind().interfaceName() + " does not hand out " + iface + " in the model");
    }

    /** Maps the call's {@code out} handle (the first obj:/buf:) onto what the runtime handed back. */
    private Answer handedBack(TraceCall c, Object value) {
        Map<String, Object> got = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : c.out().entrySet()) {
            if (e.getValue() instanceof String h) {
                got.put(e.getKey(), value);
                if (value instanceof MapiBuffer b) {
                    buffers.put(h, b);
                } else {
                    objects.put(h, value);
                }
                failedHandles.remove(h);
                return new Answer(0, null, got, null);
            }
        }
        // the trace names no handle for it: the client dropped it; keep the reference the runtime gave
        got.put("", value);
        return new Answer(0, null, got, null);
    }

    private java.util.Optional<String> outBuffer(TraceCall c) {
        return c.out().values().stream()
                .filter(v -> v instanceof String s && TraceReader.BUF.matcher(s).matches())
                .map(String.class::cast)
                .findFirst();
    }

    private static EntryId defaultStore(MapiSession s) {
        MapiTable t = s.getMsgStoresTable(0);
        try {
            t.setColumns(new int[] {PropTag.PR_ENTRYID, PropTag.PR_DEFAULT_STORE}, 0);
            List<Row> rows = t.queryRows(100, 0);
            return rows.stream()
                    .filter(r -> r.find(PropTag.PR_DEFAULT_STORE)
                            .map(PropValue::asBoolean)
                            .orElse(false))
                    .findFirst()
                    .or(() -> rows.stream().findFirst())
                    .map(r -> r.get(PropTag.PR_ENTRYID).asEntryId())
                    .orElseThrow(() -> new MapiException(
                            HResult.MAPI_E_NOT_FOUND, "IMAPISession::OpenMsgStore", "the profile has no store"));
        } finally {
            t.release();
        }
    }

    private <T> T as(Class<T> type, Object handle, String arg) {
        Object o = handle instanceof String h ? objects.get(h) : null;
        if (!type.isInstance(o)) {
            throw new Unsupported(arg + " " + handle + " is not a simulated " + type.getSimpleName());
        }
        return type.cast(o);
    }

    private MapiBuffer buffer(Object handle) {
        MapiBuffer b = handle instanceof String h ? buffers.get(h) : null;
        if (b == null) {
            throw new Unsupported(handle + " has no simulated buffer");
        }
        return b;
    }

    /** An entry id: null, hex bytes, or a buffer the replay filled (HrGetOneProp). */
    private EntryId entryId(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s && TraceReader.BUF.matcher(s).matches()) {
            byte[] data = bufferData.get(s);
            if (data == null) {
                throw new Unsupported("the entry id in " + s + " is not known to the replay");
            }
            return new EntryId(data);
        }
        String hex = String.valueOf(v).trim();
        try {
            return new EntryId(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new Unsupported("the entry id '" + hex + "' is not hex bytes");
        }
    }

    private static String text(Object v) {
        return v == null ? null : String.valueOf(v);
    }

    private static int size(Object v) {
        long n = number(v);
        return n <= 0 ? 16 : (int) Math.min(n, 1 << 20);
    }

    /** A number given as a JSON number, {@code "0x1"}, {@code "7"}; 0 when absent or not a number. */
    static long number(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            try {
                return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
            } catch (NumberFormatException e) {
                try {
                    return Integer.toUnsignedLong(MapiNames.parseFlags(s));
                } catch (IllegalArgumentException e2) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
