package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.ui.teardown.StepState;
import dev.mapiworkbench.ui.teardown.StepViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The logoff dialog's options, used by keyboard and mouse: strict 8 steps (issue 14 item 2), raw Logoff
 * flags and File › Log off with flags… (item 5), the after-sending timeout (issue 10 item 7), Enter on a
 * focused check box and the Tab order (item 4), the CE plan's disabled options (item 8) and the what-ifs
 * of the Advanced section (issue 13 item 3).
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 180)
class LogoffDialogOptionsUiTest {

    private Workbench wb;
    private final List<TeardownRequest> decided = new CopyOnWriteArrayList<>();

    /** The real dialogs; records what the logoff dialog decided. */
    final class RecordingDialogs extends FxDialogService {
        RecordingDialogs(Supplier<Window> owner) {
            super(owner);
        }

        @Override
        public Optional<TeardownRequest> askLogoff(LogoffDialogViewModel model) {
            Optional<TeardownRequest> r = super.askLogoff(model);
            r.ifPresent(decided::add);
            return r;
        }

        @Override
        public Optional<Path> chooseTranscriptFile(String suggestedName) {
            return Optional.empty();
        }
    }

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(RecordingDialogs::new);

    void open(String... extra) throws Exception {
        wb = app.open(extra);
    }

    void openLogoffDialog(FxRobot robot) throws Exception {
        WindowActions.openLogoffDialog(robot);
    }

    String focusedId() {
        return WindowActions.focusedId("#logoffDialog");
    }

    void waitForTheEnd() throws Exception {
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
    }

    List<StepId> stepIds() {
        return fx(() ->
                wb.model().teardown().steps().stream().map(StepViewModel::id).toList());
    }

    boolean disabled(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).query().isDisabled());
    }

    String text(FxRobot robot, String query) {
        return WindowActions.text(robot, query);
    }

    /** Opens a ChoiceBox by clicking it and picks {@code item} with the arrow keys and Enter. */
    static <T> void choose(FxRobot robot, String query, T item) throws Exception {
        WindowActions.choose(robot, query, item);
    }

    void send(FxRobot robot, String subject) throws Exception {
        WindowActions.send(robot, wb, "alice@example.com", subject);
    }

    // ---- issue 14 item 2 ------------------------------------------------------------------------

    @Test
    void theStrict8StepsCheckBoxLeavesOutStoreLogoff(FxRobot robot) throws Exception {
        open();
        openLogoffDialog(robot);
        assertThat(fx(() -> robot.lookup("#strict8StepsCheck")
                        .queryAs(javafx.scene.control.CheckBox.class)
                        .isSelected()))
                .isFalse();
        robot.clickOn("#strict8StepsCheck");
        robot.clickOn("#logoffNowButton");
        waitForTheEnd();
        assertThat(decided)
                .singleElement()
                .satisfies(r -> assertThat(r.strict8Steps()).isTrue());
        assertThat(stepIds()).doesNotContain(StepId.STORE_LOGOFF).contains(StepId.LOGOFF);
        assertThat(fx(() -> wb.model().teardown().headingProperty().get())).contains("strict 8 steps");
    }

    @Test
    void theWindowsStrict8StepsOptionChecksTheBoxAndTheDefaultRunsStoreLogoff(FxRobot robot) throws Exception {
        open("--strict-8-steps");
        openLogoffDialog(robot);
        assertThat(fx(() -> robot.lookup("#strict8StepsCheck")
                        .queryAs(javafx.scene.control.CheckBox.class)
                        .isSelected()))
                .isTrue();
        // by keyboard: Tab to it, Space unchecks it; store-logoff runs again
        robot.clickOn("#pendingMessagesList").push(KeyCode.TAB).push(KeyCode.TAB);
        waitUntil(() -> "strict8StepsCheck".equals(focusedId()));
        robot.push(KeyCode.SPACE);
        waitUntil(() -> !robot.lookup("#strict8StepsCheck")
                .queryAs(javafx.scene.control.CheckBox.class)
                .isSelected());
        robot.clickOn("#logoffNowButton");
        waitForTheEnd();
        assertThat(stepIds()).contains(StepId.STORE_LOGOFF);
    }

    // ---- issue 14 item 5 ------------------------------------------------------------------------

    @Test
    void logOffWithFlagsTakesHexOrNamesDecodesAsYouTypeAndPassesUnknownBits(FxRobot robot) throws Exception {
        open();
        robot.clickOn("#fileMenu");
        robot.clickOn("#logoffWithFlagsMenuItem");
        waitUntil(() -> "logoffFlagsField".equals(focusedId()));
        // it starts from the flags the check boxes compute: MAPI_LOGOFF_UI
        assertThat(fx(() -> robot.lookup("#logoffFlagsField")
                        .queryTextInputControl()
                        .getText()))
                .isEqualTo("0x00000002");
        robot.clickOn("#logoffFlagsField").push(KeyCode.CONTROL, KeyCode.A).write("MAPI_LOGOFF_UI|0x10");
        waitUntil(() -> text(robot, "#logoffFlagsDecoded").contains("unknown 0x00000010"));
        assertThat(text(robot, "#logoffFlagsDecoded")).isEqualTo("= 0x00000012: MAPI_LOGOFF_UI | unknown 0x00000010");
        assertThat(disabled(robot, "#allowLogoffUiCheck"))
                .as("the raw flags replace the check box")
                .isTrue();
        // a typo: said at once, nothing can start
        robot.write("|MAPI_LOGOF");
        waitUntil(() -> disabled(robot, "#logoffNowButton"));
        assertThat(text(robot, "#logoffFlagsDecoded")).contains("'MAPI_LOGOF' is not a IMAPISession::Logoff flag");
        assertThat(disabled(robot, "#logoffAfterSendingButton")).isTrue();
        assertThat(fx(() -> robot.lookup("#logoffProblem").query().isVisible())).isTrue();
        robot.push(KeyCode.ENTER); // nothing starts while the flags do not parse
        assertThat(fx(() -> wb.model().tearingDownProperty().get())).isFalse();
        for (int i = 0; i < "|MAPI_LOGOF".length(); i++) {
            robot.push(KeyCode.BACK_SPACE);
        }
        waitUntil(() -> !disabled(robot, "#logoffNowButton"));
        robot.push(KeyCode.ENTER); // the default button: Log off now (the Outbox is empty)
        waitForTheEnd();
        assertThat(decided).singleElement().satisfies(r -> {
            assertThat(r.mode()).isEqualTo(Mode.NOW);
            assertThat(r.rawLogoffFlags()).isEqualTo(0x12);
            assertThat(r.logoffFlags(false)).isEqualTo(0x12);
        });
        assertThat(fx(() -> wb.model().teardown().headingProperty().get()))
                .contains("Logoff flags 0x00000012 (MAPI_LOGOFF_UI | unknown 0x00000010) as typed");
        assertThat(fx(() -> wb.model()
                        .teardown()
                        .find(StepId.LOGOFF)
                        .orElseThrow()
                        .callsTextProperty()
                        .get()))
                .contains("ulFlags=0x12");
    }

    // ---- issue 10 item 7 ------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void theTimeoutIsTypedIntoTheDialogAndTheWindowsTimeoutOptionIsItsStart(FxRobot robot) throws Exception {
        open("--timeout", "42", "--transport-offline");
        send(robot, "Waits a little");
        openLogoffDialog(robot);
        Spinner<Integer> timeout = robot.lookup("#logoffTimeoutSpinner").queryAs(Spinner.class);
        assertThat(fx(timeout::getValue)).isEqualTo(42);
        robot.clickOn(timeout.getEditor());
        robot.push(KeyCode.CONTROL, KeyCode.A).write("1");
        waitUntil(() -> timeout.getValue() == 1);
        // Enter in the spinner is the dialog's default: after sending, with the typed timeout
        robot.push(KeyCode.ENTER);
        waitUntil(() -> !decided.isEmpty());
        assertThat(decided.get(0).mode()).isEqualTo(Mode.AFTER_SENDING);
        assertThat(decided.get(0).timeout()).isEqualTo(Duration.ofSeconds(1));
        // the transport is offline: the one-second wait times out and asks (UI is allowed): cancel the logoff
        waitUntil(() -> robot.lookup("#timeoutCancelLogoffButton").tryQuery().isPresent());
        robot.clickOn("#timeoutCancelLogoffButton");
        waitUntil(() -> !wb.model().tearingDownProperty().get()
                && wb.model().loggedOnProperty().get());
    }

    // ---- issue 10 item 4 ------------------------------------------------------------------------

    @Test
    void enterOnAFocusedCheckBoxIsTheHighlightedDefaultAndTogglesNothing(FxRobot robot) throws Exception {
        open("--transport-offline");
        send(robot, "Must not be lost");
        openLogoffDialog(robot);
        robot.clickOn("#pendingMessagesList");
        robot.push(KeyCode.TAB);
        waitUntil(() -> "allowLogoffUiCheck".equals(focusedId()));
        robot.push(KeyCode.ENTER);
        waitUntil(() -> !decided.isEmpty());
        assertThat(decided.get(0).mode()).as("the highlighted default").isEqualTo(Mode.AFTER_SENDING);
        assertThat(decided.get(0).allowUi()).as("Enter does not toggle the box").isTrue();
        waitUntil(() -> wb.model().teardown().waitPhaseProperty().get());
        robot.clickOn("#cancelWaitButton");
        waitUntil(() -> !wb.model().tearingDownProperty().get()
                && wb.model().loggedOnProperty().get());

        // again after the cancelled wait, from the strict-8-steps box: the same, a second teardown starts
        openLogoffDialog(robot);
        robot.clickOn("#pendingMessagesList");
        robot.push(KeyCode.TAB).push(KeyCode.TAB);
        waitUntil(() -> "strict8StepsCheck".equals(focusedId()));
        robot.push(KeyCode.ENTER);
        waitUntil(() -> decided.size() == 2);
        assertThat(decided.get(1).mode()).isEqualTo(Mode.AFTER_SENDING);
        assertThat(decided.get(1).strict8Steps()).isFalse();
        waitUntil(() -> wb.model().teardown().waitPhaseProperty().get());
        robot.clickOn("#cancelWaitButton");
        waitUntil(() -> !wb.model().tearingDownProperty().get()
                && wb.model().loggedOnProperty().get());
    }

    @Test
    void tabWalksListOptionsThenButtons(FxRobot robot) throws Exception {
        open();
        openLogoffDialog(robot);
        robot.clickOn("#pendingMessagesList");
        List<String> order = WindowActions.tabWalk(robot, "#logoffDialog", 10);
        assertThat(order)
                .containsExactly(
                        "allowLogoffUiCheck",
                        "strict8StepsCheck",
                        "logoffTimeoutSpinner",
                        "teardownPlanChoice",
                        "stepThroughCheck",
                        "logoffAdvancedPane",
                        "logoffNowButton",
                        "logoffAfterSendingButton",
                        "logoffCancelButton",
                        "pendingMessagesList");
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#logoffDialog").tryQuery().isEmpty());
        assertThat(decided).isEmpty();
    }

    // ---- issue 10 item 8 ------------------------------------------------------------------------

    @Test
    void theCePlanDisablesStrictStepsAndRawFlagsAndSaysWhy(FxRobot robot) throws Exception {
        open();
        openLogoffDialog(robot);
        robot.clickOn("#logoffAdvancedPane");
        waitUntil(() -> robot.lookup("#rawLogoffFlagsCheck")
                .tryQuery()
                .map(n -> n.isVisible())
                .orElse(false));
        assertThat(disabled(robot, "#strict8StepsCheck")).isFalse();
        assertThat(disabled(robot, "#rawLogoffFlagsCheck")).isFalse();
        choose(robot, "#teardownPlanChoice", Plan.CE);
        assertThat(disabled(robot, "#strict8StepsCheck")).isTrue();
        assertThat(disabled(robot, "#rawLogoffFlagsCheck")).isTrue();
        assertThat(disabled(robot, "#logoffFlagsField")).isTrue();
        assertThat(disabled(robot, "#allowLogoffUiCheck")).isTrue();
        assertThat(text(robot, "#planNote"))
                .contains("no raw flags")
                .contains("strict 8 steps")
                .contains("leaks");
        choose(robot, "#teardownPlanChoice", Plan.DESKTOP);
        assertThat(disabled(robot, "#strict8StepsCheck")).isFalse();
        robot.push(KeyCode.ESCAPE);
    }

    // ---- issue 13 item 3 ------------------------------------------------------------------------

    @Test
    void theAdvancedWhatIfsSkipMoveAndForceWithTheCommandLinesRules(FxRobot robot) throws Exception {
        open();
        openLogoffDialog(robot);
        assertThat(fx(() -> robot.lookup("#logoffAdvancedPane")
                        .queryAs(javafx.scene.control.TitledPane.class)
                        .isExpanded()))
                .as("collapsed by default")
                .isFalse();
        robot.clickOn("#logoffAdvancedPane");
        waitUntil(() -> robot.lookup("#whatIfKindChoice")
                .tryQuery()
                .map(n -> n.isVisible())
                .orElse(false));

        // force unadvise: the command line refuses it, and so does the dialog
        choose(robot, "#whatIfKindChoice", LogoffDialogViewModel.WhatIfRow.Kind.FORCE);
        choose(robot, "#whatIfStepChoice", StepId.UNADVISE);
        robot.clickOn("#whatIfAddButton");
        waitUntil(() -> disabled(robot, "#logoffNowButton"));
        assertThat(text(robot, "#logoffProblem")).contains("cannot be forced");
        // Delete removes it again
        robot.clickOn("#whatIfList").type(KeyCode.HOME).type(KeyCode.DELETE);
        waitUntil(() -> !disabled(robot, "#logoffNowButton"));

        choose(robot, "#whatIfKindChoice", LogoffDialogViewModel.WhatIfRow.Kind.SKIP);
        choose(robot, "#whatIfStepChoice", StepId.FREE_BUFFERS);
        robot.clickOn("#whatIfAddButton");
        choose(robot, "#whatIfKindChoice", LogoffDialogViewModel.WhatIfRow.Kind.MOVE);
        choose(robot, "#whatIfStepChoice", StepId.UNADVISE);
        choose(robot, "#whatIfAfterChoice", StepId.RELEASE_SESSION);
        robot.clickOn("#whatIfAddButton");
        waitUntil(() -> robot.lookup("#whatIfList").queryListView().getItems().size() == 2);
        assertThat(fx(() -> robot.lookup("#whatIfList").queryListView().getItems().stream()
                        .map(Object::toString)
                        .toList()))
                .containsExactly("skip free-buffers", "move unadvise after release-session");
        robot.clickOn("#logoffNowButton");
        waitForTheEnd();
        TeardownRequest r = decided.get(0);
        assertThat(r.whatIf().skip()).containsExactly(StepId.FREE_BUFFERS);
        assertThat(r.whatIf().moves())
                .containsExactly(new dev.mapiworkbench.teardown.WhatIf.Move(StepId.UNADVISE, StepId.RELEASE_SESSION));
        List<StepId> ids = stepIds();
        assertThat(ids.indexOf(StepId.UNADVISE)).isEqualTo(ids.indexOf(StepId.RELEASE_SESSION) + 1);
        assertThat(fx(() -> wb.model()
                        .teardown()
                        .find(StepId.FREE_BUFFERS)
                        .orElseThrow()
                        .state()))
                .isEqualTo(StepState.SKIPPED);
        assertThat(fx(() -> wb.model().teardown().headingProperty().get())).contains("what-if");
    }
}
