package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Help › Keyboard shortcuts (F1) as it opens (issue 10, seen under Openbox): five actions ended in "…" (Ctrl+1 …
 * Ctrl+7's list of tabs, the mnemonic and Enter rows); each action now wraps and is shown whole.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 120)
class ShortcutsDialogUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    @Test
    void everyActionIsShownWhole(FxRobot robot) throws Exception {
        app.open();
        robot.clickOn("#folderTree");
        robot.push(KeyCode.F1);
        waitUntil(() -> robot.lookup("#shortcutsTable").tryQuery().isPresent());
        List<String> shown = fx(() -> robot.lookup("#shortcutsTable .table-cell").queryAll().stream()
                .map(c -> ((javafx.scene.control.TableCell<?, ?>) c).getGraphic())
                .filter(g -> g instanceof Label l && !l.getText().isEmpty())
                .map(g -> {
                    Node text = g.lookup(".text");
                    return text instanceof Text t ? t.getText() : "";
                })
                .toList());
        List<String> actions = fx(() -> robot.lookup("#shortcutsTable .table-cell").queryAll().stream()
                .map(c -> ((javafx.scene.control.TableCell<?, ?>) c).getGraphic())
                .filter(g -> g instanceof Label l && !l.getText().isEmpty())
                .map(g -> ((Label) g).getText())
                .toList());
        assertThat(actions)
                .contains("Show the Open objects, Notifications, Transport, Faults, Peers, History or Notes"
                        + " tab and focus it");
        // what the cell shows is the whole action (a wrapped text has no "…")
        assertThat(shown).isEqualTo(actions);
        // and every line of it: a wrapped action's row is as high as its text (a fixed 24 px row cut the
        // second line of Ctrl+Q's and Alt+T's actions in half, seen under Openbox on 2026-12-02)
        List<String> cut = fx(() -> robot.lookup("#shortcutsTable .table-cell").queryAll().stream()
                .map(c -> (javafx.scene.control.TableCell<?, ?>) c)
                .filter(c -> c.getGraphic() instanceof Label l && !l.getText().isEmpty())
                .filter(c -> {
                    Label l = (Label) c.getGraphic();
                    return c.getHeight() + 0.5 < l.prefHeight(l.getWidth());
                })
                .map(c -> ((Label) c.getGraphic()).getText())
                .toList());
        assertThat(cut).as("actions whose row is lower than their wrapped text").isEmpty();
        assertThat(actions).anyMatch(a -> a.startsWith("Exit (logs off first"));
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#shortcutsDialog").tryQuery().isEmpty());
    }
}
