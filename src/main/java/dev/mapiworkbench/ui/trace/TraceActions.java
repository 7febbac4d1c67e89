package dev.mapiworkbench.ui.trace;

import dev.mapiworkbench.ui.BackgroundExecutor;
import dev.mapiworkbench.ui.DialogService;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.stage.Window;

/**
 * The window's way into the trace tools (decision 0330): File ▸ Open trace… (Ctrl+Shift+O, the file chooser of
 * the {@link DialogService}), File ▸ Paste C++…, and a trace or C/C++ file dropped on the main window. A file
 * is read and linted off the FX thread, then shown in a {@link TraceWindow}; a file that cannot be read gets
 * an error naming the file, the line and what is wrong.
 */
public final class TraceActions {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TraceActions.class);

    private final TraceGateway gateway;
    private final BackgroundExecutor executor;
    private final DialogService dialogs;
    private final Supplier<Window> owner;
    private final List<TraceWindow> windows = new ArrayList<>();
    private PasteCppDialog paste;

    public TraceActions(
            TraceGateway gateway, BackgroundExecutor executor, DialogService dialogs, Supplier<Window> owner) {
        this.gateway = gateway;
        this.executor = executor;
        this.dialogs = dialogs;
        this.owner = owner;
    }

    /** File ▸ Open trace… ({@code openTraceMenuItem}, Ctrl+Shift+O: Ctrl+O is Open scenario…) and File ▸ Paste C++… ({@code pasteCppMenuItem}). */
    public List<MenuItem> menuItems() {
        MenuItem openTrace = new MenuItem("Open _trace…");
        openTrace.setId("openTraceMenuItem");
        openTrace.setAccelerator(
                new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        openTrace.setOnAction(e -> chooseAndOpen());
        MenuItem pasteCpp = new MenuItem("_Paste C++…");
        pasteCpp.setId("pasteCppMenuItem");
        pasteCpp.setOnAction(e -> pasteCpp());
        return List.of(openTrace, pasteCpp);
    }

    /** Asks for a trace or C/C++ file and opens it. */
    public void chooseAndOpen() {
        dialogs.chooseTraceFile().ifPresent(this::open);
    }

    /** Reads and lints {@code file} in the background, then shows it in a new trace window. */
    public void open(Path file) {
        executor.submit(
                "open trace " + file,
                () -> {
                    try {
                        return gateway.open(file);
                    } catch (TraceGateway.BadInput e) {
                        return e;
                    }
                },
                (Object r) -> {
                    if (r instanceof TraceGateway.BadInput bad) {
                        LOG.info("cannot open {}: {}", file, bad.getMessage());
                        dialogs.showError("Cannot open the trace: " + bad.getMessage(), bad);
                    } else {
                        show((TraceGateway.Opened) r);
                    }
                },
                e -> dialogs.showError("Cannot open the trace " + file + ": " + e.getMessage(), e));
    }

    /** A trace window for {@code opened}. */
    public TraceWindow show(TraceGateway.Opened opened) {
        TraceViewModel vm = new TraceViewModel(gateway, executor, dialogs);
        vm.show(opened);
        TraceWindow w = new TraceWindow(vm, owner.get());
        windows.add(w);
        w.stage().setOnHidden(e -> windows.remove(w));
        w.show();
        return w;
    }

    /** File ▸ Paste C++…: the paste dialog (one at a time; shown again when open). */
    public void pasteCpp() {
        if (paste == null || !paste.stage().isShowing()) {
            paste = new PasteCppDialog(gateway, executor, owner.get(), this::show);
        }
        paste.show();
    }

    /** The trace windows open now, oldest first. */
    public List<TraceWindow> windows() {
        return Collections.unmodifiableList(windows);
    }

    /** The paste dialog, when it was opened. */
    public PasteCppDialog pasteDialog() {
        return paste;
    }

    /** Files dropped on {@code scene} open as traces (or C/C++ code, by their extension). */
    public void installDrop(Scene scene) {
        scene.addEventHandler(DragEvent.DRAG_OVER, this::dragOver);
        scene.addEventHandler(DragEvent.DRAG_DROPPED, this::dragDropped);
    }

    /** Accepts a drag that carries files. */
    public void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        }
    }

    /** Opens every dropped file. */
    public void dragDropped(DragEvent e) {
        List<Path> files = droppedFiles(e.getDragboard());
        files.forEach(this::open);
        e.setDropCompleted(!files.isEmpty());
        e.consume();
    }

    /** The files a drag carries (none when it carries something else). */
    static List<Path> droppedFiles(Dragboard board) {
        if (board == null || !board.hasFiles()) {
            return List.of();
        }
        return board.getFiles().stream().map(File::toPath).toList();
    }
}
