package dev.mapiworkbench.teardown;

/**
 * One order-linter finding.
 *
 * @param rule     stable rule id ({@code objects-open-at-logoff}); see {@link OrderLinter}
 * @param severity error or warning
 * @param message  what is wrong, for people
 * @param seedStep the seed step the finding breaks (desktop numbering)
 */
public record Finding(String rule, Severity severity, String message, int seedStep) {
}
