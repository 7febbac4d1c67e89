package dev.mapiworkbench.ui;

import dev.mapiworkbench.teardown.RunComparison;
import dev.mapiworkbench.teardown.TranscriptHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The History tab's state (docs/automation.md): the profile's saved runs, newest first, read off the FX
 * thread once, then one row added per finished run (no rescan); and the comparison of two of them
 * ({@link RunComparison}). All methods are called on the FX thread.
 */
public final class HistoryViewModel {

    /** As many rows as the history folder keeps ({@code TranscriptFiles.HISTORY_KEEP}). */
    static final int KEEP = 200;

    private final SessionGateway gateway;
    private final boolean available;
    private final BackgroundExecutor executor;
    private final ObservableList<TranscriptHistory.Entry> entries = FXCollections.observableArrayList();
    private final ObservableList<RunComparison.Row> comparison = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper comparisonTitle = new ReadOnlyStringWrapper(this, "comparisonTitle", "");
    /** Rows added while a full read was running: kept when its (older) listing arrives. */
    private final Set<Path> addedDuringLoad = new HashSet<>();

    private boolean loading;

    /** @param gateway reads the profile's history folder ({@code <profile>/history}) off the FX thread */
    public HistoryViewModel(SessionGateway gateway, BackgroundExecutor executor) {
        this.gateway = gateway;
        this.available = gateway.historyDir().isPresent();
        this.executor = executor;
        status.set(available ? "" : "This session keeps no run history.");
    }

    /** Reads the whole history folder in the background (the first time the tab shows, and Refresh). */
    public void load() {
        if (!available || loading) {
            return;
        }
        loading = true;
        addedDuringLoad.clear();
        status.set("Reading the run history…");
        executor.submit(
                "history",
                gateway::readHistory,
                list -> {
                    loading = false;
                    List<TranscriptHistory.Entry> merged = new ArrayList<>();
                    Set<Path> listed = new HashSet<>();
                    list.forEach(e -> listed.add(e.file()));
                    for (TranscriptHistory.Entry e : entries) {
                        if (addedDuringLoad.contains(e.file()) && !listed.contains(e.file())) {
                            merged.add(e);
                        }
                    }
                    merged.addAll(list);
                    entries.setAll(merged);
                    updateStatus();
                },
                error -> {
                    loading = false;
                    status.set("Could not read the run history: " + error.getMessage());
                });
    }

    /** A run just finished and was saved to {@code file}: its one file is read, its row goes on top. */
    public void added(Path file) {
        if (!available) {
            return;
        }
        executor.submit(
                "read saved run",
                () -> gateway.historyEntry(file),
                this::added,
                error -> status.set("Could not read the saved run " + file + ": " + error.getMessage()));
    }

    /** The row of a run just saved goes on top (the oldest beyond the limit go). */
    void added(TranscriptHistory.Entry entry) {
        entries.removeIf(e -> e.file().equals(entry.file()));
        entries.add(0, entry);
        if (entries.size() > KEEP) {
            entries.remove(KEEP, entries.size());
        }
        if (loading) {
            addedDuringLoad.add(entry.file());
        }
        updateStatus();
    }

    /**
     * Compares two saved runs in the background: the older one on the left. Fills {@link #comparison()}.
     */
    public void compare(TranscriptHistory.Entry first, TranscriptHistory.Entry second) {
        if (first == null || second == null || first.equals(second)) {
            return;
        }
        // the list is newest first: the one further down is the older
        boolean firstOlder = entries.indexOf(first) > entries.indexOf(second);
        TranscriptHistory.Entry left = firstOlder ? first : second;
        TranscriptHistory.Entry right = firstOlder ? second : first;
        comparisonTitle.set("Comparing " + left.startedAt() + " (left) with " + right.startedAt() + " (right)…");
        executor.submit(
                "compare runs",
                () -> gateway.compareRuns(left.file(), right.file()),
                c -> {
                    comparison.setAll(c.rows());
                    comparisonTitle.set(left.startedAt() + " (left) vs " + right.startedAt() + " (right): "
                            + (c.differences() == 0 ? "no differences" : c.differences() + " difference(s)"));
                },
                error -> comparisonTitle.set("Could not compare: " + error.getMessage()));
    }

    private void updateStatus() {
        status.set(
                entries.isEmpty()
                        ? "No runs saved yet: each finished logoff is kept here."
                        : entries.size() + " run(s)");
    }

    public ObservableList<TranscriptHistory.Entry> entries() {
        return entries;
    }

    public ObservableList<RunComparison.Row> comparison() {
        return comparison;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty comparisonTitleProperty() {
        return comparisonTitle.getReadOnlyProperty();
    }
}
