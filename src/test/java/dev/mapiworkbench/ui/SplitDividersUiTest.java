package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseButton;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The split dividers when the window shrinks and grows again (issue 10 item 2, decision 0701; found under Openbox,
 * decision 0602): a window made small moves the dividers to keep each part's minimum size, and growing it again
 * gives the parts back their share (the default, or where the person dragged the divider). The position the window
 * saves is the wanted one, never one a smaller window forced.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 180)
class SplitDividersUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private static final Offset<Double> CLOSE = Offset.offset(0.01);

    private void resize(double w, double h) throws Exception {
        fx(() -> {
            app.stage().setWidth(w);
            app.stage().setHeight(h);
            return null;
        });
        waitUntil(() -> Math.abs(app.stage().getScene().getWidth() - w) < 40
                && Math.abs(app.stage().getScene().getHeight() - h) < 60);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static double position(Workbench wb, String pane) {
        return fx(() -> wb.view().splitPanes().get(pane).getDividerPositions()[0]);
    }

    private static Node divider(FxRobot robot, SplitPane pane) {
        return robot.lookup(".split-pane-divider").queryAll().stream()
                .filter(n -> n.getParent() == pane)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aWindowThatShrinksAndGrowsAgainGivesThePanesBackTheirShare(FxRobot robot, @TempDir Path home)
            throws Exception {
        Path file = home.resolve("window.properties");
        Workbench wb = app.open(w -> w.rememberWindowIn(file), "--no-logon");
        resize(1180, 760);
        double details = position(wb, "details");
        double mail = position(wb, "mail");
        assertThat(details).isCloseTo(MainView.DETAILS_DIVIDER, CLOSE);
        assertThat(mail).isCloseTo(MainView.MAIL_DIVIDER, CLOSE);

        // small: the dividers may move (the tabs keep their least height); larger again: back where they were
        resize(800, 550);
        resize(1180, 760);
        assertThat(position(wb, "details")).as("details divider after 800x550").isCloseTo(details, CLOSE);
        assertThat(position(wb, "mail")).as("mail divider after 800x550").isCloseTo(mail, CLOSE);
        resize(1260, 790);
        resize(1180, 760);
        assertThat(position(wb, "details"))
                .as("details divider after a larger size")
                .isCloseTo(details, CLOSE);
        assertThat(position(wb, "mail")).as("mail divider after a larger size").isCloseTo(mail, CLOSE);

        // the person drags the mail divider down; that is where it comes back to after a small window
        SplitPane mailPane = wb.view().splitPanes().get("mail");
        robot.drag(divider(robot, mailPane)).moveBy(0, 40).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double dragged = position(wb, "mail");
        assertThat(dragged).isGreaterThan(mail + 0.03);
        resize(800, 550);
        resize(1180, 760);
        assertThat(position(wb, "mail"))
                .as("dragged mail divider after 800x550")
                .isCloseTo(dragged, CLOSE);
        assertThat(position(wb, "details")).isCloseTo(details, CLOSE);

        // closed while small: the file keeps the wanted positions, not the ones 800x550 forced
        resize(800, 550);
        robot.interact(() -> app.stage().hide());
        assertThat(file).exists();
        Properties saved = new Properties();
        try (var in = Files.newInputStream(file)) {
            saved.load(in);
        }
        assertThat(Double.parseDouble(saved.getProperty("split.mail.0"))).isCloseTo(dragged, CLOSE);
        assertThat(Double.parseDouble(saved.getProperty("split.details.0"))).isCloseTo(details, CLOSE);
    }

    @Test
    void afterTheWindowIsOpenedOnAnotherProfileItKeepsAndSavesTheSplitsOfTheViewItShows(
            FxRobot robot, @TempDir Path home) throws Exception {
        Path file = home.resolve("window.properties");
        Workbench first = app.open(w -> w.rememberWindowIn(file), "--no-logon");
        resize(1180, 760);
        // the person's layout: the mail divider dragged down
        robot.drag(divider(robot, first.view().splitPanes().get("mail")))
                .moveBy(0, 40)
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double dragged = position(first, "mail");
        assertThat(dragged).isGreaterThan(MainView.MAIL_DIVIDER + 0.03);

        // the profile-in-use dialog's "Log on to that profile" (decision 0650): the window opens again on it
        Path other = home.resolve("other-profile");
        fx(() -> {
            first.model().switchProfileProperty().get().accept(other);
            return null;
        });
        Workbench now = first.replacement();
        assertThat(now).isNotNull();
        waitUntil(() -> app.stage().getScene().getRoot() == now.view().root());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(position(now, "mail"))
                .as("the new view keeps the person's split")
                .isCloseTo(dragged, CLOSE);

        // dragged again in the new view, up this time: that is what the window saves, not the closed view's
        robot.drag(divider(robot, now.view().splitPanes().get("mail")))
                .moveBy(0, -80)
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double again = position(now, "mail");
        assertThat(again).isLessThan(dragged - 0.05);
        robot.interact(() -> app.stage().hide());
        Properties saved = new Properties();
        try (var in = Files.newInputStream(file)) {
            saved.load(in);
        }
        assertThat(Double.parseDouble(saved.getProperty("split.mail.0")))
                .as("split.mail.0 saved")
                .isCloseTo(again, CLOSE);
    }
}
