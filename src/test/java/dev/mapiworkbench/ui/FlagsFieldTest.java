package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.FlagSet;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The raw-flags field, used the way a person does: select all, type, read the decoded line. */
@ExtendWith(ApplicationExtension.class)
class FlagsFieldTest {

    private FlagsField field;

    @Start
    void start(Stage stage) {
        field = new FlagsField(FlagSet.LOGOFF, "logoffFlags", 0x2);
        stage.setScene(new Scene(field, 420, 120));
        stage.show();
        stage.requestFocus();
    }

    private void retype(FxRobot robot, String text) {
        robot.clickOn("#logoffFlagsField");
        robot.press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        robot.press(KeyCode.BACK_SPACE).release(KeyCode.BACK_SPACE);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String decodedText(FxRobot robot) {
        return robot.lookup("#logoffFlagsDecoded").queryLabeled().getText();
    }

    @Test
    void startsWithTheInitialValueDecoded(FxRobot robot) {
        assertThat(robot.lookup("#logoffFlagsField").queryTextInputControl().getText())
                .isEqualTo("0x00000002");
        assertThat(decodedText(robot)).isEqualTo("= 0x00000002: MAPI_LOGOFF_UI");
        assertThat(field.valueProperty().get()).isEqualTo(2);
    }

    @Test
    void typingHexDecodesAsYouType(FxRobot robot) {
        retype(robot, "0x3");
        assertThat(decodedText(robot)).isEqualTo("= 0x00000003: MAPI_LOGOFF_SHARED | MAPI_LOGOFF_UI");
        assertThat(field.valueProperty().get()).isEqualTo(3);
    }

    @Test
    void typingNamesWithAnUnknownBitKeepsTheBitAndSaysSo(FxRobot robot) {
        retype(robot, "mapi_logoff_ui|0x100");
        assertThat(field.valueProperty().get()).isEqualTo(0x102);
        assertThat(decodedText(robot)).isEqualTo("= 0x00000102: MAPI_LOGOFF_UI | unknown 0x00000100");
    }

    @Test
    void aTypoIsExplainedAndGivesNoValue(FxRobot robot) {
        retype(robot, "MAPI_LOGOF_UI");
        assertThat(field.validProperty().get()).isFalse();
        assertThat(field.valueProperty().get()).isNull();
        assertThat(decodedText(robot)).contains("'MAPI_LOGOF_UI' is not a IMAPISession::Logoff flag");
        assertThat(robot.lookup("#logoffFlagsDecoded").queryLabeled().getStyleClass())
                .contains(FlagsField.INVALID);
        robot.type(KeyCode.BACK_SPACE, 3); // "MAPI_LOGOF" + "F_UI": the fixed name
        robot.write("F_UI");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(field.valueProperty().get()).isEqualTo(2);
        assertThat(robot.lookup("#logoffFlagsDecoded").queryLabeled().getStyleClass())
                .doesNotContain(FlagsField.INVALID);
    }
}
