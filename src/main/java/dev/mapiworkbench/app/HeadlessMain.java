package dev.mapiworkbench.app;

import dev.mapiworkbench.app.cli.HeadlessCommand;
import dev.mapiworkbench.app.cli.OneLine;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The headless command line ({@code --headless}): see {@link HeadlessCommand} and docs/cli.md.
 * Exit status 0 clean, 1 warnings, 2 errors, 64 bad arguments (one line naming the bad argument),
 * 75 the profile is in use by another process (decision 0120).
 */
public final class HeadlessMain {

    private static final String LOGBACK_CONFIG = "logback.configurationFile";

    private HeadlessMain() {
    }

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
        HeadlessCommand command = new HeadlessCommand().streams(out, err);
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println(OneLine.of("mapi-workbench: " + ex.getMessage().lines().findFirst().orElse("bad arguments")));
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
        return cl.execute(args);
    }
}
