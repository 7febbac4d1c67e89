package dev.mapiworkbench.mapi;

import java.util.List;

/**
 * Capability of the simulated subsystem: the transport's per-message rules ({@link TransportRule},
 * docs/scenarios.md "Transport rules"). Obtained with {@code runtime.capability(TransportRuleControl.class)};
 * a real backend has none. Thread-safe.
 */
public interface TransportRuleControl {

    /** The rules in force, in the order they are tried. */
    List<TransportRule> rules();

    /**
     * Puts {@code rules} in force instead of those before: the send count of {@code #N} starts again at 1, a
     * send hung by a rule that is gone goes on, and an offline period a rule started ends.
     */
    void replace(List<TransportRule> rules);
}
