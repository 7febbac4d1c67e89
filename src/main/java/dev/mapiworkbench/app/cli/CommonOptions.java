package dev.mapiworkbench.app.cli;

import dev.mapiworkbench.client.ClientConfig;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.mapi.FaultSpec;
import dev.mapiworkbench.mapi.FlagSet;
import dev.mapiworkbench.mapi.TransportRule;
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
    /** The backend extra that carries --transport-rule values to the simulator, one per line. */
    public static final String TRANSPORT_RULES_EXTRA = "sim.transportRules";

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

    @Option(
            names = "--transport-rule",
            paramLabel = "MATCH=ACTION",
            description = "Simulated transport: a per-message rule (repeatable, the first that matches decides), e.g."
                    + " 'subject~Report=fail:MAPI_E_NETWORK_ERROR', '#2=hang', 'to~bob=smtp:550 5.1.1 unknown',"
                    + " '#1=delay:8000', '#3=offline:5000' (docs/scenarios.md).")
    List<String> transportRules = new ArrayList<>();

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

    @Option(
            names = "--strict-8-steps",
            description = "Run only the eight steps of 'Ending a MAPI Session': leave out the documented-elsewhere"
                    + " store-logoff step (IMsgStore::StoreLogoff).")
    boolean strict8Steps;

    @Option(
            names = "--logoff-flags",
            paramLabel = "FLAGS",
            description = "IMAPISession::Logoff ulFlags as given, in hex, decimal or by name"
                    + " (0x3, MAPI_LOGOFF_SHARED|MAPI_LOGOFF_UI); unknown bits are passed too. Replaces the computed"
                    + " flags (--allow-ui, --shared); the CE plan and a critical error still pass 0.")
    String logoffFlags;

    @Option(
            names = "--logon-flags",
            paramLabel = "FLAGS",
            description = "MAPILogonEx ulFlags as given (hex, decimal or names such as MAPI_EXTENDED|MAPI_NEW_SESSION);"
                    + " unknown bits are passed too. Replaces the flags the client computes.")
    String logonFlags;

    @Option(
            names = "--init-flags",
            paramLabel = "FLAGS",
            description = "MAPIINIT_0.ulFlags of MAPIInitialize as given (hex, decimal or names such as"
                    + " MAPI_MULTITHREAD_NOTIFICATIONS); unknown bits are passed too.")
    String initFlags;

    @Option(
            names = "--thread",
            paramLabel = "NAME[:KEY=VALUE,…]",
            description = "An extra client thread making MAPI calls of its own (repeatable; simulator; decision 0550):"
                    + " init=yes|no, flags=FLAGS, start=before-logon|after-logon, calls=MAPIAllocateBuffer+MAPILogonEx,"
                    + " uninit=before|after|never, e.g. 'worker:start=before-logon,calls=MAPIAllocateBuffer'"
                    + " (docs/scenarios.md, Threads).")
    List<String> threads = new ArrayList<>();

    /** --smtp and friends (decision 0160). */
    @Mixin
    SmtpOptions smtp = new SmtpOptions();

    public SmtpOptions smtp() {
        return smtp;
    }

    public Path profile() {
        return profile;
    }

    /**
     * From now on the profile folder is {@code folder}, as if {@code --profile folder} had been given: the
     * window's "Log on to that profile" when the profile it was opened on is in use (decision 0120).
     */
    public void useProfile(Path folder) {
        profile = folder;
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

    /** --strict-8-steps: leave out store-logoff. */
    public boolean strict8Steps() {
        return strict8Steps;
    }

    /** --logoff-flags parsed (validate() has checked it), or null: computed. */
    public Integer logoffFlags() {
        return flags(FlagSet.LOGOFF, logoffFlags);
    }

    /** --logon-flags parsed, or null: computed. */
    public Integer logonFlags() {
        return flags(FlagSet.LOGON, logonFlags);
    }

    /** --init-flags parsed, or null: the default. */
    public Integer initFlags() {
        return flags(FlagSet.INIT, initFlags);
    }

    private static Integer flags(FlagSet set, String text) {
        return text == null ? null : set.parse(text);
    }

    /** How many simulated peers join a shared session: --peers, else 1. */
    public int peers() {
        return peers == null ? 1 : peers;
    }

    /** The faults to inject, parsed (validate() has checked them). */
    public List<FaultSpec> faults() {
        return faults.stream().map(FaultSpec::parse).toList();
    }

    /** The transport's per-message rules, parsed (validate() has checked them). */
    public List<TransportRule> transportRules() {
        return transportRules.stream().map(TransportRule::parse).toList();
    }

    /** The extra client threads (--thread), parsed (validate() has checked them). */
    public List<dev.mapiworkbench.client.ThreadSpec> threads() {
        return threads.stream().map(dev.mapiworkbench.client.ThreadSpec::parse).toList();
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
        String[][] flagOptions = {
            {"--logoff-flags", logoffFlags}, {"--logon-flags", logonFlags}, {"--init-flags", initFlags}
        };
        FlagSet[] sets = {FlagSet.LOGOFF, FlagSet.LOGON, FlagSet.INIT};
        for (int i = 0; i < sets.length; i++) {
            String text = flagOptions[i][1];
            if (text == null) {
                continue;
            }
            if (text.isBlank()) {
                return flagOptions[i][0] + " must name flags (0x0 for none), not an empty string";
            }
            String bad = OptionValues.problem(flagOptions[i][0], text, sets[i]::parse);
            if (bad != null) {
                return bad;
            }
        }
        String bad = OptionValues.firstBad("--fault", faults, FaultSpec::parse);
        if (bad == null) {
            bad = OptionValues.firstBad("--transport-rule", transportRules, TransportRule::parse);
        }
        if (bad == null) {
            bad = threadsProblem(threads);
        }
        return bad != null ? bad : smtp.validate();
    }

    /** The one-line problem of the --thread values, or null. */
    static String threadsProblem(List<String> values) {
        String bad = OptionValues.firstBad("--thread", values, dev.mapiworkbench.client.ThreadSpec::parse);
        if (bad != null) {
            return bad;
        }
        List<dev.mapiworkbench.client.ThreadSpec> specs =
                values.stream().map(dev.mapiworkbench.client.ThreadSpec::parse).toList();
        try {
            dev.mapiworkbench.client.ScenarioThreads.check(specs);
            return null;
        } catch (IllegalArgumentException e) {
            return "--thread: " + e.getMessage();
        }
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
        if (!transportRules.isEmpty()) {
            extra.put(TRANSPORT_RULES_EXTRA, String.join("\n", transportRules));
        }
        extra.putAll(smtp.backendExtras());
        return new ClientConfig(backend, profileOr(fallbackProfile), transportSettings(), extra);
    }

    /** The logon options (shared, OLE, MAPI util, raw --init-flags / --logon-flags). */
    public LogonOptions logonOptions() {
        return new LogonOptions(shared, ole, mapiUtil, null)
                .withInitFlags(initFlags())
                .withLogonFlags(logonFlags());
    }
}
