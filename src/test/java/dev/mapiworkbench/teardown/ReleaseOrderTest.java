package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.ReleaseOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The teardown planner and the client's failed-logon clean-up share one release order. */
class ReleaseOrderTest {

    @Test
    void theDesktopPlanRunsThePhasesOfTheSharedReleaseOrderInOrder() {
        assertThat(Plan.DESKTOP.steps().stream().filter(s -> s.seedStep() > 0).toList()) // the seed's 8
                .extracting(s -> s.id().id())
                .containsExactlyElementsOf(Arrays.stream(ReleaseOrder.Phase.values())
                        .map(ReleaseOrder.Phase::stepId)
                        .toList());
    }
}
