package dev.mapiworkbench.ui;

import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.GridPane;

/** The transport panel: latency, fail every N, offline and hang, applied to the running session. */
public final class TransportPanel extends GridPane {

    public TransportPanel(TransportViewModel model, Runnable apply) {
        setId("transportPanel");
        getStyleClass().add(StyleClasses.TRANSPORT_PANEL);

        Spinner<Integer> latency = new Spinner<>();
        latency.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 600_000, 0, 500));
        latency.setEditable(true);
        latency.setId("transportLatency");
        latency.getValueFactory().valueProperty().bindBidirectional(model.latencyMillisProperty().asObject());
        Label latencyLabel = new Label("_Latency per message (ms):");
        latencyLabel.setLabelFor(latency);

        Spinner<Integer> failEvery = new Spinner<>();
        failEvery.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 1000, 0, 1));
        failEvery.setEditable(true);
        failEvery.setId("transportFailEvery");
        failEvery.getValueFactory().valueProperty().bindBidirectional(model.failEveryProperty().asObject());
        Label failLabel = new Label("_Fail every Nth message (0 = never):");
        failLabel.setLabelFor(failEvery);
        latencyLabel.setMnemonicParsing(true);
        failLabel.setMnemonicParsing(true);

        CheckBox offline = new CheckBox("_Offline (everything stays queued)");
        offline.setId("transportOffline");
        offline.selectedProperty().bindBidirectional(model.offlineProperty());
        CheckBox hang = new CheckBox("_Hang (a send never completes until cleared)");
        hang.setId("transportHang");
        hang.selectedProperty().bindBidirectional(model.hangProperty());

        Button applyButton = new Button("_Apply to the running session");
        applyButton.setId("transportApplyButton");
        applyButton.setOnAction(e -> apply.run());

        addRow(0, latencyLabel, latency);
        addRow(1, failLabel, failEvery);
        add(offline, 0, 2, 2, 1);
        add(hang, 0, 3, 2, 1);
        add(applyButton, 0, 4, 2, 1);
        disableProperty().bind(model.availableProperty().not());
    }
}
