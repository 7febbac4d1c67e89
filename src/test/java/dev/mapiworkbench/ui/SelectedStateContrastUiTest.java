package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A coloured state cell ("valid" in green, "failed: …" in red) in a selected row of a focused table: its text
 * reaches 4.5:1 against the selection bar it is drawn on (issue 10 item 17, WCAG 2.1 1.4.3). Found by the
 * keyboard walk of 2026-12-02: "failed: MAPI_E_NETWO…" stayed red on the blue bar (about 1.6:1).
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 120)
class SelectedStateContrastUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    /** The WCAG ratio of two colours, by ThemeContrastTest's formula over their #rrggbb. */
    static double contrast(Color a, Color b) {
        return ThemeContrastTest.contrast(hex(a), hex(b));
    }

    static String hex(Color c) {
        return String.format(
                "#%02x%02x%02x",
                Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }

    @Test
    void aSelectedRowsStateTextReadsOnTheSelectionBar(FxRobot robot) throws Exception {
        app.open();
        TableView<?> table = robot.lookup("#openObjectsTable").queryTableView();
        waitUntil(() -> !table.getItems().isEmpty());
        robot.clickOn("#openObjectsTable .table-row-cell");
        waitUntil(() -> table.isFocused() && table.getSelectionModel().getSelectedIndex() >= 0);
        int selected = fx(() -> table.getSelectionModel().getSelectedIndex());
        waitUntil(() -> fx(() -> stateCell(robot, selected)) != null);
        double ratio = fx(() -> {
            table.applyCss();
            table.layout();
            TableCell<?, ?> cell = stateCell(robot, selected);
            TableRow<?> row = cell.getTableRow();
            Color text = (Color) cell.getTextFill();
            java.util.List<BackgroundFill> fills = row.getBackground().getFills();
            Color bar = (Color) fills.get(fills.size() - 1).getFill();
            return contrast(text, bar);
        });
        assertThat(ratio).as("state text on the selection bar").isGreaterThanOrEqualTo(4.5);
    }

    /** The state cell (style class open-object-state-*) of row {@code index}, or null while not drawn. */
    private static TableCell<?, ?> stateCell(FxRobot robot, int index) {
        return robot.lookup("#openObjectsTable .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getIndex() == index
                        && c.getStyleClass().stream().anyMatch(s -> s.startsWith("open-object-state-")))
                .findFirst()
                .orElse(null);
    }
}
