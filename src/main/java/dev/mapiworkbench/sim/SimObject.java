package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.SubsystemDiagnostics.ObjectInfo;
import dev.mapiworkbench.mapi.SubsystemDiagnostics.ObjectState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Base of every simulated MAPI object: reference count, life cycle and advise connections, all
 * guarded by the runtime lock. Life cycle (docs/decisions/0010-sim-error-codes.md):
 * VALID, then INVALID when its session logs off (every call but Release fails
 * MAPI_E_END_OF_SESSION), then DESTROYED when Release brings the count to 0 (every call, Release
 * included, fails MAPI_E_INVALID_OBJECT).
 */
abstract class SimObject implements MapiUnknown {

    enum Life {
        VALID,
        INVALID,
        DESTROYED
    }

    final SimRuntime rt;
    private final SimSession session;
    private final long handle;
    private final ObjectKind kind;
    private final String name;
    int refCount = 1;
    Life life = Life.VALID;
    private Map<Long, Advise> connections;
    /** The injected effect of the call running now (runtime lock held while it is read). */
    private SimFaults.Effect pendingEffect = SimFaults.Effect.NONE;

    /** Call with the runtime lock held; {@code session} is null only for a session itself. */
    SimObject(SimRuntime rt, SimSession session, ObjectKind kind, String name) {
        this.rt = rt;
        this.session = session;
        this.kind = kind;
        this.name = name;
        this.handle = rt.nextHandle();
        rt.register(this);
        if (session != null) {
            session.children.add(this);
        }
    }

    SimSession owner() {
        return session == null ? (SimSession) this : session;
    }

    @Override
    public final ObjectKind kind() {
        return kind;
    }

    @Override
    public final String displayName() {
        return name;
    }

    @Override
    public final long handle() {
        return handle;
    }

    @Override
    public final int addRef() {
        injected("AddRef");
        rt.lock.lock();
        try {
            check("AddRef");
            return ++refCount;
        } finally {
            rt.lock.unlock();
        }
    }

    @Override
    public final int release() {
        SimFaults.Effect effect = injected("Release");
        rt.lock.lock();
        try {
            if (effect == SimFaults.Effect.LEAK && life != Life.DESTROYED) {
                // the injected leak: the caller believes it released; the object stays referenced
                return Math.max(0, refCount - 1);
            }
            rt.rules.noteRelease(kind.interfaceName() + "::Release");
            if (life == Life.DESTROYED) {
                rt.fault(
                        "release-after-destroy",
                        kind.interfaceName() + "::Release on " + name + " (" + hexHandle()
                                + ") after its reference count reached 0",
                        false);
                throw error(HResult.MAPI_E_INVALID_OBJECT, "Release", name + " was already released to 0");
            }
            int n = --refCount;
            if (n == 0) {
                beforeDestroy();
                life = Life.DESTROYED;
                connections = null;
                rt.unregister(this);
                if (session != null) {
                    session.children.remove(this);
                }
                afterDestroy();
            }
            return n;
        } finally {
            rt.lock.unlock();
        }
    }

    /** Hook, lock held, before the object is marked destroyed. */
    void beforeDestroy() {}

    /** Hook, lock held, after the object is destroyed (unregister from profile lists). */
    void afterDestroy() {}

    /** Marks the object invalid (its session logged off). Lock held. */
    void invalidate() {
        if (life == Life.VALID) {
            life = Life.INVALID;
        }
    }

    final boolean valid() {
        return life == Life.VALID;
    }

    /** Fails the call the way the object's life cycle demands. Lock held. */
    final void check(String method) {
        if (life == Life.DESTROYED) {
            throw error(
                    HResult.MAPI_E_INVALID_OBJECT,
                    method,
                    name + " (" + hexHandle() + ") was released: its reference count reached 0");
        }
        if (life == Life.INVALID) {
            throw error(
                    HResult.MAPI_E_END_OF_SESSION,
                    method,
                    name + " (" + hexHandle() + ") is invalid: its session logged off; only Release is accepted");
        }
        if (!rt.initialized()) {
            throw error(HResult.MAPI_E_NOT_INITIALIZED, method, "MAPIInitialize has not been called");
        }
        rt.rules.checkCall(kind.interfaceName() + "::" + method);
    }

    final MapiException error(HResult hr, String method, String detail) {
        return new MapiException(hr, kind.interfaceName() + "::" + method, detail);
    }

    final <T> T call(String method, Supplier<T> body) {
        SimFaults.Effect effect = injected(method);
        rt.lock.lock();
        try {
            check(method);
            pendingEffect = effect;
            return body.get();
        } finally {
            pendingEffect = SimFaults.Effect.NONE;
            rt.lock.unlock();
        }
    }

    final void run(String method, Runnable body) {
        SimFaults.Effect effect = injected(method);
        rt.lock.lock();
        try {
            check(method);
            pendingEffect = effect;
            body.run();
        } finally {
            pendingEffect = SimFaults.Effect.NONE;
            rt.lock.unlock();
        }
    }

    /**
     * Asks the fault injector about {@code method} on this object (runtime lock NOT held: a blocking
     * fault must not stop the subsystem). A critical-error fault is raised here, before the call runs.
     */
    final SimFaults.Effect injected(String method) {
        SimFaults.Effect e = rt.injector.before(kind.interfaceName() + "::" + method, name, handle);
        if (e == SimFaults.Effect.CRITICAL_ERROR) {
            rt.injectCriticalError(owner(), "injected fault on " + kind.interfaceName() + "::" + method);
        }
        return e;
    }

    // ---- advise connections (lock held) ----

    final long addAdvise(String method, EntryId filter, int mask, AdviseSink sink) {
        if (sink == null) {
            throw error(HResult.MAPI_E_INVALID_PARAMETER, method, "lpAdviseSink is null");
        }
        if (mask == 0) {
            throw error(HResult.MAPI_E_INVALID_PARAMETER, method, "ulEventMask is 0");
        }
        long c = rt.nextConnection();
        if (connections == null) {
            connections = new LinkedHashMap<>(4);
        }
        connections.put(c, new Advise(c, this, filter, mask, sink));
        return c;
    }

    final void removeAdvise(String method, long connection) {
        Advise removed = connections == null ? null : connections.remove(connection);
        if (removed == null) {
            throw error(HResult.MAPI_E_NOT_FOUND, method, "no advise connection " + connection + " on " + name);
        }
        rt.rules.unadvised(removed, pendingEffect == SimFaults.Effect.LATE_NOTIFY);
    }

    final Collection<Advise> connections() {
        return connections == null ? List.of() : connections.values();
    }

    final int connectionCount() {
        return connections == null ? 0 : connections.size();
    }

    ObjectInfo info() {
        return new ObjectInfo(
                handle,
                kind,
                name,
                refCount,
                connectionCount(),
                life == Life.VALID ? ObjectState.VALID : ObjectState.INVALID);
    }

    final String hexHandle() {
        return String.format("0x%X", handle);
    }

    // ---- property helpers ----

    /** GetProps over a map: every requested tag, PT_ERROR/MAPI_E_NOT_FOUND for the missing ones. */
    static List<PropValue> project(Map<Integer, Object> props, int[] tags) {
        List<PropValue> out = new ArrayList<>();
        if (tags == null || tags.length == 0) {
            props.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.add(PropValue.of(e.getKey(), copy(e.getValue()))));
            return out;
        }
        for (int tag : tags) {
            Object v = props.get(tag);
            out.add(v == null ? PropValue.error(tag, HResult.MAPI_E_NOT_FOUND) : PropValue.of(tag, copy(v)));
        }
        return out;
    }

    private static Object copy(Object v) {
        return v instanceof byte[] b ? b.clone() : v;
    }

    /** Whether {@code value}'s Java type fits the tag's property type (PropValue's mapping). */
    static boolean typeFits(int tag, Object value) {
        return switch (PropTag.type(tag)) {
            case PropTag.PT_LONG -> value instanceof Integer;
            case PropTag.PT_I8 -> value instanceof Long;
            case PropTag.PT_BOOLEAN -> value instanceof Boolean;
            case PropTag.PT_UNICODE, PropTag.PT_STRING8 -> value instanceof String;
            case PropTag.PT_BINARY -> value instanceof byte[];
            case PropTag.PT_SYSTIME -> value instanceof java.time.Instant;
            default -> false;
        };
    }
}
