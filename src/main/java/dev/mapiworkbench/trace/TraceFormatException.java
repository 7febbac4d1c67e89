package dev.mapiworkbench.trace;

/**
 * A malformed trace: names the file, the line and what is wrong
 * ({@code client.jsonl:7: "hr": unknown HRESULT 'MAPI_E_NOPE'}).
 */
public final class TraceFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    public TraceFormatException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** 1-based line number (0 when the file could not be read at all). */
    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
