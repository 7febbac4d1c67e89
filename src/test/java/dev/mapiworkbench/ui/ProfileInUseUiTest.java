package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A second window on a profile another session holds (decision 0120): the refusal says who holds it and since
 * when, and the dialog offers a way on, by keyboard: type another profile folder and press Enter (the window
 * opens on it and logs on), Alt+Q quits, Esc closes and the window stays, not logged on.
 */
@ExtendWith(ApplicationExtension.class)
class ProfileInUseUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    @TempDir
    Path dir;

    private static boolean shown(FxRobot robot) {
        return robot.lookup("#profileInUseDialog")
                .tryQuery()
                .map(Node::isVisible)
                .orElse(false);
    }

    private void openOnAHeldProfile(FxRobot robot) throws Exception {
        app.openWithoutWaiting();
        waitUntil(() -> shown(robot));
        TextField field = robot.lookup("#otherProfileField").queryAs(TextField.class);
        waitUntil(field::isFocused);
    }

    @Test
    void typingAnotherProfileAndEnterOpensTheWindowOnItAndLogsOn(FxRobot robot) throws Exception {
        ProfileHolder holder = ProfileHolder.hold(app.profile());
        try {
            openOnAHeldProfile(robot);
            String said = fx(() ->
                    robot.lookup("#profileInUseMessage").queryAs(Label.class).getText());
            assertThat(said).contains("in use by another session of this process", " since ");
            TextField field = robot.lookup("#otherProfileField").queryAs(TextField.class);
            String suggested = fx(field::getText);
            assertThat(suggested)
                    .as("a free folder beside the profile is offered")
                    .isEqualTo(app.profile().getFileName() + "-2");

            Path other = dir.resolve("other-profile");
            robot.clickOn("#otherProfileField").push(KeyCode.CONTROL, KeyCode.A).write(other.toString());
            waitUntil(() -> other.toString().equals(field.getText()));
            robot.type(KeyCode.ENTER);
            waitUntil(() -> !shown(robot));
            Workbench first = app.wb();
            waitUntil(() -> first.replacement() != null
                    && first.replacement().model().loggedOnProperty().get());
            Workbench now = first.replacement();
            Path profile = fx(() -> now.model().aboutProperty().get().profile());
            assertThat(profile).isEqualTo(other);
            javafx.scene.Parent root = fx(() -> app.stage().getScene().getRoot());
            assertThat(root).isSameAs(now.view().root());
            assertThat(fx(() -> app.stage().isShowing())).isTrue();
            assertThat(app.exits()).isZero();
        } finally {
            holder.close();
        }
    }

    @Test
    void altQQuitsAndEscClosesTheDialogLeavingTheWindowNotLoggedOn(FxRobot robot) throws Exception {
        ProfileHolder holder = ProfileHolder.hold(app.profile());
        try {
            openOnAHeldProfile(robot);
            robot.type(KeyCode.ESCAPE);
            waitUntil(() -> !shown(robot));
            assertThat(app.exits()).isZero();
            assertThat(fx(() -> app.wb().model().loggedOnProperty().get())).isFalse();
            String status = fx(() -> app.wb().model().sessionStateProperty().get());
            assertThat(status).startsWith("Profile in use by");
            assertThat(app.wb().replacement()).isNull();

            // Log on again: the profile is still held, so the dialog comes back; Alt+Q quits
            robot.clickOn("#logonButton");
            waitUntil(() -> shown(robot));
            robot.push(KeyCode.ALT, KeyCode.Q);
            waitUntil(() -> app.exits() == 1);
            waitUntil(() -> !shown(robot));
        } finally {
            holder.close();
        }
    }
}
