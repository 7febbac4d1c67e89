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
import javafx.scene.layout.VBox;

/**
 * The Transport tab: latency, fail every N, offline and hang, applied to the running session, and the Transport
 * settings button. The spinners take typed numbers and the arrow keys; Enter in the form applies, as Apply does,
 * and {@code transportNotApplied} shows while the fields differ from the running transport (decision 0601). In a
 * column of their own on the right, wrapped and never cut: where mail goes ({@code transportDestination}) and what
 * the running transport really uses ({@code transportCurrent}), decision 0802.
 */
public final class TransportPanel extends GridPane {

    /** Largest latency the spinner accepts: ten minutes per message. */
    static final int MAX_LATENCY_MS = 600_000;

    /** The style class of the "Not applied yet" hint. */
    static final String NOT_APPLIED = "not-applied";

    /**
     * {@code destination}: where mail goes, in words; {@code editSettings}: the Transport settings button's action
     * (usable also while no session runs, when the knobs are off).
     */
    public TransportPanel(
            TransportViewModel model,
            Runnable apply,
            javafx.beans.value.ObservableValue<String> destination,
            Runnable editSettings) {
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

        Button settings = new Button("Transport s_ettings…");
        settings.setId("transportSettingsButton");
        settings.setAccessibleText("Simulated transport or an SMTP server, for this profile");
        settings.setOnAction(e -> editSettings.run());

        // the texts: wrapped in a column of their own and given the lines they need (the tab gets its content's
        // minimum height beside a teardown, MainView): at 800x550 beside a teardown "The running transport: 8000 ms
        // p..." was cut to one line under the switches (walk of 2026-12-02, decision 0802)
        Label where = wrapped("transportDestination");
        where.textProperty().bind(destination);
        Label current = wrapped("transportCurrent");
        current.textProperty().bind(model.currentProperty());
        VBox texts = new VBox(4, where, current);
        texts.getStyleClass().add(TEXTS);

        // three rows, the switches beside the numbers: at 800x550 the tab is ~120 px high and Apply must stay in
        // it (issue 10 item 16, decision 0512)
        for (javafx.scene.control.Labeled l :
                new javafx.scene.control.Labeled[] {latencyLabel, failLabel, applyButton, settings}) {
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        // the switches keep their one line: the texts' column on the right gives way instead
        for (CheckBox c : new CheckBox[] {offline, hang}) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        addRow(0, latencyLabel, latency, offline);
        addRow(1, failLabel, failEvery, hang);
        HBox applyRow = new HBox(8, applyButton, notApplied);
        applyRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        add(applyRow, 0, 2, 2, 1);
        add(settings, 2, 2);
        add(texts, 3, 0, 1, 3);
        GridPane.setValignment(texts, javafx.geometry.VPos.TOP);
        GridPane.setHgrow(texts, javafx.scene.layout.Priority.ALWAYS);
        // the knobs need a running transport; the settings (this profile's) and the texts do not
        for (javafx.scene.Node knob :
                new javafx.scene.Node[] {latencyLabel, latency, failLabel, failEvery, offline, hang, applyRow}) {
            knob.disableProperty().bind(model.availableProperty().not());
        }
    }

    /** The style class of the texts' column. */
    static final String TEXTS = "transport-texts";

    /** A text of the tab: wrapped, and never lower than its lines (no "…" at any width). */
    private static Label wrapped(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.setMinWidth(120);
        return l;
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
