package dev.mapiworkbench.win32;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.ptr.PointerByReference;
import dev.mapiworkbench.mapi.AdviseSink;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiCallThread;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiUnknown;
import dev.mapiworkbench.win32.MapiStructs.MAPIINIT_0;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MAPI subsystem through JNA: MAPI32's exports and ole32's OleInitialize/OleUninitialize, all
 * called on one dedicated MAPI thread owned by this runtime (decision record 0050). Every HRESULT is
 * checked and thrown as {@link MapiException}. Offers no optional capabilities: a real subsystem
 * has no leak ledger or fault injection.
 */
public final class Win32Runtime implements MapiRuntime, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Win32Runtime.class);

    private final MapiLibrary mapi;
    private final Ole32Library ole;
    private final String source;
    private final MapiCallThread thread;
    private final Set<ComAdviseSink> liveSinks = ConcurrentHashMap.newKeySet();
    private final AtomicInteger initCount = new AtomicInteger();
    /** Set when IMAPIClientShutdown::DoFastShutdown succeeded: no MAPI call may follow. */
    private volatile boolean fastShutdownDone;

    Win32Runtime(MapiLibrary mapi, Ole32Library ole, String source) {
        this.mapi = mapi;
        this.ole = ole;
        this.source = source;
        this.thread = new MapiCallThread("mapi-win32", 1);
    }

    /** Where the MAPI implementation was loaded from (for the status bar and traces). */
    public String source() {
        return source;
    }

    @Override
    public String backendId() {
        return Win32Backend.ID;
    }

    /** Every call runs on the runtime's one MAPI thread. */
    @Override
    public boolean callsOnOwnThread() {
        return true;
    }

    <T> T call(String api, Callable<T> work) {
        return thread.call(api, work);
    }

    boolean initialized() {
        return initCount.get() > 0 && !fastShutdownDone;
    }

    /**
     * DoFastShutdown succeeded: from now on the backend makes no MAPI call at all, not even Release or
     * MAPIUninitialize ("Once a MAPI client calls IMAPIClientShutdown::DoFastShutdown, it should not make
     * any additional calls to MAPI, including the MAPIUninitialize function", Best Practices for Fast
     * Shutdown, https://learn.microsoft.com/en-us/previous-versions/office/developer/office-2010/dd941346(v=office.14)).
     */
    void fastShutdownDone() {
        fastShutdownDone = true;
    }

    /** True once DoFastShutdown succeeded (for tests and diagnostics). */
    boolean afterFastShutdown() {
        return fastShutdownDone;
    }

    private void refuseAfterFastShutdown(String api) {
        if (fastShutdownDone) {
            throw new MapiException(
                    HResult.MAPI_E_CALL_FAILED,
                    api,
                    "not called: IMAPIClientShutdown::DoFastShutdown was called, no MAPI call may follow");
        }
    }

    void ensureInitialized(String api) {
        refuseAfterFastShutdown(api);
        if (initCount.get() <= 0) {
            throw new MapiException(
                    HResult.MAPI_E_NOT_INITIALIZED, api, "MAPIInitialize has not been called (or was balanced)");
        }
    }

    @Override
    public void mapiInitialize(MapiInit init) {
        call("MAPIInitialize", () -> {
            refuseAfterFastShutdown("MAPIInitialize");
            MAPIINIT_0 s = init == null ? null : new MAPIINIT_0(init.version(), init.flags());
            HResult.of(mapi.MAPIInitialize(s)).check("MAPIInitialize");
            initCount.incrementAndGet();
            return null;
        });
    }

    @Override
    public void mapiUninitialize() {
        call("MAPIUninitialize", () -> {
            refuseAfterFastShutdown("MAPIUninitialize");
            if (initCount.get() <= 0) {
                throw new MapiException(
                        HResult.MAPI_E_NOT_INITIALIZED,
                        "MAPIUninitialize",
                        "MAPIUninitialize without a matching MAPIInitialize");
            }
            mapi.MAPIUninitialize();
            initCount.decrementAndGet();
            return null;
        });
    }

    @Override
    public MapiSession mapiLogonEx(long uiParam, String profileName, String password, int flags) {
        return call("MAPILogonEx", () -> {
            ensureInitialized("MAPILogonEx");
            PropCodec.JavaAllocator strings = new PropCodec.JavaAllocator();
            boolean unicode = (flags & MapiFlags.MAPI_UNICODE) != 0;
            Pointer profile = profileName == null
                    ? Pointer.NULL
                    : unicode ? PropCodec.writeUtf16(profileName, strings) : PropCodec.writeAnsi(profileName, strings);
            Pointer pw = password == null
                    ? Pointer.NULL
                    : unicode ? PropCodec.writeUtf16(password, strings) : PropCodec.writeAnsi(password, strings);
            PointerByReference out = new PointerByReference();
            HResult.of(mapi.MAPILogonEx(new ULONG_PTR(uiParam), profile, pw, flags, out))
                    .check("MAPILogonEx");
            return new Win32Session(this, out.getValue(), profileName == null ? "(default profile)" : profileName);
        });
    }

    @Override
    public MapiBuffer mapiAllocateBuffer(int size) {
        if (size < 0) {
            throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, "MAPIAllocateBuffer", "negative size " + size);
        }
        return call("MAPIAllocateBuffer", () -> new Win32Buffer(allocateMapiMemory(size), size, null));
    }

    @Override
    public MapiBuffer mapiAllocateMore(int size, MapiBuffer parent) {
        Win32Buffer p = ownBuffer(parent, "MAPIAllocateMore");
        if (p.parent() != null) {
            throw new MapiException(
                    HResult.MAPI_E_INVALID_PARAMETER,
                    "MAPIAllocateMore",
                    "the parent must come from MAPIAllocateBuffer");
        }
        return call("MAPIAllocateMore", () -> new Win32Buffer(allocateMapiMore(size, p.pointer()), size, p));
    }

    @Override
    public void mapiFreeBuffer(MapiBuffer buffer) {
        if (buffer == null) {
            return; // MAPIFreeBuffer(NULL) does nothing
        }
        Win32Buffer b = ownBuffer(buffer, "MAPIFreeBuffer");
        if (b.parent() != null) {
            throw new MapiException(
                    HResult.MAPI_E_INVALID_PARAMETER,
                    "MAPIFreeBuffer",
                    "a MAPIAllocateMore buffer is freed with its parent");
        }
        call("MAPIFreeBuffer", () -> {
            freeMapiMemory(b.pointer());
            b.markFreed();
            return null;
        });
    }

    private Win32Buffer ownBuffer(MapiBuffer buffer, String api) {
        if (!(buffer instanceof Win32Buffer b)) {
            throw new MapiException(
                    HResult.MAPI_E_INVALID_PARAMETER, api, "not a buffer of the win32 backend: " + buffer);
        }
        if (b.freed()) {
            throw new MapiException(
                    HResult.MAPI_E_INVALID_PARAMETER, api, "buffer " + Com.hex(b.address()) + " was already freed");
        }
        return b;
    }

    @Override
    public void scInitMapiUtil(int flags) {
        call("ScInitMapiUtil", () -> HResult.of(mapi.ScInitMapiUtil(flags)).check("ScInitMapiUtil"));
    }

    @Override
    public void deinitMapiUtil() {
        call("DeinitMapiUtil", () -> {
            mapi.DeinitMapiUtil();
            return null;
        });
    }

    @Override
    public HResult oleInitialize() {
        return call(
                "OleInitialize",
                () -> HResult.of(ole.OleInitialize(Pointer.NULL)).check("OleInitialize"));
    }

    @Override
    public void oleUninitialize() {
        call("OleUninitialize", () -> {
            ole.OleUninitialize();
            return null;
        });
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return Optional.empty();
    }

    /** Ends the MAPI thread. MAPI must already be uninitialised (the caller's teardown does that). */
    @Override
    public void close() {
        if (initCount.get() > 0 && !fastShutdownDone) {
            LOG.warn(
                    "Closing the win32 runtime with MAPIInitialize count {}: MAPI was not uninitialised",
                    initCount.get());
        }
        thread.close();
    }

    // ---- used by the objects, always on the MAPI thread ----

    Pointer allocateMapiMemory(int size) {
        PointerByReference out = new PointerByReference();
        HResult.of(mapi.MAPIAllocateBuffer(size, out)).check("MAPIAllocateBuffer");
        return out.getValue();
    }

    Pointer allocateMapiMore(int size, Pointer parent) {
        PointerByReference out = new PointerByReference();
        HResult.of(mapi.MAPIAllocateMore(size, parent, out)).check("MAPIAllocateMore");
        return out.getValue();
    }

    /** MAPIFreeBuffer on memory MAPI allocated; NULL is skipped. */
    void freeMapiMemory(Pointer p) {
        if (p == null) {
            return;
        }
        HResult hr = HResult.of(mapi.MAPIFreeBuffer(p));
        if (hr.failed()) {
            LOG.warn("MAPIFreeBuffer({}) returned {}", Com.hex(Pointer.nativeValue(p)), hr);
        }
    }

    ComAdviseSink newSink(AdviseSink sink) {
        ComAdviseSink com = new ComAdviseSink(sink, liveSinks::remove);
        liveSinks.add(com);
        return com;
    }

    /** Advise sinks MAPI still references (for tests and diagnostics). */
    int liveSinkCount() {
        return liveSinks.size();
    }

    void warnLeak(Win32Object o) {
        LOG.warn("{} released after the last MAPIUninitialize: not called, leaked", o);
    }

    /** Wraps an object OpenEntry returned, by its object type; unknown types are released and refused. */
    MapiUnknown wrap(Pointer p, int objType, Win32Session session, String api) {
        return switch (objType) {
            case MapiFlags.MAPI_FOLDER -> new Win32Folder(this, p, session);
            case MapiFlags.MAPI_MESSAGE -> new Win32Message(this, p, session, "message");
            case MapiFlags.MAPI_STATUS -> new Win32Status(this, p, session);
            case MapiFlags.MAPI_STORE -> new Win32MsgStore(this, p, session, "message store");
            case MapiFlags.MAPI_ADDRBOOK -> new Win32AddrBook(this, p, session);
            default -> {
                Com.invokeInt(p, Slots.IUnknown.RELEASE); // a temporary the backend acquired
                throw new MapiException(HResult.MAPI_E_NO_SUPPORT, api, "object type " + objType + " is not supported");
            }
        };
    }
}
