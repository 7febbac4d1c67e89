package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.Workbench;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** "Copy as command" after a run in the window: the headless command line that reproduces it. */
@ExtendWith(ApplicationExtension.class)
class CopyAsCommandUiTest {

    private static final long TIMEOUT = 60;

    @TempDir
    Path profile;

    private Stage stageRef;
    private Workbench wb;

    private static final class Stage {
        final javafx.stage.Stage stage;

        Stage(javafx.stage.Stage stage) {
            this.stage = stage;
        }
    }

    @Start
    void start(javafx.stage.Stage stage) {
        this.stageRef = new Stage(stage);
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
    void afterARunCopyAsCommandPutsTheReproducingCommandOnTheClipboard(FxRobot robot) throws Exception {
        GuiOptions options = GuiOptions.parse(
                "--profile",
                profile.toString(),
                "--transport-latency",
                "0",
                "--no-logoff-ui",
                "--fault",
                "IMAPISession::Logoff=MAPI_E_CALL_FAILED");
        javafx.stage.Stage stage = stageRef.stage;
        WaitForAsyncUtils.asyncFx(() -> {
                    wb = Workbench.create(stage, options, FxDialogService::new, () -> {});
                    stage.show();
                    stage.requestFocus();
                })
                .get(TIMEOUT, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(
                TIMEOUT, TimeUnit.SECONDS, () -> wb.model().loggedOnProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#logoffButton");
        WaitForAsyncUtils.waitFor(
                TIMEOUT,
                TimeUnit.SECONDS,
                () -> robot.lookup("#copyCommandButton")
                        .tryQuery()
                        .map(javafx.scene.Node::isVisible)
                        .orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#copyCommandButton");
        WaitForAsyncUtils.waitForFxEvents();
        String copied = WaitForAsyncUtils.asyncFx(
                        () -> Clipboard.getSystemClipboard().getString())
                .get(TIMEOUT, TimeUnit.SECONDS);
        assertThat(copied)
                .startsWith("java -jar mapi-workbench.jar --headless --backend sim")
                .contains("--fault IMAPISession::Logoff=MAPI_E_CALL_FAILED", "--logoff now", "--plan desktop")
                .contains("--transport-latency 0")
                .doesNotContain("--allow-ui")
                .endsWith("--transcript -");
    }
}
