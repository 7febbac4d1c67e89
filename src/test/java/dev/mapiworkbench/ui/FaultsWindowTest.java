package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The Faults tab of the real window: faults from the command line show, and typed ones go in force. */
@ExtendWith(ApplicationExtension.class)
class FaultsWindowTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(FxDialogService::new);

    @Test
    void theFaultsTabShowsTheFaultsInForceAndAddsTypedOnes(FxRobot robot) throws Exception {
        app.open("--fault", "IMsgStore::Release=leak");
        robot.clickOn("#faultsTab");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<FaultsViewModel.FaultRow> table = robot.lookup("#faultsTable").queryTableView();
        assertThat(table.getItems())
                .extracting(FaultsViewModel.FaultRow::spec)
                .containsExactly("IMsgStore::Release=leak");
        robot.clickOn("#faultInput")
                .write("IMAPISession::Logoff#1=MAPI_E_CALL_FAILED")
                .type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        assertThat(table.getItems())
                .extracting(FaultsViewModel.FaultRow::spec)
                .containsExactly("IMsgStore::Release=leak", "IMAPISession::Logoff#1=MAPI_E_CALL_FAILED");
    }
}
