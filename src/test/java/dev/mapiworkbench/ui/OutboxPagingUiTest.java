package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.Draft;
import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12 item 1 (decision 0530): with more messages queued than the Outbox list holds, the list pages them in
 * as a person scrolls with the keyboard: Page Down, End and Home in the queue table show the right subjects
 * (the rows far from the top are read by page, off the FX thread), the selection follows the keys, and the
 * details under the table show the selected message, not a placeholder.
 *
 * <p>It failed on main after the session-7 merges (Page Down from row 4 left no row selected): Page Down selected a
 * row whose page was not read yet (a placeholder); when the page replaced it, the table's selection model looked
 * the placeholder up with {@code indexOf}, which walked the whole list (reading every page of the queue, so the
 * first rows were let go again) and did not find it, and cleared the selection. {@link QueueView#indexOf} now
 * finds the row a placeholder stood for without reading pages.
 */
class OutboxPagingUiTest extends WindowTest {

    /** More than the list holds ({@link QueueView#CACHE}): the early rows are let go and read again. */
    private static final int QUEUED = QueueView.CACHE + 300;

    /** The index of the first message this test queued. */
    private int first;

    @Test
    void pageDownEndAndHomeInTheQueueShowTheRightSubjectsWhileTheListHoldsOnlyPartOfTheQueue(FxRobot robot)
            throws Exception {
        open("--transport-offline");
        for (int i = 0; i < QUEUED; i++) {
            wb.client().send(new Draft("paged " + i, "", List.of("paged@example.test")));
        }
        QueueView<OutboxInfo> queue = (QueueView<OutboxInfo>) wb.model().outbox();
        int all = wb.client().outboxSnapshot().size();
        assertThat(all).isGreaterThanOrEqualTo(QUEUED);
        first = all - QUEUED; // rows the new profile had before (none expected)
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT * 4, TimeUnit.SECONDS, () -> WorkbenchFixture.fx(queue::size) == all);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(
                    "the queue's list shows " + WorkbenchFixture.fx(queue::size) + " rows of " + all
                            + "; the window counts "
                            + WorkbenchFixture.fx(
                                    () -> wb.model().pendingCountProperty().get())
                            + " pending",
                    e);
        }
        assertThat(WorkbenchFixture.fx(queue::heldRows)).isLessThanOrEqualTo(QueueView.CACHE);

        TableView<?> table = robot.lookup("#outboxTable").queryAs(TableView.class);
        // a window tall enough for Page Down to mean a page (the test screen's default leaves the queue a few rows),
        // and no bigger than the screen: Monocle's headless screen is 1280x800 by default, and a window larger than
        // it is never drawn (its painter overflows the screen's buffer: java.nio.BufferOverflowException in
        // UploadingPainter at every pulse) nor reached by a click where it hangs off the screen
        WorkbenchFixture.fx(() -> {
            javafx.geometry.Rectangle2D screen =
                    javafx.stage.Screen.getPrimary().getVisualBounds();
            wb.stage().setX(screen.getMinX());
            wb.stage().setY(screen.getMinY());
            wb.stage().setWidth(Math.min(1280, screen.getWidth()));
            wb.stage().setHeight(Math.min(900, screen.getHeight()));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(firstRow(robot, table)).type(javafx.scene.input.KeyCode.HOME);
        shows(robot, first);

        int afterPageDown = pageDown(robot, first);
        shows(robot, afterPageDown);
        int afterTwo = pageDown(robot, afterPageDown);
        shows(robot, afterTwo);

        robot.type(javafx.scene.input.KeyCode.END);
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> selected(robot) == first + QUEUED - 1);
        shows(robot, first + QUEUED - 1);

        robot.type(javafx.scene.input.KeyCode.HOME);
        shows(robot, first);
        long read = WorkbenchFixture.fx(queue::rowsRead);
        assertThat(read)
                .as("rows read by page, not the whole queue")
                .isPositive()
                .isLessThan(QUEUED);
    }

    /** The table's first drawn row (a click there selects it and gives the table the keyboard). */
    private static javafx.scene.Node firstRow(FxRobot robot, TableView<?> table) {
        return WorkbenchFixture.fx(() -> robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getTableView() == table && r.getIndex() == 0)
                .findFirst()
                .orElseThrow());
    }

    /** Page Down moves the selection further down the queue; returns where it is now. */
    private static int pageDown(FxRobot robot, int from) throws Exception {
        TableView<?> table = robot.lookup("#outboxTable").queryAs(TableView.class);
        robot.type(javafx.scene.input.KeyCode.PAGE_DOWN);
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> selected(robot) > from);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(
                    WorkbenchFixture.fx(() -> "Page Down from " + from + " did not move the selection: selected "
                            + table.getSelectionModel().getSelectedIndex() + ", table "
                            + Math.round(table.getHeight()) + " px high, focus on "
                            + table.getScene().getFocusOwner() + ", window "
                            + Math.round(table.getScene().getWidth())
                            + "x" + Math.round(table.getScene().getHeight()) + ", drawn rows "
                            + robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                                    .filter(r -> r.getTableView() == table && r.isVisible())
                                    .map(r -> r.getIndex() + "@" + Math.round(r.getLayoutY()) + "+"
                                            + Math.round(r.getHeight()))
                                    .toList()
                            + ", flow " + table.lookup(".virtual-flow").getLayoutBounds()),
                    e);
        }
        int now = selected(robot);
        assertThat(now)
                .as("Page Down from %d (table %.0f px high)", from, WorkbenchFixture.fx(table::getHeight))
                .isGreaterThan(from);
        return now;
    }

    private static int selected(FxRobot robot) throws Exception {
        TableView<?> table = robot.lookup("#outboxTable").queryAs(TableView.class);
        return WorkbenchFixture.fx(() -> table.getSelectionModel().getSelectedIndex());
    }

    /** Row {@code i} is selected, drawn with its subject, and shown in full under the table. */
    private void shows(FxRobot robot, int i) throws Exception {
        String subject = "paged " + (i - first);
        TableView<?> table = robot.lookup("#outboxTable").queryAs(TableView.class);
        TextArea details = robot.lookup("#outboxDetails").queryAs(TextArea.class);
        try {
            waitShown(robot, table, details, i, subject);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(
                    WorkbenchFixture.fx(() -> "row " + i + " (" + subject + ") not shown: selected "
                            + table.getSelectionModel().getSelectedIndex() + ", details '" + details.getText()
                            + "', drawn rows "
                            + robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                                    .filter(r -> r.getTableView() == table && r.isVisible())
                                    .map(r -> r.getIndex() + "="
                                            + (r.getItem() instanceof OutboxInfo o ? o.subject() : "-"))
                                    .toList()),
                    e);
        }
    }

    private static void waitShown(FxRobot robot, TableView<?> table, TextArea details, int i, String subject)
            throws Exception {
        WaitForAsyncUtils.waitFor(
                TIMEOUT,
                TimeUnit.SECONDS,
                () -> WorkbenchFixture.fx(() -> table.getSelectionModel().getSelectedIndex() == i
                        && details.getText().startsWith(subject + "\n")
                        && robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                                .anyMatch(r -> r.getTableView() == table
                                        && r.getIndex() == i
                                        && r.getItem() instanceof OutboxInfo o
                                        && o.subject().equals(subject)
                                        && r.isVisible())));
    }
}
