package dev.mapiworkbench.ui.trace;

import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.ui.BackgroundExecutor;
import dev.mapiworkbench.ui.DialogService;
import dev.mapiworkbench.ui.teardown.TeardownViewModel;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One opened trace as its window shows it (decision 0330): the heading, the result, the calls grouped into
 * documented steps, the findings with their sources, the leaks, what C/C++ code was left out, and the
 * Replay and Copy as C++ actions, which run off the FX thread (their results come back on it).
 */
public final class TraceViewModel {

    private final TraceGateway gateway;
    private final BackgroundExecutor executor;
    private final DialogService dialogs;
    private final ReadOnlyObjectWrapper<TraceGateway.Opened> opened = new ReadOnlyObjectWrapper<>(this, "opened");
    private final StringProperty heading = new SimpleStringProperty(this, "heading", "");
    private final StringProperty resultText = new SimpleStringProperty(this, "resultText", "");
    private final StringProperty result = new SimpleStringProperty(this, "result", "");
    private final ObservableList<String> findings = FXCollections.observableArrayList();
    private final ObservableList<String> leaks = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final ObservableList<String> replayLines = FXCollections.observableArrayList();
    private final StringProperty replaySummary = new SimpleStringProperty(this, "replaySummary", "");
    private final BooleanProperty replaying = new SimpleBooleanProperty(this, "replaying");
    private final BooleanProperty replayed = new SimpleBooleanProperty(this, "replayed");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");

    public TraceViewModel(TraceGateway gateway, BackgroundExecutor executor, DialogService dialogs) {
        this.gateway = gateway;
        this.executor = executor;
        this.dialogs = dialogs;
    }

    /** Shows {@code o} (FX thread). */
    public void show(TraceGateway.Opened o) {
        opened.set(o);
        heading.set(o.name() + " — " + o.callCount() + (o.callCount() == 1 ? " call" : " calls")
                + (o.source() == null || o.source().isBlank() ? "" : " — " + o.source()));
        result.set(o.result());
        resultText.set("Result: " + o.result() + ".  Findings: " + o.findings().size() + ".  Leaks: "
                + o.leaks().size() + "."
                + (o.notes().isEmpty() ? "" : "  Left out: " + o.notes().size() + "."));
        List<String> lines = new ArrayList<>();
        for (Finding f : o.findings()) {
            lines.add((f.seq() > 0 ? "seq " + f.seq() + " · " : "")
                    + TeardownViewModel.display(f)
                    + (f.source() == null ? "" : "\n    Source: " + f.source()));
        }
        findings.setAll(lines);
        leaks.setAll(o.leaks());
        notes.setAll(o.notes());
        replayLines.clear();
        replaySummary.set("");
        replayed.set(false);
        status.set("");
    }

    /** Replays the trace on a fresh simulator, in the background; the report replaces the last one. */
    public void replay() {
        TraceGateway.Opened o = opened.get();
        if (o == null || replaying.get()) {
            return;
        }
        replaying.set(true);
        status.set("Replaying " + o.callCount() + " call(s) on the simulator…");
        executor.submit(
                "replay " + o.name(),
                () -> gateway.replay(o.trace()),
                (TraceGateway.Replay r) -> {
                    replaying.set(false);
                    replaySummary.set(r.summary());
                    replayLines.setAll(r.lines());
                    replayed.set(true);
                    status.set(
                            r.agrees() ? "The simulator agrees with the trace." : "The simulator differs: see Replay.");
                },
                error -> {
                    replaying.set(false);
                    status.set("The replay failed: " + error.getMessage());
                    dialogs.showError("Could not replay " + o.name() + ": " + error.getMessage(), error);
                });
    }

    /** Copy as C++: the trace as a compilable function, on the clipboard. */
    public void copyCpp() {
        TraceGateway.Opened o = opened.get();
        if (o == null) {
            return;
        }
        executor.submit(
                "c++ " + o.name(),
                () -> gateway.cpp(o.trace()),
                (String code) -> {
                    dialogs.copyToClipboard(code);
                    status.set("Copied " + code.split("\n", -1).length + " lines of C++ to the clipboard.");
                },
                error -> dialogs.showError("Could not render " + o.name() + " as C++: " + error.getMessage(), error));
    }

    public ReadOnlyObjectProperty<TraceGateway.Opened> openedProperty() {
        return opened.getReadOnlyProperty();
    }

    public StringProperty headingProperty() {
        return heading;
    }

    /** "Result: errors.  Findings: 2.  Leaks: 1." */
    public StringProperty resultTextProperty() {
        return resultText;
    }

    /** clean, warnings or errors. */
    public StringProperty resultProperty() {
        return result;
    }

    /** One entry per finding: "seq 12 · error · logoff-not-called: … (breaks seed step 4)" and its source. */
    public ObservableList<String> findings() {
        return findings;
    }

    public ObservableList<String> leaks() {
        return leaks;
    }

    /** C/C++ statements left out (not a MAPI call the format knows). */
    public ObservableList<String> notes() {
        return notes;
    }

    /** The replay report's lines after its summary. */
    public ObservableList<String> replayLines() {
        return replayLines;
    }

    public StringProperty replaySummaryProperty() {
        return replaySummary;
    }

    public BooleanProperty replayingProperty() {
        return replaying;
    }

    /** A replay report is shown. */
    public BooleanProperty replayedProperty() {
        return replayed;
    }

    /** What the last action did, for the status line. */
    public StringProperty statusProperty() {
        return status;
    }
}
