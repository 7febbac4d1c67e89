package dev.mapiworkbench.ui;

import dev.mapiworkbench.teardown.Plan;
import javafx.util.StringConverter;

/** How the window names the teardown plans ("Desktop (8 steps)"); the plan itself is {@link Plan}. */
public final class PlanLabels {

    private PlanLabels() {}

    /** "Desktop (8 steps)" (seed 000, "Ending a MAPI Session") or "Windows CE (3 steps)" (seed 002). */
    public static String label(Plan plan) {
        return switch (plan) {
            case DESKTOP -> "Desktop (" + seedSteps(plan) + " steps + StoreLogoff)";
            case FAST_SHUTDOWN -> "Fast shutdown (IMAPIClientShutdown, else Desktop)";
            case CE -> "Windows CE (" + seedSteps(plan) + " steps)";
        };
    }

    private static long seedSteps(Plan plan) {
        return plan.steps().stream().filter(st -> st.seedStep() > 0).count();
    }

    /** For a choice box of plans. */
    public static StringConverter<Plan> converter() {
        return new StringConverter<>() {
            @Override
            public String toString(Plan plan) {
                return plan == null ? "" : label(plan);
            }

            @Override
            public Plan fromString(String text) {
                for (Plan p : Plan.values()) {
                    if (label(p).equals(text)) {
                        return p;
                    }
                }
                return Plan.parse(text);
            }
        };
    }
}
