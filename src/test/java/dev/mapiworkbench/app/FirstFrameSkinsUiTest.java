package dev.mapiworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.ui.FxDialogService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.TreeViewSkin;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window as the app starts it (decision 0720): in the first frame the empty tables and the folder tree have no
 * skins yet — each shows its own placeholder text — and after the first frame they get their real skins (column
 * headers, rows) and show the session once logged on.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 300)
class FirstFrameSkinsUiTest {

    private static final List<String> DEFERRED = List.of("#messageTable", "#outboxTable", "#openObjectsTable");

    private Workbench wb;
    private Path profile;

    @AfterEach
    void close() throws Exception {
        if (wb != null) {
            Workbench w = wb;
            WaitForAsyncUtils.asyncFx(() -> w.stage().hide()).get(60, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            w.close();
        }
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(condition));
    }

    @Test
    void theEmptyTablesGetTheirSkinsAfterTheFirstFrameAndThenShowTheSession(FxRobot robot) throws Exception {
        profile = Files.createTempDirectory("first-frame-skins");
        GuiOptions options = GuiOptions.parse(
                new String[] {"--profile", profile.toString(), "--transport-latency", "0", "--transport-offline"});
        Stage stage = FxToolkit.registerPrimaryStage();
        wb = fx(() -> {
            Workbench w = Workbench.createWithoutLogon(stage, options, FxDialogService::new, () -> {});
            stage.show();
            return w;
        });
        WaitForAsyncUtils.waitForFxEvents();

        // the first frame: a box with the placeholder text, no column headers, no rows
        for (String id : DEFERRED) {
            TableView<?> table = robot.lookup(id).queryAs(TableView.class);
            assertThat(fx(table::getSkin)).as(id).isInstanceOf(FirstFrameSkins.Deferred.class);
            assertThat(fx(() -> table.lookup(".column-header"))).as(id).isNull();
            Node placeholder = fx(table::getPlaceholder);
            assertThat(fx(() -> placeholder.getScene() != null && placeholder.isVisible()))
                    .as(id)
                    .isTrue();
        }
        assertThat(fx(() -> ((Labeled) robot.lookup("#messageTable")
                                .queryAs(TableView.class)
                                .getPlaceholder())
                        .getText()))
                .isEqualTo("No messages.");
        TreeView<?> tree = robot.lookup("#folderTree").queryAs(TreeView.class);
        assertThat(fx(tree::getSkin)).isInstanceOf(FirstFrameSkins.Deferred.class);

        fx(() -> {
            wb.afterFirstFrame();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();

        for (String id : DEFERRED) {
            TableView<?> table = robot.lookup(id).queryAs(TableView.class);
            assertThat(fx(table::getSkin)).as(id).isInstanceOf(TableViewSkin.class);
            assertThat(fx(() -> table.lookupAll(".column-header"))).as(id).isNotEmpty();
            // the placeholder moved into the real skin, shown once (nothing left of the first frame's skin)
            Node placeholder = fx(table::getPlaceholder);
            assertThat(fx(() -> placeholder.getScene() != null && placeholder.isVisible()))
                    .as(id)
                    .isTrue();
            assertThat(fx(() -> table.getChildrenUnmodifiable().contains(placeholder)))
                    .as(id)
                    .isFalse();
        }
        assertThat(fx(tree::getSkin)).isInstanceOf(TreeViewSkin.class);

        // logged on: the tree shows the folders, the open-objects table its rows
        fx(() -> {
            wb.logonUnlessDisabled();
            return null;
        });
        waitUntil(() -> wb.model().loggedOnProperty().get());
        waitUntil(() -> tree.lookupAll(".tree-cell").stream()
                .anyMatch(c -> c instanceof Labeled l
                        && l.getText() != null
                        && !l.getText().isEmpty()));
        TableView<?> objects = robot.lookup("#openObjectsTable").queryAs(TableView.class);
        waitUntil(() -> !objects.getItems().isEmpty()
                && objects.lookupAll(".table-row-cell").stream()
                        .anyMatch(r -> r instanceof javafx.scene.control.TableRow<?> row && row.getItem() != null));
        assertThat(fx(() -> ((Control) objects).getSkin())).isInstanceOf(TableViewSkin.class);
    }
}
