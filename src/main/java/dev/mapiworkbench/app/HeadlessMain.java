package dev.mapiworkbench.app;

import dev.mapiworkbench.app.cli.HeadlessCommand;
import dev.mapiworkbench.app.cli.OneLine;
import dev.mapiworkbench.app.scenario.Replays;
import dev.mapiworkbench.app.scenario.ScenarioArguments;
import dev.mapiworkbench.app.scenario.ScenarioReader;
import dev.mapiworkbench.teardown.Transcript;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The headless command line ({@code --headless}): see {@link HeadlessCommand} and docs/cli.md.
 * Exit status 0 clean, 1 warnings, 2 errors, 64 bad arguments (one line naming the bad argument),
 * 75 the profile is in use by another process (decision 0120).
 */
public final class HeadlessMain {

    /** Exit status of {@code --replay} when the replay's steps, calls or HRESULTs differ from the recording. */
    public static final int EXIT_REPLAY_DIFFERS = 3;

    private static final String LOGBACK_CONFIG = "logback.configurationFile";

    private HeadlessMain() {}

    /** Runs the command with the process's streams and returns its exit status. */
    public static int run(String[] args) {
        if (System.getProperty(LOGBACK_CONFIG) == null) {
            // Before the first logger: stdout belongs to the transcript, logs go to stderr.
            System.setProperty(LOGBACK_CONFIG, "dev/mapiworkbench/app/cli/logback-headless.xml");
        }
        return run(args, System.out, System.err);
    }

    /** Runs the command with the given streams (tests) and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(new HeadlessCommand(), args, out, err);
    }

    /** The same with a given environment (tests: the SMTP password variable) and no terminal prompt. */
    public static int run(String[] args, PrintStream out, PrintStream err, java.util.Map<String, String> env) {
        return run(new HeadlessCommand().environment(env), args, out, err);
    }

    private static int run(HeadlessCommand command0, String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--list-scenarios")) {
            out.print(ScenarioArguments.catalogue());
            out.flush();
            return 0;
        }
        String replay = optionValue(args, "--replay");
        if (replay != null) {
            return replay(command0, args, replay, out, err);
        }
        ScenarioArguments.Expanded expanded;
        try {
            expanded = ScenarioArguments.expand(args);
        } catch (ScenarioReader.ScenarioException e) {
            err.println(OneLine.of("mapi-workbench: " + e.getMessage()));
            return HeadlessCommand.EXIT_USAGE;
        }
        return execute(command0.scenario(expanded.scenario()), expanded.arguments(), out, err);
    }

    /** Parses and runs the (expanded) arguments. */
    private static int execute(HeadlessCommand command0, String[] arguments, PrintStream out, PrintStream err) {
        HeadlessCommand command = command0.streams(out, err);
        CommandLine cl = new CommandLine(command);
        // a scenario's options come first; what the user typed after it overwrites them
        cl.setOverwrittenOptionsAllowed(true);
        // the console's encoding, as System.out uses it
        cl.setOut(new PrintWriter(out, true, Charset.defaultCharset()));
        cl.setErr(new PrintWriter(err, true, Charset.defaultCharset()));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println(OneLine.of(
                    "mapi-workbench: " + ex.getMessage().lines().findFirst().orElse("bad arguments")));
            return HeadlessCommand.EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            if (ex.getClass().getSimpleName().equals("BadArgument")) {
                err.println(OneLine.of("mapi-workbench: " + ex.getMessage()));
                return HeadlessCommand.EXIT_USAGE;
            }
            err.println(OneLine.of("mapi-workbench: error: " + ex));
            return 2;
        });
        return cl.execute(arguments);
    }

    /**
     * {@code --replay TRANSCRIPT}: the recorded run's options, on the simulator, on a fresh profile folder
     * unless {@code --profile} is given; then the comparison. Exit 3 when the replay differs from the
     * recording; else the run's own status (64 for a transcript that cannot be replayed).
     */
    private static int replay(HeadlessCommand command, String[] args, String file, PrintStream out, PrintStream err) {
        Transcript recorded;
        try {
            if (file.isBlank()) {
                throw new Replays.ReplayException("--replay needs a transcript file");
            }
            recorded = Replays.read(Path.of(file));
        } catch (Replays.ReplayException | java.nio.file.InvalidPathException e) {
            err.println(OneLine.of("mapi-workbench: " + e.getMessage()));
            return HeadlessCommand.EXIT_USAGE;
        }
        try {
            command.scenario(Replays.scenario(file, recorded));
        } catch (Replays.ReplayException e) {
            err.println(OneLine.of("mapi-workbench: " + e.getMessage()));
            return HeadlessCommand.EXIT_USAGE;
        }
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--replay")) {
                i++;
            } else if (!a.startsWith("--replay=") && !a.equals("--headless")) {
                rest.add(a);
            }
        }
        if (optionValue(args, "--scenario") != null) {
            err.println("mapi-workbench: --replay takes its scenario from the transcript; leave out --scenario");
            return HeadlessCommand.EXIT_USAGE;
        }
        List<String> run = new ArrayList<>(List.of("--headless"));
        run.addAll(recorded.run().options());
        if (optionValue(args, "--profile") == null) {
            try {
                Path fresh = Files.createTempDirectory("mapi-workbench-replay-");
                run.addAll(List.of("--profile", fresh.toString()));
            } catch (IOException e) {
                err.println(OneLine.of("mapi-workbench: error: cannot create a profile folder: " + e.getMessage()));
                return 2;
            }
        }
        run.addAll(rest);
        err.println(OneLine.of("[workbench] replaying " + file + ": "
                + String.join(" ", recorded.run().options())));
        int exit = execute(command, run.toArray(String[]::new), out, err);
        Transcript replayed = command.transcript();
        if (replayed == null) {
            return exit;
        }
        List<String> differences = Replays.differences(recorded, replayed);
        if (differences.isEmpty()) {
            err.println("[workbench] replay: the same steps, calls and HRESULTs as " + file);
            return exit;
        }
        err.println("[workbench] replay: " + differences.size() + " difference(s) from " + file + ":");
        differences.forEach(d -> err.println(OneLine.of("[workbench]   " + d)));
        return EXIT_REPLAY_DIFFERS;
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE}, or null. */
    private static String optionValue(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                return i + 1 < args.length ? args[i + 1] : "";
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return null;
    }
}
