package dev.mapiworkbench.teardown;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.Ledger;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.trace.TraceCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Workbench's own run as a {@code mapi-workbench/trace/v1} trace (docs/trace.md, "Own runs"): the
 * logon part rebuilt from the client's ledger just before the teardown (each initialisation, the session
 * and every object, advise connection and buffer the client held, with the call that hands it back), then
 * every call the teardown executed with its step, up to MAPIUninitialize / DeinitMapiUtil.
 */
public final class RunTrace {

    /**
     * What the client held when the teardown started.
     *
     * @param initThreads per initialisation, the numbers of the threads that made them (oldest first); an
     *                    initialisation without one ran on {@code thread}
     * @param thread      the thread that logged on and opened the objects (the session's MAPI thread, decision 0450)
     * @param initFlags   MAPIINIT_0.ulFlags the session's MAPIInitialize passed, or null: not known (MAPIInitialize
     *                    is written without arguments)
     * @param logonFlags  the MAPILogonEx ulFlags the session logged on with, or null: not known
     */
    public record Start(
            String backend,
            Map<Ledger.Init, Integer> inits,
            List<Obj> objects,
            List<Adv> advises,
            List<Buf> buffers,
            Map<Ledger.Init, List<Integer>> initThreads,
            int thread,
            Integer initFlags,
            Integer logonFlags) {
        public Start {
            inits = Map.copyOf(inits);
            objects = List.copyOf(objects);
            advises = List.copyOf(advises);
            buffers = List.copyOf(buffers);
            initThreads = Map.copyOf(initThreads);
            thread = thread > 0 ? thread : 1;
        }

        /** A start whose calls all ran on thread 1. */
        public Start(
                String backend,
                Map<Ledger.Init, Integer> inits,
                List<Obj> objects,
                List<Adv> advises,
                List<Buf> buffers) {
            this(backend, inits, objects, advises, buffers, Map.of(), 1, null, null);
        }

        /** The thread of the {@code i}-th initialisation of {@code kind}. */
        int initThread(Ledger.Init kind, int i) {
            List<Integer> threads = initThreads.getOrDefault(kind, List.of());
            return i < threads.size() ? threads.get(i) : thread;
        }
    }

    /** An object: ledger id, role, interface, display name, client references. */
    public record Obj(String id, Ledger.Role role, String iface, String name, int refs) {}

    /** An advise connection on a ledger object. */
    public record Adv(String sourceId, String sourceName, String unadviseApi, long connection, int eventMask) {}

    /** A cached buffer. */
    public record Buf(String name, long address) {}

    private RunTrace() {}

    /** Captures the ledger before the teardown (call it right before starting the teardown). */
    public static Start capture(ClientSession session) {
        Ledger l = session.ledger();
        Map<Ledger.Init, Integer> inits = new LinkedHashMap<>();
        Map<Ledger.Init, List<Integer>> initThreads = new LinkedHashMap<>();
        for (Ledger.Init i : Ledger.Init.values()) {
            inits.put(i, l.initCount(i));
            initThreads.put(i, l.initThreads(i));
        }
        List<Obj> objects = l.objects().stream()
                .map(o -> new Obj(o.id(), o.role(), o.kind().interfaceName(), o.name(), o.clientRefs()))
                .toList();
        List<Adv> advises = l.advises().stream()
                .map(a -> new Adv(a.sourceId(), a.sourceName(), a.unadviseApi(), a.connection(), a.eventMask()))
                .toList();
        List<Buf> buffers = l.buffers().stream()
                .map(b -> new Buf(b.name(), b.buffer().address()))
                .toList();
        int thread = l.initThreads(Ledger.Init.MAPI).stream()
                .findFirst()
                .orElse(session.mapiThread().number());
        LogonOptions o = session.logonOptions();
        return new Start(
                session.backendId(),
                inits,
                objects,
                advises,
                buffers,
                initThreads,
                thread,
                o == null ? null : o.effectiveInitFlags(),
                o == null ? null : o.effectiveLogonFlags());
    }

    /** The whole run as a trace. */
    public static Trace toTrace(Start start, Transcript t) {
        List<TraceCall> calls = new ArrayList<>();
        Map<String, String> byName = new LinkedHashMap<>();
        Map<String, String> byId = new LinkedHashMap<>();
        Map<Long, String> bufByAddress = new LinkedHashMap<>();
        int[] next = {0};
        ThreadHandles threads = new ThreadHandles(next, t.threads());
        String[] init = {"MAPIInitialize", "OleInitialize", "ScInitMapiUtil"};
        Ledger.Init[] kinds = {Ledger.Init.MAPI, Ledger.Init.OLE, Ledger.Init.MAPI_UTIL};
        threads.calls(calls, "before-logon");
        for (int k = 0; k < kinds.length; k++) {
            for (int i = 0; i < start.inits().getOrDefault(kinds[k], 0); i++) {
                Map<String, Object> args = kinds[k] == Ledger.Init.MAPI && start.initFlags() != null
                        ? ScenarioThreadRecords.initArgs(start.initFlags())
                        : Map.of();
                calls.add(call(
                        calls, start.initThread(kinds[k], i), init[k], null, args, Map.of(), Map.of(), null, 0, null));
            }
        }
        String session = null;
        String store = null;
        String outbox = null;
        for (Obj o : start.objects()) {
            String h = "obj:" + ++next[0];
            byName.putIfAbsent(o.name(), h);
            byId.put(o.id(), h);
            String label = o.iface() + " '" + o.name() + "'";
            String[] how = creation(o.role());
            String self = switch (how[0]) {
                case "session" -> session;
                case "store" -> store != null ? store : session;
                case "outbox" -> outbox != null ? outbox : session;
                default -> null;
            };
            // MAPILogonEx with the flags the session logged on with (raw or computed)
            Map<String, Object> args = o.role() == Ledger.Role.SESSION && start.logonFlags() != null
                    ? Map.of("ulFlags", Integer.toUnsignedLong(start.logonFlags()))
                    : Map.of();
            calls.add(call(
                    calls, start.thread(), how[1], self, args, Map.of(how[2], h), Map.of(h, label), null, 0, null));
            for (int i = 1; i < o.refs(); i++) {
                calls.add(call(
                        calls, start.thread(), o.iface() + "::AddRef", h, Map.of(), Map.of(), Map.of(), null, 0, null));
            }
            switch (o.role()) {
                case SESSION -> session = h;
                case STORE -> store = store == null ? h : store;
                case OUTBOX -> outbox = h;
                default -> {}
            }
        }
        byName.put("session", session);
        for (Adv a : start.advises()) {
            String src = byId.get(a.sourceId());
            calls.add(call(
                    calls,
                    start.thread(),
                    a.unadviseApi().replace("::Unadvise", "::Advise"),
                    src,
                    Map.of("ulEventMask", (long) a.eventMask()),
                    Map.of("lpulConnection", a.connection()),
                    Map.of(),
                    null,
                    0,
                    null));
        }
        for (Buf b : start.buffers()) {
            String h = threads.buffer();
            bufByAddress.put(b.address(), h);
            calls.add(call(
                    calls,
                    start.thread(),
                    "MAPIAllocateBuffer",
                    null,
                    Map.of(),
                    Map.of("lppBuffer", h),
                    Map.of(h, b.name()),
                    null,
                    0,
                    null));
        }
        threads.calls(calls, "after-logon");
        threads.calls(calls, "before-teardown");
        for (StepRecord s : t.steps()) {
            for (CallRecord c : s.calls()) {
                String self = null;
                if (c.api().contains("::")) {
                    String target = c.target() == null ? "session" : c.target();
                    self = byName.computeIfAbsent(target, n -> "obj:" + ++next[0]);
                }
                Map<String, Object> args = new LinkedHashMap<>();
                c.args().forEach((k, v) -> args.put(k, arg(k, v, bufByAddress)));
                if (c.api().equals("IMAPISession::Logoff")) {
                    args.put("ulFlags", (long) t.flags().value());
                }
                Integer ret = null;
                if (c.result() != null && c.result().startsWith("refs=")) {
                    ret = Integer.valueOf(c.result().substring(5));
                }
                Map<String, Object> out = Map.of();
                Map<String, String> labels = Map.of();
                if (c.api().endsWith("::QueryInterface") && args.get("riid") instanceof String riid) {
                    // the riid by name (the record adds its GUID); what it hands back is the handle the
                    // later IMAPIClientShutdown calls name ("client shutdown")
                    String iid = riid.split(" ", 2)[0];
                    args.put("riid", iid);
                    if (c.hresultValue() >= 0 && iid.equals("IID_IMAPIClientShutdown")) {
                        String h = byName.computeIfAbsent("client shutdown", n -> "obj:" + ++next[0]);
                        out = Map.of("ppvObject", h);
                        labels = Map.of(h, "IMAPIClientShutdown 'client shutdown'");
                    }
                }
                calls.add(call(
                        calls, c.traceThread(), c.api(), self, args, out, labels, ret, c.hresultValue(), s.id().id()));
            }
        }
        threads.calls(calls, "after-teardown");
        return new Trace(
                "own-run",
                "mapi-workbench own run (backend " + start.backend() + ", plan " + t.plan() + ", mode " + t.mode()
                        + "): logon rebuilt from the client's ledger, teardown as executed",
                calls);
    }

    /**
     * The scenario threads' calls (decision 0550), each on its thread, as they were made: MAPIInitialize and
     * MAPIUninitialize, a buffer allocated and freed ({@code buf:} handles), a session of the thread's own
     * logged on, off and released ({@code obj:} handles) and the calls that failed. The handles are numbered
     * with the session's own, so that every handle names one thing in the whole trace.
     */
    private static final class ThreadHandles {
        private final int[] nextObj;
        private final List<Transcript.ThreadRun> runs;
        private final Map<Integer, String> names = new LinkedHashMap<>();
        private final Map<Integer, String> buffers = new LinkedHashMap<>();
        private final Map<Integer, String> sessions = new LinkedHashMap<>();
        private int nextBuf;

        ThreadHandles(int[] nextObj, List<Transcript.ThreadRun> runs) {
            this.nextObj = nextObj;
            this.runs = runs;
            runs.forEach(r -> names.put(r.thread(), r.name()));
        }

        /** A new buffer handle. */
        String buffer() {
            return "buf:" + ++nextBuf;
        }

        /** The calls made in {@code phase}, in the threads' order. */
        void calls(List<TraceCall> calls, String phase) {
            for (Map.Entry<Integer, Transcript.ThreadCall> e : ScenarioThreadRecords.inPhase(runs, phase)) {
                calls.add(call(calls, e.getKey(), e.getValue()));
            }
        }

        private TraceCall call(List<TraceCall> calls, int thread, Transcript.ThreadCall c) {
            boolean ok = c.hresultValue() >= 0;
            String api = c.api();
            String self = null;
            Map<String, Object> args = new LinkedHashMap<>();
            Map<String, Object> out = new LinkedHashMap<>();
            Map<String, String> labels = new LinkedHashMap<>();
            switch (api) {
                case "MAPIInitialize" ->
                    args.putAll(ScenarioThreadRecords.initArgs(
                            dev.mapiworkbench.mapi.FlagSet.INIT.parse(c.args().getOrDefault("ulFlags", "0"))));
                case "MAPIAllocateBuffer" -> {
                    args.put("cbSize", number(c.args().get("cbSize")));
                    if (ok) {
                        String h = buffer();
                        buffers.put(thread, h);
                        out.put("lppBuffer", h);
                        labels.put(h, "buffer of thread '" + names.get(thread) + "'");
                    }
                }
                case "MAPIFreeBuffer" -> {
                    String h = buffers.remove(thread);
                    args.put("lpBuffer", h != null ? h : c.args().getOrDefault("lpBuffer", "0x0"));
                }
                case "MAPILogonEx" -> {
                    args.put("ulFlags", number(c.args().get("ulFlags")));
                    if (ok) {
                        String h = "obj:" + ++nextObj[0];
                        sessions.put(thread, h);
                        out.put("lppSession", h);
                        labels.put(h, "IMAPISession 'session of thread " + names.get(thread) + "'");
                    }
                }
                case "IMAPISession::Logoff" -> {
                    self = sessions.get(thread);
                    args.put("ulFlags", number(c.args().get("ulFlags")));
                }
                case "IUnknown::Release", "IMAPISession::Release" -> {
                    self = sessions.remove(thread);
                    api = "IMAPISession::Release"; // the thread's own session is what it releases
                }
                default -> c.args().forEach((k, v) -> args.put(k, number(v)));
            }
            return RunTrace.call(calls, thread, api, self, args, out, labels, null, c.hresultValue(), null);
        }

        /** A recorded argument: a number ({@code 64}, {@code 0x00000034}) by value, anything else as written. */
        private static Object number(String v) {
            if (v == null) {
                return 0L;
            }
            String t = v.strip();
            int sp = t.indexOf(' ');
            String n = sp < 0 ? t : t.substring(0, sp);
            try {
                return n.startsWith("0x") ? Long.parseUnsignedLong(n.substring(2), 16) : Long.parseLong(n);
            } catch (NumberFormatException e) {
                return v;
            }
        }
    }

    private static Object arg(String name, String value, Map<Long, String> buffers) {
        if (name.equals("lpBuffer") && value.startsWith("0x")) {
            int sp = value.indexOf(' ');
            String hex = sp < 0 ? value.substring(2) : value.substring(2, sp);
            try {
                String h = buffers.get(Long.parseUnsignedLong(hex.toLowerCase(Locale.ROOT), 16));
                if (h != null) {
                    return h;
                }
            } catch (NumberFormatException e) {
                return value;
            }
        }
        if (name.endsWith("Flags") && value.startsWith("0x")) {
            int sp = value.indexOf(' ');
            return sp < 0 ? value : value.substring(0, sp);
        }
        return value;
    }

    /** {where it is opened from, the API, the out parameter} for a ledger role. */
    private static String[] creation(Ledger.Role role) {
        return switch (role) {
            case SESSION -> new String[] {"none", "MAPILogonEx", "lppSession"};
            case MESSAGE_STORES_TABLE -> new String[] {"session", "IMAPISession::GetMsgStoresTable", "lppTable"};
            case STORE -> new String[] {"session", "IMAPISession::OpenMsgStore", "lppMDB"};
            case OUTBOX -> new String[] {"store", "IMsgStore::OpenEntry", "lppUnk"};
            case OUTBOX_TABLE -> new String[] {"outbox", "IMAPIFolder::GetContentsTable", "lppTable"};
            case ADDRESS_BOOK -> new String[] {"session", "IMAPISession::OpenAddressBook", "lppAdrBook"};
            case STATUS_TABLE -> new String[] {"session", "IMAPISession::GetStatusTable", "lppTable"};
            case MESSAGE -> new String[] {"outbox", "IMAPIFolder::CreateMessage", "lppMessage"};
            case ADVISE_SINK -> new String[] {"none", "HrAllocAdviseSink", "lppAdviseSink"};
            default -> new String[] {"session", "IMAPISession::OpenEntry", "lppUnk"};
        };
    }

    private static TraceCall call(
            List<TraceCall> calls,
            int thread,
            String api,
            String self,
            Map<String, Object> args,
            Map<String, Object> out,
            Map<String, String> labels,
            Integer ret,
            int hr,
            String step) {
        return new TraceCall(calls.size() + 1, thread, api, self, args, out, hr, ret, 0, step, false, labels);
    }
}
