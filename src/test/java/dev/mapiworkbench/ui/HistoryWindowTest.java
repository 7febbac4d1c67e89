package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.teardown.RunComparison;
import dev.mapiworkbench.teardown.TranscriptFiles;
import dev.mapiworkbench.teardown.TranscriptHistory;
import dev.mapiworkbench.teardown.Transcripts;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The History tab of the real window: saved runs listed, two compared, a finished run added on top. */
class HistoryWindowTest extends WindowTest {

    private static Node row(FxRobot robot, String tableId, int index) {
        return robot.lookup(tableId + " .table-row-cell")
                .match(n -> n instanceof TableRow<?> r && r.getIndex() == index)
                .query();
    }

    @Test
    void savedRunsAreListedTwoAreComparedAndAFinishedRunGoesOnTop(FxRobot robot) throws Exception {
        java.nio.file.Path history = profile.resolve("history");
        TranscriptFiles.saveToHistory(history, Transcripts.clean("2026-01-01T10:00:00Z"), 200);
        TranscriptFiles.saveToHistory(history, Transcripts.failedLogoff("2026-01-02T10:00:00Z"), 200);
        open("--no-logoff-ui");

        robot.clickOn("#historyTab");
        TableView<TranscriptHistory.Entry> runs = robot.lookup("#historyTable").queryTableView();
        WaitForAsyncUtils.waitFor(
                TIMEOUT, TimeUnit.SECONDS, () -> runs.getItems().size() == 2);
        assertThat(runs.getItems())
                .extracting(TranscriptHistory.Entry::startedAt, TranscriptHistory.Entry::result)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2026-01-02T10:00:00Z", "errors"),
                        org.assertj.core.groups.Tuple.tuple("2026-01-01T10:00:00Z", "clean"));
        assertThat(robot.lookup("#historyCompareButton").queryButton().isDisabled())
                .isTrue();

        robot.clickOn(row(robot, "#historyTable", 0));
        // the second with the keyboard: Shift+Down extends the selection
        robot.press(KeyCode.SHIFT).press(KeyCode.DOWN).release(KeyCode.DOWN).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(runs.getSelectionModel().getSelectedItems()).hasSize(2);
        robot.clickOn("#historyCompareButton");

        TableView<RunComparison.Row> diff = robot.lookup("#historyCompareTable").queryTableView();
        WaitForAsyncUtils.waitFor(
                TIMEOUT,
                TimeUnit.SECONDS,
                () -> !diff.getItems().isEmpty()
                        || robot.lookup("#historyCompareTitle")
                                .queryLabeled()
                                .getText()
                                .startsWith("Could not"));
        assertThat(robot.lookup("#historyCompareTitle").queryLabeled().getText())
                .doesNotStartWith("Could not");
        WaitForAsyncUtils.waitForFxEvents();
        // the older (clean) run on the left, whichever was clicked first
        assertThat(diff.getItems().get(0).left()).startsWith("clean");
        assertThat(diff.getItems())
                .extracting(RunComparison.Row::note)
                .contains("S_OK → MAPI_E_CALL_FAILED", "missing call", "new leak");
        assertThat(robot.lookup("#historyCompareTitle").queryLabeled().getText())
                .contains("difference");
        // the differences are highlighted: every row on screen carries its difference's style class
        var shown = robot.lookup("#historyCompareTable .table-row-cell").queryAll().stream()
                .map(n -> (TableRow<?>) n)
                .filter(r -> r.getItem() instanceof RunComparison.Row)
                .toList();
        assertThat(shown).isNotEmpty();
        for (TableRow<?> r : shown) {
            RunComparison.Row item = (RunComparison.Row) r.getItem();
            if (item.diff() == RunComparison.Diff.SAME) {
                assertThat(r.getStyleClass()).noneMatch(c -> c.startsWith("diff-"));
            } else {
                assertThat(r.getStyleClass()).contains("diff-" + item.diff().id());
            }
        }
        assertThat(robot.lookup("#historyCompareTable .diff-changed").queryAll())
                .isNotEmpty();

        // a run of this window: its row appears on top when it ends
        robot.clickOn("#logoffButton");
        WaitForAsyncUtils.waitFor(
                TIMEOUT, TimeUnit.SECONDS, () -> runs.getItems().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        TranscriptHistory.Entry newest = runs.getItems().get(0);
        assertThat(newest.startedAt()).startsWith(String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC)));
        assertThat(newest.mode()).isEqualTo("now");
        assertThat(newest.plan()).isEqualTo("desktop");
        assertThat(robot.lookup("#historyStatus").queryLabeled().getText()).isEqualTo("3 run(s)");
    }
}
