package dev.mapiworkbench.app;

import dev.mapiworkbench.app.cli.CommonOptions;
import dev.mapiworkbench.app.scenario.Replays;
import dev.mapiworkbench.app.scenario.Scenario;
import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptJson;
import dev.mapiworkbench.teardown.WhatIf;
import dev.mapiworkbench.ui.BackgroundExecutor;
import dev.mapiworkbench.ui.DialogService;
import dev.mapiworkbench.ui.MainViewModel;
import dev.mapiworkbench.ui.ReplayGateway;
import dev.mapiworkbench.ui.ReplayMenu;
import dev.mapiworkbench.ui.ReplayViewModel;
import dev.mapiworkbench.ui.ScenarioViewModel;
import dev.mapiworkbench.ui.UiThread;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine;

/**
 * The window's {@link ReplayGateway} (File › Replay…, docs/scenarios.md "Replay"): the transcript is read with
 * {@link Replays#read} (the same refusals as {@code --replay}); its recorded options are put in force through
 * {@link WindowScenarios} (the logon options, the transport, its rules and the faults, the embedded scenario), the
 * Outbox is topped up to the run's queued messages, and the recorded logoff is rebuilt from the transcript (mode,
 * plan, what-ifs, timeout, MAPI_LOGOFF_UI, raw logoff flags). The replayed run is compared with
 * {@link Replays#differences}, as the command line compares it. The recorded answers to the provider's
 * questions answer the replay's questions ({@code --answer} on the command line).
 */
public final class WindowReplays implements ReplayGateway {

    private final ClientGateway gateway;
    private final WindowScenarios scenarios;
    private final TeardownRequest baseDefaults;

    /** @param baseDefaults the window's logoff defaults (--strict-8-steps is kept; the rest is the recording's) */
    public WindowReplays(ClientGateway gateway, WindowScenarios scenarios, TeardownRequest baseDefaults) {
        this.gateway = gateway;
        this.scenarios = scenarios;
        this.baseDefaults = baseDefaults;
    }

    /**
     * File › Replay… in the window's File menu, and the window's {@code --replay FILE}: that replay starts at once
     * and makes the window's first logon ({@link Workbench#logonUnlessDisabled} leaves it out); a transcript that
     * cannot be replayed is refused with the same error as the menu's, and the window logs on as usual (unless
     * {@code --no-logon}).
     */
    static void install(
            javafx.scene.Parent root,
            GuiOptions options,
            MainViewModel model,
            ScenarioViewModel scenarios,
            BackgroundExecutor executor,
            DialogService dialogs,
            ClientGateway gateway,
            WindowScenarios windowScenarios) {
        ReplayViewModel replays = new ReplayViewModel(
                model,
                scenarios,
                executor,
                dialogs,
                new WindowReplays(gateway, windowScenarios, options.logoffDefaults()),
                UiThread.fx());
        ReplayMenu.install(root, replays);
        if (options.replay() != null) {
            replays.replayAtStart(options.replay(), () -> {
                if (!options.common().noLogon()) {
                    model.logon();
                }
            });
        }
    }

    @Override
    public Prepared read(Path file) {
        if (!"sim".equals(gateway.client().backendId())) {
            throw new IllegalArgumentException(file + ": a replay runs on the simulator, and this window uses the "
                    + gateway.backendName() + " backend; replay it with --headless --replay " + file);
        }
        Transcript t;
        Scenario s;
        try {
            t = Replays.read(file);
            s = Replays.scenario(file.toString(), t);
        } catch (Replays.ReplayException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        CommonOptions options = new CommonOptions();
        try {
            new CommandLine(options)
                    .setOverwrittenOptionsAllowed(true)
                    .parseArgs(Scenario.windowOptions(t.run().options()).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(file + ": run.options: " + e.getMessage(), e);
        }
        String problem = options.validate();
        if (problem != null) {
            throw new IllegalArgumentException(file + ": run.options: " + problem);
        }
        TeardownRequest request;
        try {
            request = baseDefaults
                    .withPlan(Plan.parse(t.plan()))
                    .withMode(Mode.parse(t.mode()))
                    .withAllowUi(t.run().allowUi())
                    .withWhatIf(whatIf(t.whatIf()))
                    .withTimeout(Duration.ofMillis(Math.round(t.run().timeoutSeconds() * 1000)))
                    .withRawLogoffFlags(options.logoffFlags());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        List<String> notes = new ArrayList<>();
        if (!t.run().answers().isEmpty()) {
            notes.add("The recording answered the provider's questions: "
                    + String.join(", ", t.run().answers()) + " — the replay answers them the same way by itself");
        }
        if (t.run().options().contains("--call-timeout")) {
            notes.add("The recording ran with --call-timeout; the window has no call watchdog: a call that blocks"
                    + " is abandoned from the teardown panel");
        }
        String name = "replay of " + file.getFileName();
        return new Prepared(
                file,
                t.mode() + ", " + t.plan() + ", " + t.steps().size() + " step(s) recorded",
                scenarios.replayed(file.toString(), name, s, options, t.run().queued()),
                request,
                notes,
                t.run().answers(),
                replayed -> Replays.differences(t, TranscriptJson.read(replayed)));
    }

    @Override
    public void setProviderUi(ProviderUiHost.ProviderUi ui) {
        gateway.setProviderUi(ui);
    }

    /** The recorded what-if as the engine takes it (the transcript lists its steps sorted). */
    private static WhatIf whatIf(Transcript.WhatIfRecord w) {
        return w == null
                ? WhatIf.none()
                : new WhatIf(new LinkedHashSet<>(w.skip()), w.moves(), new LinkedHashSet<>(w.force()));
    }
}
