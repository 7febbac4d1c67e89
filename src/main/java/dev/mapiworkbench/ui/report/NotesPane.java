package dev.mapiworkbench.ui.report;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Notes tab (docs/automation.md): the test session's charter and notes, Take screenshot, Export report…,
 * New session, the session's runs and screenshots, and the export's progress. Binds to a {@link NotesViewModel}.
 */
public final class NotesPane extends BorderPane {

    public NotesPane(NotesViewModel model) {
        setId("notesPane");
        setPadding(new Insets(6));

        TextField charter = new TextField();
        charter.setId("sessionCharterField");
        charter.setPromptText("What this session explores, e.g. Logoff hangs when a store is never StoreLogoff'd");
        charter.setAccessibleText("Test charter");
        charter.textProperty().bindBidirectional(model.charterProperty());
        Label charterLabel = new Label("Ch_arter:");
        charterLabel.setMnemonicParsing(true);
        charterLabel.setLabelFor(charter);
        charterLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(charter, Priority.ALWAYS);
        HBox charterRow = new HBox(6, charterLabel, charter);
        charterRow.setAlignment(Pos.BASELINE_LEFT);

        TextArea notes = new TextArea();
        notes.setId("sessionNotesArea");
        notes.setWrapText(true);
        notes.setPromptText("What you tried, saw and suspect; saved as you type");
        notes.setAccessibleText("Test session notes");
        notes.setPrefRowCount(4);
        notes.textProperty().bindBidirectional(model.notesProperty());
        Label notesLabel = new Label("Not_es:");
        notesLabel.setMnemonicParsing(true);
        notesLabel.setLabelFor(notes);
        VBox.setVgrow(notes, Priority.ALWAYS);
        // mnemonics: Alt+A, Alt+E, Alt+K, Alt+P, Alt+I; none of the menus', the toolbar's or the teardown's (decision
        // 0510)
        VBox left = new VBox(4, charterRow, notesLabel, notes);
        HBox.setHgrow(left, Priority.ALWAYS);

        ListView<String> items = new ListView<>(model.items());
        items.setId("sessionItemsList");
        items.setAccessibleText("Runs and screenshots of this test session");
        items.setPlaceholder(new Label("No runs or screenshots yet."));
        items.setPrefWidth(320);
        items.setMinWidth(160);
        Label itemsLabel = new Label("This session's runs and screenshots:");
        VBox.setVgrow(items, Priority.ALWAYS);
        VBox right = new VBox(4, itemsLabel, items);
        // the text areas give way, not the buttons: at 800x550 the tab is ~120 px high (decision 0512)
        for (Region r : new Region[] {notes, items, left, right}) {
            r.setMinHeight(0);
        }
        HBox center = new HBox(8, left, right);
        center.setMinHeight(0);
        setCenter(center);

        Button shot = button("Ta_ke screenshot", "takeScreenshotButton", "Save a picture of the window in the session");
        shot.setOnAction(e -> model.takeScreenshot());
        Button export = button("Export re_port…", "exportReportButton", "Write the session report (HTML and .zip)");
        export.setOnAction(e -> model.exportReport());
        Button fresh =
                button("New sess_ion", "newSessionButton", "Start an empty test session; this one stays on disk");
        fresh.setOnAction(e -> model.newSession());
        shot.disableProperty().bind(model.availableProperty().not());
        export.disableProperty().bind(model.availableProperty().not().or(model.exportingProperty()));
        fresh.disableProperty().bind(model.availableProperty().not().or(model.exportingProperty()));
        charter.disableProperty().bind(model.availableProperty().not());
        notes.disableProperty().bind(model.availableProperty().not());

        ProgressBar progress = new ProgressBar();
        progress.setId("reportProgress");
        progress.setAccessibleText("Writing the report");
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.exportingProperty());
        progress.managedProperty().bind(model.exportingProperty());
        Label status = new Label();
        status.setId("notesStatus");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(false);
        status.setMinWidth(0);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox bar = new HBox(8, shot, export, fresh, progress, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 0, 0, 0));
        setBottom(bar);
    }

    private static Button button(String text, String id, String accessibleHelp) {
        Button b = new Button(text);
        b.setId(id);
        b.setMnemonicParsing(true);
        b.setAccessibleHelp(accessibleHelp);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }
}
