package dev.mapiworkbench.app;

import dev.mapiworkbench.app.cli.CommonOptions;
import dev.mapiworkbench.app.cli.HeadlessCommand;
import dev.mapiworkbench.app.scenario.Scenario;
import dev.mapiworkbench.app.scenario.ScenarioArguments;
import dev.mapiworkbench.app.scenario.ScenarioReader;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownRequest;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The window's command line: the options shared with the headless command ({@link CommonOptions}:
 * --profile, --backend, --no-logon, --transport-*, --shared, --ole, --mapi-util) plus the window's own.
 * Documented in docs/automation.md.
 */
@Command(
        name = "mapi-workbench",
        mixinStandardHelpOptions = false,
        description = "MAPI Logoff Workbench (window). Use --headless for the command line.")
public final class GuiOptions {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(
            names = "--print-startup-time",
            description = "Print STARTUP_MS=<n> (process start to first frame shown) on standard output.")
    boolean printStartupTime;

    @Option(names = "--exit-after-shown", description = "Exit on the next pulse after the window is shown.")
    boolean exitAfterShown;

    @Option(names = "--dark", description = "Start with the dark theme.")
    boolean dark;

    @Option(
            names = "--no-logoff-ui",
            description = "Preference 'Ask before logging off' off: log off at once, without MAPI_LOGOFF_UI.")
    boolean noLogoffUi;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "How long \"Log off after sending\" waits for the Outbox (default 300); the logoff dialog"
                    + " opens with it.")
    Double timeoutSeconds;

    @Option(
            names = "--replay",
            paramLabel = "TRANSCRIPT",
            description = "Run a recorded run again in the window, as File > Replay... does: the recorded set-up is put"
                    + " in force for the first logon, the recorded logoff runs and is compared with the recording"
                    + " (docs/scenarios.md). A transcript that cannot be replayed is one error naming the file, and"
                    + " the window logs on as usual.")
    Path replay;

    private Scenario scenario;

    /** The transcript given with --replay, or null. */
    public Path replay() {
        return replay;
    }

    /** The scenario given with --scenario, or null. */
    public Scenario scenario() {
        return scenario;
    }

    public CommonOptions common() {
        return common;
    }

    /** The profile folder: --profile, or the demo profile under the user's home. */
    public Path profileDir() {
        return common.profileOr(CommonOptions.defaultProfileDir());
    }

    public boolean printStartupTime() {
        return printStartupTime;
    }

    public boolean exitAfterShown() {
        return exitAfterShown;
    }

    public boolean dark() {
        return dark;
    }

    public boolean noLogoffUi() {
        return noLogoffUi;
    }

    /**
     * What the window's logoffs start from: --timeout, --strict-8-steps and --logoff-flags (the logoff
     * dialog opens with them).
     */
    public TeardownRequest logoffDefaults() {
        double seconds = timeoutSeconds == null
                ? TeardownRequest.DEFAULT_TIMEOUT.toSeconds()
                : Math.min(timeoutSeconds, HeadlessCommand.MAX_TIMEOUT_SECONDS);
        return TeardownRequest.of(Plan.DESKTOP, Mode.NOW)
                .withTimeout(Duration.ofMillis(Math.round(seconds * 1000)))
                .withStrict8Steps(common.strict8Steps())
                .withRawLogoffFlags(common.logoffFlags());
    }

    /** A scenario's window options plus its logoff timeout, which presets the logoff dialog (docs/scenarios.md). */
    private static java.util.List<String> windowArguments(Scenario s) {
        java.util.List<String> a = new java.util.ArrayList<>(s.toWindowArguments());
        if (s.logoff() != null && s.logoff().timeoutSeconds() != null) {
            a.add("--timeout");
            a.add(Double.toString(s.logoff().timeoutSeconds()));
        }
        return a;
    }

    /**
     * Parses the window's arguments.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad argument
     */
    public static GuiOptions parse(String... args) {
        GuiOptions common = withoutPicocli(args);
        return checked(common != null ? common : withPicocli(args));
    }

    /** The arguments parsed by picocli (every option), not yet checked. */
    static GuiOptions withPicocli(String... args) {
        GuiOptions options = new GuiOptions();
        try {
            ScenarioArguments.Expanded expanded = ScenarioArguments.expand(args, GuiOptions::windowArguments);
            options.scenario = expanded.scenario();
            new CommandLine(options).setOverwrittenOptionsAllowed(true).parseArgs(expanded.arguments());
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (ScenarioReader.ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return options;
    }

    /**
     * The window's usual command lines — nothing, or only {@code --profile DIR}, {@code --dark},
     * {@code --no-logoff-ui}, {@code --print-startup-time}, {@code --exit-after-shown} — parsed without picocli, whose
     * model of every option (≈ 170 classes, annotations read by reflection) is built while the toolkit starts
     * (decision 0822); null for anything else, which picocli parses. {@code GuiOptionsWithoutPicocliTest} checks that
     * both give the same options.
     */
    static GuiOptions withoutPicocli(String... args) {
        GuiOptions options = new GuiOptions();
        for (int i = 0; i < args.length; i++) {
            String profile = null;
            switch (args[i]) {
                case "--print-startup-time" -> options.printStartupTime = true;
                case "--exit-after-shown" -> options.exitAfterShown = true;
                case "--dark" -> options.dark = true;
                case "--no-logoff-ui" -> options.noLogoffUi = true;
                case "--profile" -> profile = i + 1 < args.length ? args[++i] : "";
                default -> {
                    if (!args[i].startsWith("--profile=")) {
                        return null;
                    }
                    profile = args[i].substring("--profile=".length());
                }
            }
            if (profile != null) {
                // an empty value or one that looks like an option: picocli says what is wrong
                if (profile.isEmpty() || profile.startsWith("-")) {
                    return null;
                }
                try {
                    options.common.useProfile(Path.of(profile));
                } catch (java.nio.file.InvalidPathException e) {
                    return null;
                }
            }
        }
        return options;
    }

    private static GuiOptions checked(GuiOptions options) {
        if (options.replay != null && options.scenario != null) {
            throw new IllegalArgumentException(
                    "--replay and --scenario cannot be combined: a transcript carries its run's scenario");
        }
        if (options.timeoutSeconds != null && !(options.timeoutSeconds >= 0)) {
            throw new IllegalArgumentException("--timeout must be 0 or more seconds, not " + options.timeoutSeconds);
        }
        String problem = options.common.validate();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return options;
    }
}
