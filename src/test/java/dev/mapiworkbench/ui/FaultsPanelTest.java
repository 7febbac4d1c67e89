package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.FaultControl;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiRuntime;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.sim.SimBackend;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Faults panel, driven by keyboard and mouse over a real simulated subsystem. */
@ExtendWith(ApplicationExtension.class)
class FaultsPanelTest {

    private MapiRuntime rt;
    private FaultControl control;
    private MapiSession session;

    @Start
    void start(Stage stage) {
        rt = new SimBackend().open(BackendOptions.simulated(null));
        rt.mapiInitialize(MapiInit.multithreaded());
        session = rt.mapiLogonEx(0, "Test", null, MapiFlags.MAPI_EXTENDED | MapiFlags.MAPI_NEW_SESSION);
        control = rt.capability(FaultControl.class).orElseThrow();
        FaultsViewModel model = new FaultsViewModel(() -> Optional.of(control), new FxEventPump(UiThread.fx()));
        model.attach();
        stage.setScene(new Scene(new FaultsPanel(model), 900, 400));
        stage.show();
        stage.requestFocus();
    }

    @AfterEach
    void tearDown() {
        control.clear();
        session.logoff(0, 0, 0);
        session.release();
        rt.mapiUninitialize();
    }

    @Test
    void typingAFaultAndPressingEnterPutsItInForce(FxRobot robot) {
        robot.clickOn("#faultInput")
                .write("IMAPISession::GetStatusTable#1=MAPI_E_NO_ACCESS")
                .type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#faultsTable").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(1);
        assertThat(control.faults())
                .singleElement()
                .satisfies(f ->
                        assertThat(f.spec().toString()).isEqualTo("IMAPISession::GetStatusTable#1=MAPI_E_NO_ACCESS"));
        assertThat(robot.lookup("#faultInput").queryTextInputControl().getText())
                .isEmpty();
    }

    @Test
    void badTextIsExplainedAsYouTypeAndCannotBeAdded(FxRobot robot) {
        robot.clickOn("#faultInput").write("IMAPISession::Logoff=explode");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#faultProblem").queryAs(Label.class).getText()).contains("unknown action 'explode'");
        assertThat(robot.lookup("#faultAddButton").queryButton().isDisabled()).isTrue();
        robot.type(KeyCode.ENTER);
        assertThat(control.faults()).isEmpty();
    }

    @Test
    void aBlockedCallIsShownAndReleasedWithReleaseAll(FxRobot robot) throws Exception {
        robot.clickOn("#faultInput").write("IMAPISession::GetStatusTable=block").type(KeyCode.ENTER);
        CompletableFuture<?> call = CompletableFuture.supplyAsync(() -> session.getStatusTable(0));
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> !control.blockedCalls().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<FaultsViewModel.FaultRow> table = robot.lookup("#faultsTable").queryTableView();
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> table.getItems().get(0).isBlocking());
        assertThat(table.getItems().get(0).blocked()).contains("IMAPISession::GetStatusTable", "blocked");
        Button releaseAll = robot.lookup("#faultReleaseAllButton").queryButton();
        assertThat(releaseAll.isDisabled()).isFalse();
        robot.clickOn("#faultReleaseAllButton");
        ((dev.mapiworkbench.mapi.MapiTable) call.get(20, TimeUnit.SECONDS)).release();
        assertThat(control.faults()).hasSize(1);
        robot.clickOn(robot.from(table).lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.clickOn("#faultRemoveButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(control.faults()).isEmpty();
        assertThat(table.getItems()).isEmpty();
    }
}
