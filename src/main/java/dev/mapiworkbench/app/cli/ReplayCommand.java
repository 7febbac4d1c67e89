package dev.mapiworkbench.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.MapiBackends;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.SubsystemDiagnostics;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.RuleCatalogue;
import dev.mapiworkbench.teardown.TraceLinter;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.trace.Replayer;
import dev.mapiworkbench.trace.Trace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mapi-workbench replay FILE [--format text|json] [--call-timeout MS] [--profile-rules NAME]}: performs
 * a trace's calls on a fresh simulator (in memory) and reports where the simulator differs from what the
 * trace recorded, what it did not replay, the simulator's leak report and faults, and the lint findings of
 * the replayed run (docs/cli.md, decision 0240). Exit 0 when the simulator agrees and the replayed run is
 * clean, 1 for differences or warnings, 2 for errors or simulator leaks, 64 bad input.
 */
@Command(
        name = "replay",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Replay a trace (mapi-workbench/trace/v1) on the simulator and report the differences.")
public final class ReplayCommand implements Callable<Integer> {

    /** The JSON report's schema id. */
    public static final String SCHEMA = "mapi-workbench/replay/v1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(arity = "1", paramLabel = "FILE", description = "The trace; - reads standard input.")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    String format = "text";

    @Option(
            names = "--call-timeout",
            paramLabel = "MS",
            description = "How long one call may block before its thread is abandoned (default 10000).")
    long callTimeoutMs = 10_000;

    @Option(
            names = "--sim-option",
            paramLabel = "KEY=VALUE",
            description = "A simulator switch for the replay, e.g. sim.threadRules=strict or sim.storeLogoffHang=true "
                    + "(repeatable; docs/cli.md).")
    Map<String, String> simOptions = new java.util.LinkedHashMap<>();

    @Option(names = "--cpp", description = "FILE is C/C++ MAPI code (docs/trace.md, \"C++ in\"), not a trace.")
    boolean cpp;

    @Mixin
    ProfileOption profileOption = new ProfileOption();

    private InputStream in = System.in;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** Where standard input is read from and the report and errors go. */
    public ReplayCommand streams(InputStream stdin, PrintStream stdout, PrintStream stderr) {
        this.in = stdin;
        this.out = stdout;
        this.err = stderr;
        return this;
    }

    /** A replay and the lint report of the replayed run. */
    public record Outcome(Replayer.Result replay, TraceLinter.Report lint) {
        /** 0 agrees and clean, 1 differences or warnings, 2 errors or simulator leaks. */
        public int exitCode() {
            int exit = switch (lint.result()) {
                case Transcript.CLEAN -> 0;
                case Transcript.WARNINGS -> 1;
                default -> 2;
            };
            if (!replay.leaks().isEmpty()) {
                exit = 2;
            }
            if (!replay.differences().isEmpty()) {
                exit = Math.max(exit, 1);
            }
            return exit;
        }
    }

    @Override
    public Integer call() {
        boolean json = switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "text" -> false;
            case "json" -> true;
            default ->
                throw new LintCommand.BadInput("invalid value for --format: '" + format + "' (expected text or json)");
        };
        if (callTimeoutMs <= 0) {
            throw new LintCommand.BadInput(
                    "invalid value for --call-timeout: " + callTimeoutMs + " (expected milliseconds > 0)");
        }
        RuleCatalogue.Profile p = profileOption.profile();
        Trace trace = cpp ? LintCommand.readCpp(file, in, err) : LintCommand.read(file, in);
        for (String k : simOptions.keySet()) {
            if (!k.startsWith("sim.")) {
                throw new LintCommand.BadInput(
                        "invalid value for --sim-option: '" + k + "' (a simulator switch starts with sim.)");
            }
        }
        Outcome o = replay(trace, p, Duration.ofMillis(callTimeoutMs), simOptions);
        out.print(json ? json(o, p) : text(o));
        out.flush();
        int exit = o.exitCode();
        if (exit > 0) {
            err.println("mapi-workbench: replay: " + o.replay().differences().size() + " difference(s), "
                    + o.replay().leaks().size() + " simulator leak(s), "
                    + o.lint().findings().size()
                    + " finding(s)");
        }
        return exit;
    }

    /** Replays {@code trace} on a fresh in-memory simulator and lints the replayed run. */
    public static Outcome replay(Trace trace, RuleCatalogue.Profile profile, Duration callTimeout) {
        return replay(trace, profile, callTimeout, Map.of());
    }

    /**
     * Replays {@code trace} on a fresh in-memory simulator with these {@code sim.*} switches; the simulator is
     * closed afterwards ({@link MapiRuntime#close}: what the trace left logged on ends, its threads stop).
     */
    public static Outcome replay(
            Trace trace, RuleCatalogue.Profile profile, Duration callTimeout, Map<String, String> simOptions) {
        MapiRuntime rt = MapiBackends.byId("sim")
                .orElseThrow(() -> new IllegalStateException("the simulator backend is not on the class path"))
                .open(new BackendOptions(null, null, TransportSettings.instant(), simOptions));
        Replayer.Result r;
        try {
            r = new Replayer(rt, callTimeout).replay(trace);
        } finally {
            rt.close();
        }
        TraceLinter.Report lint = new TraceLinter().report(r.replayed(), TraceLinter.Context.forTrace(profile));
        return new Outcome(r, lint);
    }

    /** The report for people. */
    public static String text(Outcome o) {
        Replayer.Result r = o.replay();
        StringBuilder sb = new StringBuilder();
        String name = r.replayed().name();
        sb.append(name)
                .append(": replayed ")
                .append(r.replayed().calls().size())
                .append(" call(s) on the simulator: ")
                .append(
                        r.differences().isEmpty()
                                ? "no difference"
                                : r.differences().size() + " difference(s)")
                .append(", ")
                .append(r.notReplayed().size())
                .append(" not replayed, ")
                .append(r.leaks().size())
                .append(" simulator leak(s)\n");
        r.differences()
                .forEach(d -> sb.append(name)
                        .append(':')
                        .append(d.line())
                        .append(": differs: ")
                        .append(d.describe())
                        .append('\n'));
        r.notReplayed()
                .forEach(n -> sb.append(name)
                        .append(':')
                        .append(n.line())
                        .append(": ")
                        .append(n.describe())
                        .append('\n'));
        for (SubsystemDiagnostics.Leak l : r.leaks()) {
            sb.append("    simulator leak: ")
                    .append(l.kind())
                    .append(' ')
                    .append(l.name())
                    .append(l.detail() == null ? "" : " (" + l.detail() + ")")
                    .append('\n');
        }
        for (SubsystemDiagnostics.Fault f : r.faults()) {
            sb.append("    simulator fault: ")
                    .append(f.id())
                    .append(": ")
                    .append(f.message())
                    .append('\n');
        }
        for (SubsystemDiagnostics.ObjectInfo i : r.stillLive()) {
            sb.append("    still live on the simulator: ")
                    .append(i.kind().interfaceName())
                    .append(" '")
                    .append(i.name())
                    .append("' (")
                    .append(i.refCount())
                    .append(i.refCount() == 1 ? " reference" : " references")
                    .append(", ")
                    .append(i.state().name().toLowerCase(java.util.Locale.ROOT))
                    .append(")\n");
        }
        sb.append("the replayed run, linted:\n");
        sb.append(LintReport.format(LintReport.Format.TEXT, List.of(o.lint()), RuleCatalogue.Profile.OUTLOOK_2010));
        return sb.toString();
    }

    /** {@value #SCHEMA}. */
    public static String json(Outcome o, RuleCatalogue.Profile profile) {
        Replayer.Result r = o.replay();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("file", r.replayed().name());
        root.put("result", r.differences().isEmpty() ? "agrees" : "differs");
        root.put("calls", r.replayed().calls().size());
        ArrayNode diffs = root.putArray("differences");
        for (Replayer.Difference d : r.differences()) {
            ObjectNode n = diffs.addObject();
            n.put("seq", d.seq());
            n.put("line", d.line());
            n.put("api", d.api());
            n.put("trace", d.recorded());
            n.put("simulator", d.replayed());
            n.put("detail", d.detail());
        }
        ArrayNode skipped = root.putArray("notReplayed");
        for (Replayer.NotReplayed n : r.notReplayed()) {
            ObjectNode j = skipped.addObject();
            j.put("seq", n.seq());
            j.put("line", n.line());
            j.put("api", n.api());
            j.put("reason", n.reason());
        }
        ArrayNode leaks = root.putArray("simulatorLeaks");
        for (SubsystemDiagnostics.Leak l : r.leaks()) {
            ObjectNode j = leaks.addObject();
            j.put("kind", l.kind());
            j.put("name", l.name());
            j.put("detail", l.detail());
        }
        ArrayNode live = root.putArray("stillLive");
        for (SubsystemDiagnostics.ObjectInfo i : r.stillLive()) {
            ObjectNode j = live.addObject();
            j.put("interface", i.kind().interfaceName());
            j.put("name", i.name());
            j.put("refs", i.refCount());
            j.put("state", i.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        ArrayNode faults = root.putArray("faults");
        for (SubsystemDiagnostics.Fault f : r.faults()) {
            ObjectNode j = faults.addObject();
            j.put("id", f.id());
            j.put("message", f.message());
            j.put("fatal", f.fatal());
        }
        try {
            JsonNode lint = MAPPER.readTree(LintReport.format(LintReport.Format.JSON, List.of(o.lint()), profile));
            root.set("lint", lint);
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
