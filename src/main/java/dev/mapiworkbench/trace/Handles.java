package dev.mapiworkbench.trace;

import java.util.regex.Pattern;

/**
 * The handle names of {@code mapi-workbench/trace/v1} (docs/trace.md): {@code obj:<n>} for an object, {@code buf:<n>}
 * for a MAPI buffer. A class of their own, not constants of {@link TraceReader}: the linter reads them in every
 * teardown, and reaching them through the reader set up its JSON parser (Jackson's {@code ObjectMapper}) in the first
 * teardown of each process (decision 0921).
 */
public final class Handles {

    /** {@code obj:<n>}. */
    public static final Pattern OBJ = Pattern.compile("obj:[0-9]+");
    /** {@code buf:<n>}. */
    public static final Pattern BUF = Pattern.compile("buf:[0-9]+");

    private Handles() {}
}
