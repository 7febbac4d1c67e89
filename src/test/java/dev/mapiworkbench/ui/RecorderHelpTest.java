package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.Workbench;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Help › Record your own client… opens from the menu, says how to use the DLL, and Esc closes it. */
@ExtendWith(ApplicationExtension.class)
class RecorderHelpTest {

    @TempDir
    Path profile;

    private Stage stage;
    private Workbench wb;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (wb != null) {
            WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> wb.stage().hide()));
            WaitForAsyncUtils.waitForFxEvents();
            wb.close();
        }
    }

    @Test
    void theHelpMenuExplainsTheRecorderAndEscClosesIt(FxRobot robot) throws Exception {
        GuiOptions options = GuiOptions.parse("--profile", profile.toString(), "--no-logon");
        WaitForAsyncUtils.asyncFx(() -> {
                    wb = Workbench.create(stage, options, FxDialogService::new, () -> {});
                    stage.show();
                    stage.requestFocus();
                })
                .get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
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
