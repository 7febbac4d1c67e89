package dev.mapiworkbench.ui.trace;

import dev.mapiworkbench.ui.StyleClasses;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The window of one opened trace (File ▸ Open trace…, a dropped file, Paste C++ ▸ Open as trace; decision
 * 0330): the calls grouped into the documented steps ({@code traceSteps}), the findings with their sources,
 * the leaks, what C/C++ code was left out, Replay on the simulator with its report, and Copy as C++. Ids are
 * in docs/automation.md. Esc closes it.
 */
public final class TraceWindow {

    private final TraceViewModel model;
    private final Stage stage = new Stage();
    private final TreeView<String> steps = new TreeView<>();
    private final TabPane tabs;
    private final Tab replayTab;

    public TraceWindow(TraceViewModel model, Window owner) {
        this.model = model;
        if (owner != null) {
            stage.initOwner(owner);
        }
        Label heading = new Label();
        heading.setId("traceHeading");
        heading.getStyleClass().add(StyleClasses.PANE_TITLE);
        heading.textProperty().bind(model.headingProperty());
        heading.setWrapText(true);
        Label result = new Label();
        result.setId("traceResult");
        result.textProperty().bind(model.resultTextProperty());
        result.setWrapText(true);

        steps.setId("traceSteps");
        steps.setShowRoot(false);
        steps.setAccessibleText("The trace's calls, grouped into the documented teardown steps");
        Label stepsTitle = new Label("_Calls by step");
        stepsTitle.setMnemonicParsing(true);
        stepsTitle.setLabelFor(steps);
        stepsTitle.getStyleClass().add(StyleClasses.PANE_TITLE);
        VBox stepsPane = new VBox(stepsTitle, steps);
        VBox.setVgrow(steps, Priority.ALWAYS);

        ListView<String> findings = list("traceFindings", model.findings(), "No findings: the run is clean.");
        ListView<String> leaks = list("traceLeaks", model.leaks(), "No leaks: the client released everything.");
        ListView<String> notes =
                list("traceNotes", model.notes(), "Every statement was a MAPI call the trace format knows.");
        Label replaySummary = new Label();
        replaySummary.setId("traceReplaySummary");
        replaySummary.setWrapText(true);
        replaySummary.textProperty().bind(model.replaySummaryProperty());
        ListView<String> replayLines =
                list("traceReplayLines", model.replayLines(), "Press Replay to perform the calls on the simulator.");
        VBox replayPane = new VBox(6, replaySummary, replayLines);
        VBox.setVgrow(replayLines, Priority.ALWAYS);
        replayPane.setPadding(new Insets(4));

        Tab findingsTab = tab("_Findings", "traceFindingsTab", findings);
        findingsTab.textProperty().bind(Bindings.concat("Findings (", Bindings.size(model.findings()), ")"));
        Tab leaksTab = tab("Leaks", "traceLeaksTab", leaks);
        leaksTab.textProperty().bind(Bindings.concat("Leaks (", Bindings.size(model.leaks()), ")"));
        Tab notesTab = tab("Left out", "traceNotesTab", notes);
        notesTab.textProperty().bind(Bindings.concat("Left out (", Bindings.size(model.notes()), ")"));
        replayTab = tab("Replay", "traceReplayTab", replayPane);
        tabs = new TabPane(findingsTab, leaksTab, notesTab, replayTab);
        tabs.setId("traceTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        SplitPane split = new SplitPane(stepsPane, tabs);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.55);

        Button replay = new Button("_Replay on the simulator");
        replay.setId("traceReplayButton");
        replay.setAccessibleText("Perform the trace's calls on a fresh simulator and show where it differs");
        replay.disableProperty()
                .bind(model.replayingProperty().or(model.openedProperty().isNull()));
        replay.setOnAction(e -> model.replay());
        Button copyCpp = new Button("Co_py as C++");
        copyCpp.setId("traceCopyCppButton");
        copyCpp.setAccessibleText("Copy the calls as a compilable C++ function");
        copyCpp.disableProperty().bind(model.openedProperty().isNull());
        copyCpp.setOnAction(e -> model.copyCpp());
        Button close = new Button("Clo_se");
        close.setId("traceCloseButton");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        Label status = new Label();
        status.setId("traceStatus");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        for (Button b : new Button[] {replay, copyCpp, close}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox buttons = new HBox(8, replay, copyCpp, status, close);
        buttons.setAlignment(Pos.CENTER_LEFT);

        BorderPane root = new BorderPane(split);
        root.setId("traceWindow");
        root.setTop(new VBox(4, heading, result));
        root.setBottom(buttons);
        BorderPane.setMargin(buttons, new Insets(8, 0, 0, 0));
        root.setPadding(new Insets(8));
        root.getStylesheets().add(StyleClasses.appStylesheet());
        if (owner != null && owner.getScene() != null && owner.getScene().getRoot() != null) {
            for (String sheet : owner.getScene().getRoot().getStylesheets()) {
                if (!root.getStylesheets().contains(sheet)) {
                    root.getStylesheets().add(sheet);
                }
            }
        }
        Scene scene = new Scene(root, 980, 620);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                stage.close();
            }
        });
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.concat("Trace — ", model.headingProperty()));
        model.openedProperty().addListener((obs, was, now) -> rebuild(now));
        rebuild(model.openedProperty().get());
        model.replayedProperty().addListener((obs, was, now) -> {
            if (now) {
                tabs.getSelectionModel().select(replayTab);
            }
        });
    }

    private void rebuild(TraceGateway.Opened o) {
        TreeItem<String> root = new TreeItem<>("calls");
        if (o != null) {
            for (TraceGateway.Group g : o.groups()) {
                TreeItem<String> group = new TreeItem<>(
                        g.title() + " — " + g.calls().size() + (g.calls().size() == 1 ? " call" : " calls"));
                group.setExpanded(true);
                for (String c : g.calls()) {
                    group.getChildren().add(new TreeItem<>(c));
                }
                root.getChildren().add(group);
            }
        }
        steps.setRoot(root);
    }

    private static ListView<String> list(String id, javafx.collections.ObservableList<String> items, String empty) {
        ListView<String> l = new ListView<>(items);
        l.setId(id);
        Label placeholder = new Label(empty);
        placeholder.setWrapText(true);
        l.setPlaceholder(placeholder);
        return l;
    }

    private static Tab tab(String text, String id, javafx.scene.Node content) {
        Tab t = new Tab(text, content);
        t.setId(id);
        return t;
    }

    /** Shows the window and puts the focus in the step view. */
    public void show() {
        stage.show();
        stage.toFront();
        steps.requestFocus();
    }

    public Stage stage() {
        return stage;
    }

    public TraceViewModel model() {
        return model;
    }
}
