package dev.mapiworkbench.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The Faults panel (docs/scenarios.md, docs/automation.md): a field to type a fault and add it
 * (Enter or Add), the faults in force with how often each fired and what is blocked on it now, and
 * Remove / Release / Release all. A blocked call's "blocked N s" is refreshed once a second while
 * something is blocked, and not at all otherwise (no idle pulses).
 */
public final class FaultsPanel extends VBox {

    public FaultsPanel(FaultsViewModel model) {
        setId("faultsPanel");
        setSpacing(6);
        setPadding(new Insets(8));

        TextField input = new TextField();
        input.setId("faultInput");
        input.setPromptText(
                "IMAPISession::Logoff=block   IMsgStore::Release=leak   IMAPISession::Logoff#1=MAPI_E_CALL_FAILED");
        input.textProperty().bindBidirectional(model.textProperty());
        input.setAccessibleText("Fault to inject: API, optional #N and @object, equals, action");
        HBox.setHgrow(input, Priority.ALWAYS);
        Label inputLabel = new Label("Fa_ult:");
        inputLabel.setLabelFor(input);
        inputLabel.setMnemonicParsing(true);

        Button add = new Button("_Add");
        add.setId("faultAddButton");
        add.setOnAction(e -> model.add());
        add.disableProperty().bind(model.problemProperty().isNotEmpty());
        input.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.add();
                e.consume();
            }
        });

        Label problem = new Label();
        problem.setId("faultProblem");
        problem.textProperty().bind(model.problemProperty());
        problem.getStyleClass().add("fault-problem");
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setWrapText(true);

        TableView<FaultsViewModel.FaultRow> table = new TableView<>(model.rows());
        table.setId("faultsTable");
        table.setAccessibleText("Faults in force");
        table.setPlaceholder(new Label("No faults in force. Type one above, e.g. IMAPISession::Logoff=block"));
        table.getColumns().add(column("#", r -> Long.toString(r.id()), 40));
        table.getColumns().add(column("Fault", FaultsViewModel.FaultRow::spec, 320));
        table.getColumns().add(column("Fired", r -> Long.toString(r.fired()), 60));
        table.getColumns().add(column("Blocked now", r -> r.blocked(java.time.Instant.now()), 420));
        VBox.setVgrow(table, Priority.ALWAYS);
        Button remove = new Button("R_emove");
        remove.setId("faultRemoveButton");
        remove.disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> model.remove(table.getSelectionModel().getSelectedItem()));
        Button release = new Button("Re_lease");
        release.setId("faultReleaseButton");
        release.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> {
                            FaultsViewModel.FaultRow r =
                                    table.getSelectionModel().getSelectedItem();
                            return r == null || !r.isBlocking();
                        },
                        table.getSelectionModel().selectedItemProperty(),
                        model.rows()));
        release.setOnAction(e -> model.release(table.getSelectionModel().getSelectedItem()));
        Button releaseAll = new Button("Release all bloc_ked calls");
        releaseAll.setId("faultReleaseAllButton");
        releaseAll
                .disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> model.rows().stream().noneMatch(FaultsViewModel.FaultRow::isBlocking), model.rows()));
        releaseAll.setOnAction(e -> model.releaseAll());

        HBox entry = new HBox(6, inputLabel, input, add);
        HBox actions = new HBox(6, remove, release, releaseAll);
        getChildren().addAll(entry, problem, table, actions);
        // not this node's own disable: a Tab sets its content's disable property itself
        for (javafx.scene.Node n : getChildren()) {
            n.disableProperty().bind(model.availableProperty().not());
        }

        // "blocked N s" ticks only while something is blocked
        Timeline tick = new Timeline(new KeyFrame(Duration.seconds(1), e -> table.refresh()));
        tick.setCycleCount(Timeline.INDEFINITE);
        model.rows().addListener((javafx.collections.ListChangeListener<FaultsViewModel.FaultRow>) c -> {
            boolean blocking = model.rows().stream().anyMatch(FaultsViewModel.FaultRow::isBlocking);
            if (blocking && tick.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                tick.play();
            } else if (!blocking) {
                tick.stop();
            }
        });
    }

    private static TableColumn<FaultsViewModel.FaultRow, String> column(
            String title, java.util.function.Function<FaultsViewModel.FaultRow, String> value, double width) {
        TableColumn<FaultsViewModel.FaultRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
