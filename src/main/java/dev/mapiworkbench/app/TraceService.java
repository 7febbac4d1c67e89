package dev.mapiworkbench.app;

import dev.mapiworkbench.app.cli.LintCommand;
import dev.mapiworkbench.app.cli.ReplayCommand;
import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.RuleCatalogue;
import dev.mapiworkbench.teardown.TraceLinter;
import dev.mapiworkbench.teardown.TraceSteps;
import dev.mapiworkbench.trace.CppEmitter;
import dev.mapiworkbench.trace.CppTraceParser;
import dev.mapiworkbench.trace.MapiNames;
import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.trace.TraceCall;
import dev.mapiworkbench.ui.trace.TraceGateway;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The window's {@link TraceGateway}: the code the {@code lint} and {@code replay} commands run (TraceReader,
 * CppTraceParser, TraceLinter, the replayer on a fresh simulator, CppEmitter), so that File ▸ Open trace…,
 * a dropped file and the Paste C++ dialog show what the command line prints (decision 0330).
 */
public final class TraceService implements TraceGateway {

    /** How long one replayed call may block before its thread is abandoned (the command line's default). */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final RuleCatalogue.Profile profile;

    /** Lints under {@code profile} (the command line's {@code --profile-rules}). */
    public TraceService(RuleCatalogue.Profile profile) {
        this.profile = profile;
    }

    @Override
    public Opened open(Path file) throws BadInput {
        String name = file.toString();
        try {
            if (TraceGateway.isCpp(file)) {
                return opened(LintCommand.parseCppFile(name, InputStream.nullInputStream()));
            }
            return opened(LintCommand.read(name, InputStream.nullInputStream()), List.of());
        } catch (LintCommand.BadInput e) {
            throw new BadInput(e.getMessage(), e);
        }
    }

    @Override
    public Opened parseCpp(String name, String code) throws BadInput {
        try {
            return opened(LintCommand.parseCpp(name, code));
        } catch (LintCommand.BadInput e) {
            throw new BadInput(e.getMessage(), e);
        }
    }

    private Opened opened(CppTraceParser.Result r) {
        List<String> notes = r.unknown().stream()
                .map(u -> "line " + u.line() + ":" + u.column() + ": not a MAPI call the trace format knows, left out: "
                        + u.text())
                .toList();
        return opened(r.trace(), notes);
    }

    private Opened opened(Trace trace, List<String> notes) {
        TraceLinter.Report report = new TraceLinter().report(trace, TraceLinter.Context.forTrace(profile));
        Map<Long, List<Finding>> bySeq = new HashMap<>();
        for (Finding f : report.findings()) {
            bySeq.computeIfAbsent(f.seq(), k -> new ArrayList<>()).add(f);
        }
        List<Group> groups = new ArrayList<>();
        for (TraceSteps.Group g : TraceSteps.group(trace)) {
            String title = g.outside()
                    ? TraceSteps.OUTSIDE
                    : (g.seedStep() > 0 ? "Step " + g.seedStep() : "Documented elsewhere") + " · " + g.title();
            groups.add(new Group(
                    title,
                    g.step(),
                    g.calls().stream()
                            .map(c -> callLine(c, bySeq.getOrDefault(c.seq(), List.of())))
                            .toList()));
        }
        List<String> leaks = new ArrayList<>();
        report.leaks().objects().forEach(o -> leaks.add("object " + o));
        report.leaks().advises().forEach(a -> leaks.add("advise connection " + a));
        report.leaks().buffers().forEach(b -> leaks.add("buffer " + b));
        return new Opened(
                trace, trace.name(), trace.source(), report.result(), groups, report.findings(), leaks, notes);
    }

    /** {@code seq 7 · line 9 · IMAPISession::Logoff on obj:1 → S_OK  ◀ warning logoff-shared}. */
    static String callLine(TraceCall c, List<Finding> findings) {
        StringBuilder sb = new StringBuilder("seq ").append(c.seq());
        if (c.line() > 0) {
            sb.append(" · line ").append(c.line());
        }
        if (c.thread() != 1) {
            sb.append(" · thread ").append(c.thread());
        }
        sb.append(" · ").append(c.api());
        if (c.self() != null) {
            String label = c.label(c.self());
            sb.append(" on ").append(c.self()).append(label.equals(c.self()) ? "" : " (" + label + ")");
        }
        sb.append(" → ").append(MapiNames.hresultName(c.hr()));
        if (c.ret() != null) {
            sb.append(", returned ").append(c.ret());
        }
        if (c.synthetic()) {
            sb.append(" (held before the trace)");
        }
        for (Finding f : findings) {
            sb.append("  ◀ ").append(f.severity().id()).append(' ').append(f.rule());
        }
        return sb.toString();
    }

    @Override
    public Replay replay(Trace trace) {
        ReplayCommand.Outcome o = ReplayCommand.replay(trace, profile, CALL_TIMEOUT);
        List<String> lines = List.of(ReplayCommand.text(o).split("\n", -1)).stream()
                .filter(l -> !l.isBlank())
                .toList();
        return new Replay(
                o.replay().agrees(),
                lines.isEmpty() ? "" : lines.get(0),
                lines.isEmpty() ? List.of() : lines.subList(1, lines.size()));
    }

    @Override
    public String cpp(Trace trace) {
        return CppEmitter.emit(trace);
    }
}
