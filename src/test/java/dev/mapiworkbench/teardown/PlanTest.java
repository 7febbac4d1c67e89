package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {

    private static final Path SEEDS = Path.of("/work/shared/seeds");

    @Test
    void thePlansFollowTheSeedsStepByStep() throws IOException {
        assertThat(Plan.DESKTOP.steps())
                .extracting(StepDefinition::id)
                .containsExactly(
                        StepId.UNADVISE,
                        StepId.STORE_LOGOFF /* documented elsewhere, seed step 0 */,
                        StepId.RELEASE_OBJECTS,
                        StepId.FREE_BUFFERS,
                        StepId.LOGOFF,
                        StepId.RELEASE_SESSION,
                        StepId.OLE_UNINITIALIZE,
                        StepId.MAPI_UNINITIALIZE,
                        StepId.DEINIT_MAPI_UTIL);
        assertThat(Plan.CE.steps())
                .extracting(StepDefinition::id)
                .containsExactly(StepId.LOGOFF, StepId.RELEASE_SESSION, StepId.MAPI_UNINITIALIZE);
        Path desktop = SEEDS.resolve(Plan.DESKTOP.seed() + ".txt");
        if (Files.exists(desktop)) {
            String seed = Files.readString(desktop);
            // each seed step names the call its plan step makes, in the same order
            List<String> calls = List.of(
                    "Unadvise",
                    "IUnknown::Release",
                    "MAPIFreeBuffer",
                    "IMAPISession::Logoff",
                    "session's IUnknown::Release",
                    "OleUninitialize",
                    "MAPIUninitialize",
                    "DeinitMapiUtil");
            int at = 0;
            for (String c : calls) {
                int next = seed.indexOf(c, at);
                assertThat(next).as(c).isGreaterThanOrEqualTo(at);
                at = next;
            }
        }
    }

    @Test
    void parsingIsStrictAndNamesTheChoices() {
        assertThat(Plan.parse("CE")).isEqualTo(Plan.CE);
        assertThat(Mode.parse("after-sending")).isEqualTo(Mode.AFTER_SENDING);
        assertThatThrownBy(() -> Plan.parse("mobile")).hasMessageContaining("desktop, fast-shutdown or ce");
        assertThatThrownBy(() -> Mode.parse("later")).hasMessageContaining("after-sending");
    }

    @Test
    void whatIfMovesAndValidates() {
        List<StepDefinition> moved =
                WhatIf.moving(StepId.OLE_UNINITIALIZE, StepId.MAPI_UNINITIALIZE).apply(Plan.DESKTOP.steps());
        assertThat(moved)
                .extracting(StepDefinition::id)
                .containsSubsequence(StepId.MAPI_UNINITIALIZE, StepId.OLE_UNINITIALIZE, StepId.DEINIT_MAPI_UTIL);
        assertThat(moved).hasSize(9); // the 8 seed steps plus store-logoff
        assertThatThrownBy(() -> WhatIf.forcing(StepId.UNADVISE).apply(Plan.DESKTOP.steps()))
                .hasMessageContaining("cannot be forced");
        assertThatThrownBy(() -> WhatIf.moving(StepId.LOGOFF, StepId.LOGOFF).apply(Plan.DESKTOP.steps()))
                .hasMessageContaining("itself");
    }
}
