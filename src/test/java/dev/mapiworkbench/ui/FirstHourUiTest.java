package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchUiTest.TIMEOUT;
import static dev.mapiworkbench.ui.WorkbenchUiTest.fx;
import static dev.mapiworkbench.ui.WorkbenchUiTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window as a person meets it in the first hour (issue 10): each test drives one defect the
 * way a person does (typing, keys, clicks) on the simulated backend.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 120)
class FirstHourUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private Path profile;
    private Stage stage;
    private Workbench wb;
    private FixtureDialogs dialogs;

    @BeforeEach
    void setUp() {
        profile = app.profile();
        stage = app.stage();
    }

    void open(String... extra) throws Exception {
        wb = app.open(extra);
        dialogs = app.dialogs(FixtureDialogs.class);
    }

    /** A second window on its own stage (logged off), as the next run of the app would open it. */
    Workbench openAnother(java.util.function.Consumer<Workbench> beforeShow) throws Exception {
        GuiOptions options = GuiOptions.parse("--profile", profile.toString(), "--no-logon");
        return WaitForAsyncUtils.asyncFx(() -> {
                    Workbench other = Workbench.create(new Stage(), options, FixtureDialogs::new, () -> {});
                    beforeShow.accept(other);
                    other.stage().show();
                    return other;
                })
                .get(TIMEOUT, TimeUnit.SECONDS);
    }

    TransportSettings running() {
        return wb.gateway().transportSettings().orElseThrow();
    }

    /** Selects the editor's text and types {@code text} over it, as a person does. */
    static void typeOver(FxRobot robot, Spinner<?> spinner, String text) {
        robot.clickOn(spinner.getEditor());
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write(text);
    }

    // ---- item 1: the Transport tab's spinners ---------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void transportSpinnersShowTheRunningSettingsAndApplyWhatWasTypedOrStepped(FxRobot robot) throws Exception {
        open("--no-logon", "--transport-latency", "3000");
        // a binding that only a weak reference keeps alive would be gone after this
        System.gc();
        robot.clickOn("#logonButton");
        waitUntil(() -> wb.model().loggedOnProperty().get());
        robot.clickOn("#transportTab");
        Spinner<Integer> latency = robot.lookup("#transportLatency").queryAs(Spinner.class);
        Spinner<Integer> failEvery = robot.lookup("#transportFailEvery").queryAs(Spinner.class);
        waitUntil(() -> latency.getValue() == 3000);
        assertThat(fx(() -> latency.getEditor().getText())).isEqualTo("3000");
        assertThat(fx(() -> robot.lookup("#transportCurrent").queryLabeled().getText()))
                .contains("3000 ms");

        // type + Enter, then Apply
        typeOver(robot, latency, "8000");
        robot.push(KeyCode.ENTER);
        robot.clickOn("#transportApplyButton");
        waitUntil(() -> running().latencyMillis() == 8000);
        waitUntil(
                () -> robot.lookup("#transportCurrent").queryLabeled().getText().contains("8000 ms"));

        // the arrow keys step "fail every N"; Apply by its mnemonic
        robot.clickOn(failEvery.getEditor());
        robot.push(KeyCode.UP).push(KeyCode.UP);
        assertThat(fx(failEvery::getValue)).isEqualTo(2);
        robot.clickOn("#transportApplyButton");
        waitUntil(() -> running().failEvery() == 2);

        // typed without Enter: Apply still applies what the field shows; letters are refused
        typeOver(robot, latency, "15x00");
        assertThat(fx(() -> latency.getEditor().getText())).isEqualTo("1500");
        robot.clickOn("#transportApplyButton");
        waitUntil(() -> running().latencyMillis() == 1500);
        assertThat(running().failEvery()).isEqualTo(2);
        assertThat(fx(latency::getValue)).isEqualTo(1500);
    }

    // ---- item 2: window size, minimum size, remembered per user --------------------------------

    @Test
    void theWindowOpensAtAUsableSizeWithinTheScreenAndRemembersSizePositionAndSplits(FxRobot robot, @TempDir Path home)
            throws Exception {
        Path file = home.resolve("window.properties");
        wb = app.open(w -> w.rememberWindowIn(file), "--no-logon");
        WaitForAsyncUtils.waitForFxEvents();
        var screen = fx(() -> javafx.stage.Screen.getPrimary().getVisualBounds());
        assertThat(fx(stage::getWidth)).isEqualTo(Math.min(1180, screen.getWidth()));
        assertThat(fx(stage::getHeight)).isEqualTo(Math.min(760, screen.getHeight()));
        assertThat(fx(stage::getMinWidth)).isEqualTo(800);
        assertThat(fx(stage::getMinHeight)).isEqualTo(550);

        // the person drags the window smaller, moves it and moves the folder divider; then it closes
        javafx.scene.control.SplitPane folders = wb.view().splitPanes().get("folders");
        robot.interact(() -> {
            stage.setX(30);
            stage.setY(20);
            stage.setWidth(900);
            stage.setHeight(600);
        });
        javafx.scene.Node divider = robot.lookup(".split-pane-divider").queryAll().stream()
                .filter(n -> n.getParent() == folders)
                .findFirst()
                .orElseThrow();
        robot.drag(divider).moveBy(80, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        double split = fx(() -> folders.getDividerPositions()[0]);
        assertThat(split).isGreaterThan(0.2);
        robot.interact(stage::hide);
        assertThat(file).exists();

        Workbench next = openAnother(w -> w.rememberWindowIn(file));
        try {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(fx(() -> next.stage().getWidth())).isEqualTo(900);
            assertThat(fx(() -> next.stage().getHeight())).isEqualTo(600);
            assertThat(fx(() -> next.stage().getX())).isEqualTo(30);
            assertThat(fx(() -> next.stage().getY())).isEqualTo(20);
            assertThat(fx(() -> next.view().splitPanes().get("folders").getDividerPositions()[0]))
                    .isCloseTo(split, org.assertj.core.data.Offset.offset(0.01));
        } finally {
            robot.interact(() -> next.stage().hide());
            next.close();
        }

        // a remembered size larger than this screen (another monitor, a lower resolution) is clamped
        java.nio.file.Files.writeString(file, "width=5000\nheight=4000\nx=-3000\ny=9000\n");
        Workbench big = openAnother(w -> w.rememberWindowIn(file));
        try {
            WaitForAsyncUtils.waitForFxEvents();
            var s = fx(() -> new javafx.geometry.Rectangle2D(
                    big.stage().getX(),
                    big.stage().getY(),
                    big.stage().getWidth(),
                    big.stage().getHeight()));
            assertThat(s.getWidth()).isLessThanOrEqualTo(screen.getWidth());
            assertThat(s.getHeight()).isLessThanOrEqualTo(screen.getHeight());
            assertThat(screen.contains(s.getMinX() + 1, s.getMinY() + 1)).isTrue();
        } finally {
            robot.interact(() -> big.stage().hide());
            big.close();
        }
        // per user, not per profile
        assertThat(dev.mapiworkbench.app.WindowState.defaultFile())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".mapi-workbench", "window.properties"));
    }

    // ---- item 3: the compose dialog -------------------------------------------------------------

    /** The text a label really shows (its skin's Text node): "…" when elided. */
    static String shownText(javafx.scene.control.Labeled label) {
        return ((javafx.scene.text.Text) label.lookup(".text")).getText();
    }

    @Test
    void theComposeDialogShowsItsLabelsAMultiLineBodyAndDropsTheRequiredMarkOnceToIsValid(FxRobot robot)
            throws Exception {
        open("--transport-offline");
        robot.clickOn("#messageTable");
        robot.push(KeyCode.CONTROL, KeyCode.N);
        waitUntil(() -> robot.lookup("#composeTo").tryQuery().isPresent()
                && robot.lookup("#composeTo").query().isFocused());
        List<String> labels = fx(() -> robot.lookup("#composeDialog .label").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Label l && l.getLabelFor() != null)
                .map(n -> shownText((javafx.scene.control.Label) n))
                .toList());
        assertThat(labels).containsExactly("To:", "Subject:", "Body:");
        javafx.scene.control.TextArea body = robot.lookup("#composeBody").queryAs(javafx.scene.control.TextArea.class);
        javafx.scene.control.TextField to = robot.lookup("#composeTo").queryAs(javafx.scene.control.TextField.class);
        // several lines of text, not one
        assertThat(fx(body::getHeight)).isGreaterThan(4 * fx(to::getHeight));
        javafx.stage.Window dialog = fx(() -> body.getScene().getWindow());
        assertThat(fx(() -> ((javafx.stage.Stage) dialog).isResizable())).isTrue();
        assertThat(fx(() -> org.controlsfx.control.decoration.Decorator.getDecorations(to)))
                .isNotEmpty();

        robot.clickOn(to).write("alice@example.com");
        waitUntil(() -> !robot.lookup("#composeSendButton").queryButton().isDisabled());
        waitUntil(() -> {
            var d = org.controlsfx.control.decoration.Decorator.getDecorations(to);
            return d == null || d.isEmpty();
        });
        // Tab follows the visual order: To, Subject, Body
        robot.push(KeyCode.TAB);
        waitUntil(() -> robot.lookup("#composeSubject").query().isFocused());
        robot.write("Hello");
        robot.push(KeyCode.TAB);
        waitUntil(body::isFocused);
        robot.write("Line one");
        robot.push(KeyCode.ENTER);
        robot.write("Line two");
        assertThat(fx(() -> body.getText())).isEqualTo("Line one\nLine two");
        // Esc cancels: nothing queued
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#composeDialog").tryQuery().isEmpty());
        assertThat(fx(() -> wb.model().outbox().size())).isZero();
    }

    // ---- items 4, 11, 8: the logoff dialog ------------------------------------------------------

    void send(FxRobot robot, String to, String subject) throws Exception {
        robot.clickOn("#newMessageButton");
        waitUntil(() -> robot.lookup("#composeTo").tryQuery().isPresent());
        robot.clickOn("#composeTo").write(to);
        robot.clickOn("#composeSubject").write(subject);
        robot.clickOn("#composeSendButton");
        waitUntil(() -> wb.model().outbox().stream().anyMatch(o -> o.subject().equals(subject)));
    }

    /** The id of the focused node in the logoff dialog. */
    String focusedId() {
        return fx(() -> {
            var pane = wb.stage().getScene() == null
                    ? null
                    : javafx.stage.Window.getWindows().stream()
                            .map(javafx.stage.Window::getScene)
                            .filter(sc -> sc != null && sc.lookup("#logoffDialog") != null)
                            .findFirst()
                            .orElse(null);
            var owner = pane == null ? null : pane.getFocusOwner();
            return owner == null ? null : owner.getId();
        });
    }

    void openLogoffDialog(FxRobot robot) throws Exception {
        robot.clickOn("#logoffButton");
        waitUntil(() -> robot.lookup("#logoffDialog").tryQuery().isPresent());
    }

    /** Cancels the after-sending wait (the session stays logged on). */
    void cancelTheWait(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup("#cancelWaitButton")
                .tryQuery()
                .map(javafx.scene.Node::isVisible)
                .orElse(false));
        robot.clickOn("#cancelWaitButton");
        waitUntil(() -> !wb.model().tearingDownProperty().get()
                && wb.model().loggedOnProperty().get());
    }

    @Test
    void enterInTheLogoffDialogIsTheHighlightedSafeDefaultAndTabFollowsTheLayout(FxRobot robot) throws Exception {
        open("--transport-offline");
        send(robot, "alice@example.com", "Must not be lost");
        openLogoffDialog(robot);
        waitUntil(() -> "logoffAfterSendingButton".equals(focusedId()));
        assertThat(fx(() ->
                        robot.lookup("#logoffAfterSendingButton").queryButton().isDefaultButton()))
                .isTrue();
        assertThat(fx(() -> robot.lookup("#logoffNowButton").queryButton().isDefaultButton()))
                .isFalse();
        robot.push(KeyCode.ENTER);
        waitUntil(() -> wb.model().teardown().waitPhaseProperty().get());
        assertThat(fx(() -> wb.model().teardown().headingProperty().get())).contains("after sending");
        cancelTheWait(robot);

        // Tab from the list walks the dialog top to bottom: options, then the buttons
        openLogoffDialog(robot);
        robot.clickOn("#pendingMessagesList");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            robot.push(KeyCode.TAB);
            order.add(focusedId());
        }
        assertThat(order)
                .containsExactly(
                        "allowLogoffUiCheck",
                        "strict8StepsCheck",
                        "logoffTimeoutSpinner",
                        "teardownPlanChoice",
                        "stepThroughCheck",
                        "logoffAdvancedPane",
                        "logoffNowButton",
                        "logoffAfterSendingButton",
                        "logoffCancelButton");
        // Esc leaves it as it was. (Enter on a focused check box, also after a cancelled wait:
        // LogoffDialogOptionsUiTest.)
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#logoffDialog").tryQuery().isEmpty());
        assertThat(fx(() -> wb.model().loggedOnProperty().get())).isTrue();
    }

    @Test
    void withAnEmptyOutboxEnterLogsOffNowAndTheListFollowsTheOutboxWhileOpen(FxRobot robot) throws Exception {
        open("--transport-offline");
        openLogoffDialog(robot);
        waitUntil(() -> "logoffNowButton".equals(focusedId()));
        assertThat(fx(() -> robot.lookup("#pendingMessagesList").queryListView().getItems()))
                .isEmpty();
        // mail queued while the dialog is open (another part of the client sends it)
        wb.gateway().send(List.of("bob@example.com"), "Queued meanwhile", "");
        waitUntil(() ->
                robot.lookup("#pendingMessagesList").queryListView().getItems().size() == 1);
        assertThat(fx(() -> robot.lookup("#logoffDialog .section-title")
                        .queryLabeled()
                        .getText()))
                .contains("(1)");
        assertThat(fx(() -> robot.lookup("#logoffNowExplanation").queryLabeled().getText()))
                .contains("stays in the Outbox");
        assertThat(fx(() ->
                        robot.lookup("#logoffAfterSendingButton").queryButton().isDefaultButton()))
                .isTrue();
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#logoffDialog").tryQuery().isEmpty());
        assertThat(fx(() -> wb.model().loggedOnProperty().get())).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCePlanDisablesTheFlagsItIgnoresSaysWhyAndTheHeadingShowsLogoffZero(FxRobot robot) throws Exception {
        open();
        openLogoffDialog(robot);
        javafx.scene.control.ChoiceBox<Object> plan =
                robot.lookup("#teardownPlanChoice").queryAs(javafx.scene.control.ChoiceBox.class);
        assertThat(fx(() -> robot.lookup("#planNote").query().isVisible())).isFalse();
        robot.clickOn(plan);
        waitUntil(plan::isShowing);
        // the plans in the dialog's order: desktop, fast-shutdown, ce
        int ce = fx(() -> plan.getItems().indexOf(dev.mapiworkbench.teardown.Plan.CE));
        for (int i = 0; i < ce; i++) {
            robot.push(KeyCode.DOWN);
        }
        robot.push(KeyCode.ENTER);
        waitUntil(() -> plan.getSelectionModel().getSelectedIndex() == ce);
        assertThat(fx(() -> robot.lookup("#allowLogoffUiCheck").query().isDisabled()))
                .isTrue();
        assertThat(fx(() -> robot.lookup("#planNote").query().isVisible())).isTrue();
        assertThat(fx(() -> robot.lookup("#planNote").queryLabeled().getText()))
                .contains("Logoff(0, 0, 0)")
                .contains("leaks");
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
        assertThat(fx(() -> wb.model().teardown().headingProperty().get()))
                .contains("Logoff(0, 0, 0)")
                .doesNotContain("MAPI_LOGOFF_UI");
    }

    // ---- items 17, 19, 20: theme, accessible names, Help --------------------------------------

    @Test
    void helpShowsAboutAndTheShortcutsByKeyboardInTheDarkThemeAndEveryViewHasAnAccessibleName(FxRobot robot)
            throws Exception {
        open("--dark");
        // the notification log is on its tab (built when the tab is first shown)
        robot.clickOn("#notificationsTab");
        for (String id : List.of("folderTree", "messageTable", "outboxTable", "openObjectsTable", "notificationLog")) {
            assertThat(fx(() -> robot.lookup("#" + id).query().getAccessibleText()))
                    .as(id)
                    .isNotBlank();
        }
        assertThat(fx(() -> robot.lookup(".pane-title").queryAll().stream()
                        .filter(n -> ((javafx.scene.control.Label) n).getLabelFor() != null)
                        .count()))
                .isEqualTo(3L);

        robot.clickOn("#messageTable");
        robot.push(KeyCode.F1);
        waitUntil(() -> robot.lookup("#shortcutsTable").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#shortcutsTable")
                        .queryTableView()
                        .getItems()
                        .size()))
                .isEqualTo(HelpDialogs.SHORTCUTS.size());
        // the dialog has the window's dark theme
        var pane = robot.lookup("#shortcutsDialog").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(fx(pane::getStylesheets)).contains(StyleClasses.darkStylesheet());
        assertThat(fx(() -> darkness(pane))).isLessThan(0.3);
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#shortcutsDialog").tryQuery().isEmpty());

        // Help › About through the menu bar
        javafx.scene.Node help = fx(() -> robot.lookup("#mainMenuBar .menu-button").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Labeled l
                        && l.getText().contains("Help"))
                .findFirst()
                .orElseThrow());
        robot.clickOn(help);
        waitUntil(() -> robot.lookup("#aboutMenuItem").tryQuery().isPresent());
        robot.clickOn("#aboutMenuItem");
        waitUntil(() -> robot.lookup("#aboutDialog").tryQuery().isPresent());
        assertThat(fx(() -> ((javafx.scene.control.TextField)
                                robot.lookup("#aboutBackend").query())
                        .getText()))
                .isEqualTo(fx(() -> wb.model().backendNameProperty().get()));
        assertThat(fx(() -> ((javafx.scene.control.TextField)
                                robot.lookup("#aboutProfile").query())
                        .getText()))
                .isEqualTo(profile.toAbsolutePath().toString());
        assertThat(fx(() -> ((javafx.scene.control.TextField)
                                robot.lookup("#aboutVersion").query())
                        .getText()))
                .isNotBlank();
        assertThat(fx(() -> robot.lookup("#aboutDialog")
                        .queryAs(javafx.scene.control.DialogPane.class)
                        .getStylesheets()))
                .contains(StyleClasses.darkStylesheet());
        robot.push(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#aboutDialog").tryQuery().isEmpty());
    }

    /** The relative luminance of a region's first background fill (0 black … 1 white). */
    static double darkness(javafx.scene.layout.Region region) {
        var bg = region.getBackground();
        if (bg == null || bg.getFills().isEmpty()) {
            return 1;
        }
        javafx.scene.paint.Paint p = bg.getFills().get(bg.getFills().size() - 1).getFill();
        return p instanceof javafx.scene.paint.Color c
                ? 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()
                : 1;
    }

    // ---- item 13: the notification log follows new entries unless scrolled up -----------------

    static int visible(javafx.scene.control.ListView<?> list, boolean last) {
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) list.lookup(".virtual-flow");
        var cell = last ? flow.getLastVisibleCell() : flow.getFirstVisibleCell();
        return cell == null ? -1 : cell.getIndex();
    }

    void addLogLines(int n) {
        fx(() -> {
            int base = wb.model().notifications().size();
            for (int i = 0; i < n; i++) {
                wb.model().notifications().add("entry " + (base + i));
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLogFollowsNewEntriesUntilThePersonScrollsUpAndACancelledLogoffLeavesALine(FxRobot robot) throws Exception {
        open();
        robot.clickOn("#notificationsTab");
        javafx.scene.control.ListView<String> log =
                robot.lookup("#notificationLog").queryAs(javafx.scene.control.ListView.class);
        addLogLines(120);
        waitUntil(() -> visible(log, true) == log.getItems().size() - 1);

        // the person goes to the top to read: new entries do not pull the view away
        robot.clickOn(log);
        robot.push(KeyCode.HOME);
        waitUntil(() -> visible(log, false) == 0);
        addLogLines(5);
        assertThat(fx(() -> visible(log, false))).isZero();

        // back at the end, it follows again
        robot.push(KeyCode.END);
        waitUntil(() -> visible(log, true) == log.getItems().size() - 1);
        addLogLines(5);
        waitUntil(() -> visible(log, true) == log.getItems().size() - 1);

        // Esc in the logoff dialog: a line says nothing was torn down
        openLogoffDialog(robot);
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> wb.model().notifications().stream().anyMatch(l -> l.contains("Logoff cancelled")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLogOpensAtItsNewestLineAndCatchesUpOnLinesAddedWhileItsTabWasHidden(FxRobot robot) throws Exception {
        open();
        // lines before the tab was ever shown (the tab's content is built when it is first selected)
        addLogLines(120);
        robot.clickOn("#notificationsTab");
        waitUntil(() -> robot.lookup("#notificationLog").tryQuery().isPresent());
        javafx.scene.control.ListView<String> log =
                robot.lookup("#notificationLog").queryAs(javafx.scene.control.ListView.class);
        waitUntil(() -> visible(log, true) == log.getItems().size() - 1);

        // lines while another tab is shown: the log shows the newest when its tab comes back
        robot.clickOn("#openObjectsTab");
        addLogLines(40);
        robot.clickOn("#notificationsTab");
        waitUntil(() -> visible(log, true) == log.getItems().size() - 1);
    }

    // ---- item 16: the folder tree's Outbox count and the queue's heading agree ---------------

    @Test
    void withFailedMailTheQueueHeadingCountsWhatTheFolderTreeCounts(FxRobot robot) throws Exception {
        open("--transport-fail-every", "1");
        send(robot, "erin@example.com", "Fails and stays");
        waitUntil(() -> wb.model().outbox().stream().anyMatch(o -> o.state().startsWith("failed")));
        waitUntil(() -> wb.model().folders().stream().anyMatch(f -> f.name().equals("Outbox") && f.count() == 1));
        // the tree says "Outbox (1)": the heading must not say "(0 pending)" alone
        try {
            waitUntil(() -> "Outbox queue (1 message, 0 pending)"
                    .equals(robot.lookup("#outboxQueueTitle").queryLabeled().getText()));
        } catch (java.util.concurrent.TimeoutException e) {
            assertThat(fx(() -> robot.lookup("#outboxQueueTitle").queryLabeled().getText()
                            + " / outbox " + wb.model().outbox().size() + " / pending "
                            + wb.model().pendingCountProperty().get()))
                    .isEqualTo("Outbox queue (1 message, 0 pending)");
        }
    }

    @Test
    void withSentMailTheQueueHeadingCountsTheOutboxFolderAndNamesTheSentRowsApart(FxRobot robot) throws Exception {
        open("--transport-latency", "0");
        send(robot, "erin@example.com", "Goes first");
        send(robot, "frank@example.com", "Goes second");
        waitUntil(() -> wb.model().folders().stream().anyMatch(f -> f.name().equals("Sent Items") && f.count() == 2));
        waitUntil(() -> wb.model().folders().stream().anyMatch(f -> f.name().equals("Outbox") && f.count() == 0));
        // the queue still lists the two sent rows, but the tree's Outbox is empty: the heading must not count them
        // as Outbox messages ("2 messages, 0 pending", found by the keyboard walk of session 9)
        try {
            waitUntil(() -> "Outbox queue (0 pending, 2 sent)"
                    .equals(robot.lookup("#outboxQueueTitle").queryLabeled().getText()));
        } catch (java.util.concurrent.TimeoutException e) {
            assertThat(fx(() -> robot.lookup("#outboxQueueTitle").queryLabeled().getText()))
                    .isEqualTo("Outbox queue (0 pending, 2 sent)");
        }
    }

    // ---- item 15: failed mail -----------------------------------------------------------------

    /** The Outbox table's cell that shows {@code subject}. */
    static javafx.scene.Node subjectCell(FxRobot robot, String subject) {
        return fx(() -> robot.lookup("#outboxTable .table-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && subject.equals(c.getText()))
                .findFirst()
                .orElseThrow());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedMessageShowsItsWholeReasonAndRetrySubmitsItAgain(FxRobot robot) throws Exception {
        open("--transport-fail-every", "1");
        send(robot, "dave@example.com", "Bounces first");
        waitUntil(() -> wb.model().outbox().stream().anyMatch(o -> o.state().startsWith("failed")));
        String state = fx(() -> wb.model().outbox().get(0).state());
        javafx.scene.control.TableView<SessionGateway.OutboxInfo> outbox =
                robot.lookup("#outboxTable").queryAs(javafx.scene.control.TableView.class);
        // the state cell carries the whole text as its tooltip, made when the mouse first enters the cell
        waitUntil(() -> robot.lookup("#outboxTable .table-cell").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && state.equals(c.getText())));
        javafx.scene.control.TableCell<?, ?> stateCell =
                fx(() -> robot.lookup("#outboxTable .table-cell").queryAll().stream()
                        .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && state.equals(c.getText()))
                        .map(n -> (javafx.scene.control.TableCell<?, ?>) n)
                        .findFirst()
                        .orElseThrow());
        robot.moveTo(stateCell);
        waitUntil(() -> stateCell.getTooltip() != null
                && state.equals(stateCell.getTooltip().getText()));
        assertThat(fx(() -> robot.lookup("#outboxRetryButton").query().isDisabled()))
                .isTrue();
        robot.clickOn(subjectCell(robot, "Bounces first"));
        waitUntil(() -> outbox.getSelectionModel().getSelectedItem() != null);
        assertThat(fx(() -> ((javafx.scene.control.TextArea)
                                robot.lookup("#outboxDetails").query())
                        .getText()))
                .contains("Bounces first")
                .contains("dave@example.com")
                .contains(state);

        // the transport is repaired, then Retry (Alt+T) sends it
        robot.clickOn("#transportTab");
        Spinner<Integer> failEvery = robot.lookup("#transportFailEvery").queryAs(Spinner.class);
        typeOver(robot, failEvery, "0");
        robot.push(KeyCode.ENTER);
        robot.clickOn("#transportApplyButton");
        waitUntil(() -> running().failEvery() == 0);
        robot.clickOn(subjectCell(robot, "Bounces first"));
        waitUntil(() -> !robot.lookup("#outboxRetryButton").query().isDisabled());
        robot.clickOn("#outboxRetryButton");
        waitUntil(() -> wb.model().notifications().stream().anyMatch(l -> l.contains("submitted again")));
        waitUntil(() -> wb.model().outbox().stream()
                .anyMatch(o -> o.subject().equals("Bounces first") && o.state().equals("sent")));
        assertThat(dialogs.errors).isEmpty();
    }
}
