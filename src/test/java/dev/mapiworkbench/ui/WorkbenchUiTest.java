package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.ui.teardown.StepState;
import dev.mapiworkbench.ui.teardown.StepViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window end to end on the simulated backend (issue 4, item 6): every scenario drives the real
 * client, teardown engine and simulator through node ids. Zero-latency transport unless a test
 * needs a slow or offline one.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 120)
class WorkbenchUiTest {

    static final List<StepId> DESKTOP = List.of(
            StepId.UNADVISE,
            StepId.STORE_LOGOFF,
            StepId.RELEASE_OBJECTS,
            StepId.FREE_BUFFERS,
            StepId.LOGOFF,
            StepId.RELEASE_SESSION,
            StepId.OLE_UNINITIALIZE,
            StepId.MAPI_UNINITIALIZE,
            StepId.DEINIT_MAPI_UTIL);
    static final int TIMEOUT = 20;

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(TestDialogs::new);

    @TempDir
    Path exports;

    private Stage stage;
    private Workbench wb;
    private TestDialogs dialogs;

    /** The shared fixture's dialogs (kept under this name for the tests that use it). */
    static final class TestDialogs extends FixtureDialogs {
        TestDialogs(Supplier<Window> owner) {
            super(owner);
        }
    }

    @BeforeEach
    void setUp() {
        stage = app.stage();
    }

    /** Opens the window with these options (plus the temp profile) and waits for the logon. */
    void open(String... extra) throws Exception {
        wb = app.open(extra);
        dialogs = app.dialogs(TestDialogs.class);
    }

    static <T> T fx(Callable<T> c) {
        return WorkbenchFixture.fx(c);
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WorkbenchFixture.waitUntil(condition);
    }

    void send(FxRobot robot, String to, String subject) throws Exception {
        robot.clickOn("#newMessageButton");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#composeTo").write(to);
        robot.clickOn("#composeSubject").write(subject);
        robot.clickOn("#composeBody").write("Hi");
        robot.clickOn("#composeSendButton");
        waitUntil(() -> wb.model().outbox().stream().anyMatch(o -> o.subject().equals(subject)));
    }

    List<String> rowIds(FxRobot robot) {
        return fx(() -> robot.lookup(".teardown-step").queryAll().stream()
                .map(Node::getId)
                .toList());
    }

    StepState stateOf(StepId stepId) {
        return fx(() ->
                wb.model().teardown().find(stepId).map(StepViewModel::state).orElse(null));
    }

    boolean hasPseudo(FxRobot robot, StepId stepId, String pseudo) {
        return fx(() -> robot.lookup("#step-" + stepId.id()).query().getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals(pseudo)));
    }

    /** Records the order in which steps finish, as the panel sees it. */
    List<StepId> recordFinishOrder() {
        List<StepId> order = new CopyOnWriteArrayList<>();
        fx(() -> {
            wb.model().teardown().steps().addListener((ListChangeListener<StepViewModel>) c -> {
                while (c.next()) {
                    if (c.wasUpdated()) {
                        for (int i = c.getFrom(); i < c.getTo(); i++) {
                            StepViewModel s = c.getList().get(i);
                            if (s.state().isFinished() && !order.contains(s.id())) {
                                order.add(s.id());
                            }
                        }
                    }
                }
            });
            return null;
        });
        return order;
    }

    void waitFinished() throws Exception {
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());
    }

    // ---- scenarios ------------------------------------------------------------------------------

    @Test
    void composeAndSendPutsTheMessageInTheOutboxAtOnce(FxRobot robot) throws Exception {
        open("--transport-offline");
        send(robot, "alice@example.com", "Queued while offline");
        TableView<?> outbox = robot.lookup("#outboxTable").queryTableView();
        assertThat(fx(() -> outbox.getItems().size())).isEqualTo(1);
        assertThat(fx(() -> wb.model().outbox().get(0).pending())).isTrue();
        assertThat(fx(() -> robot.lookup("#statusPending").queryLabeled().getText()))
                .isEqualTo("Pending: 1");
    }

    @Test
    void logOffNowWithPendingMailRunsTheEightStepsInOrderAndTheMailGoesOutAfterTheNextLogon(FxRobot robot)
            throws Exception {
        open("--transport-offline");
        send(robot, "bob@example.com", "Stays queued");
        List<StepId> finished = recordFinishOrder();
        robot.clickOn("#logoffButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#pendingMessagesList").queryListView().getItems())
                .hasSize(1);
        assertThat(robot.lookup("#logoffNowExplanation").queryLabeled().getText())
                .contains("stays in the Outbox until the next logon");
        robot.clickOn("#logoffNowButton");
        waitFinished();

        assertThat(rowIds(robot))
                .containsExactlyElementsOf(
                        DESKTOP.stream().map(s -> "step-" + s.id()).toList());
        assertThat(finished).containsExactlyElementsOf(DESKTOP);
        for (StepId id : DESKTOP) {
            assertThat(stateOf(id)).as(id.id()).isIn(StepState.DONE, StepState.SKIPPED);
            assertThat(hasPseudo(robot, id, stateOf(id).cssName())).isTrue();
            assertThat(fx(() -> robot.lookup("#step-" + id.id()).query().getAccessibleText()))
                    .endsWith(": " + stateOf(id).cssName());
        }
        assertThat(fx(() -> wb.model().loggedOnProperty().get())).isFalse();

        robot.clickOn("#logonAgainButton");
        waitUntil(() -> wb.model().loggedOnProperty().get());
        waitUntil(() -> wb.model().outbox().stream().anyMatch(o -> o.subject().equals("Stays queued") && o.pending()));

        // back online: the message queued before the logoff goes out in this session
        robot.clickOn("#transportTab");
        robot.clickOn("#transportOffline");
        robot.clickOn("#transportApplyButton");
        robot.clickOn("#sendReceiveButton");
        waitUntil(() -> wb.model().outbox().stream().noneMatch(SessionGateway.OutboxInfo::pending)
                && wb.model().pendingCountProperty().get() == 0);
    }

    @Test
    void logOffAfterSendingShowsTheWaitPhaseThenTearsDown(FxRobot robot) throws Exception {
        open("--transport-latency", "4000");
        List<String> waitStates = new CopyOnWriteArrayList<>();
        fx(() -> {
            wb.model().teardown().waitPhaseProperty().addListener((o, was, now) -> {
                if (now) {
                    waitStates.add("wait shown: "
                            + robot.lookup("#teardownWaitPane").query().isVisible());
                }
            });
            return null;
        });
        send(robot, "carol@example.com", "Slow one");
        robot.clickOn("#logoffButton");
        robot.clickOn("#logoffAfterSendingButton");
        waitUntil(() -> wb.model().teardown().waitItems().stream()
                .anyMatch(w -> w.subject().equals("Slow one")));
        fx(() -> {
            wb.model()
                    .teardown()
                    .waitItems()
                    .forEach(w -> w.stateProperty().addListener((o, a, b) -> waitStates.add(b)));
            return null;
        });
        waitFinished();
        assertThat(waitStates).contains("wait shown: true");
        assertThat(fx(() -> wb.model().teardown().waitItems().stream()
                        .filter(w -> w.subject().equals("Slow one"))
                        .findFirst()
                        .orElseThrow()
                        .stateProperty()
                        .get()))
                .isEqualTo("sent");
        List<String> ids = rowIds(robot);
        assertThat(ids.get(0)).isEqualTo("step-flush-outbox");
        assertThat(ids.subList(1, ids.size()))
                .containsExactlyElementsOf(
                        DESKTOP.stream().map(s -> "step-" + s.id()).toList());
        assertThat(stateOf(StepId.FLUSH_OUTBOX)).isEqualTo(StepState.DONE);
        assertThat(fx(() -> robot.lookup("#teardownWaitPane").query().isVisible()))
                .isFalse();
    }

    @Test
    void theWindowsCePlanHasThreeRows(FxRobot robot) throws Exception {
        open();
        robot.clickOn("#logoffButton");
        WaitForAsyncUtils.waitForFxEvents();
        ChoiceBox<Plan> plan = robot.lookup("#teardownPlanChoice").query();
        robot.interact(() -> plan.setValue(Plan.CE));
        robot.clickOn("#logoffNowButton");
        waitFinished();
        assertThat(rowIds(robot)).containsExactly("step-logoff", "step-release-session", "step-mapi-uninitialize");
        assertThat(fx(() -> robot.lookup("#teardownProgress")
                        .queryAs(javafx.scene.control.ProgressBar.class)
                        .getProgress()))
                .isEqualTo(1.0);
    }

    @Test
    void aCriticalErrorTearsDownWithoutAnyDialog(FxRobot robot) throws Exception {
        open();
        robot.interact(() -> wb.model().injectCriticalError());
        waitFinished();
        assertThat(dialogs.logoffDialogs.get()).isZero();
        assertThat(robot.lookup("#logoffDialog").tryQuery()).isEmpty();
        assertThat(fx(() -> wb.model().teardown().headingProperty().get())).contains("critical error");
        assertThat(rowIds(robot)).hasSize(Plan.DESKTOP.steps().size());
        assertThat(fx(() -> wb.model().loggedOnProperty().get())).isFalse();
    }

    @Test
    void withTheAskPreferenceOffLogOffGoesStraightToTheTeardown(FxRobot robot) throws Exception {
        open("--no-logoff-ui");
        robot.clickOn("#logoffButton");
        waitFinished();
        assertThat(dialogs.logoffDialogs.get()).isZero();
        assertThat(fx(() -> wb.model().teardown().headingProperty().get())).doesNotContain("MAPI_LOGOFF_UI");
    }

    @Test
    void stepThroughWaitsForNextStepBeforeEveryStep(FxRobot robot) throws Exception {
        open();
        robot.clickOn("#logoffButton");
        robot.clickOn("#stepThroughCheck");
        robot.clickOn("#logoffNowButton");
        for (int i = 0; i < DESKTOP.size(); i++) {
            int done = i;
            waitUntil(() -> !robot.lookup("#nextStepButton").queryButton().isDisabled());
            // paused: exactly the steps before this one have finished
            assertThat(fx(() -> wb.model().teardown().steps().stream()
                            .filter(s -> s.state().isFinished())
                            .count()))
                    .isEqualTo((long) done);
            assertThat(stateOf(DESKTOP.get(i))).isEqualTo(StepState.PENDING);
            robot.clickOn("#nextStepButton");
            waitUntil(() -> wb.model()
                    .teardown()
                    .find(DESKTOP.get(done))
                    .orElseThrow()
                    .state()
                    .isFinished());
        }
        waitFinished();
        assertThat(fx(() -> robot.lookup("#nextStepButton").query().isVisible()))
                .isFalse();
    }

    @Test
    void escapeCancelsTheLogoffAndNothingIsTornDown(FxRobot robot) throws Exception {
        open();
        int objectsBefore = fx(() -> wb.model().openObjects().size());
        robot.clickOn("#logoffButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#logoffDialog").tryQuery()).isPresent();
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#logoffDialog").tryQuery()).isEmpty();
        assertThat(fx(() -> wb.model().loggedOnProperty().get())).isTrue();
        assertThat(fx(() -> wb.model().teardownVisibleProperty().get())).isFalse();
        assertThat(fx(() -> robot.lookup("#teardownPanel").query().isVisible())).isFalse();
        assertThat(fx(() -> wb.model().openObjects().size())).isEqualTo(objectsBefore);
        assertThat(fx(() -> wb.model().openObjects().stream()
                        .allMatch(o -> o.state().equals("valid"))))
                .isTrue();
        assertThat(wb.client().state()).isEqualTo(dev.mapiworkbench.client.SessionState.LOGGED_ON);
    }

    @Test
    void loggingOnAgainRestoresEveryView(FxRobot robot) throws Exception {
        open("--transport-offline");
        send(robot, "dave@example.com", "Survives the logoff");
        int folders = fx(() -> wb.model().folders().size());
        int objects = fx(() -> wb.model().openObjects().size());
        assertThat(folders).isGreaterThan(1);
        robot.clickOn("#logoffButton");
        robot.clickOn("#logoffNowButton");
        waitFinished();
        robot.clickOn("#logonAgainButton");
        waitUntil(() ->
                wb.model().loggedOnProperty().get() && wb.model().openObjects().size() == objects);

        assertThat(fx(() -> robot.lookup("#teardownPanel").query().isVisible())).isFalse();
        assertThat(fx(() -> robot.lookup("#folderTree")
                        .queryAs(javafx.scene.control.TreeView.class)
                        .getRoot()))
                .isNotNull();
        assertThat(fx(() -> wb.model().folders().size())).isEqualTo(folders);
        assertThat(fx(() -> wb.model().openObjects().stream()
                        .allMatch(o -> o.state().equals("valid"))))
                .isTrue();
        assertThat(fx(() ->
                        robot.lookup("#outboxTable").queryTableView().getItems().size()))
                .isEqualTo(1);
        assertThat(fx(() -> robot.lookup("#statusBar")
                        .queryAs(org.controlsfx.control.StatusBar.class)
                        .getText()))
                .startsWith("Logged on");
    }

    @Test
    void exportTranscriptWritesJsonOrTextThroughTheDialogService(FxRobot robot) throws Exception {
        open();
        robot.clickOn("#logoffButton");
        robot.clickOn("#logoffNowButton");
        waitFinished();
        dialogs.exportTo = exports.resolve("t.json");
        robot.clickOn("#exportTranscriptButton");
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> Files.exists(exports.resolve("t.json")));
        assertThat(Files.readString(exports.resolve("t.json"))).contains("mapi-workbench/transcript/v1");
        dialogs.exportTo = exports.resolve("t.txt");
        robot.clickOn("#exportTranscriptButton");
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> Files.exists(exports.resolve("t.txt")));
        assertThat(Files.readString(exports.resolve("t.txt"))).doesNotStartWith("{");
    }

    @Test
    void closingTheWindowGoesThroughTheLogoffDialog(FxRobot robot) throws Exception {
        open();
        // asyncFx, not interact: the close request opens a modal dialog and does not return until it closes
        var unused = WaitForAsyncUtils.asyncFx(
                () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#logoffDialog").tryQuery()).isPresent();
        robot.clickOn("#logoffCancelButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isTrue();
        assertThat(app.exits()).isZero();

        // after a logoff and a new logon, closing still asks first
        robot.clickOn("#logoffButton");
        robot.clickOn("#logoffNowButton");
        waitFinished();
        robot.clickOn("#logonAgainButton");
        waitUntil(() -> wb.model().loggedOnProperty().get());
        unused = WaitForAsyncUtils.asyncFx(
                () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#logoffDialog").tryQuery()).isPresent();
        assertThat(app.exits()).isZero();
        robot.clickOn("#logoffNowButton");
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> app.exits() == 1);
    }

    @Test
    void aProviderQuestionDuringLogoffIsADialogWhileTheMapiThreadWaits(FxRobot robot) throws Exception {
        open();
        // a hung transport keeps the message in flight however slow the machine is
        robot.clickOn("#transportTab");
        robot.clickOn("#transportHang");
        robot.clickOn("#transportApplyButton");
        waitUntil(() -> wb.gateway().transportSettings().orElseThrow().hang());
        send(robot, "erin@example.com", "In flight");
        waitUntil(() -> wb.model().outbox().stream().anyMatch(o -> o.state().equals("sending")));
        robot.clickOn("#logoffButton");
        assertThat(robot.lookup("#allowLogoffUiCheck")
                        .queryAs(javafx.scene.control.CheckBox.class)
                        .isSelected())
                .isTrue();
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> robot.lookup("#providerQuestionDialog").tryQuery().isPresent());
        // the engine is blocked inside IMAPISession::Logoff until the person answers
        assertThat(stateOf(StepId.LOGOFF)).isEqualTo(StepState.RUNNING);
        assertThat(fx(() -> wb.model().teardown().finishedProperty().get())).isFalse();
        robot.clickOn("#providerChoice1");
        waitFinished();
        assertThat(stateOf(StepId.LOGOFF)).isIn(StepState.DONE, StepState.WARNING);
    }

    @Test
    void theToolbarAndTheComposeDialogAreKeyboardOperable(FxRobot robot) throws Exception {
        open("--transport-offline");
        robot.clickOn("#statusBar");
        // focus the toolbar button as Tab would, then press it with the space bar
        robot.interact(() -> robot.lookup("#newMessageButton").query().requestFocus());
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        waitUntil(() -> robot.lookup("#composeTo").tryQuery().isPresent());
        // the dialog opens with the caret in To, Send is the default (Enter) button, labels carry mnemonics
        waitUntil(() -> robot.lookup("#composeTo").query().isFocused());
        assertThat(fx(() -> robot.lookup("#composeSendButton").queryButton().isDefaultButton()))
                .isTrue();
        assertThat(fx(() -> robot.lookup("#composeSendButton").queryButton().getText()))
                .isEqualTo("_Send");
        assertThat(fx(() -> robot.lookup(".label").queryAll().stream()
                        .filter(n -> n instanceof javafx.scene.control.Label l
                                && l.getLabelFor() != null
                                && l.isMnemonicParsing())
                        .count()))
                .isGreaterThanOrEqualTo(3L);
        robot.clickOn("#composeCancelButton");
        waitUntil(() -> robot.lookup("#composeTo").tryQuery().isEmpty());
        assertThat(fx(() -> wb.model().outbox().size())).isZero();
    }

    @Test
    void aSharedOwnedSessionOffersSharedLogoffAndThePeerLogsOff(FxRobot robot) throws Exception {
        open("--shared");
        var peers = wb.client()
                .capability(dev.mapiworkbench.mapi.SharedSessionControl.class)
                .orElseThrow();
        assertThat(peers.peers()).anyMatch(dev.mapiworkbench.mapi.SharedSessionControl.Peer::loggedOn);
        robot.clickOn("#logoffButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#logoffSharedCheck")
                        .queryAs(javafx.scene.control.CheckBox.class)
                        .isSelected())
                .isFalse();
        assertThat(robot.lookup("#logoffSharedWarning").queryLabeled().getText())
                .contains("never pass MAPI_LOGOFF_SHARED");
        robot.clickOn("#logoffSharedCheck");
        robot.clickOn("#logoffNowButton");
        waitFinished();
        assertThat(fx(() -> wb.model().teardown().headingProperty().get())).contains("MAPI_LOGOFF_SHARED");
        assertThat(peers.peers()).noneMatch(dev.mapiworkbench.mapi.SharedSessionControl.Peer::loggedOn);
        // the linter warns about the flag, citing seed step 4
        assertThat(fx(() -> wb.model().teardown().findings().stream().anyMatch(f -> f.seedStep() == 4)))
                .isTrue();
        assertThat(robot.lookup("#step-logoff").query().getAccessibleText())
                .endsWith(": " + stateOf(StepId.LOGOFF).cssName());
    }

    // ---- folders, message list, Send/Receive (docs/decisions/0036, 0037) -------------------------

    /** The tree item whose label starts with {@code name}, clicked by its cell. */
    void selectFolder(FxRobot robot, String name) throws Exception {
        waitUntil(() -> robot.lookup("#folderTree .tree-cell").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.TreeCell<?>) n).getText() != null
                        && ((javafx.scene.control.TreeCell<?>) n).getText().startsWith(name)));
        Node cell = fx(() -> robot.lookup("#folderTree .tree-cell").queryAll().stream()
                .filter(n -> ((javafx.scene.control.TreeCell<?>) n).getText() != null
                        && ((javafx.scene.control.TreeCell<?>) n).getText().startsWith(name))
                .findFirst()
                .orElseThrow());
        robot.clickOn(cell);
        waitUntil(() -> name.equals(wb.model().selectedFolderProperty().get()));
    }

    @SuppressWarnings("unchecked")
    List<SessionGateway.MessageInfo> messageRows(FxRobot robot) {
        return fx(() -> List.copyOf(
                robot.lookup("#messageTable").queryAs(TableView.class).getItems()));
    }

    List<String> folderLabels(FxRobot robot) {
        return fx(() -> {
            var root = robot.lookup("#folderTree")
                    .queryAs(javafx.scene.control.TreeView.class)
                    .getRoot();
            List<String> labels = new ArrayList<>();
            for (Object c : root.getChildren()) {
                labels.add((String) ((javafx.scene.control.TreeItem<?>) c).getValue());
            }
            return labels;
        });
    }

    @Test
    void theOutboxFolderShowsTheQueueAndSentItemsShowsSentMailAfterSendReceive(FxRobot robot) throws Exception {
        open("--transport-offline");
        send(robot, "erin@example.com", "Waits offline");
        send(robot, "frank@example.com", "Also waits");

        waitUntil(() -> folderLabels(robot).contains("Outbox (2)"));
        assertThat(folderLabels(robot)).containsExactly("Inbox", "Outbox (2)", "Sent Items", "Deleted Items");
        selectFolder(robot, "Outbox");
        waitUntil(() -> messageRows(robot).size() == 2);
        assertThat(messageRows(robot))
                .extracting(SessionGateway.MessageInfo::subject)
                .containsExactlyInAnyOrder("Waits offline", "Also waits");
        assertThat(messageRows(robot)).allSatisfy(m -> assertThat(m.state()).isEqualTo("queued"));
        // the live queue carries each message's PR_CLIENT_SUBMIT_TIME in the Time column
        waitUntil(() -> messageRows(robot).stream().noneMatch(m -> m.time().isEmpty()));

        selectFolder(robot, "Sent Items");
        waitUntil(() -> messageRows(robot).isEmpty());

        // back online; F9 flushes the queue through the spooler's status object
        robot.clickOn("#transportTab");
        robot.clickOn("#transportOffline");
        robot.clickOn("#transportApplyButton");
        robot.clickOn("#messageTable");
        robot.push(KeyCode.F9);
        waitUntil(() -> wb.model().notifications().stream().anyMatch(l -> l.contains("Send/Receive: FlushQueues")));
        waitUntil(() -> messageRows(robot).size() == 2);
        assertThat(messageRows(robot)).allSatisfy(m -> {
            assertThat(m.folder()).isEqualTo("Sent Items");
            assertThat(m.time()).isNotEmpty();
        });
        assertThat(messageRows(robot))
                .extracting(SessionGateway.MessageInfo::to)
                .containsExactlyInAnyOrder("erin@example.com", "frank@example.com");
        waitUntil(() -> folderLabels(robot).contains("Sent Items (2)")
                && folderLabels(robot).contains("Outbox"));
        waitUntil(
                () -> wb.model().notifications().stream().anyMatch(l -> l.contains("the spooler accepted the flush")));
        assertThat(dialogs.errors).isEmpty();

        // browsing left nothing open: the teardown is clean
        robot.clickOn("#logoffButton");
        robot.clickOn("#logoffNowButton");
        waitFinished();
        assertThat(fx(() -> wb.model().teardown().resultProperty().get())).isEqualTo("clean");
    }

    @Test
    void everyContractIdIsInTheMainWindow(FxRobot robot) throws Exception {
        open();
        for (String id : List.of(
                "logonButton",
                "logoffButton",
                "newMessageButton",
                "sendReceiveButton",
                "folderTree",
                "messageTable",
                "outboxTable",
                "openObjectsTable",
                "statusBar",
                "teardownPanel")) {
            assertThat(robot.lookup("#" + id).tryQuery()).as(id).isPresent();
        }
        // the other tabs' contents are made when the tab is first selected (decision 0520)
        robot.clickOn("#notificationsTab");
        assertThat(robot.lookup("#notificationLog").tryQuery()).isPresent();
        assertThat(fx(() -> wb.model().openObjects().size())).isGreaterThan(3);
        assertThat(robot.lookup("#logoffButton").queryButton().getAccessibleText())
                .isNotBlank();
    }
}
