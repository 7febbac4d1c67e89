package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.Severity;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.ui.teardown.StepState;
import dev.mapiworkbench.ui.teardown.StepViewModel;
import dev.mapiworkbench.ui.teardown.TeardownViewModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** View models without the FX toolkit. */
class ViewModelTest {

    @Test
    void stepAccessibleTextFollowsItsState() {
        StepViewModel step = new StepViewModel(4, StepId.LOGOFF, "Log off the session");
        assertThat(step.accessibleTextProperty().get()).isEqualTo("Log off the session: pending");
        step.setState(StepState.RUNNING);
        assertThat(step.accessibleTextProperty().get()).isEqualTo("Log off the session: running");
        step.setState(StepState.WARNING);
        assertThat(step.accessibleTextProperty().get()).isEqualTo("Log off the session: warning");
    }

    @Test
    void stepKeepsTheFirstCallsAndCountsTheRest() {
        StepViewModel step = new StepViewModel(2, StepId.RELEASE_OBJECTS, "Release");
        step.setCalls(List.of("a", "b", "c", "d", "e", "f", "g"), 10_000);
        assertThat(step.callsTextProperty().get()).startsWith("a\nb\nc\n").contains("9,997 more");
        assertThat(step.callCountProperty().get()).isEqualTo(10_000);
    }

    @Test
    void durationsReadLikeAPersonWouldWriteThem() {
        assertThat(StepViewModel.formatDuration(-1)).isEmpty();
        assertThat(StepViewModel.formatDuration(12)).isEqualTo("12 µs");
        assertThat(StepViewModel.formatDuration(3_400)).isEqualTo("3.4 ms");
        assertThat(StepViewModel.formatDuration(1_200_000)).isEqualTo("1.20 s");
    }

    @Test
    void teardownProgressCountsFinishedSteps() {
        TeardownViewModel vm = new TeardownViewModel();
        vm.begin(
                "t",
                List.of(
                        new StepViewModel(1, StepId.UNADVISE, "A"),
                        new StepViewModel(2, StepId.RELEASE_OBJECTS, "B"),
                        new StepViewModel(3, StepId.FREE_BUFFERS, "C"),
                        new StepViewModel(4, StepId.LOGOFF, "D")),
                false);
        assertThat(vm.progressProperty().get()).isZero();
        vm.stepStarted(StepId.UNADVISE, "A");
        assertThat(vm.progressProperty().get()).isZero();
        vm.stepFinished(StepId.UNADVISE, "A", StepState.DONE, null, 5);
        vm.stepFinished(StepId.RELEASE_OBJECTS, "B", StepState.SKIPPED, "OleInitialize was never called", 1);
        assertThat(vm.progressProperty().get()).isEqualTo(0.5);
        assertThat(vm.find(StepId.RELEASE_OBJECTS)
                        .orElseThrow()
                        .reasonProperty()
                        .get())
                .contains("OleInitialize");
    }

    @Test
    void teardownSummaryNamesResultLeaksAndFindings() {
        TeardownViewModel vm = new TeardownViewModel();
        vm.finish(
                "warnings",
                List.of("IMsgStore 'Mailbox'"),
                List.of(new Finding(
                        "logoff-shared",
                        Severity.WARNING,
                        "never on Outlook 2007 SP2",
                        4,
                        Plan.DESKTOP.seed(),
                        StepId.LOGOFF)));
        assertThat(vm.finishedProperty().get()).isTrue();
        assertThat(vm.resultTextProperty().get())
                .contains("warnings")
                .contains("Leaks: 1")
                .contains("Findings: 1");
        assertThat(TeardownViewModel.display(vm.findings().get(0))).contains("(breaks seed step 4)");
    }

    @Test
    void waitPhaseCountsWhatIsStillToSend() {
        TeardownViewModel vm = new TeardownViewModel();
        vm.waitProgress("m1", "Hello", "sending", -1);
        vm.waitProgress("m2", "World", "queued", 0);
        assertThat(vm.waitPhaseProperty().get()).isFalse();
        assertThat(vm.waitTextProperty().get()).contains("2 of 2");
        vm.waitProgress("m1", "Hello", "sent", 1);
        assertThat(vm.waitTextProperty().get()).contains("1 of 2");
    }

    @Test
    void logoffNowExplainsThatPendingMailStaysQueued() {
        LogoffDialogViewModel vm =
                new LogoffDialogViewModel(List.of("Hi — to: a@b.c — queued", "Yo — to: d@e.f — queued"), false);
        assertThat(vm.nowExplanationProperty().get())
                .contains("these 2 messages stay in the Outbox until the next logon");
        assertThat(new LogoffDialogViewModel(List.of(), false)
                        .nowExplanationProperty()
                        .get())
                .contains("Outbox is empty");
    }

    @Test
    void providerUiIsOnByDefaultAndSharedLogoffNeedsASharedOwnedSession() {
        LogoffDialogViewModel notShared = new LogoffDialogViewModel(List.of(), false);
        notShared.logoffSharedProperty().set(true);
        TeardownRequest d = notShared.decide(Mode.NOW);
        assertThat(d.allowUi()).isTrue();
        assertThat(d.logoffShared()).isFalse();
        assertThat(d.plan()).isEqualTo(Plan.DESKTOP);

        LogoffDialogViewModel shared = new LogoffDialogViewModel(List.of(), true);
        shared.logoffSharedProperty().set(true);
        shared.planProperty().set(Plan.CE);
        shared.stepThroughProperty().set(true);
        TeardownRequest s = shared.decide(Mode.AFTER_SENDING);
        assertThat(s.logoffShared()).isTrue();
        assertThat(s.plan().id()).isEqualTo("ce");
        assertThat(s.stepThrough()).isTrue();
        assertThat(s.mode().id()).isEqualTo("after-sending");
    }

    @Test
    void composeNeedsAtLeastOneWellFormedAddress() {
        ComposeViewModel vm = new ComposeViewModel();
        assertThat(vm.validProperty().get()).isFalse();
        vm.toProperty().set("not-an-address");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(ComposeViewModel.validate("not-an-address")).contains("not-an-address");
        vm.toProperty().set("alice@example.com; bob@example.org,");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.toDraft().to()).containsExactly("alice@example.com", "bob@example.org");
        assertThat(vm.toDraft().subject()).isEqualTo("(no subject)");
        vm.toProperty().set("alice@example.com; broken@");
        assertThat(vm.validProperty().get()).isFalse();
    }

    @Test
    void transportPanelKeepsTheSwitchesItDoesNotShow() {
        TransportViewModel vm = new TransportViewModel();
        vm.load(dev.mapiworkbench.mapi.TransportSettings.defaults().withFailProbability(0.5, 7));
        vm.latencyMillisProperty().set(0);
        vm.offlineProperty().set(true);
        var s = vm.toSettings();
        assertThat(s.latencyMillis()).isZero();
        assertThat(s.offline()).isTrue();
        assertThat(s.failProbability()).isEqualTo(0.5);
        assertThat(vm.availableProperty().get()).isTrue();
        vm.load(null);
        assertThat(vm.availableProperty().get()).isFalse();
    }
}
