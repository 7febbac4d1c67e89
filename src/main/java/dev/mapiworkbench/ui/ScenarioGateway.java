package dev.mapiworkbench.ui;

import dev.mapiworkbench.teardown.TeardownRequest;
import java.util.List;

/**
 * What File › Open scenario… needs from the app (decision 0311): read a scenario file or a built-in one, and
 * the two halves of putting it in force. Reading and both halves run on a background thread.
 */
public interface ScenarioGateway {

    /**
     * A scenario read and checked, ready to be put in force.
     *
     * @param source         what was opened: a file path or {@code builtin:NAME} (the recent list keeps it)
     * @param logoffDefaults what the logoff dialog opens with (the scenario's timeout), or null: unchanged
     * @param beforeLogon    sets the logon options, the transport and the faults (the session is logged off)
     * @param afterLogon     the scenario's starting state once logged on: mail queued, peers joined
     */
    record Opened(
            String source,
            String name,
            String purpose,
            String watchFor,
            TeardownRequest logoffDefaults,
            Runnable beforeLogon,
            Runnable afterLogon) {}

    /**
     * Reads {@code source} (a file, or {@code builtin:NAME}). Nothing is changed.
     *
     * @throws IllegalArgumentException naming the file, the line and the field when it cannot be used
     */
    Opened read(String source);

    /** True while the session is logged on (a teardown that ended cancelled left it so). */
    boolean sessionOpen();

    /** The built-in scenarios' names. */
    List<String> builtinNames();
}
