package dev.mapiworkbench.client;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiUnknown;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A backend's runtime as a {@link ClientSession} uses it (decision 0450): every MAPI function and every method
 * of every object it hands out (sessions, stores, folders, messages, tables, the address book, status objects,
 * IMAPIClientShutdown) runs on the session's {@link SessionMapiThread}, whatever thread calls it. Objects are
 * wrapped in a {@link Proxy} implementing the same MAPI interfaces ({@code instanceof MapiMessage} still
 * holds); an object passed back to the backend (a capability's argument) is unwrapped first. Buffers are plain
 * memory and are not wrapped. {@link MapiUnknown#kind()}, {@link MapiUnknown#handle()} and
 * {@link MapiUnknown#displayName()} describe the object and are not calls: they run on the caller's thread.
 * Capabilities (diagnostics, fault and transport controls) are the simulator's own instruments, not MAPI: they
 * run on the caller's thread too.
 */
final class MapiThreadRuntime implements MapiRuntime {

    private static final ClassValue<Class<?>[]> MAPI_INTERFACES = new ClassValue<>() {
        @Override
        protected Class<?>[] computeValue(Class<?> type) {
            Set<Class<?>> out = new LinkedHashSet<>();
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> i : c.getInterfaces()) {
                    collect(i, out);
                }
            }
            return out.toArray(new Class<?>[0]);
        }

        private void collect(Class<?> i, Set<Class<?>> out) {
            if (i.getPackage() == MapiUnknown.class.getPackage()
                    && java.lang.reflect.Modifier.isPublic(i.getModifiers())) {
                out.add(i);
            }
            for (Class<?> parent : i.getInterfaces()) {
                collect(parent, out);
            }
        }
    };

    private final MapiRuntime backend;
    private final SessionMapiThread thread;

    private MapiThreadRuntime(MapiRuntime backend, SessionMapiThread thread) {
        this.backend = backend;
        this.thread = thread;
    }

    /** {@code backend} with its calls on {@code thread}; the backend itself when it has a MAPI thread of its own. */
    static MapiRuntime over(MapiRuntime backend, SessionMapiThread thread) {
        return backend.callsOnOwnThread() || backend instanceof MapiThreadRuntime
                ? backend
                : new MapiThreadRuntime(backend, thread);
    }

    /** The backend object behind a wrapped one (anything else as it is). */
    static Object unwrap(Object o) {
        if (o != null && Proxy.isProxyClass(o.getClass()) && Proxy.getInvocationHandler(o) instanceof OnThread h) {
            return h.target;
        }
        return o;
    }

    @Override
    public String backendId() {
        return backend.backendId();
    }

    @Override
    public void mapiInitialize(MapiInit init) {
        run("MAPIInitialize", () -> backend.mapiInitialize(init));
    }

    @Override
    public void mapiUninitialize() {
        run("MAPIUninitialize", backend::mapiUninitialize);
    }

    @Override
    public MapiSession mapiLogonEx(long uiParam, String profileName, String password, int flags) {
        return (MapiSession)
                wrap(thread.call("MAPILogonEx", () -> backend.mapiLogonEx(uiParam, profileName, password, flags)));
    }

    @Override
    public MapiBuffer mapiAllocateBuffer(int size) {
        return thread.call("MAPIAllocateBuffer", () -> backend.mapiAllocateBuffer(size));
    }

    @Override
    public MapiBuffer mapiAllocateMore(int size, MapiBuffer parent) {
        return thread.call("MAPIAllocateMore", () -> backend.mapiAllocateMore(size, parent));
    }

    @Override
    public void mapiFreeBuffer(MapiBuffer buffer) {
        run("MAPIFreeBuffer", () -> backend.mapiFreeBuffer(buffer));
    }

    @Override
    public void scInitMapiUtil(int flags) {
        run("ScInitMapiUtil", () -> backend.scInitMapiUtil(flags));
    }

    @Override
    public void deinitMapiUtil() {
        run("DeinitMapiUtil", backend::deinitMapiUtil);
    }

    @Override
    public HResult oleInitialize() {
        return thread.call("OleInitialize", backend::oleInitialize);
    }

    @Override
    public void oleUninitialize() {
        run("OleUninitialize", backend::oleUninitialize);
    }

    private void run(String api, Runnable call) {
        thread.call(api, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return backend.capability(type).map(c -> type.isInterface() ? type.cast(unwrapping(type, c)) : c);
    }

    /** Closing is the backend's own business (its threads, files and locks), not a MAPI call. */
    @Override
    public void close() {
        backend.close();
    }

    /** The backend's runtime itself (tests and diagnostics that need the simulator's own type). */
    MapiRuntime backend() {
        return backend;
    }

    private Object wrap(Object o) {
        if (!(o instanceof MapiUnknown) || Proxy.isProxyClass(o.getClass())) {
            return o;
        }
        Class<?>[] interfaces = MAPI_INTERFACES.get(o.getClass());
        return Proxy.newProxyInstance(MapiUnknown.class.getClassLoader(), interfaces, new OnThread(o));
    }

    private static Object[] unwrapAll(Object[] args) {
        if (args == null) {
            return null;
        }
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = unwrap(out[i]);
        }
        return out;
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean description(Method m) {
        return m.getParameterCount() == 0
                && (m.getName().equals("kind")
                        || m.getName().equals("handle")
                        || m.getName().equals("displayName"));
    }

    /** A capability whose methods take MAPI objects (CriticalErrorInjector takes the session): unwraps them. */
    private static Object unwrapping(Class<?> type, Object capability) {
        InvocationHandler h = (proxy, m, args) -> m.getDeclaringClass() == Object.class
                ? objectResult(proxy, m, args, capability)
                : invoke(m, capability, unwrapAll(args));
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
    }

    private static Object objectResult(Object proxy, Method m, Object[] args, Object target) {
        return switch (m.getName()) {
            case "equals" -> proxy == args[0] || target.equals(unwrap(args[0]));
            case "hashCode" -> target.hashCode();
            default -> target.toString();
        };
    }

    /** One wrapped object: its calls on the session's MAPI thread. */
    private final class OnThread implements InvocationHandler {
        final Object target;

        OnThread(Object target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            if (m.getDeclaringClass() == Object.class) {
                return objectResult(proxy, m, args, target);
            }
            Object[] plain = unwrapAll(args);
            if (description(m)) {
                return MapiThreadRuntime.invoke(m, target, plain);
            }
            String api = m.getDeclaringClass().getSimpleName() + "::" + m.getName();
            Object result = thread.call(api, () -> {
                try {
                    return MapiThreadRuntime.invoke(m, target, plain);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new MapiException(HResult.MAPI_E_CALL_FAILED, api, t.toString());
                }
            });
            return wrap(result);
        }
    }
}
