package dev.mapiworkbench.app;

import dev.mapiworkbench.app.cli.HeadlessCommand;
import dev.mapiworkbench.app.cli.OneLine;
import dev.mapiworkbench.app.scenario.ScenarioArguments;
import dev.mapiworkbench.app.scenario.ScenarioReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The headless command line ({@code --headless}): see {@link HeadlessCommand} and docs/cli.md.
 * Exit status 0 clean, 1 warnings, 2 errors, 64 bad arguments (one line naming the bad argument),
 * 75 the profile is in use by another process (decision 0120).
 */
public final class HeadlessMain {

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
        ScenarioArguments.Expanded expanded;
        try {
            expanded = ScenarioArguments.expand(args);
        } catch (ScenarioReader.ScenarioException e) {
            err.println(OneLine.of("mapi-workbench: " + e.getMessage()));
            return HeadlessCommand.EXIT_USAGE;
        }
        HeadlessCommand command = command0.streams(out, err).scenario(expanded.scenario());
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
        return cl.execute(expanded.arguments());
    }
}
