package dev.mapiworkbench.sim;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.CriticalErrorInjector;
import dev.mapiworkbench.mapi.FaultControl;
import dev.mapiworkbench.mapi.FaultSpec;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.Notification;
import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.mapi.RuleSwitches;
import dev.mapiworkbench.mapi.SharedSessionControl;
import dev.mapiworkbench.mapi.SmtpControl;
import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import dev.mapiworkbench.mapi.TransportControl;
import dev.mapiworkbench.mapi.TransportSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated MAPI subsystem: one per {@link SimBackend#open}. Implements the runtime functions
 * (initialisation, logon, MAPI memory through {@link SimAllocator}, OLE and the utility library) and
 * hands out each optional capability as a small facet over its state: {@link SimDiagnostics}
 * ({@link SubsystemDiagnostics}), {@link SimTransportControl} ({@link TransportControl}),
 * {@link SimSharedSessions} ({@link SharedSessionControl}), {@link SimCriticalErrors}
 * ({@link CriticalErrorInjector}) and {@link SimProviderUiHost} ({@link ProviderUiHost}), through
 * {@link #capability} as the client asks for them or the typed accessors tests use.
 *
 * <p>Concurrency: one lock guards all simulator state (the facets' too). The state this runtime keeps
 * (live objects, leaks, faults, profiles, the init count; the transport's in {@link SimTransportControl}) is
 * {@code @GuardedBy("lock")}, and this class, {@link SimLibraryCounts} and the facets take the lock explicitly
 * ({@code lock.lock(); try … finally unlock}), so Error Prone fails the compile on an access without it. A
 * method other objects call with the lock already held takes it again (it is reentrant) rather than being
 * annotated (decision 0400); {@link #locked(Supplier)} remains for state without {@code @GuardedBy}, and
 * methods documented "lock held" expect it. Advise sinks run on the one notification thread ({@link Notifier})
 * and never under the lock;
 * the spooler and the transport provider run on their own threads per logged-on profile
 * ({@link Spooler}). Choices where MAPI is silent are in docs/decisions/0010-0016.
 *
 * <p>Size: somewhat over 400 lines because the MAPIRuntime functions share one state under one lock
 * (the last MAPIUninitialize logs sessions off and reports the buffers still allocated; MAPILogonEx
 * starts a profile's spooler); what could stand alone has moved to the facets, the allocator,
 * {@link SimLibraryCounts} and {@link SimStores}; the explicit lock/unlock of decision 0400 costs a few lines
 * per runtime function.
 */
public final class SimRuntime implements MapiRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(SimRuntime.class);
    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}");
    private static final int KNOWN_INIT_FLAGS =
            MapiFlags.MAPI_MULTITHREAD_NOTIFICATIONS | MapiFlags.MAPI_NT_SERVICE | MapiFlags.MAPI_NO_COINIT;
    /** Default profile when neither MAPILogonEx nor the options name one. */
    public static final String DEFAULT_PROFILE = "Default";
    /** File name suffix of a profile's store file in the profile folder. */
    public static final String STORE_SUFFIX = ".mailstore.db";

    final ReentrantLock lock = new ReentrantLock();
    /** Signalled on every state change the spooler, transport, FlushQueues or Logoff may wait for. */
    final Condition changed = lock.newCondition();

    final Notifier notifier = new Notifier();
    /** Injected faults (docs/scenarios.md); asked before every call, without the lock. */
    final SimFaults injector = new SimFaults();
    /** The transport's per-message rules (decision 0440). */
    final SimTransportRules transportRules;

    private final BackendOptions options;
    /** The behaviours documented outside the 8-step page and their switches (docs/mapi-behaviours.md). */
    final SimRules rules;

    @GuardedBy("lock")
    int initCount;
    /** OLE and the MAPI utility library. */
    private final SimLibraryCounts library = new SimLibraryCounts(this);

    @GuardedBy("lock")
    private boolean multithreadNotifications;

    @GuardedBy("lock")
    private long nextHandle = 0x1000;

    @GuardedBy("lock")
    private long nextConnection = 1;

    @GuardedBy("lock")
    final Map<Long, SimObject> live = new HashMap<>();
    /** MAPIAllocateBuffer's memory; guarded by the lock. */
    final SimAllocator allocator = new SimAllocator(this);

    @GuardedBy("lock")
    final List<SubsystemDiagnostics.Leak> leaks = new ArrayList<>();

    @GuardedBy("lock")
    final List<SubsystemDiagnostics.Fault> faults = new ArrayList<>();

    @GuardedBy("lock")
    private final Map<String, SimProfile> profiles = new HashMap<>();

    private final SimStores stores;

    /** The transport's settings, counters and log ({@link TransportControl}). */
    private final SimTransportControl transportControl;

    private final SimSmtpControl smtpControl = new SimSmtpControl(this);

    /** One message the simulated transport delivered (the transport log read by tests and benchmarks). */
    public record Delivery(long messageId, String subject, List<String> recipients, Instant at) {}

    SimRuntime(BackendOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.stores = new SimStores(options);
        this.transportControl = new SimTransportControl(this, options.transport());
        this.capabilities = Map.of(
                SubsystemDiagnostics.class,
                diagnostics,
                TransportControl.class,
                transportControl,
                SharedSessionControl.class,
                sharedSessions,
                CriticalErrorInjector.class,
                criticalErrors,
                ProviderUiHost.class,
                providerUiHost);
        String faultLines = options.extra().get(FAULTS_EXTRA);
        if (faultLines != null) {
            for (String line : faultLines.split("\n", -1)) {
                if (!line.isBlank()) {
                    injector.add(FaultSpec.parse(line));
                }
            }
        }
        this.rules = new SimRules(this, RuleSwitches.Settings.fromExtras(options.extra()));
        this.transportRules = new SimTransportRules(this, options.extra().get(SimTransportRules.EXTRA));
    }

    /** The backend extra with faults to inject from the start, one {@link FaultSpec} per line. */
    public static final String FAULTS_EXTRA = "sim.faults";

    /** A runtime over {@code options}, as {@link SimBackend#open} makes it. */
    public static SimRuntime create(BackendOptions options) {
        return new SimRuntime(options);
    }

    BackendOptions options() {
        return options;
    }

    @Override
    public void close() {
        SimClose.close(this);
    }

    @Override
    public String backendId() {
        return SimBackend.ID;
    }

    // ------------------------------------------------------------------ init / uninit

    @Override
    public void mapiInitialize(MapiInit init) {
        injectedFunction("MAPIInitialize");
        lock.lock();
        try {
            rules.refuseAfterFastShutdown("MAPIInitialize");
            if (init != null) {
                if (init.version() != MapiFlags.MAPI_INIT_VERSION) {
                    throw new MapiException(
                            HResult.MAPI_E_VERSION,
                            "MAPIInitialize",
                            "MAPIINIT_0.ulVersion must be MAPI_INIT_VERSION (0), was " + init.version());
                }
                if ((init.flags() & ~KNOWN_INIT_FLAGS) != 0) {
                    throw new MapiException(
                            HResult.MAPI_E_UNKNOWN_FLAGS,
                            "MAPIInitialize",
                            "unknown MAPIINIT_0 flags " + HResult.hex(init.flags() & ~KNOWN_INIT_FLAGS));
                }
            }
            if (initCount == 0) {
                multithreadNotifications =
                        init != null && (init.flags() & MapiFlags.MAPI_MULTITHREAD_NOTIFICATIONS) != 0;
                notifier.start();
                library.mapiStarted();
            }
            rules.initialized(initCount == 0);
            initCount++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void mapiUninitialize() {
        injectedFunction("MAPIUninitialize");
        lock.lock();
        try {
            rules.refuseAfterFastShutdown("MAPIUninitialize");
            if (initCount == 0) {
                fault("uninitialize-unbalanced", "MAPIUninitialize without a matching MAPIInitialize", false);
                return;
            }
            if (!rules.uninitializing(multithreadNotifications)) {
                return;
            }
            if (initCount > 1) {
                initCount--;
                return;
            }
            rules.awaitStoreLogoffs(null, "MAPIUninitialize");
            // The last MAPIUninitialize: sessions still logged on end now (no UI).
            for (SimProfile p : List.copyOf(profiles.values())) {
                for (SimSession s : List.copyOf(p.sessions)) {
                    fault(
                            "uninitialize-with-session",
                            "the last MAPIUninitialize ran while " + s.displayName()
                                    + " was still logged on; it was logged off without UI",
                            false);
                    s.endSession(0, "the last MAPIUninitialize");
                }
            }
            for (SimBuffer b : allocator.allocated()) {
                leaks.add(new SubsystemDiagnostics.Leak(
                        "BUFFER",
                        b.hex(),
                        b.size() + " bytes"
                                + (b.chainCount() > 1 ? " (+" + (b.chainCount() - 1) + " MAPIAllocateMore blocks)" : "")
                                + " still allocated at the last MAPIUninitialize"));
            }
            library.mapiEnded();
            initCount = 0;
            rules.cycleEnded();
            notifier.stop();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ logon

    @Override
    public MapiSession mapiLogonEx(long uiParam, String profileName, String password, int flags) {
        injectedFunction("MAPILogonEx");
        lock.lock();
        try {
            requireInit("MAPILogonEx");
            String name = profileName;
            if (name == null || (flags & MapiFlags.MAPI_USE_DEFAULT) != 0) {
                name = options.profileName() != null ? options.profileName() : DEFAULT_PROFILE;
            }
            if (!PROFILE_NAME.matcher(name).matches()) {
                throw new MapiException(
                        HResult.MAPI_E_LOGON_FAILED,
                        "MAPILogonEx",
                        "no profile named '" + name + "' (letters, digits, space, _ . - only)");
            }
            if ("true".equalsIgnoreCase(options.extra().get("sim.logonFails"))) {
                throw new MapiException(
                        HResult.MAPI_E_LOGON_FAILED,
                        "MAPILogonEx",
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
    @GuardedBy("lock")
    private SimProfile openProfile(String name) {
        boolean onDisk = options.profileDir() != null
                && !"memory".equalsIgnoreCase(options.extra().get("sim.store"));
        ProfileLock held = onDisk ? ProfileLock.acquire(options.profileDir(), name) : null;
        try {
            SimProfile p = new SimProfile(this, name, stores.open(name));
            p.lock = held;
            return p;
        } catch (RuntimeException e) {
            if (held != null) {
                held.close();
            }
            throw e;
        }
    }

    /**
     * Called when the last session of a profile has logged off and its spooler stopped (the caller holds the
     * lock already; it is taken again, as decision 0400 says for another object's guarded state).
     */
    void profileClosed(SimProfile p) {
        lock.lock();
        try {
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
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ buffers

    @Override
    public MapiBuffer mapiAllocateBuffer(int size) {
        injectedFunction("MAPIAllocateBuffer");
        lock.lock();
        try {
            requireInit("MAPIAllocateBuffer");
            return allocator.allocate(size);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public MapiBuffer mapiAllocateMore(int size, MapiBuffer parent) {
        injectedFunction("MAPIAllocateMore");
        lock.lock();
        try {
            requireInit("MAPIAllocateMore");
            return allocator.allocateMore(size, parent);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void mapiFreeBuffer(MapiBuffer buffer) {
        injectedFunction("MAPIFreeBuffer");
        if (buffer == null) {
            return;
        }
        lock.lock();
        try {
            requireInit("MAPIFreeBuffer");
            allocator.free(buffer);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ util / OLE ({@link SimLibraryCounts})

    @Override
    public void scInitMapiUtil(int flags) {
        injectedFunction("ScInitMapiUtil");
        library.scInitMapiUtil(flags);
    }

    @Override
    public void deinitMapiUtil() {
        injectedFunction("DeinitMapiUtil");
        library.deinitMapiUtil();
    }

    @Override
    public HResult oleInitialize() {
        injectedFunction("OleInitialize");
        return library.oleInitialize();
    }

    @Override
    public void oleUninitialize() {
        injectedFunction("OleUninitialize");
        library.oleUninitialize();
    }

    // ------------------------------------------------------------------ capabilities

    /** The optional capabilities, one small facet each over this runtime's state and lock. */
    private final SimDiagnostics diagnostics = new SimDiagnostics(this);

    private final SimSharedSessions sharedSessions = new SimSharedSessions(this);
    private final SimCriticalErrors criticalErrors = new SimCriticalErrors(this);
    private final SimProviderUiHost providerUiHost = new SimProviderUiHost();
    private final Map<Class<?>, Object> capabilities;

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == SmtpControl.class) {
            return Optional.of(type.cast(smtpControl));
        }
        if (type == FaultControl.class) {
            return Optional.of(type.cast(injector));
        }
        if (type == dev.mapiworkbench.mapi.TransportRuleControl.class) {
            return Optional.of(type.cast(transportRules));
        }
        if (type == RuleSwitches.class) {
            return Optional.of(type.cast(rules));
        }
        return Optional.ofNullable(capabilities.get(type)).map(type::cast);
    }

    /** Asks the fault injector about a MAPI function (lock NOT held); raises an injected critical error. */
    private void injectedFunction(String api) {
        if (injector.before(api, null, 0) == SimFaults.Effect.CRITICAL_ERROR) {
            List<SimSession> all = new ArrayList<>();
            lock.lock();
            try {
                profiles.values().forEach(p -> all.addAll(p.sessions));
            } finally {
                lock.unlock();
            }
            all.forEach(s -> injectCriticalError(s, "injected fault on " + api));
        }
    }

    /** Raises fnevCriticalError on {@code s} for an injected fault; nothing when it has ended. */
    void injectCriticalError(SimSession s, String reason) {
        lock.lock();
        try {
            if (s.valid()) {
                s.raiseCriticalError(HResult.MAPI_E_CALL_FAILED, reason);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Live objects, leaks, faults and counts. */
    public SubsystemDiagnostics diagnostics() {
        return diagnostics;
    }

    /** The simulated transport's settings (offline, latency, failures, hang). */
    public TransportControl transportControl() {
        return transportControl;
    }

    /** Peer clients of a shared session. */
    public SharedSessionControl sharedSessions() {
        return sharedSessions;
    }

    /** Raises fnevCriticalError on a session. */
    public CriticalErrorInjector criticalErrors() {
        return criticalErrors;
    }

    /** Who answers provider questions during a Logoff with MAPI_LOGOFF_UI. */
    public ProviderUiHost providerUiHost() {
        return providerUiHost;
    }

    ProviderUiHost.ProviderUi providerUi() {
        return providerUiHost.ui();
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
        return library.oleCount();
    }

    /** ScInitMapiUtil count (diagnostics). */
    public int mapiUtilCount() {
        return library.utilCount();
    }

    /** The current transport settings (the spooler and transport threads hold the lock already). */
    TransportSettings transport() {
        return transportControl.settings();
    }

    /** The SMTP choice (decision 0160). */
    SimSmtpControl smtpControl() {
        return smtpControl;
    }

    /** The profile a logon without a name uses. */
    String defaultProfileName() {
        return options.profileName() != null ? options.profileName() : DEFAULT_PROFILE;
    }

    /** A copy of the logged-on profiles (taken under the lock; the callers usually hold it already). */
    List<SimProfile> profiles() {
        lock.lock();
        try {
            return List.copyOf(profiles.values());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} holding the runtime lock and returns its result. Only for state without
     * {@code @GuardedBy}: Error Prone cannot see that a lambda runs under the lock (decision 0400).
     */
    <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} holding the runtime lock (only for state without {@code @GuardedBy}, as above). */
    void locked(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ test and bench helpers

    /** Waits until every notification queued so far has been delivered. False on timeout. */
    public boolean awaitNotifications(Duration timeout) throws InterruptedException {
        return notifier.awaitIdle(timeout);
    }

    /** Sends the transport abandoned because a Logoff chose "Leave in Outbox" (decision 0013). */
    public int abortedSends() {
        return transportControl.abortedSends();
    }

    /** Every message the transport delivered, in order. */
    public List<Delivery> transportLog() {
        return transportControl.deliveries();
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

    /** One delivery for the transport log. */
    void recordDelivery(Delivery d) {
        transportControl.recordDelivery(d);
    }

    @GuardedBy("lock")
    long nextHandle() {
        return nextHandle++;
    }

    /** A new advise connection number (advise calls hold the lock already). */
    long nextConnection() {
        lock.lock();
        try {
            return nextConnection++;
        } finally {
            lock.unlock();
        }
    }

    @GuardedBy("lock")
    void register(SimObject o) {
        live.put(o.handle(), o);
    }

    @GuardedBy("lock")
    void unregister(SimObject o) {
        live.remove(o.handle());
    }

    /** Records a leak (callers usually hold the lock; it is taken again, decision 0400). */
    void leak(SubsystemDiagnostics.Leak l) {
        lock.lock();
        try {
            leaks.add(l);
        } finally {
            lock.unlock();
        }
    }

    /** Records a fault (callers usually hold the lock; it is taken again, decision 0400). */
    void fault(String id, String message, boolean fatal) {
        lock.lock();
        try {
            faults.add(new SubsystemDiagnostics.Fault(id, message, fatal));
        } finally {
            lock.unlock();
        }
        if (fatal) {
            LOG.error("fault {}: {}", id, message);
        } else {
            LOG.warn("fault {}: {}", id, message);
        }
    }

    /** True between the first MAPIInitialize and the last MAPIUninitialize. */
    boolean initialized() {
        lock.lock();
        try {
            return initCount > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Counts a send the transport abandoned because a Logoff chose "Leave in Outbox" (decision 0013). */
    void abortedSend() {
        transportControl.abortedSend();
    }

    /** The transport's attempt number for the next message (1, 2, …; reset when failEvery changes). */
    int nextTransportAttempt() {
        return transportControl.nextAttempt();
    }

    /** The next draw of the seeded failure sequence (a random transport failure when below the probability). */
    double nextFailDraw() {
        return transportControl.nextFailDraw();
    }

    @GuardedBy("lock")
    void requireInit(String api) {
        if (initCount == 0) {
            throw new MapiException(HResult.MAPI_E_NOT_INITIALIZED, api, "MAPIInitialize has not been called");
        }
        rules.checkCall(api);
    }

    /** DoFastShutdown: the process exits next; spoolers and the notification thread stop, the Outbox stays. */
    void endForFastShutdown() {
        lock.lock();
        try {
            for (SimProfile p : profiles.values()) {
                Spooler sp = p.spooler;
                sp.stopRequested = true;
                if (sp.inFlight != null) {
                    sp.inFlight.abortRequested = true;
                }
                // the process exits after DoFastShutdown and the OS drops its file locks; in one JVM the
                // simulator does the same, so a later runtime on this profile is not refused (decision 0120)
                if (p.lock != null) {
                    p.lock.close();
                    p.lock = null;
                }
            }
            changed.signalAll();
            notifier.stop();
        } finally {
            lock.unlock();
        }
    }

    void post(Advise a, Notification n) {
        notifier.post(a.sink(), List.of(n));
    }
}
