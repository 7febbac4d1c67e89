package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WindowActions.openLogoffDialog;
import static dev.mapiworkbench.ui.WindowActions.send;
import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import java.util.List;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The logoff dialog's layout holds under a window manager (issue 10 item 16, seen under Openbox: the pending
 * list one row high, "Log off now: …" elided): the list keeps at least three rows and grows with the live
 * Outbox, the explanation shows every word, and the dialog's window may not be made smaller than that.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 120)
class LogoffDialogLayoutUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    /** What the label really draws (elided text ends in "…"). */
    private static String drawn(Label label) {
        return ((Text) label.lookup(".text")).getText();
    }

    @Test
    void thePendingListKeepsThreeRowsTheExplanationIsNotElidedAndTheWindowCannotBeSqueezed(FxRobot robot)
            throws Exception {
        Workbench wb = app.open("--transport-offline");
        send(robot, wb, "alice@example.com", "One waiting message");
        openLogoffDialog(robot);
        ListView<?> list = robot.lookup("#pendingMessagesList").queryAs(ListView.class);
        Label now = robot.lookup("#logoffNowExplanation").queryAs(Label.class);
        DialogPane pane = robot.lookup("#logoffDialog").queryAs(DialogPane.class);
        Stage dialog = fx(() -> (Stage) pane.getScene().getWindow());

        // laid out: three rows for one message, every word of the explanation on its (wrapped) lines
        assertThat(fx(list::getHeight)).isGreaterThanOrEqualTo(LogoffDialog.listHeight(LogoffDialog.MIN_ROWS) - 0.5);
        assertThat(fx(list::getHeight)).isGreaterThan(3 * 24.0);
        assertThat(fx(() -> drawn(now))).isEqualTo(fx(now::getText)).doesNotContain("…");
        assertThat(fx(now::getHeight))
                .isGreaterThan(1.5 * fx(() -> now.getFont().getSize()));

        // what keeps a window manager from squeezing them: their minimum heights, and the window's minimum
        assertThat(fx(() -> list.minHeight(-1))).isGreaterThanOrEqualTo(LogoffDialog.listHeight(LogoffDialog.MIN_ROWS));
        assertThat(fx(now::getMinHeight)).isEqualTo(Region.USE_PREF_SIZE);
        waitUntil(() -> dialog.getMinHeight() > 0);
        assertThat(fx(dialog::getMinHeight)).isGreaterThanOrEqualTo(fx(() -> pane.minHeight(pane.getWidth())));
        assertThat(fx(dialog::getMinWidth)).isGreaterThanOrEqualTo(fx(() -> pane.minWidth(-1)));
        assertThat(fx(dialog::isResizable)).isTrue();

        // the list follows the Outbox while open, and grows with it (up to six rows)
        for (String s : List.of("Two", "Three", "Four")) {
            wb.gateway().send(List.of("bob@example.com"), s, "");
        }
        waitUntil(() -> list.getItems().size() == 4);
        waitUntil(() -> list.getPrefHeight() == LogoffDialog.listHeight(4));
        assertThat(fx(() -> drawn(now))).isEqualTo(fx(now::getText)).contains("these 4 messages stay");
    }
}
