package dev.mapiworkbench.ui.trace;

import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.ui.BackgroundExecutor;
import dev.mapiworkbench.ui.StyleClasses;
import dev.mapiworkbench.ui.teardown.TeardownViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * File ▸ Paste C++…: paste (or type) a C/C++ teardown in the seeds' style, then "Parse and lint" (Ctrl+Enter)
 * shows the MAPI calls the parser read, grouped by step, the findings, and the statements it left out; bad
 * code names its line and column. "Open as trace" shows the result in a trace window (Replay, Copy as C++).
 * Parsing runs off the FX thread (decision 0330; the parser is decision 0241). Ids in docs/automation.md.
 */
public final class PasteCppDialog {

    /** The name the pasted code goes by in messages and the trace window. */
    public static final String NAME = "pasted.cpp";

    private final Stage stage = new Stage();
    private final TextArea source = new TextArea();
    private final ObservableList<String> calls = FXCollections.observableArrayList();
    private final ObservableList<String> findings = FXCollections.observableArrayList();
    private final Label error = new Label();
    private final Label summary = new Label();
    private final Button open = new Button("_Open as trace");
    private final TraceGateway gateway;
    private final BackgroundExecutor executor;
    private TraceGateway.Opened parsed;
    private int generation;

    public PasteCppDialog(
            TraceGateway gateway, BackgroundExecutor executor, Window owner, Consumer<TraceGateway.Opened> openTrace) {
        this.gateway = gateway;
        this.executor = executor;
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Paste C++");
        Label sourceLabel = new Label("_C/C++ code (e.g. hr = MAPIInitialize(NULL); … pSession->Logoff(0, 0, 0);)");
        sourceLabel.setMnemonicParsing(true);
        sourceLabel.setLabelFor(source);
        source.setId("pasteCppSource");
        source.setPromptText("Paste your client's teardown here, then Ctrl+Enter.");
        source.setStyle("-fx-font-family: monospace;");
        source.setAccessibleText("C or C++ code to turn into a trace");
        source.textProperty().addListener((obs, was, now) -> {
            // what is shown belongs to the code it was parsed from
            generation++;
            parsed = null;
            open.setDisable(true);
        });
        VBox sourcePane = new VBox(4, sourceLabel, source);
        VBox.setVgrow(source, Priority.ALWAYS);

        ListView<String> callList = new ListView<>(calls);
        callList.setId("pasteCppCalls");
        callList.setPlaceholder(new Label("Parse and lint to see the calls."));
        callList.setAccessibleText("The MAPI calls read from the code");
        ListView<String> findingList = new ListView<>(findings);
        findingList.setId("pasteCppFindings");
        findingList.setPlaceholder(new Label("No findings yet."));
        findingList.setAccessibleText("The findings and the statements left out");
        Label callsLabel = new Label("Calls");
        callsLabel.getStyleClass().add(StyleClasses.PANE_TITLE);
        Label findingsLabel = new Label("Findings and what was left out");
        findingsLabel.getStyleClass().add(StyleClasses.PANE_TITLE);
        VBox callsPane = new VBox(4, callsLabel, callList);
        VBox.setVgrow(callList, Priority.ALWAYS);
        VBox findingsPane = new VBox(4, findingsLabel, findingList);
        VBox.setVgrow(findingList, Priority.ALWAYS);
        SplitPane results = new SplitPane(callsPane, findingsPane);
        SplitPane split = new SplitPane(sourcePane, results);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);

        error.setId("pasteCppError");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.managedProperty().bind(error.visibleProperty());
        error.setVisible(false);
        summary.setId("pasteCppSummary");
        summary.setWrapText(true);

        Button parse = new Button("_Parse and lint");
        parse.setId("pasteCppParseButton");
        parse.setAccessibleText("Turn the code into a trace and lint it (Ctrl+Enter)");
        parse.setOnAction(e -> parse());
        open.setId("pasteCppOpenButton");
        open.setDisable(true);
        open.setOnAction(e -> {
            if (parsed != null) {
                TraceGateway.Opened o = parsed;
                stage.close();
                openTrace.accept(o);
            }
        });
        Button close = new Button("Clo_se");
        close.setId("pasteCppCloseButton");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        for (Button b : new Button[] {parse, open, close}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        summary.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(summary, Priority.ALWAYS);
        HBox buttons = new HBox(8, parse, open, summary, close);
        buttons.setAlignment(Pos.CENTER_LEFT);

        BorderPane root = new BorderPane(split);
        root.setId("pasteCppDialog");
        root.setBottom(new VBox(6, error, buttons));
        root.setPadding(new Insets(8));
        root.getStylesheets().add(StyleClasses.appStylesheet());
        Scene scene = new Scene(root, 860, 620);
        KeyCombination parseKey = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (parseKey.match(e)) {
                e.consume();
                parse();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                stage.close();
            }
        });
        stage.setScene(scene);
    }

    /** Parses the code in the background; the lists fill when it is done (unless the code changed since). */
    public void parse() {
        String code = source.getText();
        int asked = ++generation;
        summary.setText("Parsing…");
        executor.submit(
                "parse c++",
                () -> {
                    try {
                        return gateway.parseCpp(NAME, code);
                    } catch (TraceGateway.BadInput e) {
                        return e;
                    }
                },
                (Object r) -> {
                    if (asked != generation) {
                        return;
                    }
                    if (r instanceof TraceGateway.BadInput bad) {
                        showError(bad.getMessage());
                    } else {
                        show((TraceGateway.Opened) r);
                    }
                },
                e -> showError(NAME + ": " + e.getMessage()));
    }

    private void showError(String message) {
        parsed = null;
        open.setDisable(true);
        calls.clear();
        findings.clear();
        error.setText(message);
        error.setVisible(true);
        summary.setText("The code could not be read.");
    }

    private void show(TraceGateway.Opened o) {
        parsed = o;
        error.setVisible(false);
        error.setText("");
        List<String> lines = new ArrayList<>();
        for (TraceGateway.Group g : o.groups()) {
            lines.add(g.title());
            g.calls().forEach(c -> lines.add("    " + c));
        }
        calls.setAll(lines);
        List<String> f = new ArrayList<>();
        for (Finding x : o.findings()) {
            f.add((x.seq() > 0 ? "seq " + x.seq() + " · " : "") + TeardownViewModel.display(x));
        }
        o.leaks().forEach(l -> f.add("leak · " + l));
        o.notes().forEach(n -> f.add("left out · " + n));
        findings.setAll(f);
        summary.setText(o.callCount() + " call(s), result " + o.result() + ", "
                + o.findings().size() + " finding(s), " + o.leaks().size() + " leak(s), "
                + o.notes().size() + " statement(s) left out.");
        open.setDisable(false);
    }

    /** Shows the dialog with the focus in the code area. */
    public void show() {
        stage.show();
        stage.toFront();
        source.requestFocus();
    }

    public Stage stage() {
        return stage;
    }
}
