package dev.mapiworkbench.teardown;

/**
 * One linter finding.
 *
 * @param rule     stable rule id ({@code objects-open-at-logoff}); see {@link RuleCatalogue}
 * @param severity error or warning
 * @param message  what is wrong, for people
 * @param seedStep the number of the seed step the finding breaks (0 when no seed step applies)
 * @param seed     the seed that step belongs to ({@code 000_f9b54471987da018} for desktop steps,
 *                 {@code 002_62c4d6273aedbed0} when a CE run breaks one of the CE steps)
 * @param stepId   the plan step the rule is about ({@code release-objects} on the wire; null when none)
 * @param seq      the {@code seq} of the call the finding is about (0 when it is about no single call)
 * @param source   the document the rule comes from, "title — URL or header file:line" (the rule's first
 *                 source in {@link RuleCatalogue}), or null for a rule without one
 */
public record Finding(
        String rule,
        Severity severity,
        String message,
        int seedStep,
        String seed,
        StepId stepId,
        long seq,
        String source) {

    /** A finding about no single call; its source is looked up in the catalogue. */
    public Finding(String rule, Severity severity, String message, int seedStep, String seed, StepId stepId) {
        this(rule, severity, message, seedStep, seed, stepId, 0, RuleCatalogue.primarySource(rule));
    }
}
