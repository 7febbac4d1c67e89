package dev.mapiworkbench.teardown;

/**
 * One order-linter finding.
 *
 * @param rule     stable rule id ({@code objects-open-at-logoff}); see {@link OrderLinter}
 * @param severity error or warning
 * @param message  what is wrong, for people
 * @param seedStep the number of the seed step the finding breaks (0 when no seed step applies)
 * @param seed     the seed that step belongs to ({@code 000_f9b54471987da018} for desktop steps,
 *                 {@code 002_62c4d6273aedbed0} when a CE run breaks one of the CE steps)
 * @param stepId   the plan step the rule is about ({@code release-objects} on the wire; null when none)
 */
public record Finding(String rule, Severity severity, String message, int seedStep, String seed, StepId stepId) {
}
