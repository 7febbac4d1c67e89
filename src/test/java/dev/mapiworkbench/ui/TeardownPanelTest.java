package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.Severity;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.ui.teardown.StepState;
import dev.mapiworkbench.ui.teardown.StepViewModel;
import dev.mapiworkbench.ui.teardown.TeardownPanel;
import dev.mapiworkbench.ui.teardown.TeardownViewModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The teardown panel control on its own, fed by hand. */
@ExtendWith(ApplicationExtension.class)
class TeardownPanelTest {

    private static final List<StepId> DESKTOP = List.of(
            StepId.UNADVISE,
            StepId.RELEASE_OBJECTS,
            StepId.FREE_BUFFERS,
            StepId.LOGOFF,
            StepId.RELEASE_SESSION,
            StepId.OLE_UNINITIALIZE,
            StepId.MAPI_UNINITIALIZE,
            StepId.DEINIT_MAPI_UTIL);

    private final TeardownViewModel model = new TeardownViewModel();
    private final AtomicInteger nextClicks = new AtomicInteger();
    private final AtomicInteger exportClicks = new AtomicInteger();
    private final AtomicInteger logonClicks = new AtomicInteger();

    @Start
    void start(Stage stage) {
        model.onNextStepProperty().set(nextClicks::incrementAndGet);
        model.onExportTranscriptProperty().set(exportClicks::incrementAndGet);
        model.onLogonAgainProperty().set(logonClicks::incrementAndGet);
        TeardownPanel panel = new TeardownPanel(model);
        Scene scene = new Scene(panel, 800, 700);
        scene.getStylesheets().add(StyleClasses.appStylesheet());
        stage.setScene(scene);
        stage.show();
        stage.requestFocus();
    }

    private void begin(boolean stepThrough) {
        List<StepViewModel> steps = new java.util.ArrayList<>();
        for (int i = 0; i < DESKTOP.size(); i++) {
            steps.add(new StepViewModel(i + 1, DESKTOP.get(i), "Step " + DESKTOP.get(i)));
        }
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> model.begin("Teardown", steps, stepThrough)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean has(Node n, String pseudo) {
        return n.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudo));
    }

    @Test
    void everyStepIsARowWithItsIdStateAndAccessibleText(FxRobot robot) {
        begin(false);
        for (StepId id : DESKTOP) {
            Node row = robot.lookup("#step-" + id.id()).query();
            assertThat(has(row, "pending")).as(id.id()).isTrue();
            assertThat(row.getAccessibleText()).isEqualTo("Step " + id + ": pending");
        }
        robot.interact(() -> {
            model.stepStarted(StepId.UNADVISE, "x");
            model.stepFinished(StepId.RELEASE_OBJECTS, "x", StepState.FAILED, "boom", 3);
            model.stepFinished(StepId.OLE_UNINITIALIZE, "x", StepState.SKIPPED, "OleInitialize was never called", 0);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Node unadvise = robot.lookup("#step-unadvise").query();
        assertThat(has(unadvise, "running")).isTrue();
        assertThat(has(unadvise, "pending")).isFalse();
        assertThat(unadvise.getAccessibleText()).isEqualTo("Step unadvise: running");
        assertThat(has(robot.lookup("#step-release-objects").query(), "failed")).isTrue();
        assertThat(robot.lookup("#step-ole-uninitialize").query().getAccessibleText())
                .isEqualTo("Step ole-uninitialize: skipped");
        assertThat(robot.lookup("#teardownProgress")
                        .queryAs(javafx.scene.control.ProgressBar.class)
                        .getProgress())
                .isEqualTo(2.0 / 8);
    }

    @Test
    void nextStepShowsOnlyInStepThroughAndIsEnabledOnlyWhilePaused(FxRobot robot) {
        begin(false);
        assertThat(robot.lookup("#nextStepButton").query().isVisible()).isFalse();
        begin(true);
        Button next = robot.lookup("#nextStepButton").queryButton();
        assertThat(next.isVisible()).isTrue();
        assertThat(next.isDisabled()).isTrue();
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> model.pausedBeforeStep()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(next.isDisabled()).isFalse();
        robot.clickOn("#nextStepButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(nextClicks.get()).isEqualTo(1);
    }

    @Test
    void theSummaryAppearsAtTheEndWithExportAndLogonAgain(FxRobot robot) {
        begin(false);
        assertThat(robot.lookup("#teardownSummary").query().isVisible()).isFalse();
        robot.interact(() -> model.finish(
                "errors",
                List.of("IMsgStore 'Mailbox - demo'"),
                List.of(new Finding(
                        "objects-open-at-logoff",
                        Severity.ERROR,
                        "1 object open",
                        2,
                        Plan.DESKTOP.seed(),
                        StepId.RELEASE_OBJECTS))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#teardownSummary").query().isVisible()).isTrue();
        assertThat(robot.lookup(".finding-line").queryLabeled().getText()).contains("breaks seed step 2");
        assertThat(robot.lookup(".finding-source").queryLabeled().getText())
                .isEqualTo(
                        "Source: Ending a MAPI Session (seed 000) — "
                                + "https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/ending-a-mapi-session");
        assertThat(robot.lookup(".leak-line").queryLabeled().getText()).contains("Mailbox - demo");
        robot.clickOn("#exportTranscriptButton");
        robot.clickOn("#logonAgainButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(exportClicks.get()).isEqualTo(1);
        assertThat(logonClicks.get()).isEqualTo(1);
    }
}
