package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Help › Record your own client… opens from the menu, says how to use the DLL, and Esc closes it. */
@ExtendWith(ApplicationExtension.class)
class RecorderHelpTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(FxDialogService::new);

    @Test
    void theHelpMenuExplainsTheRecorderAndEscClosesIt(FxRobot robot) throws Exception {
        app.open("--no-logon");
        robot.clickOn("#helpMenu");
        robot.clickOn("#recorderMenuItem");
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> robot.lookup("#recorderText").tryQuery().isPresent());
        TextArea text = robot.lookup("#recorderText").queryAs(TextArea.class);
        assertThat(text.getText()).contains("MAPI32.DLL", "MAPI_WORKBENCH_TRACE", "lint", "Wine");
        assertThat(text.isEditable()).isFalse();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#recorderDialog").tryQuery()).isEmpty();
    }
}
