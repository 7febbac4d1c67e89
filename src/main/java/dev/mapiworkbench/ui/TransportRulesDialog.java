package dev.mapiworkbench.ui;

import dev.mapiworkbench.ui.TransportRulesViewModel.Effect;
import dev.mapiworkbench.ui.TransportRulesViewModel.Match;
import dev.mapiworkbench.ui.TransportRulesViewModel.RuleRow;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The Transport rules window (Session › Transport rules…, docs/automation.md): the rules in force with what each
 * does now, Remove and Release for the selected one, and a form — match, effect, value, retry delay — whose rule
 * is added with Add or Enter. It does not block the main window, so the Outbox can be watched while rules change.
 * Esc or Close closes it.
 */
final class TransportRulesDialog {

    private final Stage stage = new Stage();
    private final TableView<RuleRow> table;

    TransportRulesDialog(TransportRulesViewModel model, Window owner) {
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Transport rules");

        table = new TableView<>(model.rows());
        table.setId("transportRulesTable");
        table.setAccessibleText("Transport rules in force");
        table.setPlaceholder(new Label(
                "No transport rules in force: every message goes as the transport settings" + " say. Add one below."));
        ViewParts.columns(
                table,
                ViewParts.column("#", r -> Integer.toString(r.number()), 40),
                ViewParts.column("Rule", RuleRow::rule, 330),
                ViewParts.column("Now", r -> r.doing(model.nowProperty().get()), 330));
        table.getColumns().forEach(c -> c.setSortable(false));
        table.setPrefHeight(180);
        model.nowProperty().addListener((o, a, b) -> table.refresh());
        Label tableTitle = new Label("Rules in force, tried in order (the first that matches decides):");
        tableTitle.getStyleClass().add(StyleClasses.PANE_TITLE);
        tableTitle.setLabelFor(table);

        var selected = table.getSelectionModel().selectedItemProperty();
        Button remove = button("_Remove", "transportRuleRemoveButton", () -> model.remove(selected.get()));
        remove.disableProperty().bind(selected.isNull());
        Button release = button("Re_lease", "transportRuleReleaseButton", () -> model.release(selected.get()));
        release.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> selected.get() == null || !selected.get().holding(), selected, model.rows()));
        release.setAccessibleText("Let the send the selected hang rule holds go on; the rule stays");
        HBox rowActions = new HBox(6, remove, release);

        ChoiceBox<Match> match = combo("transportRuleMatch", Match.values(), Match::label);
        match.valueProperty().bindBidirectional(model.matchProperty());
        TextField matchValue =
                ViewParts.textField("transportRuleMatchValue", "subject text, address part or message number");
        matchValue.textProperty().bindBidirectional(model.matchValueProperty());
        matchValue.disableProperty().bind(model.matchProperty().isEqualTo(Match.ALWAYS));
        ChoiceBox<Effect> effect = combo("transportRuleEffect", Effect.values(), Effect::label);
        effect.valueProperty().bindBidirectional(model.effectProperty());
        TextField effectValue = ViewParts.textField("transportRuleEffectValue", "ms, HRESULT[:reason] or SMTP reply");
        effectValue.textProperty().bindBidirectional(model.effectValueProperty());
        effectValue.disableProperty().bind(model.effectProperty().isEqualTo(Effect.HANG));
        TextField retry = ViewParts.textField("transportRuleRetryAfter", "30000 (the default)");
        retry.textProperty().bindBidirectional(model.retryAfterProperty());
        retry.disableProperty().bind(model.effectProperty().isNotEqualTo(Effect.SMTP));
        retry.setAccessibleText("How long a 4xx reply makes the message wait before it is tried again, in ms");

        Label preview = new Label();
        preview.setId("transportRulePreview");
        preview.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            String t = model.ruleText();
                            return t.isEmpty() ? "" : "Rule: " + t;
                        },
                        model.matchProperty(),
                        model.matchValueProperty(),
                        model.effectProperty(),
                        model.effectValueProperty(),
                        model.retryAfterProperty()));
        Button add = button("_Add", "transportRuleAddButton", model::add);

        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(6);
        form.addRow(
                0,
                ViewParts.fieldLabel("_Match:", match),
                match,
                ViewParts.fieldLabel("_Text or number:", matchValue),
                matchValue);
        form.addRow(
                1,
                ViewParts.fieldLabel("_Effect:", effect),
                effect,
                ViewParts.fieldLabel("_Value:", effectValue),
                effectValue);
        form.addRow(2, new Label(), new Label(), ViewParts.fieldLabel("Retry a_fter (ms):", retry), retry);
        GridPane.setHgrow(matchValue, Priority.ALWAYS);
        GridPane.setHgrow(effectValue, Priority.ALWAYS);
        Label formTitle = new Label("Add a rule:");
        formTitle.getStyleClass().add(StyleClasses.PANE_TITLE);
        HBox addRow = new HBox(6, add, preview);

        Label problem = new Label();
        problem.setId("transportRuleProblem");
        problem.textProperty().bind(model.problemProperty());
        problem.getStyleClass().add("fault-problem");
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setWrapText(true);
        Label result = new Label();
        result.setId("transportRuleResult");
        result.textProperty().bind(model.resultProperty());
        result.setWrapText(true);

        Button close = button("_Close", "transportRulesCloseButton", stage::close);
        close.setCancelButton(true);

        VBox rootBox =
                new VBox(8, tableTitle, table, rowActions, formTitle, form, addRow, problem, result, new HBox(close));
        rootBox.setId("transportRulesDialog");
        rootBox.setPadding(new Insets(10));
        VBox.setVgrow(table, Priority.ALWAYS);
        for (Node n : new Node[] {rowActions, form, addRow}) {
            n.disableProperty().bind(model.availableProperty().not());
        }
        // Enter in a field adds the rule (no default button: it would add it a second time)
        for (TextField f : new TextField[] {matchValue, effectValue, retry}) {
            f.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER) {
                    model.add();
                    e.consume();
                }
            });
        }
        Scene scene = new Scene(rootBox, 760, 520);
        scene.getStylesheets().add(StyleClasses.appStylesheet());
        stage.setScene(scene);
    }

    /** Shows the window (or brings it to the front) with the rules read afresh. */
    void show(TransportRulesViewModel model) {
        model.refresh();
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    private static <T> ChoiceBox<T> combo(String id, T[] values, Function<T, String> label) {
        ChoiceBox<T> c = new ChoiceBox<>();
        c.setId(id);
        c.getItems().setAll(values);
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(T v) {
                return v == null ? "" : label.apply(v);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        return c;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
