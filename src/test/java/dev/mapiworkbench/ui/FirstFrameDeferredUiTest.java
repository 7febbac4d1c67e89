package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * What the window no longer builds for its first frame (issue 12, decisions 0630–0631) still works when a person
 * reaches it: tooltips made on the first hover, the Outbox details' text area made on the first selection, and the
 * teardown panel's skin built by the idle-time warm-up before the first logoff.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 400)
class FirstFrameDeferredUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    /** Every control in the scene graph under {@code n}, skins' nodes included. */
    private static List<Control> controls(Node n, List<Control> into) {
        if (n instanceof Control c) {
            into.add(c);
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                controls(child, into);
            }
        }
        return into;
    }

    @Test
    void aToolButtonsTooltipIsMadeOnTheFirstHoverAndItsTextIsReadableBefore(FxRobot robot) throws Exception {
        Workbench wb = app.open("--no-logon");
        // the first frame made no tooltip at all
        assertThat(fx(() -> controls(wb.stage().getScene().getRoot(), new ArrayList<>()).stream()
                        .filter(c -> c.getTooltip() != null)
                        .map(c -> c.getId() + " " + c.getClass().getSimpleName())
                        .toList()))
                .isEmpty();
        Button logon = robot.lookup("#logonButton").queryButton();
        // a screen reader reads the text before anyone hovered (AccessibleAttribute.HELP, as a tooltip's)
        assertThat(fx(() -> logon.queryAccessibleAttribute(AccessibleAttribute.HELP)))
                .isEqualTo("Log on to the profile");
        assertThat(fx(() -> LazyTooltip.text(logon))).isEqualTo("Log on to the profile");

        robot.moveTo(logon);
        robot.moveBy(2, 1); // the tooltip's show delay starts at a mouse move over the control
        waitUntil(() -> logon.getTooltip() != null && logon.getTooltip().isShowing());
        assertThat(fx(() -> logon.getTooltip().getText())).isEqualTo("Log on to the profile");

        // the status bar's tooltip is made the same way and follows the session state
        Control status = robot.lookup("#statusBar").queryAs(Control.class);
        robot.moveTo(status);
        robot.moveBy(2, 1);
        waitUntil(() -> status.getTooltip() != null);
        String state = fx(() -> wb.model().sessionStateProperty().get());
        assertThat(fx(() -> status.getTooltip().getText())).isEqualTo(state);
        robot.clickOn("#logonButton");
        waitUntil(() -> wb.model().loggedOnProperty().get());
        waitUntil(() -> status.getTooltip()
                .getText()
                .equals(wb.model().sessionStateProperty().get()));
        assertThat(fx(() -> status.getTooltip().getText())).isNotEqualTo(state);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOutboxDetailsAreAHintUntilTheFirstSelectionThenTheWholeMessage(FxRobot robot) throws Exception {
        Workbench wb = app.open("--transport-offline");
        assertThat(robot.lookup("#outboxDetails").tryQuery()).isEmpty();
        Label hint = robot.lookup("#outboxDetailsHint").queryAs(Label.class);
        assertThat(fx(() -> hint.getText())).isEqualTo("Select a message to see it in full.");
        assertThat(fx(() -> hint.isVisible())).isTrue();

        WindowActions.send(robot, wb, "carol@example.com", "Held back");
        TableView<SessionGateway.OutboxInfo> outbox =
                robot.lookup("#outboxTable").queryAs(TableView.class);
        waitUntil(() -> outbox.getItems().stream().anyMatch(o -> o.subject().equals("Held back")));
        robot.clickOn(outbox).push(KeyCode.HOME);
        waitUntil(() -> outbox.getSelectionModel().getSelectedItem() != null);
        TextArea details = fx(() -> robot.lookup("#outboxDetails").queryAs(TextArea.class));
        assertThat(fx(() -> details.getText())).contains("Held back", "To: carol@example.com", "State: queued");
        assertThat(robot.lookup("#outboxDetailsHint").tryQuery()).isEmpty();
    }

    @Test
    void theIdleWarmUpBuildsTheTeardownPanelBeforeTheFirstLogoffAndTheLogoffShowsItsSteps(FxRobot robot)
            throws Exception {
        Workbench wb = app.open("--no-logoff-ui");
        // before the warm-up the hidden panel has an empty skin (decision 0520): none of its buttons exist
        assertThat(robot.lookup("#teardownPanel #runToEndButton").tryQuery()).isEmpty();
        fx(() -> {
            wb.warmUpWhenIdle();
            return null;
        });
        waitUntil(
                () -> robot.lookup("#teardownPanel #runToEndButton").tryQuery().isPresent());
        assertThat(fx(() -> wb.model().teardownVisibleProperty().get())).isFalse();

        robot.clickOn("#logoffButton");
        waitUntil(() -> wb.model().teardownVisibleProperty().get()
                && !robot.lookup(".teardown-step").queryAll().isEmpty());
        waitUntil(() -> wb.model().teardown().finishedProperty().get());
        Node first =
                fx(() -> robot.lookup(".teardown-step").queryAll().iterator().next());
        assertThat(fx(first::isVisible)).isTrue();
        assertThat(fx(() -> first.getLayoutBounds().getWidth())).isPositive();
        assertThat(fx(() -> wb.model().teardown().resultProperty().get())).isNotBlank();
    }
}
