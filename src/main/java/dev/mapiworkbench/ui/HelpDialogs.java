package dev.mapiworkbench.ui;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Help › About and Help › Keyboard shortcuts. Enter and Esc close both. */
public final class HelpDialogs {

    /** One keyboard shortcut: the keys and what they do. */
    public record Shortcut(String keys, String action) {}

    /** Every shortcut of the window and its dialogs, as the shortcuts dialog lists them. */
    public static final List<Shortcut> SHORTCUTS = List.of(
            new Shortcut("Ctrl+N", "New message (compose dialog)"),
            new Shortcut("Ctrl+O", "Open a scenario file"),
            new Shortcut("Ctrl+Shift+O", "Open a call trace or C/C++ file"),
            new Shortcut("F9", "Send/Receive: flush the Outbox"),
            new Shortcut(
                    "Ctrl+Q",
                    "Exit (logs off first, through the logoff dialog; while a teardown runs it asks: keep the window,"
                            + " exit when it ends, or abandon it and exit)"),
            new Shortcut("F1", "This list of keyboard shortcuts"),
            new Shortcut("Alt+F / Alt+S / Alt+V / Alt+H", "Open the File, Session, View or Help menu"),
            new Shortcut("Alt+O / Alt+N / Alt+R / Alt+G", "Toolbar: Log on / New message / Send/Receive / Log off"),
            new Shortcut("Alt+D / Alt+M", "Focus the folder tree / the message list"),
            new Shortcut(
                    "Ctrl+1 … Ctrl+7",
                    "Show the Open objects, Notifications, Transport, Faults, Peers, History or Notes tab and focus it"),
            new Shortcut("Alt+T", "Retry the selected failed message (Outbox queue); Abandon teardown (blocked call)"),
            new Shortcut("Alt+B", "Unblock: release the fault that blocks the teardown's call"),
            new Shortcut("Alt+G / Alt+C", "Teardown summary: Log on again / Close"),
            new Shortcut("Tab / Shift+Tab", "Next / previous control"),
            new Shortcut("Space", "Press the focused button, toggle the focused check box"),
            new Shortcut(
                    "Alt+underlined letter",
                    "The button or field with that mnemonic (e.g. Alt+S: Log off after sending)"),
            new Shortcut(
                    "Enter (logoff dialog)",
                    "The highlighted default: Log off after sending when mail is pending, " + "else Log off now"),
            new Shortcut("Esc (logoff dialog)", "Cancel: nothing is torn down"),
            new Shortcut("Enter (compose dialog)", "Send, once To holds a valid address"),
            new Shortcut("Esc (compose dialog)", "Cancel: nothing is queued"),
            new Shortcut("Enter / Esc (Outbox has not drained)", "Keep waiting (the focused button)"),
            new Shortcut(
                    "Up / Down, Enter (Transport tab)",
                    "Step the value; Enter applies the form to the running transport, as Apply does"));

    private HelpDialogs() {}

    /** Help › About; {@code open} opens a document link (the platform's browser or file viewer). */
    public static Dialog<ButtonType> about(AboutInfo info, Consumer<String> open) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("About MAPI Logoff Workbench");
        d.setHeaderText("MAPI Logoff Workbench " + info.version());
        d.getDialogPane().setId("aboutDialog");
        d.getDialogPane().getStylesheets().add(StyleClasses.appStylesheet());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        addRow(grid, 0, "Version:", "aboutVersion", info.version());
        addRow(grid, 1, "Backend:", "aboutBackend", info.backend());
        addRow(
                grid,
                2,
                "Profile:",
                "aboutProfile",
                String.valueOf(info.profile().toAbsolutePath()));

        VBox links = new VBox(2);
        for (int i = 0; i < info.docs().size(); i++) {
            String doc = info.docs().get(i);
            Hyperlink link = new Hyperlink(doc);
            link.setId("aboutDocLink-" + i);
            link.setOnAction(e -> open.accept(doc));
            links.getChildren().add(link);
        }
        Label docsLabel = new Label("Documentation:");
        VBox content = new VBox(
                10,
                grid,
                docsLabel,
                links,
                new Label("A JavaFX MAPI client shell that ends the session the way Microsoft documents it."));
        content.setPrefWidth(560);
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.getDialogPane().lookupButton(ButtonType.CLOSE).setId("aboutCloseButton");
        return d;
    }

    /** A read-only, selectable value: it can be copied (the profile path, the version). */
    private static void addRow(GridPane grid, int row, String label, String id, String value) {
        TextField field = new TextField(value);
        field.setId(id);
        field.setEditable(false);
        field.setFocusTraversable(true);
        field.getStyleClass().add("selectable-text");
        Label l = new Label(label);
        l.setLabelFor(field);
        GridPane.setHgrow(field, Priority.ALWAYS);
        grid.addRow(row, l, field);
    }

    /** Help › Keyboard shortcuts: a two-column table of {@link #SHORTCUTS}. */
    public static Dialog<ButtonType> shortcuts() {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Keyboard shortcuts");
        d.setHeaderText("Keyboard shortcuts");
        d.getDialogPane().setId("shortcutsDialog");
        d.getDialogPane().getStylesheets().add(StyleClasses.appStylesheet());
        TableView<Shortcut> table = new TableView<>(javafx.collections.FXCollections.observableArrayList(SHORTCUTS));
        table.setId("shortcutsTable");
        table.setAccessibleText("Keyboard shortcuts");
        TableColumn<Shortcut, String> keys = new TableColumn<>("Keys");
        keys.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().keys()));
        keys.setPrefWidth(230);
        TableColumn<Shortcut, String> action = new TableColumn<>("Action");
        action.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().action()));
        action.setPrefWidth(470);
        // a long action wraps onto a second line instead of ending in "…" (issue 10, seen under Openbox)
        action.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            private final Label text = new Label();

            {
                text.setWrapText(true);
                text.prefWidthProperty().bind(col.widthProperty().subtract(12));
                text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
                setGraphic(text);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
            }

            // as high as the wrapped text: the cell asked its graphic for a one-line height, so a 24 px row cut
            // the second line in half (walk of 2026-12-02; app.css lets this table's rows grow)
            @Override
            protected double computePrefHeight(double width) {
                double textWidth = Math.max(1, col.getWidth() - 12);
                return Math.max(
                        super.computePrefHeight(width),
                        text.prefHeight(textWidth) + snappedTopInset() + snappedBottomInset());
            }
        });
        table.getColumns().setAll(List.of(keys, action));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefSize(720, 420);
        table.setFixedCellSize(javafx.scene.layout.Region.USE_COMPUTED_SIZE); // rows as high as their text
        d.getDialogPane().setContent(table);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.getDialogPane().lookupButton(ButtonType.CLOSE).setId("shortcutsCloseButton");
        d.setResizable(true);
        return d;
    }

    /** What Help › Record your own client… says (docs/recorder.md). */
    public static final String RECORDER_TEXT = """
            Record what your own MAPI client does:
            1. Copy recorder/x64/MAPI32.DLL (64-bit client) or recorder/x86/MAPI32.DLL (32-bit) from this
               installation's recorder folder into the folder of your client's .exe.
            2. Optional: set MAPI_WORKBENCH_TRACE=C:\\traces\\myclient-{pid}.trace.jsonl
               (default %TEMP%\\mapi-workbench-<pid>.trace.jsonl).
            3. Run your client: every MAPI call goes on to Outlook's MAPI and is written to the trace.
            4. Check the trace: mapi-workbench lint <trace> (text, json, sarif or junit output).

            Tested only under Wine against a test double, not yet with a real Outlook: see docs/recorder.md.""";

    /** Help › Record your own client…: how to use the tracing MAPI32.DLL. Enter and Esc close it. */
    public static Dialog<ButtonType> recorder() {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Record your own client");
        d.setHeaderText("Record your own MAPI client with the tracing MAPI32.DLL");
        d.getDialogPane().setId("recorderDialog");
        d.getDialogPane().getStylesheets().add(StyleClasses.appStylesheet());
        javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(RECORDER_TEXT);
        text.setId("recorderText");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(11);
        text.setPrefColumnCount(80);
        text.setAccessibleText("How to record your own client");
        d.getDialogPane().setContent(text);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.getDialogPane().lookupButton(ButtonType.CLOSE).setId("recorderCloseButton");
        d.setResizable(true);
        return d;
    }
}
