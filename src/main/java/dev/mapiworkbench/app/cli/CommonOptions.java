package dev.mapiworkbench.app.cli;

import dev.mapiworkbench.client.ClientConfig;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.mapi.FaultSpec;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options the window and the headless command line share (a picocli mixin:
 * {@code @Mixin CommonOptions common;}). Documented in docs/cli.md.
 */
public class CommonOptions {

    /** The backend extra that carries --fault values to the simulator, one per line. */
    public static final String FAULTS_EXTRA = "sim.faults";

    @Option(
            names = "--profile",
            paramLabel = "DIR",
            description = "Profile folder (created when absent); the simulator keeps the profile's store file there.")
    Path profile;

    @Option(
            names = "--backend",
            paramLabel = "ID",
            description = "MAPI backend: sim or win32 (default: the best available).")
    String backend;

    @Option(names = "--no-logon", description = "Start without logging on (window only).")
    boolean noLogon;

    @Option(
            names = "--transport-latency",
            paramLabel = "MS",
            description = "Simulated transport: milliseconds per message (default 3000).")
    Long transportLatency;

    @Option(
            names = "--transport-fail-every",
            paramLabel = "N",
            description = "Simulated transport: fail every Nth message (0 = never).")
    Integer transportFailEvery;

    @Option(names = "--transport-offline", description = "Simulated transport: offline, everything stays queued.")
    boolean transportOffline;

    @Option(names = "--transport-hang", description = "Simulated transport: hang inside the send of the first message.")
    boolean transportHang;

    @Option(names = "--shared", description = "Log on to a shared session (MAPI_ALLOW_OTHERS).")
    boolean shared;

    @Option(
            names = "--peers",
            paramLabel = "N",
            description = "With --shared: N simulated peer clients join the shared session (default 1).")
    Integer peers;

    @Option(
            names = "--fault",
            paramLabel = "API=ACTION",
            description = "Inject a fault into a simulated MAPI call (repeatable), e.g. 'IMAPISession::Logoff=block',"
                    + " 'IMsgStore::Release=leak', 'IMAPISession::Logoff#1=MAPI_E_CALL_FAILED' (docs/scenarios.md).")
    List<String> faults = new ArrayList<>();

    @Option(
            names = "--scenario",
            paramLabel = "FILE|NAME",
            description = "Start from a scenario file or a built-in scenario (--list-scenarios); options given after"
                    + " it override the scenario's (docs/scenarios.md).")
    String scenario;

    @Option(names = "--ole", description = "Call OleInitialize at logon (and OleUninitialize at teardown).")
    boolean ole;

    @Option(names = "--mapi-util", description = "Call ScInitMapiUtil at logon (and DeinitMapiUtil at teardown).")
    boolean mapiUtil;

    /** --smtp and friends (decision 0160). */
    @Mixin
    SmtpOptions smtp = new SmtpOptions();

    public SmtpOptions smtp() {
        return smtp;
    }

    public Path profile() {
        return profile;
    }

    /** The profile folder, or {@code fallback} when --profile was not given. */
    public Path profileOr(Path fallback) {
        return profile != null ? profile : fallback;
    }

    /** The default profile folder of the window: {@code ~/.mapi-workbench/demo}. */
    public static Path defaultProfileDir() {
        return Path.of(System.getProperty("user.home"), ".mapi-workbench", "demo");
    }

    public String backend() {
        return backend;
    }

    public boolean noLogon() {
        return noLogon;
    }

    public boolean shared() {
        return shared;
    }

    public boolean ole() {
        return ole;
    }

    public boolean mapiUtil() {
        return mapiUtil;
    }

    /** How many simulated peers join a shared session: --peers, else 1. */
    public int peers() {
        return peers == null ? 1 : peers;
    }

    /** The faults to inject, parsed (validate() has checked them). */
    public List<FaultSpec> faults() {
        return faults.stream().map(FaultSpec::parse).toList();
    }

    /** The --scenario value, or null. */
    public String scenario() {
        return scenario;
    }

    /**
     * Checks values picocli cannot: negative numbers.
     *
     * @return null when valid, else a one-line message naming the bad option
     */
    public String validate() {
        if (transportLatency != null && transportLatency < 0) {
            return "--transport-latency must be 0 or more, not " + transportLatency;
        }
        if (transportFailEvery != null && transportFailEvery < 0) {
            return "--transport-fail-every must be 0 or more, not " + transportFailEvery;
        }
        if (backend != null && backend.isBlank()) {
            return "--backend must not be empty";
        }
        if (peers != null && (peers < 0 || peers > 16)) {
            return "--peers must be 0..16, not " + peers;
        }
        if (peers != null && peers > 0 && !shared) {
            return "--peers needs --shared (peers join a shared session)";
        }
        for (String f : faults) {
            try {
                FaultSpec.parse(f);
            } catch (IllegalArgumentException e) {
                return "--fault '" + (f.length() > 80 ? f.substring(0, 80) + "…" : f) + "': " + e.getMessage();
            }
        }
        return smtp.validate();
    }

    /** The simulated transport's settings: the demo defaults with the switches applied. */
    public TransportSettings transportSettings() {
        TransportSettings t = TransportSettings.defaults();
        if (transportLatency != null) {
            t = t.withLatency(transportLatency);
        }
        if (transportFailEvery != null) {
            t = t.withFailEvery(transportFailEvery);
        }
        if (transportOffline) {
            t = t.withOffline(true);
        }
        if (transportHang) {
            t = t.withHang(true);
        }
        return t;
    }

    /** The client configuration for {@code ClientSessions.open}. */
    public ClientConfig clientConfig(Path fallbackProfile) {
        Map<String, String> extra = new java.util.HashMap<>();
        if (!faults.isEmpty()) {
            extra.put(FAULTS_EXTRA, String.join("\n", faults));
        }
        extra.putAll(smtp.backendExtras());
        return new ClientConfig(backend, profileOr(fallbackProfile), transportSettings(), extra);
    }

    /** The logon options (shared, OLE, MAPI util). */
    public LogonOptions logonOptions() {
        return new LogonOptions(shared, ole, mapiUtil, null);
    }
}
