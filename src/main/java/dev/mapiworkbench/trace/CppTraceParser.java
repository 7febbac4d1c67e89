package dev.mapiworkbench.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns pasted C/C++ MAPI code in the style of the seeds' sample into a trace (docs/trace.md, "C++ in",
 * decision 0241): a small hand-written tokenizer and recursive-descent parser for statements, declarations,
 * assignments, calls, {@code ->} method calls, casts, {@code &out} arguments, {@code NULL} and flag
 * expressions joined with {@code |}. Control flow is flattened: {@code if}/{@code else}/blocks contribute
 * their calls in text order. Variables become handles ({@code obj:<n>}, {@code buf:<n>}, connection
 * numbers) when a call hands them back through {@code &var}; a variable used before that becomes a handle
 * of its own (a snippet that starts in the middle of a session). Calls the trace format does not know are
 * listed in {@link Result#unknown()}, never dropped silently. What cannot be read at all is a
 * {@link CppSyntaxException} naming the line and column. The work is split along its jobs: {@link CppTokens}
 * (tokens), {@link CppStatements} and {@link CppExpressions} (the grammar), {@link CppCalls} (calls to trace
 * calls, fed to a {@link TraceLedger}), {@link CppApis} (what the parser knows of the MAPI C API).
 */
public final class CppTraceParser {

    /** Unreadable input: {@code file:line:col: what}. */
    public static final class CppSyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        CppSyntaxException(String file, int line, int column, String problem) {
            super(file + ":" + line + ":" + column + ": " + problem);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /** A statement or call that is not a MAPI call the trace knows. */
    public record Unknown(int line, int column, String text) {}

    /** The trace and what was left out. */
    public record Result(Trace trace, List<Unknown> unknown) {
        public Result {
            unknown = List.copyOf(unknown);
        }
    }

    private CppTraceParser() {}

    /** Parses C/C++ teardown code. */
    public static Result parse(String file, String src) {
        CppCalls calls = new CppCalls(file);
        new CppStatements(file, CppTokens.tokenize(file, src), calls).statements(false);
        List<TraceCall> all = new ArrayList<>(calls.prologue());
        all.addAll(calls.calls());
        List<TraceCall> numbered = new ArrayList<>();
        for (TraceCall c : all) {
            numbered.add(new TraceCall(
                    numbered.size() + 1,
                    c.thread(),
                    c.api(),
                    c.self(),
                    c.args(),
                    c.out(),
                    c.hr(),
                    c.ret(),
                    c.line(),
                    c.step(),
                    c.synthetic(),
                    c.labels()));
        }
        return new Result(
                new Trace(file, "C/C++ code from " + file + " (mapi-workbench --cpp)", numbered), calls.unknown());
    }
}
