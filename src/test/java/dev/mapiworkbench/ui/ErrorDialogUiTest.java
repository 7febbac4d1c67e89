package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The error dialog as a person meets it: a refused logon (the profile is held by another session) used to
 * open a dialog as wide as the screen that said the long message twice, once as its headline and once as
 * its text. It now wraps at a readable width, says the message once, and Enter closes it.
 */
@ExtendWith(ApplicationExtension.class)
class ErrorDialogUiTest {

    /**
     * The plain error dialog for the refusal, as before the profile-in-use dialog offered a way on
     * (ProfileInUseUiTest): a long message the logon gives in a real dialog.
     */
    static final class PlainErrors extends FixtureDialogs {
        PlainErrors(java.util.function.Supplier<javafx.stage.Window> owner) {
            super(owner);
        }

        @Override
        public ProfileInUseDialog.Choice askProfileInUse(String message, java.nio.file.Path profile, Throwable error) {
            showError("Logon failed: " + message, error);
            return ProfileInUseDialog.Choice.STAY;
        }
    }

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(PlainErrors::new);

    @Test
    void aLongErrorWrapsAtAReadableWidthSaysItOnceAndEnterClosesIt(FxRobot robot) throws Exception {
        ProfileHolder holder = ProfileHolder.hold(app.profile());
        try {
            app.openWithoutWaiting();
            waitUntil(() -> !robot.lookup("#errorDialog").queryAll().isEmpty());
            DialogPane pane = robot.lookup("#errorDialog").queryAs(DialogPane.class);

            double width = fx(() -> pane.getScene().getWindow().getWidth());
            assertThat(width).isBetween(300.0, FxDialogService.ERROR_WIDTH + 60);
            long saysInUse = fx(() -> pane.lookupAll(".label").stream()
                    .filter(Node::isVisible)
                    .map(n -> ((Label) n).getText())
                    .filter(t -> t != null && t.contains("in use by"))
                    .count());
            assertThat(saysInUse).as("labels that quote the refusal").isEqualTo(1);
            assertThat(fx(pane::getHeaderText)).contains("Logon failed", "in use by");

            robot.clickOn(pane.lookupButton(javafx.scene.control.ButtonType.OK));
            waitUntil(() -> robot.lookup("#errorDialog").queryAll().isEmpty());
        } finally {
            holder.close();
        }
    }

    @Test
    void enterOnTheErrorDialogClosesIt(FxRobot robot) throws Exception {
        ProfileHolder holder = ProfileHolder.hold(app.profile());
        try {
            app.openWithoutWaiting();
            waitUntil(() -> !robot.lookup("#errorDialog").queryAll().isEmpty());
            DialogPane pane = robot.lookup("#errorDialog").queryAs(DialogPane.class);
            waitUntil(() -> pane.getScene().getWindow().isFocused());
            robot.type(KeyCode.ENTER);
            waitUntil(() -> robot.lookup("#errorDialog").queryAll().isEmpty());
        } finally {
            holder.close();
        }
    }
}
