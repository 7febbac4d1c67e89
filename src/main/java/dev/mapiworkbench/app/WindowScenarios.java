package dev.mapiworkbench.app;

import dev.mapiworkbench.app.cli.CommonOptions;
import dev.mapiworkbench.app.scenario.Scenario;
import dev.mapiworkbench.app.scenario.ScenarioReader;
import dev.mapiworkbench.client.ScenarioThreads;
import dev.mapiworkbench.mapi.SharedSessionControl;
import dev.mapiworkbench.mapi.TransportRuleControl;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.ui.ScenarioGateway;
import dev.mapiworkbench.ui.ScenarioViewModel;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;

/**
 * The window's {@link ScenarioGateway} (decision 0311): a scenario is read with {@link ScenarioReader} (the
 * same refusals as {@code --scenario}) and put in force through the window's gateway — the logon options,
 * the transport's settings and the faults (those in force before are removed) before the logon, then the
 * mail it queues and the peers that join after it. Its logoff part only presets the logoff dialog's timeout (and,
 * for a shared scenario, MAPI_LOGOFF_SHARED, decision 0710).
 */
public final class WindowScenarios implements ScenarioGateway {

    private final ClientGateway gateway;
    private final TeardownRequest baseDefaults;

    /** @param baseDefaults what the logoff dialog starts from (the window's --timeout, --strict-8-steps, …) */
    public WindowScenarios(ClientGateway gateway, TeardownRequest baseDefaults) {
        this.gateway = gateway;
        this.baseDefaults = baseDefaults;
    }

    @Override
    public Opened read(String source) {
        Scenario s;
        try {
            s = ScenarioReader.load(source);
        } catch (ScenarioReader.ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        CommonOptions options = new CommonOptions();
        new CommandLine(options)
                .setOverwrittenOptionsAllowed(true)
                .parseArgs(s.toWindowArguments().toArray(String[]::new));
        return opened(source, s, options, false);
    }

    /**
     * The scenario the window was started with ({@code --scenario}), with the window's whole command line
     * ({@code options}: what was typed after the scenario wins). Its logon part is in force already (the
     * options opened the session); what {@link ScenarioViewModel#started(ScenarioGateway.Opened)} keeps for the
     * first logon is its mail and its peers, as File › Open scenario… queues them.
     */
    public ScenarioGateway.Opened started(Scenario s, CommonOptions options) {
        return opened("--scenario " + s.name(), s, options, true);
    }

    private Opened opened(String source, Scenario s, CommonOptions options, boolean atStart) {
        // at start the scenario's timeout is in the window's options already (what was typed after it wins)
        TeardownRequest defaults = atStart || s.logoff() == null || s.logoff().timeoutSeconds() == null
                ? null
                : baseDefaults.withTimeout(
                        Duration.ofMillis(Math.round(s.logoff().timeoutSeconds() * 1000)));
        boolean shared = Boolean.TRUE.equals(s.start().shared());
        if (shared || options.shared()) {
            // a shared scenario's logoff passes MAPI_LOGOFF_SHARED on the command line: the dialog starts so too
            defaults = (defaults == null ? baseDefaults : defaults).withLogoffShared(true); // decision 0710
        }
        int queued = s.start().queued() == null ? 0 : s.start().queued();
        int peers = shared ? options.peers() : 0;
        return new Opened(
                source,
                s.name(),
                s.purpose(),
                s.watchFor(),
                defaults,
                () -> beforeLogon(s, options),
                () -> afterLogon(queued, peers));
    }

    /**
     * A recorded run's set-up (File › Replay…): {@code options} are its recorded options, {@code s} its embedded
     * scenario or null. Before the logon: as a scenario; after it the Outbox is topped up to the {@code pending}
     * messages the run had when its teardown started, and its peers join.
     */
    Opened replayed(String source, String name, Scenario s, CommonOptions options, int pending) {
        int peers = options.shared() ? options.peers() : 0;
        return new Opened(
                source,
                name,
                s == null ? null : s.purpose(),
                s == null ? null : s.watchFor(),
                null,
                () -> beforeLogon(s, options),
                () -> afterLogon(Math.max(0, pending - gateway.client().pendingCount()), peers));
    }

    @Override
    public boolean sessionOpen() {
        return gateway.client().state() == dev.mapiworkbench.client.SessionState.LOGGED_ON;
    }

    @Override
    public List<String> builtinNames() {
        return ScenarioReader.builtinNames();
    }

    private void beforeLogon(Scenario s, CommonOptions options) {
        gateway.setScenario(s);
        gateway.setLogonOptions(options.logonOptions());
        gateway.applyTransport(options.transportSettings());
        gateway.client().capability(TransportRuleControl.class).ifPresent(c -> c.replace(options.transportRules()));
        gateway.faultControl().ifPresent(fc -> {
            fc.clear();
            options.faults().forEach(fc::add);
        });
        // decision 0550: the scenario's extra client threads; before-logon ones initialise MAPI now
        ScenarioThreads threads = new ScenarioThreads(options.threads());
        gateway.setScenarioThreads(threads.isEmpty() ? null : threads);
        threads.beforeLogon(gateway.client());
    }

    private void afterLogon(int queued, int peers) {
        ScenarioThreads threads = gateway.scenarioThreads();
        if (threads != null) {
            threads.afterLogon();
        }
        for (int i = 1; i <= queued; i++) {
            gateway.send(
                    List.of("recipient" + i + "@example.com"),
                    "Workbench message " + i + " of " + queued,
                    "Queued by the scenario.");
        }
        gateway.client().capability(SharedSessionControl.class).ifPresent(c -> {
            long joined = c.peers().stream()
                    .filter(SharedSessionControl.Peer::loggedOn)
                    .count();
            for (long k = joined + 1; k <= peers; k++) {
                c.addPeer("Peer client " + k);
            }
        });
        // the client hears nothing of peers joining: without this the Peers tab showed the first peer only
        gateway.sessionChangedOutsideTheClient();
    }
}
