package dev.mapiworkbench.trace;

import dev.mapiworkbench.trace.CppExpr.AddrOf;
import dev.mapiworkbench.trace.CppExpr.Call;
import dev.mapiworkbench.trace.CppExpr.Deref;
import dev.mapiworkbench.trace.CppExpr.Name;
import dev.mapiworkbench.trace.CppExpr.Null;
import dev.mapiworkbench.trace.CppExpr.Num;
import dev.mapiworkbench.trace.CppExpr.Or;
import dev.mapiworkbench.trace.CppExpr.Other;
import dev.mapiworkbench.trace.CppExpr.Str;
import dev.mapiworkbench.trace.CppTokens.Token;
import dev.mapiworkbench.trace.CppTraceParser.CppSyntaxException;
import dev.mapiworkbench.trace.CppTraceParser.Unknown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the calls {@link CppStatements} reads into trace calls (decision 0241): each known function or method
 * becomes a {@link TraceCall} with its arguments named as in C, {@code &var} in an out position hands back a
 * new handle, and every call is fed to a {@link TraceLedger}, whose view of what the call handed back (its
 * interface) types the variable from then on. Variables used before any call handed them back become
 * synthetic lines at the start ({@link #prologue}); calls the format does not know are listed, never dropped.
 */
final class CppCalls {

    private final String file;
    private final List<TraceCall> calls = new ArrayList<>();
    private final List<Unknown> unknown = new ArrayList<>();
    /** variable -> obj:/buf: handle or connection number (Long). */
    private final Map<String, Object> vars = new HashMap<>();

    private final Map<String, String> declaredIface = new HashMap<>();
    /** variable -> the flag expression it was initialised or assigned with. */
    private final Map<String, CppExpr> values = new HashMap<>();
    /** Handles used before any call handed them back: {handle, interface, variable}. */
    private final List<String[]> held = new ArrayList<>();

    private int nextObj;
    private int nextBuf;
    private long nextConn;
    private static final java.util.regex.Pattern INTERFACE = java.util.regex.Pattern.compile("I[A-Z][A-Za-z0-9]*");

    private final TraceLedger ledger = new TraceLedger();
    /** The variables the call being read binds through {@code &var}: {variable, handle}. */
    private final List<String[]> bound = new ArrayList<>();

    CppCalls(String file) {
        this.file = file;
    }

    /** The calls read so far, in text order. */
    List<TraceCall> calls() {
        return calls;
    }

    /** What was left out, in text order. */
    List<Unknown> unknown() {
        return unknown;
    }

    /** A declaration or parameter of {@code var} with a type naming {@code iface} (null: none). */
    void typed(String var, String iface) {
        if (iface != null) {
            declaredIface.put(var, iface);
        }
    }

    /** {@code var} is declared afresh: it names no handle yet. */
    void declared(String var) {
        vars.remove(var);
    }

    /** {@code var} was initialised with {@code init} (a flag word read later through {@code &var}). */
    void initialised(String var, CppExpr init) {
        values.put(var, init);
    }

    void assign(String var, CppExpr right) {
        if (right instanceof Null || (right instanceof Num num && num.value() == 0)) {
            vars.remove(var); // lpMDB = NULL: the variable no longer names the object
            values.remove(var);
        } else if (right instanceof Name other && vars.containsKey(other.name())) {
            vars.put(var, vars.get(other.name()));
        } else if (!(right instanceof Call) && !(right instanceof Other)) {
            values.put(var, right);
        }
    }

    /**
     * Synthetic lines for what the code uses without obtaining it (a snippet from the middle of a session):
     * the initialisations its uninitialisations balance, each session, the other objects (opened from the
     * first session) and buffers.
     */
    List<TraceCall> prologue() {
        List<TraceCall> pro = new ArrayList<>();
        String[][] pairs = {
            {"MAPIInitialize", "MAPIUninitialize"},
            {"OleInitialize", "OleUninitialize"},
            {"ScInitMapiUtil", "DeinitMapiUtil"}
        };
        for (String[] pair : pairs) {
            long inits = calls.stream().filter(c -> c.api().equals(pair[0])).count();
            long uninits = calls.stream().filter(c -> c.api().equals(pair[1])).count();
            for (long i = inits; i < uninits; i++) {
                pro.add(new TraceCall(0, 1, pair[0], null, Map.of(), Map.of(), 0, null, 0, null, true, Map.of()));
            }
        }
        String session = null;
        for (String[] h : held) {
            if (h[1].equals("IMAPISession")) {
                session = session == null ? h[0] : session;
                pro.add(synthetic("MAPILogonEx", null, Map.of(), Map.of("lppSession", h[0]), h));
            }
        }
        if (session == null) {
            session = calls.stream()
                    .filter(c -> c.api().equals("MAPILogonEx"))
                    .flatMap(c -> c.out().values().stream())
                    .filter(String.class::isInstance)
                    .map(String.class::cast)
                    .findFirst()
                    .orElse("obj:0");
        }
        for (String[] h : held) {
            if (h[1].equals("buffer")) {
                pro.add(synthetic("MAPIAllocateBuffer", null, Map.of(), Map.of("lppBuffer", h[0]), h));
            } else if (h[1].equals("IMAPIAdviseSink")) {
                pro.add(synthetic("HrAllocAdviseSink", null, Map.of(), Map.of("lppAdviseSink", h[0]), h));
            } else if (h[1].equals("IUnknown")) {
                // its interface comes from the first method called on it
                pro.add(synthetic("IMAPISession::OpenEntry", session, Map.of(), Map.of("lppUnk", h[0]), h));
            } else if (!h[1].equals("IMAPISession")) {
                pro.add(synthetic(
                        "IUnknown::QueryInterface",
                        session,
                        Map.of("riid", "IID_" + h[1]),
                        Map.of("ppvObject", h[0]),
                        h));
            }
        }
        return pro;
    }

    /** A synthetic line handing back {@code held[0]}, labelled with the variable's name {@code held[2]}. */
    static TraceCall synthetic(
            String api, String self, Map<String, Object> args, Map<String, Object> out, String[] held) {
        String what = held[1].equals("buffer") ? "buffer" : held[1];
        return new TraceCall(0, 1, api, self, args, out, 0, null, 0, null, true, Map.of(held[0], what + " " + held[2]));
    }

    /** Emits the calls inside an expression, innermost first, in text order. */
    void walk(CppExpr e) {
        if (e instanceof Call c) {
            c.args().forEach(this::walk);
            call(c);
        } else if (e instanceof Other o) {
            o.inner().forEach(this::walk);
        } else if (e instanceof AddrOf a) {
            walk(a.of());
        } else if (e instanceof Deref d) {
            walk(d.of());
        } else if (e instanceof Or or) {
            or.parts().forEach(this::walk);
        } else if (e instanceof CppExpr.InitList list) {
            list.items().forEach(this::walk);
        }
    }

    void call(Call c) {
        String key;
        String api;
        String self = null;
        if (c.target() == null) {
            if (!CppApis.PARAMS.containsKey(c.name()) || isMethodName(c.name())) {
                if (!List.of("FAILED", "SUCCEEDED", "HR_FAILED", "HR_SUCCEEDED").contains(c.name())) {
                    unknown.add(new Unknown(c.at().line(), c.at().col(), c.name() + "(…)"));
                }
                return;
            }
            key = c.name();
            api = c.name();
        } else {
            String iface =
                    declaredIface.getOrDefault(c.target(), CppApis.METHOD_IFACE.getOrDefault(c.name(), "IUnknown"));
            if ("IUnknown".equals(iface) && CppApis.METHOD_IFACE.containsKey(c.name())) {
                iface = CppApis.METHOD_IFACE.get(c.name());
            }
            api = iface + "::" + c.name();
            key = CppApis.PARAMS.containsKey(api) ? api : c.name();
            if (!CppApis.PARAMS.containsKey(key) || !isMethodName(c.name())) {
                unknown.add(new Unknown(c.at().line(), c.at().col(), c.target() + "->" + c.name() + "(…)"));
                return;
            }
            self = handleOf(c.target(), iface);
        }
        String[] names = CppApis.PARAMS.get(key);
        Map<String, Object> args = new LinkedHashMap<>();
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < c.args().size(); i++) {
            String name = i < names.length ? names[i] : "arg" + (i + 1);
            CppExpr a = c.args().get(i);
            boolean outParam = name.startsWith("lpp") || name.startsWith("pp") || name.equals("lpulConnection");
            if (outParam && a instanceof AddrOf addr && addr.of() instanceof Name v) {
                out.put(name, bind(v.name(), c));
            } else if (outParam && (a instanceof Null)) {
                out.put(name, null);
            } else if (!outParam && !name.equals("lpulObjType")) {
                args.put(name, value(name, a, c));
            }
        }
        if (c.name().equals("StoreLogoff") && !args.containsKey("lpulFlags")) {
            args.put("lpulFlags", "LOGOFF_NO_WAIT");
        }
        typeBound(new TraceCall(
                calls.size() + 1, 1, api, self, args, out, 0, null, c.at().line(), null, false, Map.of()));
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < c.args().size(); i++) {
            if (c.args().get(i) instanceof AddrOf addr
                    && addr.of() instanceof Name v
                    && vars.get(v.name()) instanceof String h) {
                String what = h.startsWith("buf:") ? "buffer" : declaredIface.getOrDefault(v.name(), "IUnknown");
                labels.put(h, what + " " + v.name() + " (line " + c.at().line() + ")");
            }
        }
        labels.keySet().retainAll(out.values());
        calls.add(
                new TraceCall(calls.size() + 1, 1, api, self, args, out, 0, null, c.at().line(), null, false, labels));
    }

    /**
     * Feeds the call to the ledger; a variable it bound names what the ledger says the call handed back
     * (MAPILogonEx an IMAPISession, OpenMsgStore an IMsgStore, QueryInterface its riid's interface, …), unless
     * the ledger knows no more than IUnknown: then the declared type stays.
     */
    private void typeBound(TraceCall read) {
        ledger.apply(read);
        for (String[] b : bound) {
            TraceLedger.Obj o = ledger.object(b[1]);
            if (o != null
                    && !"IUnknown".equals(o.iface())
                    && INTERFACE.matcher(o.iface()).matches()) {
                declaredIface.put(b[0], o.iface());
            }
        }
        bound.clear();
    }

    static boolean isMethodName(String name) {
        return !CppApis.FUNCTIONS.contains(name);
    }

    /** The handle a variable names; a variable never handed back becomes a handle of its own. */
    String handleOf(String var, String iface) {
        Object h = vars.get(var);
        if (h instanceof String s) {
            return s;
        }
        String fresh = "obj:" + ++nextObj;
        vars.put(var, fresh);
        declaredIface.putIfAbsent(var, iface);
        held.add(new String[] {fresh, iface, var});
        return fresh;
    }

    /** {@code &var} as an out parameter: a new handle (or connection number) for the variable. */
    Object bind(String var, Call c) {
        if (c.name().equals("Advise")) {
            long conn = ++nextConn;
            vars.put(var, conn);
            return conn;
        }
        boolean buffer = List.of("MAPIAllocateBuffer", "MAPIAllocateMore", "HrQueryAllRows", "HrGetOneProp")
                .contains(c.name());
        String h = buffer ? "buf:" + ++nextBuf : "obj:" + ++nextObj;
        vars.put(var, h);
        bound.add(new String[] {var, h});
        return h;
    }

    /** An argument as a trace value; a flag argument must be a flag word the trace format can read. */
    /**
     * A MAPIINIT_0 initialiser, {@code {MAPI_INIT_VERSION, flags}}, as the trace writes MAPIInitialize's
     * {@code lpMapiInit}: {@code {ulVersion, ulFlags}}. Other structs are not read.
     */
    private Object struct(String param, CppExpr.InitList list, Call c) {
        if (!param.equals("lpMapiInit") || list.items().size() != 2) {
            throw error(c.at(), "cannot read the initialiser of " + c.name() + "(" + param + ")");
        }
        CppExpr version = list.items().get(0);
        Map<String, Object> init = new LinkedHashMap<>();
        init.put(
                "ulVersion",
                version instanceof Name n && n.name().equals("MAPI_INIT_VERSION")
                        ? (long) dev.mapiworkbench.mapi.MapiFlags.MAPI_INIT_VERSION
                        : value("ulVersion", version, c));
        init.put("ulFlags", value("ulFlags", list.items().get(1), c));
        return init;
    }

    Object value(String param, CppExpr a, Call c) {
        Object v = rawValue(param, a, c);
        if ((param.endsWith("Flags") || param.equals("ulEventMask")) && v instanceof String s) {
            try {
                MapiNames.parseFlags(s);
            } catch (IllegalArgumentException e) {
                throw error(c.at(), "cannot read the flags of " + c.name() + "(" + param + "): " + e.getMessage());
            }
        }
        return v;
    }

    Object rawValue(String param, CppExpr a, Call c) {
        if (a instanceof CppExpr.InitList list) {
            return struct(param, list, c);
        }
        if (a instanceof AddrOf addr && addr.of() instanceof Name v) {
            CppExpr init = values.get(v.name());
            return init == null ? 0L : value(param, init, c);
        }
        if (a instanceof Null) {
            return null;
        }
        if (a instanceof Num n) {
            return n.value();
        }
        if (a instanceof Str s) {
            return s.value();
        }
        if (a instanceof Name n) {
            Object h = vars.get(n.name());
            if (h != null) {
                return h;
            }
            if (n.name().startsWith("IID_")) {
                return n.name();
            }
            if (MapiNames.flag(n.name()).isPresent()) {
                return n.name();
            }
            if (values.get(n.name()) != null) {
                return value(param, values.get(n.name()), c);
            }
            if (CppApis.BUFFER_PARAMS.contains(param)) {
                String fresh = "buf:" + ++nextBuf;
                vars.put(n.name(), fresh);
                held.add(new String[] {fresh, "buffer", n.name()});
                return fresh;
            }
            if (CppApis.OBJECT_PARAMS.contains(param)) {
                return handleOf(
                        n.name(),
                        switch (param) {
                            case "lpTable" -> "IMAPITable";
                            case "lpAdviseSink" -> "IMAPIAdviseSink";
                            default -> "IUnknown";
                        });
            }
            if (param.endsWith("Flags") || param.equals("ulEventMask")) {
                throw error(n.at(), "unknown flag '" + n.name() + "' in " + c.name() + "(" + param + ")");
            }
            return n.name();
        }
        if (a instanceof Or or) {
            List<String> parts = new ArrayList<>();
            for (CppExpr e : or.parts()) {
                Object v = e instanceof Null ? Long.valueOf(0) : rawValue(param, e, c);
                parts.add(
                        v instanceof Number num
                                ? "0x" + Long.toHexString(num.longValue()).toUpperCase(Locale.ROOT)
                                : String.valueOf(v));
            }
            return String.join("|", parts);
        }
        return null;
    }

    private CppSyntaxException error(Token t, String problem) {
        return new CppSyntaxException(file, t.line(), t.col(), problem);
    }
}
