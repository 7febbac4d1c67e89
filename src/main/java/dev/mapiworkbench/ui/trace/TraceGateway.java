package dev.mapiworkbench.ui.trace;

import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.trace.Trace;
import java.nio.file.Path;
import java.util.List;

/**
 * What the window asks of the trace tools (docs/trace.md, "In the window"; decision 0330): read a trace or
 * C/C++ file, lint it, group its calls into the documented steps, replay it on the simulator, render it as
 * C++. The app implements it ({@code app.TraceService}) with the same code the {@code lint} and
 * {@code replay} commands run, so the window shows what the command line prints. Every method may take long
 * and is called off the FX thread.
 */
public interface TraceGateway {

    /**
     * A trace as the window shows it.
     *
     * @param trace    the calls (for Replay and Copy as C++)
     * @param name     the file name (or the paste dialog's name)
     * @param source   the header's source text
     * @param result   {@code clean}, {@code warnings} or {@code errors}
     * @param groups   the calls grouped into documented steps, in order
     * @param findings the lint findings
     * @param leaks    what the client still held at the end ("object obj:2 (IMsgStore 'Mailbox')", …)
     * @param notes    C/C++ statements that are no MAPI call the trace format knows ("line 4:5: printf(…)")
     */
    record Opened(
            Trace trace,
            String name,
            String source,
            String result,
            List<Group> groups,
            List<Finding> findings,
            List<String> leaks,
            List<String> notes) {
        public Opened {
            groups = List.copyOf(groups);
            findings = List.copyOf(findings);
            leaks = List.copyOf(leaks);
            notes = List.copyOf(notes);
        }

        /** How many calls the trace has. */
        public int callCount() {
            return trace.calls().size();
        }
    }

    /**
     * Consecutive calls of one documented step, or outside any step.
     *
     * @param title    "Step 4 · Log off the session (IMAPISession::Logoff)", or "Outside any step"
     * @param step     the step, null outside any step
     * @param calls    one line per call: seq, line, API, target, HRESULT, and the findings about it
     */
    record Group(String title, StepId step, List<String> calls) {
        public Group {
            calls = List.copyOf(calls);
        }
    }

    /**
     * A replay on a fresh simulator.
     *
     * @param agrees  no difference, no simulator leak
     * @param summary the report's first line ("x.jsonl: replayed 12 call(s) on the simulator: no difference, …")
     * @param lines   the rest of the report as {@code mapi-workbench replay} prints it
     */
    record Replay(boolean agrees, String summary, List<String> lines) {
        public Replay {
            lines = List.copyOf(lines);
        }
    }

    /** Input the tools cannot read: the message names the file, the line (and column) and the problem. */
    final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        public BadInput(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads and lints a trace file, or C/C++ code when the name ends in .c, .cpp, .cc, .cxx, .h or .hpp. */
    Opened open(Path file) throws BadInput;

    /** Parses pasted C/C++ code into a trace and lints it; {@code name} is used in messages. */
    Opened parseCpp(String name, String code) throws BadInput;

    /** Replays the trace on a fresh in-memory simulator (closed afterwards). */
    Replay replay(Trace trace);

    /** The trace as a compilable C++ function (CppEmitter). */
    String cpp(Trace trace);

    /** True when the file name says C/C++ code rather than a trace. */
    static boolean isCpp(Path file) {
        String n =
                file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.matches(".*\\.(c|cc|cpp|cxx|h|hh|hpp|hxx)");
    }
}
