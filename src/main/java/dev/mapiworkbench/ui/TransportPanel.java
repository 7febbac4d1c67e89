package dev.mapiworkbench.ui;

import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextFormatter;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/**
 * The transport panel: latency, fail every N, offline and hang, applied to the running session.
 * The spinners take typed numbers and the arrow keys; Enter in the form applies, as Apply does, and
 * {@code transportNotApplied} shows while the fields differ from the running transport (decision 0601). The
 * line {@code transportCurrent} says what the running transport really uses.
 */
public final class TransportPanel extends GridPane {

    /** Largest latency the spinner accepts: ten minutes per message. */
    static final int MAX_LATENCY_MS = 600_000;

    /** The style class of the "Not applied yet" hint. */
    static final String NOT_APPLIED = "not-applied";

    public TransportPanel(TransportViewModel model, Runnable apply) {
        setId("transportPanel");
        getStyleClass().add(StyleClasses.TRANSPORT_PANEL);

        Spinner<Integer> latency = numberSpinner("transportLatency", MAX_LATENCY_MS, 500);
        latency.getValueFactory().valueProperty().bindBidirectional(model.latencyMillisProperty());
        latency.setAccessibleText("Latency per message in milliseconds");
        Label latencyLabel = new Label("_Latency per message (ms):");
        latencyLabel.setLabelFor(latency);

        Spinner<Integer> failEvery = numberSpinner("transportFailEvery", 1000, 1);
        failEvery.getValueFactory().valueProperty().bindBidirectional(model.failEveryProperty());
        failEvery.setAccessibleText("Fail every Nth message, 0 for never");
        Label failLabel = new Label("Fa_il every Nth (0 = never):");
        failLabel.setLabelFor(failEvery);
        latencyLabel.setMnemonicParsing(true);
        failLabel.setMnemonicParsing(true);

        // short enough for one line at 800x550 beside a teardown, where the tab has no height for a second one
        // (the walk of 2026-12-02 saw "Offline (everything stays ...", Alt+Q's letter cut off)
        CheckBox offline = new CheckBox("Offline: mail stays _queued");
        offline.setId("transportOffline");
        offline.selectedProperty().bindBidirectional(model.offlineProperty());
        CheckBox hang = new CheckBox("H_ang: sends never finish");
        hang.setId("transportHang");
        hang.selectedProperty().bindBidirectional(model.hangProperty());

        Button applyButton = new Button("A_pply to the running session");
        applyButton.setId("transportApplyButton");
        Runnable applyFields = () -> {
            // a number typed without Enter counts too: commit the editors before applying
            latency.commitValue();
            failEvery.commitValue();
            apply.run();
        };
        applyButton.setOnAction(e -> applyFields.run());
        // Enter anywhere in the form is Apply, the tab's default action (decision 0601): the spinners committed
        // a typed number on Enter but left the running transport as it was. Other buttons keep their own keys.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER
                    && !e.isAltDown()
                    && !e.isControlDown()
                    && !e.isShiftDown()
                    && !e.isMetaDown()
                    && !(e.getTarget() instanceof ButtonBase b && !(b instanceof CheckBox) && b != applyButton)) {
                e.consume();
                applyFields.run();
            }
        });

        // while the fields hold what the running transport does not: "Not applied yet"
        Label notApplied = new Label("Not applied yet");
        notApplied.setId("transportNotApplied");
        notApplied.getStyleClass().add(NOT_APPLIED);
        LazyTooltip.set(notApplied, "The fields differ from the running transport: Enter or Apply sends them to it");
        notApplied.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        BooleanBinding pending = Bindings.createBooleanBinding(
                () -> model.differsFromRunning(
                        latency.getEditor().getText(), failEvery.getEditor().getText()),
                latency.getEditor().textProperty(),
                failEvery.getEditor().textProperty(),
                model.offlineProperty(),
                model.hangProperty(),
                model.runningProperty());
        notApplied.visibleProperty().bind(pending);
        notApplied.managedProperty().bind(pending);

        Label current = new Label();
        current.setId("transportCurrent");
        current.setWrapText(true);
        current.textProperty().bind(model.currentProperty());

        // three rows, the switches beside the numbers: at 800x550 the tab is ~120 px high and Apply must stay in
        // it (issue 10 item 16, decision 0512)
        for (javafx.scene.control.Labeled l :
                new javafx.scene.control.Labeled[] {latencyLabel, failLabel, applyButton}) {
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        for (CheckBox c : new CheckBox[] {offline, hang}) {
            c.setWrapText(true);
            c.setMinWidth(140);
        }
        current.setMinWidth(140);
        addRow(0, latencyLabel, latency, offline);
        addRow(1, failLabel, failEvery, hang);
        HBox applyRow = new HBox(8, applyButton, notApplied);
        applyRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        add(applyRow, 0, 2, 2, 1);
        add(current, 2, 2);
        disableProperty().bind(model.availableProperty().not());
    }

    /** An editable spinner from 0 to {@code max} whose editor accepts digits only. */
    static Spinner<Integer> numberSpinner(String id, int max, int step) {
        Spinner<Integer> spinner = new Spinner<>();
        spinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, max, 0, step));
        spinner.setEditable(true);
        spinner.setId(id);
        int maxDigits = Integer.toString(max).length();
        UnaryOperator<TextFormatter.Change> digitsOnly = change -> {
            String text = change.getControlNewText();
            return text.matches("\\d{0," + maxDigits + "}") ? change : null;
        };
        spinner.getEditor().setTextFormatter(new TextFormatter<>(digitsOnly));
        // an emptied field means 0, not an exception from the converter
        spinner.getValueFactory().setConverter(new javafx.util.converter.IntegerStringConverter() {
            @Override
            public Integer fromString(String value) {
                Integer parsed = value == null || value.isBlank() ? Integer.valueOf(0) : super.fromString(value.trim());
                return Math.min(max, parsed);
            }
        });
        spinner.setPrefWidth(130);
        // never squeezed to its arrows: the number must stay readable at 800 px (decision 0512)
        spinner.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return spinner;
    }
}
