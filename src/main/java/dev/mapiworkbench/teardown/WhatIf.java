package dev.mapiworkbench.teardown;

import java.util.List;
import java.util.Set;

/**
 * Deliberate deviations from the plan, for learning and QA: steps to skip (recorded as skipped with
 * the reason "what-if: skipped on purpose") and steps to move after another step. The linter and the
 * simulator's diagnostics then show the consequences. See docs/decisions/0030-what-if-semantics.md.
 */
public record WhatIf(Set<String> skip, List<Move> moves) {

    public WhatIf {
        skip = Set.copyOf(skip);
        moves = List.copyOf(moves);
    }

    /** Run {@code stepId} right after {@code afterStepId} instead of at its own place. */
    public record Move(String stepId, String afterStepId) {
    }

    public static WhatIf none() {
        return new WhatIf(Set.of(), List.of());
    }

    public static WhatIf skipping(String... stepIds) {
        return new WhatIf(Set.of(stepIds), List.of());
    }

    public static WhatIf moving(String stepId, String afterStepId) {
        return new WhatIf(Set.of(), List.of(new Move(stepId, afterStepId)));
    }

    public boolean isNone() {
        return skip.isEmpty() && moves.isEmpty();
    }
}
