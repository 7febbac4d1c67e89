package dev.mapiworkbench.app.cli;

import dev.mapiworkbench.teardown.RuleCatalogue;
import dev.mapiworkbench.teardown.TraceLinter;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.trace.CppTraceParser;
import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.trace.TraceFormatException;
import dev.mapiworkbench.trace.TraceReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mapi-workbench lint FILE… [--format text|json|sarif|junit] [--profile-rules NAME]}: reads each
 * {@code mapi-workbench/trace/v1} file ({@code -} for standard input), rebuilds the client's ledger and runs
 * every rule over the whole run (docs/cli.md). Exit 0 clean, 1 warnings, 2 errors, 64 bad input.
 */
@Command(
        name = "lint",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Lint traces of a MAPI client's calls (mapi-workbench/trace/v1, docs/trace.md).")
public final class LintCommand implements Callable<Integer> {

    /** Exit status for a malformed trace or a bad argument (EX_USAGE). */
    public static final int EXIT_BAD_INPUT = 64;

    /** Bad input: the message names the file, the line and the problem (or the argument). */
    public static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadInput(String message) {
            super(message);
        }
    }

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files; - reads standard input.")
    List<String> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, sarif or junit.")
    String format = "text";

    @Option(
            names = "--cpp",
            description = "The files are C/C++ MAPI code (docs/trace.md, \"C++ in\"), turned into traces first.")
    boolean cpp;

    @Option(
            names = "--emit-cpp",
            description =
                    "Print each trace as a compilable C++ function (docs/trace.md, \"C++ out\") instead of linting.")
    boolean emitCpp;

    @Mixin
    ProfileOption profileOption = new ProfileOption();

    private InputStream in = System.in;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** Where standard input is read from and the report and errors go. */
    public LintCommand streams(InputStream stdin, PrintStream stdout, PrintStream stderr) {
        this.in = stdin;
        this.out = stdout;
        this.err = stderr;
        return this;
    }

    @Override
    public Integer call() {
        LintReport.Format fmt = LintReport.Format.parse(format);
        RuleCatalogue.Profile p = profileOption.profile();
        if (files.stream().filter("-"::equals).count() > 1) {
            throw new BadInput("-: standard input can be named only once");
        }
        List<Trace> traces = new ArrayList<>();
        for (String f : files) {
            traces.add(cpp ? readCpp(f, in, err) : read(f, in));
        }
        if (emitCpp) {
            for (Trace t : traces) {
                out.print(dev.mapiworkbench.trace.CppEmitter.emit(t));
            }
            out.flush();
            return 0;
        }
        TraceLinter linter = new TraceLinter();
        List<TraceLinter.Report> reports = new ArrayList<>();
        for (Trace t : traces) {
            reports.add(linter.report(t, TraceLinter.Context.forTrace(p)));
        }
        out.print(LintReport.format(fmt, reports, p));
        out.flush();
        int exit = 0;
        for (TraceLinter.Report r : reports) {
            exit = Math.max(
                    exit,
                    switch (r.result()) {
                        case Transcript.CLEAN -> 0;
                        case Transcript.WARNINGS -> 1;
                        default -> 2;
                    });
        }
        if (exit > 0) {
            err.println("mapi-workbench: lint: "
                    + reports.stream().mapToInt(r -> r.findings().size()).sum() + " finding(s) in " + reports.size()
                    + " trace(s)");
        }
        return exit;
    }

    /** Parses a documentation profile name, or fails with a bad-input message naming the option. */
    static RuleCatalogue.Profile profile(String name) {
        try {
            return RuleCatalogue.Profile.parse(name);
        } catch (IllegalArgumentException e) {
            throw new BadInput(
                    "invalid value for --profile-rules: '" + name + "' (expected outlook-2010+ or " + "seed-8-steps)");
        }
    }

    /**
     * Reads C/C++ code ({@code -}: standard input) as a trace; unreadable code is bad input naming the line
     * and column; each call the trace format does not know goes to {@code err} as a note.
     */
    static Trace readCpp(String file, InputStream stdin, PrintStream err) {
        CppTraceParser.Result r = parseCppFile(file, stdin);
        for (CppTraceParser.Unknown u : r.unknown()) {
            err.println("mapi-workbench: " + file + ":" + u.line() + ":" + u.column() + ": note: not a MAPI call "
                    + "the trace format knows, left out: " + u.text());
        }
        return r.trace();
    }

    /**
     * Reads and parses a C/C++ file ({@code -}: standard input) — the one read of {@code lint --cpp},
     * {@code replay --cpp} and the window's Open trace… (app.TraceService).
     *
     * @throws BadInput naming the file (and the line and column) when it cannot be read or parsed
     */
    public static CppTraceParser.Result parseCppFile(String file, InputStream stdin) {
        String text;
        try {
            text = "-".equals(file)
                    ? new String(stdin.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    : java.nio.file.Files.readString(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInput(file + ": not UTF-8 text");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new BadInput(file + ": cannot read: " + e.getMessage());
        }
        return parseCpp(file, text);
    }

    /**
     * Parses C/C++ code; {@code name} is used in messages.
     *
     * @throws BadInput naming the line and column when it cannot be parsed
     */
    public static CppTraceParser.Result parseCpp(String name, String text) {
        try {
            return CppTraceParser.parse(name, text);
        } catch (CppTraceParser.CppSyntaxException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /**
     * Reads one trace ({@code -}: standard input); a malformed one is bad input naming file and line. The one
     * read of {@code lint}, {@code replay} and the window's Open trace… (app.TraceService).
     */
    public static Trace read(String file, InputStream stdin) {
        try {
            return "-".equals(file) ? TraceReader.read("-", stdin) : TraceReader.read(Path.of(file));
        } catch (TraceFormatException e) {
            throw new BadInput(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such file");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new BadInput(file + ": cannot read: " + e.getMessage());
        }
    }
}
