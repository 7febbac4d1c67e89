package dev.mapiworkbench.app;

import dev.mapiworkbench.app.cli.LintCommand;
import dev.mapiworkbench.app.cli.ReplayCommand;
import dev.mapiworkbench.app.cli.RulesCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import picocli.CommandLine;

/**
 * The tool subcommands of the jar: {@code lint}, {@code rules} and {@code replay} (docs/cli.md). Exit
 * status 0 clean, 1 warnings, 2 errors, 64 bad input (one line on stderr naming the file, line and
 * problem, or the argument).
 */
public final class ToolMain {

    /** The first arguments that select a tool subcommand. */
    public static final Set<String> SUBCOMMANDS = Set.of("lint", "rules", "replay");

    private static final String LOGBACK_CONFIG = "logback.configurationFile";

    private ToolMain() {}

    /** True when {@code args} start with a tool subcommand. */
    public static boolean handles(String[] args) {
        return args.length > 0 && SUBCOMMANDS.contains(args[0]);
    }

    /** Runs with the process's streams. */
    public static int run(String[] args) {
        if (System.getProperty(LOGBACK_CONFIG) == null) {
            // stdout belongs to the report; logs go to stderr
            System.setProperty(LOGBACK_CONFIG, "dev/mapiworkbench/app/cli/logback-headless.xml");
        }
        return run(
                args,
                System.in,
                new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8));
    }

    /** Runs with the given streams (tests) and returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Root())
                .addSubcommand(new LintCommand().streams(in, out, err))
                .addSubcommand(new RulesCommand().streams(out))
                .addSubcommand(new ReplayCommand().streams(in, out, err));
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("mapi-workbench: " + ex.getMessage().lines().findFirst().orElse("bad arguments"));
            return LintCommand.EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            if (ex instanceof LintCommand.BadInput) {
                err.println("mapi-workbench: " + ex.getMessage());
                return LintCommand.EXIT_BAD_INPUT;
            }
            err.println("mapi-workbench: error: " + ex);
            return 2;
        });
        return cl.execute(args);
    }

    /** The parent command (only its subcommands run). */
    @CommandLine.Command(
            name = "mapi-workbench",
            description = "Lint, list rules, replay traces.",
            mixinStandardHelpOptions = false)
    static final class Root {}
}
