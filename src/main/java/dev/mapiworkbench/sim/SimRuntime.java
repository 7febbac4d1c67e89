package dev.mapiworkbench.sim;

import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.CriticalErrorInjector;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.mapi.SharedSessionControl;
import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import dev.mapiworkbench.mapi.TransportControl;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.sim.store.MailStoreFile;
import dev.mapiworkbench.sim.store.StoreFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated MAPI subsystem: one per {@link SimBackend#open}. Implements the runtime functions
 * and every optional capability ({@link SubsystemDiagnostics}, {@link TransportControl},
 * {@link SharedSessionControl}, {@link CriticalErrorInjector}, {@link ProviderUiHost}).
 *
 * <p>Concurrency: one lock guards all simulator state; advise sinks run on the one notification
 * thread ({@link Notifier}) and never under the lock; the spooler and the transport provider run
 * on their own threads per logged-on profile ({@link Spooler}). Choices where MAPI is silent are
 * in docs/decisions/0010-0016.
 */
public final class SimRuntime implements MapiRuntime, SubsystemDiagnostics, TransportControl, SharedSessionControl,
        CriticalErrorInjector, ProviderUiHost {

    private static final Logger LOG = LoggerFactory.getLogger(SimRuntime.class);
    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}");
    private static final int KNOWN_INIT_FLAGS = MapiFlags.MAPI_MULTITHREAD_NOTIFICATIONS | MapiFlags.MAPI_NT_SERVICE
            | MapiFlags.MAPI_NO_COINIT;
    /** Largest single allocation; bigger requests fail MAPI_E_NOT_ENOUGH_MEMORY. */
    static final int MAX_BUFFER = 64 * 1024 * 1024;
    /** Default profile when neither MAPILogonEx nor the options name one. */
    public static final String DEFAULT_PROFILE = "Default";
    /** File name suffix of a profile's store file in the profile folder. */
    public static final String STORE_SUFFIX = ".mailstore.db";

    final ReentrantLock lock = new ReentrantLock();
    /** Signalled on every state change the spooler, transport, FlushQueues or Logoff may wait for. */
    final Condition changed = lock.newCondition();
    final Notifier notifier = new Notifier();
    private final BackendOptions options;

    int initCount;
    private int oleCount;
    private int utilCount;
    private boolean mapiEndedUnderOle;
    private boolean multithreadNotifications;
    private long nextHandle = 0x1000;
    private long nextConnection = 1;
    private long nextAddress = 0x7F0000100000L;

    private final Map<Long, SimObject> live = new HashMap<>();
    private final Map<Long, SimBuffer> buffers = new LinkedHashMap<>();
    private int outstandingBuffers;
    private final List<Leak> leaks = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final Map<String, SimProfile> profiles = new HashMap<>();
    private final Map<String, InMemoryMailStore> memoryStores = new HashMap<>();
    private final List<SimPeer> peers = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();

    private TransportSettings transport;
    Random failRandom;
    int transportAttempts;
    int abortedSends;
    private volatile ProviderUi providerUi;

    /** One message the simulated transport delivered (the transport log read by tests and benchmarks). */
    public record Delivery(long messageId, String subject, List<String> recipients, Instant at) {
    }

    SimRuntime(BackendOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.transport = options.transport();
        this.failRandom = new Random(transport.seed());
    }

    /** A runtime over {@code options}, as {@link SimBackend#open} makes it. */
    public static SimRuntime create(BackendOptions options) {
        return new SimRuntime(options);
    }

    BackendOptions options() {
        return options;
    }

    @Override
    public String backendId() {
        return SimBackend.ID;
    }

    // ------------------------------------------------------------------ init / uninit

    @Override
    public void mapiInitialize(MapiInit init) {
        lock.lock();
        try {
            if (init != null) {
                if (init.version() != MapiFlags.MAPI_INIT_VERSION) {
                    throw new MapiException(HResult.MAPI_E_VERSION, "MAPIInitialize",
                            "MAPIINIT_0.ulVersion must be MAPI_INIT_VERSION (0), was " + init.version());
                }
                if ((init.flags() & ~KNOWN_INIT_FLAGS) != 0) {
                    throw new MapiException(HResult.MAPI_E_UNKNOWN_FLAGS, "MAPIInitialize",
                            "unknown MAPIINIT_0 flags " + HResult.hex(init.flags() & ~KNOWN_INIT_FLAGS));
                }
            }
            if (initCount == 0) {
                multithreadNotifications = init != null
                        && (init.flags() & MapiFlags.MAPI_MULTITHREAD_NOTIFICATIONS) != 0;
                notifier.start();
                mapiEndedUnderOle = false;
            }
            initCount++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void mapiUninitialize() {
        lock.lock();
        try {
            if (initCount == 0) {
                fault("uninitialize-unbalanced", "MAPIUninitialize without a matching MAPIInitialize", false);
                return;
            }
            if (initCount > 1) {
                initCount--;
                return;
            }
            // The last MAPIUninitialize: sessions still logged on end now (no UI).
            for (SimProfile p : List.copyOf(profiles.values())) {
                for (SimSession s : List.copyOf(p.sessions)) {
                    fault("uninitialize-with-session", "the last MAPIUninitialize ran while " + s.displayName()
                            + " was still logged on; it was logged off without UI", false);
                    s.endSession(0, "the last MAPIUninitialize");
                }
            }
            for (SimBuffer b : buffers.values()) {
                leaks.add(new Leak("BUFFER", b.hex(), b.size() + " bytes"
                        + (b.chainCount() > 1 ? " (+" + (b.chainCount() - 1) + " MAPIAllocateMore blocks)" : "")
                        + " still allocated at the last MAPIUninitialize"));
            }
            if (oleCount > 0) {
                mapiEndedUnderOle = true;
            }
            initCount = 0;
            notifier.stop();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ logon

    @Override
    public MapiSession mapiLogonEx(long uiParam, String profileName, String password, int flags) {
        lock.lock();
        try {
            requireInit("MAPILogonEx");
            String name = profileName;
            if (name == null || (flags & MapiFlags.MAPI_USE_DEFAULT) != 0) {
                name = options.profileName() != null ? options.profileName() : DEFAULT_PROFILE;
            }
            if (!PROFILE_NAME.matcher(name).matches()) {
                throw new MapiException(HResult.MAPI_E_LOGON_FAILED, "MAPILogonEx",
                        "no profile named '" + name + "' (letters, digits, space, _ . - only)");
            }
            if ("true".equalsIgnoreCase(options.extra().get("sim.logonFails"))) {
                throw new MapiException(HResult.MAPI_E_LOGON_FAILED, "MAPILogonEx",
                        "the simulated profile is set to refuse logons (sim.logonFails)");
            }
            SimProfile profile = profiles.get(name);
            if (profile != null && (flags & MapiFlags.MAPI_NEW_SESSION) == 0) {
                for (SimSession s : profile.sessions) {
                    if (s.shared && s.valid() && !s.loggingOff) {
                        s.refCount++;
                        return s;
                    }
                }
            }
            if (profile == null) {
                profile = openProfile(name);
                profiles.put(name, profile);
            }
            SimSession session = new SimSession(this, profile, flags);
            profile.sessions.add(session);
            if (profile.sessions.size() == 1) {
                profile.spooler.start();
            }
            LOG.debug("MAPILogonEx profile={} flags={} -> {}", name, HResult.hex(flags), session.hexHandle());
            return session;
        } finally {
            lock.unlock();
        }
    }

    /** Locks the profile (one profile, one spooler: decision 0120), then opens its store; profileClosed unlocks. */
    private SimProfile openProfile(String name) {
        boolean onDisk = options.profileDir() != null && !"memory".equalsIgnoreCase(options.extra().get("sim.store"));
        ProfileLock held = onDisk ? ProfileLock.acquire(options.profileDir(), name) : null;
        try {
            SimProfile p = new SimProfile(this, name, openStore(name));
            p.lock = held;
            return p;
        } catch (RuntimeException e) {
            if (held != null) {
                held.close();
            }
            throw e;
        }
    }

    private MailStoreFile openStore(String name) {
        String display = "Mailbox - " + name;
        Path dir = options.profileDir();
        boolean memory = dir == null || "memory".equalsIgnoreCase(options.extra().get("sim.store"));
        if (!memory) {
            Path file = dir.resolve(name + STORE_SUFFIX);
            try {
                return MailStoreFile.open(file, display);
            } catch (StoreFileException e) {
                MapiException ex = new MapiException(HResult.MAPI_E_LOGON_FAILED, "MAPILogonEx",
                        "the profile's store file cannot be used: " + e.getMessage());
                ex.initCause(e);
                throw ex;
            }
        }
        InMemoryMailStore m = memoryStores.computeIfAbsent(name, n -> new InMemoryMailStore(display));
        m.reopen();
        return m;
    }

    /** Called (lock held) when the last session of a profile has logged off and its spooler stopped. */
    void profileClosed(SimProfile p) {
        profiles.remove(p.name);
        try {
            p.store.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the store of profile '{}' failed", p.name, e);
            fault("store-close-failed", "closing " + p.store.displayName() + " failed: " + e.getMessage(), false);
        }
        if (p.lock != null) {
            p.lock.close();
        }
    }

    // ------------------------------------------------------------------ buffers

    @Override
    public MapiBuffer mapiAllocateBuffer(int size) {
        lock.lock();
        try {
            requireInit("MAPIAllocateBuffer");
            checkSize("MAPIAllocateBuffer", size);
            SimBuffer b = new SimBuffer(this, nextAddress(size), size, null);
            buffers.put(b.address(), b);
            outstandingBuffers++;
            return b;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public MapiBuffer mapiAllocateMore(int size, MapiBuffer parent) {
        lock.lock();
        try {
            requireInit("MAPIAllocateMore");
            checkSize("MAPIAllocateMore", size);
            SimBuffer p = ownBuffer("MAPIAllocateMore", parent);
            if (p.freed) {
                throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, "MAPIAllocateMore",
                        "lpObject " + p.hex() + " was freed");
            }
            SimBuffer root = p.root == null ? p : p.root;
            SimBuffer b = new SimBuffer(this, nextAddress(size), size, root);
            if (root.children == null) {
                root.children = new ArrayList<>(2);
            }
            root.children.add(b);
            outstandingBuffers++;
            return b;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void mapiFreeBuffer(MapiBuffer buffer) {
        if (buffer == null) {
            return;
        }
        lock.lock();
        try {
            requireInit("MAPIFreeBuffer");
            SimBuffer b = ownBuffer("MAPIFreeBuffer", buffer);
            if (b.freed) {
                throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, "MAPIFreeBuffer",
                        "buffer " + b.hex() + " was already freed");
            }
            if (b.root != null) {
                throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, "MAPIFreeBuffer",
                        "buffer " + b.hex() + " came from MAPIAllocateMore; free its parent " + b.root.hex());
            }
            b.freed = true;
            outstandingBuffers--;
            if (b.children != null) {
                for (SimBuffer c : b.children) {
                    c.freed = true;
                    outstandingBuffers--;
                }
            }
            buffers.remove(b.address());
        } finally {
            lock.unlock();
        }
    }

    private SimBuffer ownBuffer(String api, MapiBuffer buffer) {
        if (!(buffer instanceof SimBuffer b)) {
            throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, api,
                    buffer == null ? "null buffer" : "not a buffer of this MAPI subsystem");
        }
        return b;
    }

    private void checkSize(String api, int size) {
        if (size < 0) {
            throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, api, "negative size " + size);
        }
        if (size > MAX_BUFFER) {
            throw new MapiException(HResult.MAPI_E_NOT_ENOUGH_MEMORY, api, size + " bytes is over the simulator's "
                    + MAX_BUFFER + "-byte limit");
        }
    }

    private long nextAddress(int size) {
        long a = nextAddress;
        nextAddress += Math.max(16, (size + 15) & ~15L);
        return a;
    }

    // ------------------------------------------------------------------ util / OLE

    @Override
    public void scInitMapiUtil(int flags) {
        lock.lock();
        try {
            if (flags != 0) {
                throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, "ScInitMapiUtil",
                        "ulFlags must be 0, was " + HResult.hex(flags));
            }
            utilCount++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deinitMapiUtil() {
        lock.lock();
        try {
            if (utilCount == 0) {
                fault("deinit-without-init", "DeinitMapiUtil called without a matching ScInitMapiUtil", false);
                return;
            }
            utilCount--;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public HResult oleInitialize() {
        lock.lock();
        try {
            return oleCount++ == 0 ? HResult.S_OK : HResult.S_FALSE;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void oleUninitialize() {
        lock.lock();
        try {
            if (oleCount == 0) {
                fault("ole-uninitialize-unbalanced", "OleUninitialize without a matching OleInitialize", false);
                return;
            }
            oleCount--;
            if (mapiEndedUnderOle && initCount == 0) {
                mapiEndedUnderOle = false;
                fault("ungraceful-termination", "OleUninitialize was called after the last MAPIUninitialize; "
                        + "OleUninitialize must precede MAPIUninitialize when OleInitialize was called "
                        + "(Ending a MAPI Session, step 7): the client might terminate ungracefully", true);
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ capabilities

    private static final Set<Class<?>> CAPABILITIES = Set.of(SubsystemDiagnostics.class, TransportControl.class,
            SharedSessionControl.class, CriticalErrorInjector.class, ProviderUiHost.class);

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return CAPABILITIES.contains(type) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    // SubsystemDiagnostics

    @Override
    public int initCount() {
        lock.lock();
        try {
            return initCount;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<ObjectInfo> liveObjects() {
        lock.lock();
        try {
            return live.values().stream().map(SimObject::info)
                    .sorted(Comparator.comparingLong(ObjectInfo::handle)).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Leak> leaks() {
        lock.lock();
        try {
            return List.copyOf(leaks);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Fault> faults() {
        lock.lock();
        try {
            return List.copyOf(faults);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int outstandingBuffers() {
        lock.lock();
        try {
            return outstandingBuffers;
        } finally {
            lock.unlock();
        }
    }

    /** True when the first MAPIInitialize of the current cycle passed MAPI_MULTITHREAD_NOTIFICATIONS. */
    public boolean multithreadNotifications() {
        lock.lock();
        try {
            return multithreadNotifications;
        } finally {
            lock.unlock();
        }
    }

    /** OleInitialize count (diagnostics). */
    public int oleCount() {
        lock.lock();
        try {
            return oleCount;
        } finally {
            lock.unlock();
        }
    }

    /** ScInitMapiUtil count (diagnostics). */
    public int mapiUtilCount() {
        lock.lock();
        try {
            return utilCount;
        } finally {
            lock.unlock();
        }
    }

    // TransportControl

    @Override
    public TransportSettings settings() {
        lock.lock();
        try {
            return transport;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void apply(TransportSettings settings) {
        Objects.requireNonNull(settings, "settings");
        lock.lock();
        try {
            TransportSettings old = transport;
            transport = settings;
            if (old.seed() != settings.seed() || old.failProbability() != settings.failProbability()) {
                failRandom = new Random(settings.seed());
            }
            if (old.failEvery() != settings.failEvery()) {
                transportAttempts = 0;
            }
            for (SimProfile p : profiles.values()) {
                p.spooler.publishStatus();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    TransportSettings transport() {
        return transport;
    }

    // SharedSessionControl

    @Override
    public Peer addPeer(String name) {
        lock.lock();
        try {
            SimSession shared = null;
            for (SimProfile p : profiles.values()) {
                for (SimSession s : p.sessions) {
                    if (s.shared && s.valid() && !s.loggingOff) {
                        shared = s;
                    }
                }
            }
            if (shared == null) {
                throw new MapiException(HResult.MAPI_E_LOGON_FAILED, "MAPILogonEx",
                        "peer '" + name + "': no session logged on with MAPI_ALLOW_OTHERS to join");
            }
            SimPeer peer = new SimPeer(name, shared);
            peers.add(peer);
            shared.peers.add(peer);
            return peer;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Peer> peers() {
        lock.lock();
        try {
            return List.copyOf(peers);
        } finally {
            lock.unlock();
        }
    }

    // CriticalErrorInjector

    @Override
    public void raiseCriticalError(MapiSession session, HResult scode, String reason) {
        if (!(session instanceof SimSession s) || s.rt != this) {
            throw new MapiException(HResult.MAPI_E_INVALID_PARAMETER, "raiseCriticalError",
                    "not a session of this simulated subsystem");
        }
        Objects.requireNonNull(scode, "scode");
        s.run("CriticalError", () -> s.raiseCriticalError(scode, reason == null ? "critical error" : reason));
    }

    // ProviderUiHost

    @Override
    public void setProviderUi(ProviderUi ui) {
        this.providerUi = ui;
    }

    ProviderUi providerUi() {
        return providerUi;
    }

    // ------------------------------------------------------------------ test and bench helpers

    /** Waits until every notification queued so far has been delivered. False on timeout. */
    public boolean awaitNotifications(Duration timeout) throws InterruptedException {
        return notifier.awaitIdle(timeout);
    }

    /** Sends the transport abandoned because a Logoff chose "Leave in Outbox" (decision 0013). */
    public int abortedSends() {
        lock.lock();
        try {
            return abortedSends;
        } finally {
            lock.unlock();
        }
    }

    /** Every message the transport delivered, in order. */
    public List<Delivery> transportLog() {
        lock.lock();
        try {
            return List.copyOf(deliveries);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no message of any logged-on profile is queued or in flight. Mail queued while the
     * transport is offline counts as queued. False on timeout.
     */
    public boolean awaitOutboxIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                boolean busy = false;
                for (SimProfile p : profiles.values()) {
                    busy |= p.spooler.busy();
                }
                if (!busy) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ internals (lock held)

    void recordDelivery(Delivery d) {
        deliveries.add(d);
    }

    long nextHandle() {
        return nextHandle++;
    }

    long nextConnection() {
        return nextConnection++;
    }

    void register(SimObject o) {
        live.put(o.handle(), o);
    }

    void unregister(SimObject o) {
        live.remove(o.handle());
    }

    void leak(Leak l) {
        leaks.add(l);
    }

    void fault(String id, String message, boolean fatal) {
        faults.add(new Fault(id, message, fatal));
        if (fatal) {
            LOG.error("fault {}: {}", id, message);
        } else {
            LOG.warn("fault {}: {}", id, message);
        }
    }

    void requireInit(String api) {
        if (initCount == 0) {
            throw new MapiException(HResult.MAPI_E_NOT_INITIALIZED, api, "MAPIInitialize has not been called");
        }
    }

    void post(Advise a, Notification n) {
        notifier.post(a.sink(), List.of(n));
    }

    /** A simulated peer client of a shared session. */
    final class SimPeer implements Peer, dev.mapiworkbench.mapi.AdviseSink {
        private final String name;
        final SimSession session;
        private volatile boolean loggedOn = true;
        private volatile String reason;

        SimPeer(String name, SimSession session) {
            this.name = name;
            this.session = session;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean loggedOn() {
            return loggedOn;
        }

        @Override
        public String logoffReason() {
            return reason;
        }

        /** The peer's advise sink (fnevCriticalError on the session): it logs off at once. */
        @Override
        public int onNotify(List<Notification> notifications) {
            for (Notification n : notifications) {
                if (n instanceof Notification.CriticalError e && loggedOn) {
                    reason = EventType.maskName(n.eventType()) + " " + e.scode().name();
                    loggedOn = false;
                    lock.lock();
                    try {
                        session.peers.remove(this);
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            }
            return 0;
        }

        @Override
        public String toString() {
            return "Peer[" + name + (loggedOn ? ", logged on" : ", logged off: " + reason) + "]";
        }
    }
}
