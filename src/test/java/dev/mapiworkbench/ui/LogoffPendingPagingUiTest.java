package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WindowActions.openLogoffDialog;
import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.Draft;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Decision 0640: the logoff dialog's pending list pages like the queue table. With 3,000 messages queued the
 * dialog opens with all of them counted, a person scrolls the list to its end with the keyboard (End), and the
 * last message is selected and drawn with its subject — while the list has read only the pages it drew, and the
 * window holds at most {@link QueueView#CACHE} of the pending rows.
 */
class LogoffPendingPagingUiTest extends WindowTest {

    private static final int QUEUED = 3_000;

    @Test
    void endInThePendingListOfThreeThousandShowsTheLastMessage(FxRobot robot) throws Exception {
        open("--transport-offline");
        for (int i = 0; i < QUEUED; i++) {
            wb.client().send(new Draft("paged " + i, "", List.of("paged@example.test")));
        }
        WaitForAsyncUtils.waitFor(
                TIMEOUT * 4,
                TimeUnit.SECONDS,
                () -> fx(() -> wb.model().pendingCountProperty().get()) == QUEUED);

        openLogoffDialog(robot);
        ListView<?> list = robot.lookup("#pendingMessagesList").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(
                TIMEOUT * 4, TimeUnit.SECONDS, () -> fx(() -> list.getItems().size()) == QUEUED);
        QueueView<?> paged = (QueueView<?>) ((FollowingList<?>) list.getItems()).source();

        robot.clickOn(list).type(KeyCode.END);

        String last = "paged " + (QUEUED - 1) + " — to: paged@example.test — queued";
        try {
            waitUntil(() -> list.getSelectionModel().getSelectedIndex() == QUEUED - 1
                    && drawnCells(robot, list).contains((QUEUED - 1) + "=" + last));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(
                    "the last message is not shown: selected "
                            + fx(() -> list.getSelectionModel().getSelectedIndex()) + ", drawn "
                            + fx(() -> drawnCells(robot, list)),
                    e);
        }
        assertThat(fx(paged::rowsRead))
                .as("rows read by page, not all")
                .isPositive()
                .isLessThan(QUEUED);
        assertThat(fx(paged::heldRows)).isLessThanOrEqualTo(QueueView.CACHE);

        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#logoffDialog").tryQuery().isEmpty());
        assertThat(fx(() -> wb.model().loggedOnProperty().get())).isTrue();
    }

    /** The visible cells of {@code list} as "index=text". */
    private static List<String> drawnCells(FxRobot robot, ListView<?> list) {
        return robot.lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getListView() == list && c.isVisible() && c.getText() != null)
                .map(c -> c.getIndex() + "=" + c.getText())
                .toList();
    }
}
