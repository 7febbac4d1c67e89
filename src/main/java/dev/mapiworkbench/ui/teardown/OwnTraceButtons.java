package dev.mapiworkbench.ui.teardown;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Button;

/**
 * The finished teardown's own-session buttons in the summary (issue #15, docs/trace.md "Own runs"): "Copy as
 * C++" puts the whole session, logon to MAPIUninitialize, on the clipboard as one C++ function, and "Export as
 * trace…" writes it as a {@code mapi-workbench/trace/v1} file. What they do is set by the window's controller.
 */
public final class OwnTraceButtons {

    private final ObjectProperty<Runnable> onCopyCpp = new SimpleObjectProperty<>(this, "onCopyCpp");
    private final ObjectProperty<Runnable> onExportTrace = new SimpleObjectProperty<>(this, "onExportTrace");

    /** "Copy as C++": the own session as a C++ function, on the clipboard. */
    public ObjectProperty<Runnable> onCopyCppProperty() {
        return onCopyCpp;
    }

    /** "Export as trace…": the own session as a trace file. */
    public ObjectProperty<Runnable> onExportTraceProperty() {
        return onExportTrace;
    }

    /** The two buttons ({@code copyCppButton} Alt+Y, {@code exportTraceButton} Alt+X) for the summary's row. */
    public List<Button> create() {
        Button copyCpp = new Button("Cop_y as C++");
        copyCpp.setId("copyCppButton");
        copyCpp.setAccessibleText("Copy the whole session, logon to MAPIUninitialize, as a C++ function");
        copyCpp.setOnAction(e -> TeardownViewModel.fire(onCopyCpp));
        Button exportTrace = new Button("E_xport as trace…");
        exportTrace.setId("exportTraceButton");
        exportTrace.setAccessibleText("Save the whole session as a call trace (mapi-workbench/trace/v1)");
        exportTrace.setOnAction(e -> TeardownViewModel.fire(onExportTrace));
        return List.of(copyCpp, exportTrace);
    }
}
