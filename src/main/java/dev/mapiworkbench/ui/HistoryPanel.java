package dev.mapiworkbench.ui;

import dev.mapiworkbench.teardown.RunComparison;
import dev.mapiworkbench.teardown.TranscriptHistory;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The History tab (docs/automation.md): the profile's saved runs (time, mode, plan, result, leaks,
 * findings), Refresh, and Compare for two selected runs (Ctrl+click or Shift+arrows), whose aligned steps
 * and calls show below with the differences highlighted (row style classes {@code diff-changed},
 * {@code diff-only-left}, {@code diff-only-right}).
 */
public final class HistoryPanel extends VBox {

    public HistoryPanel(HistoryViewModel model) {
        setId("historyPanel");
        setSpacing(6);
        setPadding(new Insets(8));

        TableView<TranscriptHistory.Entry> runs = new TableView<>(model.entries());
        runs.setId("historyTable");
        runs.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runs.getColumns()
                .setAll(List.of(
                        column("Time", TranscriptHistory.Entry::startedAt, 190),
                        column("Mode", TranscriptHistory.Entry::mode, 110),
                        column("Plan", TranscriptHistory.Entry::plan, 70),
                        column("Result", e -> e.readable() ? e.result() : "unreadable: " + e.problem(), 110),
                        column("Leaks", e -> Integer.toString(e.leaks()), 60),
                        column("Findings", e -> Integer.toString(e.findings()), 70)));
        runs.setPlaceholder(new Label("No saved runs."));
        runs.setAccessibleText("Saved runs of this profile; select two and press Compare");
        runs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        Button refresh = new Button("R_efresh");
        refresh.setId("historyRefreshButton");
        refresh.setOnAction(e -> model.load());
        Button compare = new Button("Com_pare");
        compare.setId("historyCompareButton");
        compare.setAccessibleText("Compare the two selected runs side by side");
        compare.disableProperty()
                .bind(Bindings.size(runs.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        compare.setOnAction(e -> {
            var sel = List.copyOf(runs.getSelectionModel().getSelectedItems());
            if (sel.size() == 2) {
                model.compare(sel.get(0), sel.get(1));
            }
        });
        Label status = new Label();
        status.setId("historyStatus");
        status.textProperty().bind(model.statusProperty());
        HBox buttons = new HBox(6, refresh, compare, status);

        TableView<RunComparison.Row> diff = new TableView<>(model.comparison());
        diff.setId("historyCompareTable");
        diff.getColumns()
                .setAll(List.of(
                        column("What", r -> r.kind().id(), 70),
                        column("Left (older)", RunComparison.Row::left, 330),
                        column("Right (newer)", RunComparison.Row::right, 330),
                        column("Difference", RunComparison.Row::note, 180)));
        diff.setPlaceholder(new Label("Select two runs and press Compare."));
        diff.setAccessibleText("The two runs side by side");
        diff.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        diff.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RunComparison.Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("diff-"));
                if (!empty && item != null && item.diff() != RunComparison.Diff.SAME) {
                    getStyleClass().add("diff-" + item.diff().id());
                }
            }
        });
        Label title = new Label();
        title.setId("historyCompareTitle");
        title.textProperty().bind(model.comparisonTitleProperty());
        VBox lower = new VBox(4, title, diff);
        VBox.setVgrow(diff, Priority.ALWAYS);

        SplitPane split = new SplitPane(runs, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().setAll(buttons, split);
    }

    static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
