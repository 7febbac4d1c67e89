package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.StepDefinition;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.ui.teardown.StepState;
import dev.mapiworkbench.ui.teardown.StepViewModel;
import dev.mapiworkbench.ui.teardown.TeardownPanel;
import dev.mapiworkbench.ui.teardown.TeardownViewModel;
import java.util.ArrayList;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The panel keeps its step rows from one teardown to the next and shows the new plan's steps in them (issue 12: a
 * teardown no longer builds and styles a text area per step while it runs). What a row shows must be the new
 * step's, never the step it showed before.
 */
@ExtendWith(ApplicationExtension.class)
class TeardownRowReuseTest {

    /** The desktop plan's steps (nine, StoreLogoff included). */
    private static final List<StepId> DESKTOP =
            Plan.DESKTOP.steps().stream().map(StepDefinition::id).toList();

    private final TeardownViewModel model = new TeardownViewModel();

    @Start
    void start(Stage stage) {
        model.allCallsProperty().set(id -> List.of());
        Scene scene = new Scene(new TeardownPanel(model), 800, 700);
        scene.getStylesheets().add(StyleClasses.appStylesheet());
        stage.setScene(scene);
        stage.show();
    }

    private List<StepViewModel> begin(List<StepId> ids, String titlePrefix) {
        List<StepViewModel> steps = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            steps.add(new StepViewModel(
                    i + 1, ids.get(i), titlePrefix + " " + ids.get(i).id()));
        }
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> model.begin("Teardown", steps, false)));
        WaitForAsyncUtils.waitForFxEvents();
        return steps;
    }

    private static boolean has(Node n, String pseudo) {
        return n.getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudo));
    }

    private static Label titleOf(Node row) {
        return (Label) row.lookup(".step-title");
    }

    @Test
    void aSecondTeardownShowsItsOwnStepsInTheRowsOfTheFirst(FxRobot robot) {
        List<StepViewModel> first = begin(DESKTOP, "First");
        Node unadviseRow = robot.lookup("#step-unadvise").query();
        TextArea unadviseCalls = robot.lookup("#calls-unadvise").queryAs(TextArea.class);
        robot.interact(() -> {
            first.get(0).setState(StepState.DONE);
            first.get(0).setCalls(List.of("IMAPISession::Unadvise(1)", "IMAPISession::Unadvise(2)"), 2);
            first.get(0).durationMicrosProperty().set(1500);
            first.get(1).setState(StepState.FAILED);
            first.get(1).reasonProperty().set("it failed");
            first.get(2).nextProperty().set(true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(unadviseCalls.getText()).contains("Unadvise(2)");
        assertThat(has(unadviseRow, "done")).isTrue();

        // a teardown starts with no steps (the controller's begin) until its plan arrives: nothing is shown, and
        // the rows stay in the scene (taken out and put back they would be styled from scratch)
        begin(List.of(), "None");
        assertThat(unadviseRow.getScene()).isNotNull();
        assertThat(robot.lookup("." + TeardownPanel.STEP_STYLE_CLASS).<Node>queryAll())
                .isNotEmpty()
                .noneMatch(Node::isVisible);

        List<StepViewModel> second = begin(DESKTOP, "Second");
        assertThat(robot.lookup("." + TeardownPanel.STEP_STYLE_CLASS).<Node>queryAll())
                .hasSize(DESKTOP.size())
                .allMatch(n -> n.isVisible() && n.isManaged());

        // the same nodes, showing the new plan's steps as they are now: pending, no calls, no reason
        assertThat(robot.lookup("#step-unadvise").<Node>query()).isSameAs(unadviseRow);
        assertThat(robot.lookup("#calls-unadvise").<Node>query()).isSameAs(unadviseCalls);
        for (StepId id : DESKTOP) {
            Node row = robot.lookup("#step-" + id.id()).query();
            assertThat(has(row, "pending")).as(id.id()).isTrue();
            assertThat(has(row, "done") || has(row, "failed") || has(row, "next"))
                    .as(id.id())
                    .isFalse();
            assertThat(row.getAccessibleText()).isEqualTo("Second " + id.id() + ": pending");
            assertThat(titleOf(row).getText()).isEqualTo("Second " + id.id());
        }
        assertThat(unadviseCalls.getText()).isEmpty();
        assertThat(unadviseCalls.isVisible()).isFalse();
        Label reason =
                (Label) robot.lookup("#step-" + DESKTOP.get(1).id()).query().lookup(".step-reason");
        assertThat(reason.getText()).isEmpty();
        assertThat(reason.isVisible()).isFalse();
        Label duration = (Label) unadviseRow.lookup(".step-duration");
        assertThat(duration.getText()).isEmpty();

        // the old steps no longer reach the rows; the new ones do
        robot.interact(() -> {
            first.get(0).setState(StepState.FAILED);
            first.get(0).setCalls(List.of("stale"), 1);
            first.get(3).nextProperty().set(true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(has(unadviseRow, "failed")).isFalse();
        assertThat(unadviseCalls.getText()).isEmpty();
        assertThat(has(robot.lookup("#step-" + DESKTOP.get(3).id()).query(), "next"))
                .isFalse();
        robot.interact(() -> {
            second.get(0).setState(StepState.RUNNING);
            second.get(0).setCalls(List.of("IMAPISession::Unadvise(7)"), 9);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(has(unadviseRow, "running")).isTrue();
        assertThat(unadviseRow.getAccessibleText()).isEqualTo("Second unadvise: running");
        assertThat(unadviseCalls.getText())
                .startsWith("IMAPISession::Unadvise(7)")
                .contains("8 more");
        assertThat(unadviseCalls.isVisible()).isTrue();
        robot.interact(() -> model.finish("clean", List.of(), List.of()));
        WaitForAsyncUtils.waitForFxEvents();
        Hyperlink showAll = robot.lookup("#showAllCalls-unadvise").queryAs(Hyperlink.class);
        assertThat(showAll.getText()).isEqualTo("Show all 9 calls");
        assertThat(showAll.isVisible()).isTrue();
    }

    @Test
    void aShorterPlanShowsOnlyItsStepsUnderTheirOwnIds(FxRobot robot) {
        begin(DESKTOP, "Desktop");
        List<StepId> ce = Plan.CE.steps().stream().map(StepDefinition::id).toList();
        begin(ce, "CE");

        Node box = robot.lookup("#step-logoff").query().getParent();
        assertThat(box.lookupAll("." + TeardownPanel.STEP_STYLE_CLASS)).hasSize(3);
        assertThat(robot.lookup("#step-unadvise").tryQuery()).isEmpty();
        assertThat(robot.lookup("#calls-unadvise").tryQuery()).isEmpty();
        for (int i = 0; i < ce.size(); i++) {
            Node row = robot.lookup("#step-" + ce.get(i).id()).query();
            assertThat(((Label) row.lookup(".step-number")).getText()).isEqualTo(Integer.toString(i + 1));
            assertThat(titleOf(row).getText()).isEqualTo("CE " + ce.get(i).id());
            assertThat(robot.lookup("#calls-" + ce.get(i).id()).tryQuery()).isPresent();
        }

        // and back to the longer plan: every step has its row again
        begin(DESKTOP, "Again");
        for (StepId id : DESKTOP) {
            assertThat(titleOf(robot.lookup("#step-" + id.id()).query()).getText())
                    .isEqualTo("Again " + id.id());
        }
    }
}
