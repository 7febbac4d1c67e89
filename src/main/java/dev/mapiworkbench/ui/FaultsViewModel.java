package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.FaultControl;
import dev.mapiworkbench.mapi.FaultSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Faults panel's view model (docs/scenarios.md): type a fault ({@code IMAPISession::Logoff=block}),
 * add it, and remove or release the faults in force while the session runs. Changes from the
 * subsystem (a fault fired, a call blocked) reach the FX thread through the one event pump,
 * coalesced; the view model itself uses only {@code javafx.beans} and collections.
 */
public final class FaultsViewModel {

    /** One fault in force, as the table shows it; equal rows mean nothing changed (the selection stays). */
    public record FaultRow(long id, String spec, long fired, List<FaultControl.BlockedCall> blockedCalls) {
        public FaultRow {
            blockedCalls = List.copyOf(blockedCalls);
        }

        public boolean isBlocking() {
            return !blockedCalls.isEmpty();
        }

        /** "IMAPISession::Logoff on Session, blocked 12 s on teardown-1", as of {@code now}. */
        public String blocked(Instant now) {
            return blockedCalls.stream()
                    .map(b -> b.api() + (b.target() == null ? "" : " on " + b.target()) + ", blocked "
                            + seconds(Duration.between(b.since(), now)) + " on " + b.thread())
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("");
        }

        public String blocked() {
            return blocked(Instant.now());
        }
    }

    private static final Object PUMP_KEY = new Object();

    private final Supplier<Optional<FaultControl>> control;
    private final FxEventPump pump;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final BooleanProperty available = new SimpleBooleanProperty(this, "available", false);
    private final ObservableList<FaultRow> rows = FXCollections.observableArrayList();
    private FaultControl attached;
    private final Runnable listener = this::changed;

    /**
     * @param control the session's fault control, when the backend has one (re-asked on {@link #attach()})
     * @param pump    the pump that brings subsystem events to the FX thread
     */
    public FaultsViewModel(Supplier<Optional<FaultControl>> control, FxEventPump pump) {
        this.control = control;
        this.pump = pump;
        text.addListener((o, a, b) -> problem.set(check(b)));
    }

    /** (Re)connects to the current session's fault control (after a logon). FX thread. */
    public void attach() {
        Optional<FaultControl> c = control.get();
        if (attached != null && (c.isEmpty() || c.get() != attached)) {
            attached.removeListener(listener);
            attached = null;
        }
        if (c.isPresent() && attached == null) {
            attached = c.get();
            attached.addListener(listener);
        }
        available.set(attached != null);
        refresh();
    }

    /** Adds the typed fault; returns false (and sets {@link #problemProperty()}) when it does not parse. */
    public boolean add() {
        String t = text.get() == null ? "" : text.get().strip();
        String why = t.isEmpty() ? "type a fault, e.g. IMAPISession::Logoff=block" : check(t);
        if (!why.isEmpty()) {
            problem.set(why);
            return false;
        }
        if (attached == null) {
            problem.set("this backend cannot inject faults (only the simulator can)");
            return false;
        }
        attached.add(FaultSpec.parse(t));
        text.set("");
        refresh();
        return true;
    }

    public void remove(FaultRow row) {
        if (attached != null && row != null) {
            attached.remove(row.id());
            refresh();
        }
    }

    public void release(FaultRow row) {
        if (attached != null && row != null) {
            attached.release(row.id());
            refresh();
        }
    }

    /** Releases every blocked call (the faults stay). */
    public void releaseAll() {
        if (attached != null) {
            attached.faults().forEach(f -> attached.release(f.id()));
            refresh();
        }
    }

    /** Re-reads the faults in force (FX thread). Called for every coalesced change and once a second by the view. */
    public void refresh() {
        if (attached == null) {
            rows.clear();
            return;
        }
        List<FaultRow> fresh = attached.faults().stream()
                .map(f -> new FaultRow(f.id(), f.spec().toString(), f.fired(), f.blocked()))
                .toList();
        if (!fresh.equals(rows)) {
            rows.setAll(fresh);
        }
    }

    private static String seconds(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }

    private void changed() {
        pump.postLatest(PUMP_KEY, this::refresh);
    }

    private static String check(String t) {
        if (t == null || t.isBlank()) {
            return "";
        }
        try {
            FaultSpec.parse(t);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public StringProperty textProperty() {
        return text;
    }

    /** Why the typed text is not a fault ("" when it is, or when nothing is typed). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available;
    }

    public ObservableList<FaultRow> rows() {
        return rows;
    }
}
