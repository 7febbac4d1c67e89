package dev.mapiworkbench.teardown;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deliberate deviations from the plan, for learning and QA (docs/decisions/0030-what-if-semantics.md):
 * <ul>
 *   <li>{@code skip}: steps not run at all, recorded as skipped with the reason "what-if: skipped on purpose";</li>
 *   <li>{@code moves}: a step run right after another step instead of at its own place;</li>
 *   <li>{@code force}: steps run even when they do not apply (e.g. DeinitMapiUtil although ScInitMapiUtil was
 *       never called); only {@code logoff}, {@code ole-uninitialize}, {@code mapi-uninitialize} and
 *       {@code deinit-mapi-util} can be forced.</li>
 * </ul>
 * The order linter and the simulator's diagnostics then show the consequences in the transcript.
 */
public record WhatIf(Set<StepId> skip, List<Move> moves, Set<StepId> force) {

    /** Steps that {@code force} accepts. */
    public static final Set<StepId> FORCIBLE =
            Set.of(StepId.LOGOFF, StepId.OLE_UNINITIALIZE, StepId.MAPI_UNINITIALIZE, StepId.DEINIT_MAPI_UTIL);

    public WhatIf {
        skip = Set.copyOf(skip);
        moves = List.copyOf(moves);
        force = force == null ? Set.of() : Set.copyOf(force);
    }

    public WhatIf(Set<StepId> skip, List<Move> moves) {
        this(skip, moves, Set.of());
    }

    /** Run {@code stepId} right after {@code afterStepId} instead of at its own place. */
    public record Move(StepId stepId, StepId afterStepId) {}

    public static WhatIf none() {
        return new WhatIf(Set.of(), List.of(), Set.of());
    }

    public static WhatIf skipping(StepId... stepIds) {
        return new WhatIf(Set.of(stepIds), List.of(), Set.of());
    }

    public static WhatIf moving(StepId stepId, StepId afterStepId) {
        return new WhatIf(Set.of(), List.of(new Move(stepId, afterStepId)), Set.of());
    }

    public static WhatIf forcing(StepId... stepIds) {
        return new WhatIf(Set.of(), List.of(), Set.of(stepIds));
    }

    /** This what-if plus another one's skips, moves and forces. */
    public WhatIf and(WhatIf other) {
        Set<StepId> s = new HashSet<>(skip);
        s.addAll(other.skip);
        List<Move> m = new ArrayList<>(moves);
        m.addAll(other.moves);
        Set<StepId> f = new HashSet<>(force);
        f.addAll(other.force);
        return new WhatIf(s, m, f);
    }

    public boolean isNone() {
        return skip.isEmpty() && moves.isEmpty() && force.isEmpty();
    }

    /**
     * The plan's steps in executed order with the moves applied (skipped steps stay in place: they are
     * reported as skipped).
     *
     * @throws IllegalArgumentException naming a step the plan does not have or a step that cannot be forced
     */
    public List<StepDefinition> apply(List<StepDefinition> steps) {
        List<StepDefinition> out = new ArrayList<>(steps);
        Set<StepId> ids = EnumSet.noneOf(StepId.class);
        steps.forEach(st -> ids.add(st.id()));
        for (StepId id : skip) {
            require(ids, id, "skip");
        }
        for (StepId id : force) {
            require(ids, id, "force");
            if (!FORCIBLE.contains(id)) {
                throw new IllegalArgumentException(
                        "what-if: step '" + id + "' cannot be forced (only " + EnumSet.copyOf(FORCIBLE) + ")");
            }
        }
        for (Move mv : moves) {
            require(ids, mv.stepId(), "move");
            require(ids, mv.afterStepId(), "move after");
            if (mv.stepId() == mv.afterStepId()) {
                throw new IllegalArgumentException("what-if: cannot move '" + mv.stepId() + "' after itself");
            }
            StepDefinition moved = out.stream()
                    .filter(st -> st.id() == mv.stepId())
                    .findFirst()
                    .orElseThrow();
            out.remove(moved);
            int at = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).id() == mv.afterStepId()) {
                    at = i;
                }
            }
            out.add(at + 1, moved);
        }
        return List.copyOf(out);
    }

    private static void require(Set<StepId> ids, StepId id, String what) {
        if (!ids.contains(id)) {
            throw new IllegalArgumentException(
                    "what-if " + what + ": the plan has no step '" + id + "' (steps: " + ids + ")");
        }
    }
}
