package dev.mapiworkbench.trace;

import java.util.List;

/**
 * A client's calls, as {@code mapi-workbench/trace/v1} (docs/trace.md): a header (its {@code source}) and
 * the calls in the order the client made them.
 *
 * @param name   where it was read from (a file name, {@code -} for standard input), for messages
 * @param source the header's free text
 * @param calls  the calls in order
 */
public record Trace(String name, String source, List<TraceCall> calls) {

    /** The schema id of the header line. */
    public static final String SCHEMA = "mapi-workbench/trace/v1";

    public Trace {
        calls = List.copyOf(calls);
    }
}
