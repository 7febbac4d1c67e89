package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The logoff and compose dialogs on their own. */
@ExtendWith(ApplicationExtension.class)
class DialogsTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        stage.show();
        stage.requestFocus();
    }

    private AtomicReference<Optional<TeardownRequest>> showLogoff(LogoffDialogViewModel vm) {
        AtomicReference<Optional<TeardownRequest>> result = new AtomicReference<>();
        // not waited for: the dialog is modal and blocks this future until the test closes it
        var unused = WaitForAsyncUtils.asyncFx(() -> {
            LogoffDialog d = new LogoffDialog(vm);
            d.initOwner(stage);
            d.setOnHidden(e -> result.set(Optional.ofNullable(d.getResult())));
            d.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return result;
    }

    @Test
    void logoffDialogListsPendingMailAndOffersTheDocumentedChoices(FxRobot robot) {
        var result = showLogoff(new LogoffDialogViewModel(List.of("Hello — to: a@example.com — queued"), false));
        assertThat(robot.lookup("#logoffDialog").tryQuery()).isPresent();
        assertThat(robot.lookup("#pendingMessagesList").queryListView().getItems())
                .containsExactly("Hello — to: a@example.com — queued");
        assertThat(robot.lookup("#logoffNowButton").queryButton().getText()).isEqualTo("Log off _now");
        assertThat(robot.lookup("#logoffAfterSendingButton").queryButton().getText())
                .isEqualTo("Log off after _sending");
        assertThat(robot.lookup("#logoffCancelButton").queryButton().getText()).isEqualTo("Cancel");
        assertThat(robot.lookup("#allowLogoffUiCheck").queryAs(CheckBox.class).isSelected())
                .isTrue();
        assertThat(robot.lookup("#logoffSharedCheck").tryQuery()).isEmpty();
        assertThat(robot.lookup("#logoffNowExplanation").queryLabeled().getText())
                .contains("stays in the Outbox until the next logon");
        ChoiceBox<?> plan = robot.lookup("#teardownPlanChoice").queryAs(ChoiceBox.class);
        assertThat(List.<Object>copyOf(plan.getItems())).containsExactly(Plan.DESKTOP, Plan.FAST_SHUTDOWN, Plan.CE);
        assertThat(robot.lookup("#stepThroughCheck").queryAs(CheckBox.class).isSelected())
                .isFalse();

        robot.clickOn("#stepThroughCheck");
        robot.clickOn("#logoffNowButton");
        WaitForAsyncUtils.waitForFxEvents();
        TeardownRequest d = result.get().orElseThrow();
        assertThat(d.mode()).isEqualTo(Mode.NOW);
        assertThat(d.allowUi()).isTrue();
        assertThat(d.stepThrough()).isTrue();
    }

    @Test
    void escapeCancelsTheLogoffDialog(FxRobot robot) {
        var result = showLogoff(new LogoffDialogViewModel(List.of(), false));
        robot.clickOn("#allowLogoffUiCheck");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(result.get()).isEmpty();
        assertThat(robot.lookup("#logoffDialog").tryQuery()).isEmpty();
    }

    @Test
    void sharedLogoffIsOfferedOnlyForASharedOwnedSessionWithTheWarning(FxRobot robot) {
        var result = showLogoff(new LogoffDialogViewModel(List.of(), true));
        assertThat(robot.lookup("#logoffSharedCheck").queryAs(CheckBox.class).isSelected())
                .isFalse();
        assertThat(robot.lookup("#logoffSharedWarning").queryLabeled().getText())
                .contains("should never pass");
        robot.clickOn("#logoffSharedCheck");
        robot.clickOn("#logoffAfterSendingButton");
        WaitForAsyncUtils.waitForFxEvents();
        TeardownRequest d = result.get().orElseThrow();
        assertThat(d.logoffShared()).isTrue();
        assertThat(d.mode()).isEqualTo(Mode.AFTER_SENDING);
    }

    @Test
    void composeSendsOnlyWithAWellFormedAddress(FxRobot robot) {
        ComposeViewModel vm = new ComposeViewModel();
        AtomicReference<ComposeViewModel.Draft> result = new AtomicReference<>();
        // not waited for: the dialog is modal and blocks this future until the test closes it
        var unused = WaitForAsyncUtils.asyncFx(() -> {
            ComposeDialog d = new ComposeDialog(vm);
            d.initOwner(stage);
            d.setOnHidden(e -> result.set(d.getResult()));
            d.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#composeSendButton").queryButton().isDisabled())
                .isTrue();
        robot.clickOn("#composeTo").write("nobody");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#composeSendButton").queryButton().isDisabled())
                .isTrue();
        robot.clickOn("#composeTo").write("@example.com");
        robot.clickOn("#composeSubject").write("Quarterly report");
        robot.clickOn("#composeBody").write("Numbers attached.");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#composeSendButton").queryButton().isDisabled())
                .isFalse();
        robot.clickOn("#composeSendButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(result.get().to()).containsExactly("nobody@example.com");
        assertThat(result.get().subject()).isEqualTo("Quarterly report");
    }
}
