package dev.mapiworkbench.win32;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.mapi.ObjectKind;
import dev.mapiworkbench.win32.MapiStructs.ENTRYID;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A MAPI interface pointer held by the backend. Every call runs on the runtime's MAPI thread. The
 * Java side counts the references it handed out: when that count reaches 0 the pointer is never
 * touched again (a further {@link #release()} returns 0), so a stray call cannot crash the process.
 * After the owning session's Logoff every call except Release fails with MAPI_E_END_OF_SESSION
 * without reaching native code (decision record 0051).
 */
abstract class Win32Object implements MapiUnknown {

    protected final Win32Runtime rt;
    protected final Pointer ptr;
    private final ObjectKind kind;
    private final Win32Session session;
    private volatile String name;
    /** Changed only on the MAPI thread; volatile so that other threads see {@link #released()} correctly. */
    private final AtomicInteger javaRefs = new AtomicInteger(1);

    private volatile boolean gone;
    /** Advise connections made on this object, with the backend's reference to each sink. */
    private final Map<Long, ComAdviseSink> sinks = new ConcurrentHashMap<>();

    Win32Object(Win32Runtime rt, Pointer ptr, ObjectKind kind, Win32Session session, String name) {
        this.rt = rt;
        this.ptr = ptr;
        this.kind = kind;
        this.session = session;
        this.name = name;
    }

    @Override
    public ObjectKind kind() {
        return kind;
    }

    @Override
    public String displayName() {
        return name;
    }

    void displayName(String newName) {
        name = newName;
    }

    @Override
    public long handle() {
        return Pointer.nativeValue(ptr);
    }

    Pointer pointer() {
        return ptr;
    }

    protected String api(String method) {
        return kind.interfaceName() + "::" + method;
    }

    /** Runs a call on the MAPI thread after checking that the object may still be called. */
    protected <T> T call(String method, Callable<T> work) {
        String api = api(method);
        return rt.call(api, () -> {
            ensureUsable(api);
            return work.call();
        });
    }

    protected void ensureUsable(String api) {
        if (gone) {
            throw new MapiException(HResult.MAPI_E_INVALID_OBJECT, api, "the object was already released");
        }
        rt.ensureInitialized(api);
        if (session != null && session.loggedOff()) {
            throw new MapiException(
                    HResult.MAPI_E_END_OF_SESSION, api, "the session has logged off; only Release is allowed");
        }
    }

    @Override
    public int addRef() {
        return call("AddRef", () -> {
            int n = Com.invokeInt(ptr, Slots.IUnknown.ADD_REF);
            javaRefs.incrementAndGet();
            return n;
        });
    }

    @Override
    public int release() {
        return rt.call(api("Release"), () -> {
            if (gone) {
                return 0;
            }
            if (!rt.initialized()) {
                // MAPI is gone: calling into an unloaded provider would crash; the object is leaked
                gone = true;
                rt.warnLeak(this);
                return 0;
            }
            int n = Com.invokeInt(ptr, Slots.IUnknown.RELEASE);
            if (javaRefs.decrementAndGet() <= 0) {
                gone = true;
                return 0;
            }
            return n;
        });
    }

    boolean released() {
        return gone;
    }

    /**
     * OpenEntry(cbEntryID, lpEntryID, lpInterface NULL, ulFlags, lpulObjType, lppUnk) at {@code slot}
     * (IMAPISession and IMsgStore share this shape); the opened object belongs to {@code owner}.
     */
    protected MapiUnknown openEntry(int slot, Win32Session owner, EntryId entryId, int flags) {
        MapiUnknown opened = call("OpenEntry", () -> {
            Object[] eid = entryArgs(entryId);
            IntByReference type = new IntByReference();
            PointerByReference out = new PointerByReference();
            Com.check(api("OpenEntry"), ptr, slot, eid[0], eid[1], Pointer.NULL, flags, type, out);
            return rt.wrap(out.getValue(), type.getValue(), owner, api("OpenEntry"));
        });
        if (opened instanceof Win32Prop prop) {
            prop.loadDisplayName();
        }
        return opened;
    }

    /** Advise with the arguments before the sink, then the sink, then an 8-byte connection out-buffer. */
    protected long advise(String method, int slot, AdviseSink sink, Object... leading) {
        if (sink == null) {
            throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, api(method), "advise sink is null");
        }
        return call(method, () -> {
            ComAdviseSink com = rt.newSink(sink);
            Memory conn = new Memory(8);
            conn.clear();
            Object[] args = new Object[leading.length + 2];
            System.arraycopy(leading, 0, args, 0, leading.length);
            args[leading.length] = com.pointer();
            args[leading.length + 1] = conn;
            try {
                Com.check(api(method), ptr, slot, args);
            } catch (MapiException e) {
                com.release();
                throw e;
            }
            long c = Com.readUptr(conn);
            sinks.put(c, com);
            return c;
        });
    }

    /** Unadvise(ULONG_PTR): the full connection number, then the backend's sink reference is released. */
    protected void unadvise(String method, int slot, long connection) {
        call(method, () -> {
            Com.check(api(method), ptr, slot, Com.uptr(connection));
            ComAdviseSink com = sinks.remove(connection);
            if (com != null) {
                com.release();
            }
            return null;
        });
    }

    int adviseConnections() {
        return sinks.size();
    }

    Win32Session session() {
        return session;
    }

    /** (cb, LPENTRYID) arguments for an entry id; (0, NULL) for null. */
    static Object[] entryArgs(EntryId id) {
        if (id == null) {
            return new Object[] {0, Pointer.NULL};
        }
        Memory m = ENTRYID.of(id.bytes());
        return new Object[] {id.size(), m};
    }

    @Override
    public String toString() {
        return kind.interfaceName() + "[" + name + " @" + Com.hex(handle()) + "]";
    }
}
