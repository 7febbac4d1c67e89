package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.MapiFlags;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The forcing rules, written once in {@link TeardownRequest}. */
class TeardownRequestTest {

    private static final int UI_AND_SHARED = MapiFlags.MAPI_LOGOFF_UI | MapiFlags.MAPI_LOGOFF_SHARED;

    private static TeardownRequest everything(Plan plan, Mode mode) {
        return new TeardownRequest(plan, mode, true, true, true, WhatIf.none(), null);
    }

    @Test
    void aCriticalErrorRequestHasNoUiNoSharedLogoffAndNoStepThroughHoweverItIsBuilt() {
        TeardownRequest direct = everything(Plan.DESKTOP, Mode.CRITICAL_ERROR);
        TeardownRequest switched = everything(Plan.DESKTOP, Mode.NOW).withMode(Mode.CRITICAL_ERROR);
        TeardownRequest reEnabled = TeardownRequest.of(Plan.DESKTOP, Mode.CRITICAL_ERROR)
                .withAllowUi(true)
                .withLogoffShared(true)
                .withStepThrough(true);
        for (TeardownRequest r : new TeardownRequest[] {direct, switched, reEnabled}) {
            assertThat(r.allowUi()).as("allowUi").isFalse();
            assertThat(r.logoffShared()).as("logoffShared").isFalse();
            assertThat(r.stepThrough()).as("stepThrough").isFalse();
            assertThat(r.logoffFlags(true)).isZero();
        }
    }

    @Test
    void otherModesKeepWhatWasAsked() {
        TeardownRequest r = everything(Plan.DESKTOP, Mode.AFTER_SENDING);
        assertThat(r.allowUi()).isTrue();
        assertThat(r.logoffShared()).isTrue();
        assertThat(r.stepThrough()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theCePlanAlwaysPassesZeroFlags(Mode mode) {
        assertThat(everything(Plan.CE, mode).logoffFlags(true)).isZero();
    }

    @Test
    void desktopFlagsFollowTheOptionsAndSharedNeedsASharedOwnedSession() {
        assertThat(everything(Plan.DESKTOP, Mode.NOW).logoffFlags(true)).isEqualTo(UI_AND_SHARED);
        assertThat(everything(Plan.DESKTOP, Mode.NOW).logoffFlags(false)).isEqualTo(MapiFlags.MAPI_LOGOFF_UI);
        assertThat(TeardownRequest.of(Plan.DESKTOP, Mode.NOW).logoffFlags(true)).isZero();
        assertThat(TeardownRequest.of(Plan.DESKTOP, Mode.NOW)
                        .withLogoffShared(true)
                        .logoffFlags(true))
                .isEqualTo(MapiFlags.MAPI_LOGOFF_SHARED);
    }

    @Test
    void nullsTakeTheDefaultsAndANegativeTimeoutIsRefused() {
        TeardownRequest r = new TeardownRequest(null, null, false, false, false, null, null);
        assertThat(r.plan()).isEqualTo(Plan.DESKTOP);
        assertThat(r.mode()).isEqualTo(Mode.NOW);
        assertThat(r.whatIf().isNone()).isTrue();
        assertThat(r.timeout()).isEqualTo(TeardownRequest.DEFAULT_TIMEOUT);
        assertThatThrownBy(() -> r.withTimeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stepIdsParseFromTheirWireIdAndPrintAsIt() {
        for (StepId id : StepId.values()) {
            assertThat(StepId.parse(" " + id.id().toUpperCase(java.util.Locale.ROOT) + " "))
                    .isEqualTo(id);
            assertThat(id).hasToString(id.id());
        }
        assertThatThrownBy(() -> StepId.parse("logof"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no step 'logof'")
                .hasMessageContaining("release-objects")
                .hasMessageNotContaining("engine");
    }

    @Test
    void noPlanListsTheEngineRecord() {
        for (Plan p : Plan.values()) {
            assertThat(p.step(StepId.ENGINE)).isEmpty();
        }
        assertThat(Plan.FLUSH_OUTBOX.id()).isEqualTo(StepId.FLUSH_OUTBOX);
    }
}
