package dev.mapiworkbench.ui.trace;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.ui.FxDialogService;
import dev.mapiworkbench.ui.WorkbenchFixture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javafx.event.Event;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File ▸ Open trace…, Paste C++…, Replay, Copy as C++ and a dropped file, as a person uses them (decision
 * 0330). The file chooser is stubbed through the DialogService; TestFX cannot drag a file from outside the
 * window under Monocle, so the drop is a synthetic DragEvent carrying a Dragboard with the file, fired at the
 * window's scene as the toolkit would fire it.
 */
@ExtendWith(ApplicationExtension.class)
class TraceWindowUiTest {

    private static final Path SEED =
            Path.of("docs/examples/seed-000-desktop.jsonl").toAbsolutePath();
    private static final Path CE = Path.of("docs/examples/seed-002-ce.jsonl").toAbsolutePath();
    private static final Path MAPISEND =
            Path.of("docs/examples/pywin32-mapisend.jsonl").toAbsolutePath();

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(Dialogs::new);

    @TempDir
    Path dir;

    /** The trace file chooser answers {@link #choose}; errors are recorded (and shown). */
    static final class Dialogs extends FxDialogService {
        volatile Path choose;
        final List<String> errors = new CopyOnWriteArrayList<>();

        Dialogs(Supplier<Window> owner) {
            super(owner);
        }

        @Override
        public Optional<Path> chooseTraceFile() {
            return Optional.ofNullable(choose);
        }

        @Override
        public void showError(String headline, Throwable error) {
            errors.add(headline);
        }
    }

    private Dialogs dialogs() {
        return app.dialogs(Dialogs.class);
    }

    private static List<String> treeLines(TreeView<String> tree) {
        List<String> out = new java.util.ArrayList<>();
        for (TreeItem<String> g : tree.getRoot().getChildren()) {
            out.add(g.getValue());
            g.getChildren().forEach(c -> out.add("  " + c.getValue()));
        }
        return out;
    }

    private TraceWindow lastWindow(Workbench wb) {
        List<TraceWindow> w = fx(() -> wb.traces().windows());
        return w.get(w.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private static ListView<String> list(javafx.stage.Stage stage, String id) {
        return (ListView<String>) fx(() -> stage.getScene().lookup("#" + id));
    }

    @SuppressWarnings("unchecked")
    private static TreeView<String> tree(TraceWindow w) {
        return (TreeView<String>) fx(() -> w.stage().getScene().lookup("#traceSteps"));
    }

    private static String text(TraceWindow w, String id) {
        return fx(() -> ((javafx.scene.control.Label) w.stage().getScene().lookup("#" + id)).getText());
    }

    private static String selectedTab(TraceWindow w) {
        return fx(() -> ((javafx.scene.control.TabPane) w.stage().getScene().lookup("#traceTabs"))
                .getSelectionModel()
                .getSelectedItem()
                .getId());
    }

    /**
     * The File menu by keyboard, as a person does it: Alt (the menu bar), Down (File opens), Up until the item
     * is highlighted, Enter. (Alt+F does not open a menu under Monocle; a mnemonic inside an open menu does not
     * choose its item either.)
     */
    private static void fileMenuItem(FxRobot robot, String id) throws Exception {
        robot.press(KeyCode.ALT).release(KeyCode.ALT);
        robot.push(KeyCode.DOWN);
        for (int i = 0; i < 20 && !id.equals(focusedMenuItem()); i++) {
            robot.push(KeyCode.UP);
        }
        assertThat(focusedMenuItem()).isEqualTo(id);
        robot.push(KeyCode.ENTER);
    }

    private static String focusedMenuItem() {
        return fx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof javafx.scene.control.ContextMenu && w.isShowing())
                .map(w -> w.getScene().getFocusOwner())
                .filter(java.util.Objects::nonNull)
                .map(javafx.scene.Node::getId)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(""));
    }

    @Test
    void openTraceByKeyboardShowsStepsFindingsAndLeaks(FxRobot robot) throws Exception {
        Workbench wb = app.open("--no-logon");
        dialogs().choose = MAPISEND;
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O);
        waitUntil(() -> wb.traces().windows().size() == 1);
        TraceWindow w = lastWindow(wb);
        waitUntil(() -> w.stage().isShowing());
        assertThat(fx(() -> w.model().headingProperty().get())).startsWith(MAPISEND + " — 8 calls — pywin32");
        assertThat(text(w, "traceResult")).isEqualTo("Result: errors.  Findings: 3.  Leaks: 6.");
        List<String> tree = fx(() -> treeLines(tree(w)));
        assertThat(tree.get(0)).isEqualTo("Outside any step — 8 calls");
        assertThat(tree).contains("  seq 2 · line 3 · MAPILogonEx → S_OK  ◀ error logoff-not-called");
        ListView<String> findings = list(w.stage(), "traceFindings");
        assertThat(fx(() -> List.copyOf(findings.getItems())))
                .anyMatch(f -> f.startsWith("seq 2 · error · logoff-not-called: the session ended without")
                        && f.contains("(breaks seed step 4)")
                        && f.contains("\n    Source: Ending a MAPI Session (seed 000)"));
        // the leaks tab, by keyboard: Ctrl+Tab moves from Findings to Leaks
        robot.clickOn("#traceFindingsTab");
        robot.push(KeyCode.CONTROL, KeyCode.TAB);
        waitUntil(() -> selectedTab(w).equals("traceLeaksTab"));
        ListView<String> leaks = list(w.stage(), "traceLeaks");
        assertThat(fx(() -> List.copyOf(leaks.getItems()))).contains("object IMAPISession obj:1 (MAPILogonEx, seq 2)");
        // Esc closes the trace window
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> !w.stage().isShowing());

        // the same through the File menu, the seed's own procedure: its steps, in order
        dialogs().choose = SEED;
        fx(() -> {
            wb.stage().requestFocus();
            return null;
        });
        fileMenuItem(robot, "openTraceMenuItem");
        waitUntil(() -> wb.traces().windows().size() == 1);
        TraceWindow seed = lastWindow(wb);
        List<String> steps = fx(() -> treeLines(tree(seed))).stream()
                .filter(l -> !l.startsWith("  "))
                .toList();
        assertThat(steps)
                .containsExactly(
                        "Outside any step — 10 calls",
                        "Step 1 · Cancel every notification registration (Unadvise) — 1 call",
                        "Step 2 · Release every open object — 4 calls",
                        "Step 3 · Free cached entry identifiers (MAPIFreeBuffer) — 1 call",
                        "Step 4 · Log off the session (IMAPISession::Logoff) — 1 call",
                        "Step 5 · Release the session pointer — 1 call",
                        "Step 6 · Uninitialize OLE (OleUninitialize) — 1 call",
                        "Step 7 · Uninitialize MAPI (MAPIUninitialize) — 1 call",
                        "Step 8 · Uninitialize the MAPI utility library (DeinitMapiUtil) — 1 call");
    }

    @Test
    void aMalformedTraceGetsAnErrorNamingFileAndLine(FxRobot robot) throws Exception {
        Workbench wb = app.open("--no-logon");
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(
                bad, "{\"schema\": \"mapi-workbench/trace/v1\"}\n{\"api\": \"MAPIInitialize\", \"hr\": 7,}\n");
        dialogs().choose = bad;
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O);
        waitUntil(() -> !dialogs().errors.isEmpty());
        assertThat(dialogs().errors.get(0)).startsWith("Cannot open the trace: " + bad + ":2: ");
        assertThat(fx(() -> wb.traces().windows())).isEmpty();
    }

    @Test
    void replayShowsWhereTheSimulatorDiffersAndCopyAsCppCopiesTheFunction(FxRobot robot) throws Exception {
        Workbench wb = app.open("--no-logon");
        dialogs().choose = MAPISEND;
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O);
        waitUntil(() -> wb.traces().windows().size() == 1);
        TraceWindow w = lastWindow(wb);
        waitUntil(() -> w.stage().isShowing());
        robot.clickOn("#traceReplayButton");
        waitUntil(() -> w.model().replayedProperty().get());
        assertThat(text(w, "traceReplaySummary"))
                .isEqualTo(MAPISEND + ": replayed 8 call(s) on the simulator: 1 difference(s), 0 not replayed, "
                        + "0 simulator leak(s)");
        ListView<String> lines = list(w.stage(), "traceReplayLines");
        assertThat(fx(() -> List.copyOf(lines.getItems())))
                .anyMatch(l -> l.contains(":9: differs: seq 8 IMessage::SubmitMessage: trace S_OK, simulator "
                        + "MAPI_E_INVALID_PARAMETER"))
                .anyMatch(l -> l.contains("still live on the simulator: IMAPISession"));
        assertThat(selectedTab(w)).isEqualTo("traceReplayTab");
        assertThat(fx(() -> w.model().statusProperty().get())).isEqualTo("The simulator differs: see Replay.");

        // Alt+P: Copy as C++ ("Co_py as C++")
        robot.push(KeyCode.ALT, KeyCode.P);
        waitUntil(() -> w.model().statusProperty().get().startsWith("Copied "));
        String code = fx(() -> Clipboard.getSystemClipboard().getString());
        assertThat(code).contains("HRESULT RunTrace(").contains("MAPILogonEx(").contains("->SubmitMessage(");
    }

    @Test
    void pasteCppByKeyboardShowsTheParsedCallsFindingsAndBadCode(FxRobot robot) throws Exception {
        Workbench wb = app.open("--no-logon");
        fileMenuItem(robot, "pasteCppMenuItem");
        waitUntil(() -> wb.traces().pasteDialog() != null
                && wb.traces().pasteDialog().stage().isShowing());
        PasteCppDialog d = fx(() -> wb.traces().pasteDialog());
        // paste the start from the clipboard, type the rest
        fx(() -> {
            ClipboardContent c = new ClipboardContent();
            c.putString("hr = MAPIInitialize(NULL);\nMAPILogonEx(0, NULL, NULL, 0, (LPMAPISESSION *)&pSession);\n");
            return Clipboard.getSystemClipboard().setContent(c);
        });
        waitUntil(() -> d.stage().getScene().getFocusOwner() != null
                && "pasteCppSource".equals(d.stage().getScene().getFocusOwner().getId()));
        robot.push(KeyCode.CONTROL, KeyCode.V);
        javafx.scene.control.TextArea source =
                fx(() -> (javafx.scene.control.TextArea) d.stage().getScene().lookup("#pasteCppSource"));
        waitUntil(() -> source.getText().contains("pSession);"));
        // TestFX types into its target window (the main window until told otherwise): the dialog has the focus
        robot.targetWindow(d.stage());
        robot.write("pSession->Release();\nprintf(\"bye\");\nMAPIUninitialize();\n");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> source.getText())).endsWith("MAPIUninitialize();\n");
        robot.push(KeyCode.CONTROL, KeyCode.ENTER);
        ListView<String> calls = list(d.stage(), "pasteCppCalls");
        waitUntil(() -> !calls.getItems().isEmpty());
        assertThat(fx(() -> List.copyOf(calls.getItems())))
                .contains(
                        "Outside any step",
                        "Step 5 · Release the session pointer",
                        "Step 7 · Uninitialize MAPI " + "(MAPIUninitialize)")
                .anyMatch(l -> l.startsWith("    seq 3 · line 3 · IUnknown::Release on obj:1")
                        || l.startsWith("    seq 3 · line 3 · IMAPISession::Release on obj:1"));
        ListView<String> findings = list(d.stage(), "pasteCppFindings");
        assertThat(fx(() -> List.copyOf(findings.getItems())))
                .anyMatch(f -> f.startsWith("seq 3 · error · logoff-not-called"))
                .anyMatch(f -> f.startsWith(
                        "left out · line 4:1: not a MAPI call the trace format knows, left out: " + "printf"));

        // bad code: the line and column, and nothing to open
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write("x = MAPIInitialize(NULL));\n");
        robot.clickOn("#pasteCppParseButton");
        javafx.scene.control.Label error =
                fx(() -> (javafx.scene.control.Label) d.stage().getScene().lookup("#pasteCppError"));
        waitUntil(error::isVisible);
        assertThat(fx(error::getText)).isEqualTo("pasted.cpp:1:25: expected ';' but found ')'");
        assertThat(fx(() -> d.stage().getScene().lookup("#pasteCppOpenButton").isDisabled()))
                .isTrue();

        // good code again (Alt+C: back to the code), then Open as trace (Alt+O): a trace window with the pasted calls
        robot.push(KeyCode.ALT, KeyCode.C);
        waitUntil(() ->
                "pasteCppSource".equals(d.stage().getScene().getFocusOwner().getId()));
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write("MAPIInitialize(NULL);\nMAPIUninitialize();\n");
        robot.push(KeyCode.CONTROL, KeyCode.ENTER);
        waitUntil(() -> !d.stage().getScene().lookup("#pasteCppOpenButton").isDisabled());
        robot.push(KeyCode.ALT, KeyCode.O);
        waitUntil(() -> wb.traces().windows().size() == 1);
        TraceWindow w = lastWindow(wb);
        assertThat(fx(() -> w.model().resultTextProperty().get())).startsWith("Result: clean.");
        assertThat(fx(() -> d.stage().isShowing())).isFalse();
    }

    @Test
    void aFileDroppedOnTheWindowOpensAsATrace(FxRobot robot) throws Exception {
        Workbench wb = app.open("--no-logon");
        Path cpp = dir.resolve("teardown.cpp");
        Files.writeString(cpp, """
                MAPIInitialize(NULL);
                MAPILogonEx(0, NULL, NULL, 0, &lpSession);
                lpSession->Logoff(0, 0, 0);
                lpSession->Release();
                MAPIUninitialize();
                """);
        javafx.scene.Scene scene = fx(() -> wb.stage().getScene());
        DragEvent[] events = fx(() -> {
            // what the toolkit's drag machinery does for a drag from another application offering COPY
            Dragboard board = DragboardHelper.createDragboard(new DropClipboard());
            ClipboardContent content = new ClipboardContent();
            content.putFiles(List.of(new File(cpp.toString()), CE.toFile()));
            board.setContent(content);
            DragEvent over = drag(DragEvent.DRAG_OVER, board, scene);
            Event.fireEvent(scene, over);
            DragEvent drop = drag(DragEvent.DRAG_DROPPED, board, scene);
            Event.fireEvent(scene, drop);
            return new DragEvent[] {over, drop};
        });
        assertThat(events[0].getAcceptedTransferMode()).isEqualTo(TransferMode.COPY);
        assertThat(events[1].isDropCompleted()).isTrue();
        waitUntil(() -> wb.traces().windows().size() == 2);
        List<String> headings = fx(() -> wb.traces().windows().stream()
                .map(w -> w.model().headingProperty().get())
                .toList());
        assertThat(headings).anyMatch(h -> h.startsWith(cpp + " — 5 calls")).anyMatch(h -> h.startsWith(CE + " — "));
        assertThat(fx(() -> wb.traces().windows().stream()
                        .map(w -> w.model().resultProperty().get())
                        .toList()))
                .containsOnly("clean");
    }

    /** The toolkit's side of a drag from another application: files, offered for COPY. */
    private static final class DropClipboard implements TKClipboard {
        private final java.util.Map<javafx.scene.input.DataFormat, Object> content = new java.util.HashMap<>();

        @Override
        @SuppressWarnings("removal")
        public void setSecurityContext(java.security.AccessControlContext ctx) {}

        @Override
        public java.util.Set<javafx.scene.input.DataFormat> getContentTypes() {
            return content.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean putContent(javafx.util.Pair<javafx.scene.input.DataFormat, Object>... items) {
            for (javafx.util.Pair<javafx.scene.input.DataFormat, Object> p : items) {
                content.put(p.getKey(), p.getValue());
            }
            return true;
        }

        @Override
        public Object getContent(javafx.scene.input.DataFormat f) {
            return content.get(f);
        }

        @Override
        public boolean hasContent(javafx.scene.input.DataFormat f) {
            return content.containsKey(f);
        }

        @Override
        public java.util.Set<TransferMode> getTransferModes() {
            return java.util.EnumSet.of(TransferMode.COPY);
        }

        @Override
        public void setDragView(javafx.scene.image.Image image) {}

        @Override
        public void setDragViewOffsetX(double x) {}

        @Override
        public void setDragViewOffsetY(double y) {}

        @Override
        public javafx.scene.image.Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }

    private static DragEvent drag(javafx.event.EventType<DragEvent> type, Dragboard board, javafx.scene.Scene scene) {
        return new DragEvent(scene, scene, type, board, 10, 10, 10, 10, TransferMode.COPY, null, null, null);
    }
}
