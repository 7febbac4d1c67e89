package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.Workbench;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
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

/** The Faults tab of the real window: faults from the command line show, and typed ones go in force. */
@ExtendWith(ApplicationExtension.class)
class FaultsWindowTest {

    private static final long TIMEOUT = 30;

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
    void theFaultsTabShowsTheFaultsInForceAndAddsTypedOnes(FxRobot robot) throws Exception {
        GuiOptions options = GuiOptions.parse(
                "--profile", profile.toString(), "--transport-latency", "0", "--fault", "IMsgStore::Release=leak");
        WaitForAsyncUtils.asyncFx(() -> {
                    wb = Workbench.create(stage, options, FxDialogService::new, () -> {});
                    stage.show();
                    stage.requestFocus();
                })
                .get(TIMEOUT, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(
                TIMEOUT, TimeUnit.SECONDS, () -> wb.model().loggedOnProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#faultsTab");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<FaultsViewModel.FaultRow> table = robot.lookup("#faultsTable").queryTableView();
        assertThat(table.getItems())
                .extracting(FaultsViewModel.FaultRow::spec)
                .containsExactly("IMsgStore::Release=leak");
        robot.clickOn("#faultInput")
                .write("IMAPISession::Logoff#1=MAPI_E_CALL_FAILED")
                .type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(
                TIMEOUT, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        assertThat(table.getItems())
                .extracting(FaultsViewModel.FaultRow::spec)
                .containsExactly("IMsgStore::Release=leak", "IMAPISession::Logoff#1=MAPI_E_CALL_FAILED");
    }
}
