package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.TransportSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The transport panel: latency per message, fail every Nth message, offline and hang, applied to
 * the running session through the backend's TransportControl capability.
 *
 * <p>The numbers are {@code ObjectProperty<Integer>} (not {@code IntegerProperty}) so that a
 * spinner's value property binds to them directly: a bidirectional binding to a temporary
 * {@code asObject()} wrapper holds it only weakly, and once the wrapper was collected the spinner
 * and the model drifted apart (issue 10, item 1).
 */
public final class TransportViewModel {

    private final ObjectProperty<Integer> latencyMillis = new SimpleObjectProperty<>(this, "latencyMillis", 0);
    private final ObjectProperty<Integer> failEvery = new SimpleObjectProperty<>(this, "failEvery", 0);
    private final BooleanProperty offline = new SimpleBooleanProperty(this, "offline");
    private final BooleanProperty hang = new SimpleBooleanProperty(this, "hang");
    private final BooleanProperty available = new SimpleBooleanProperty(this, "available");
    private final StringProperty current = new SimpleStringProperty(this, "current", "No transport: not logged on.");
    private final ObjectProperty<TransportSettings> running = new SimpleObjectProperty<>(this, "running");
    private TransportSettings base = TransportSettings.defaults();

    /** Shows the backend's current settings (or disables the panel when it has none). */
    public void load(TransportSettings settings) {
        available.set(settings != null);
        current.set(settings == null ? "This backend has no transport switches." : describe(settings));
        if (settings != null) {
            base = settings;
            latencyMillis.set((int) Math.min(Integer.MAX_VALUE, settings.latencyMillis()));
            failEvery.set(settings.failEvery());
            offline.set(settings.offline());
            hang.set(settings.hang());
        }
        running.set(settings);
    }

    /** The running transport's settings as last loaded (null: none, not logged on or no switches). */
    public ObjectProperty<TransportSettings> runningProperty() {
        return running;
    }

    /**
     * Whether the fields differ from the running transport, that is, hold something not applied yet: the
     * spinners' text as typed (committed or not) and the switches. False while there is no running transport.
     */
    public boolean differsFromRunning(String typedLatency, String typedFailEvery) {
        TransportSettings r = running.get();
        return r != null
                && (typed(typedLatency) != r.latencyMillis()
                        || typed(typedFailEvery) != r.failEvery()
                        || offline.get() != r.offline()
                        || hang.get() != r.hang());
    }

    /** A spinner's text as its converter reads it: blank is 0; the editor lets digits only through. */
    private static long typed(String text) {
        return text == null || text.isBlank() ? 0 : Long.parseLong(text.trim());
    }

    /** The settings as edited, keeping the switches the panel does not show. */
    public TransportSettings toSettings() {
        return base.withLatency(nonNegative(latencyMillis.get()))
                .withFailEvery(nonNegative(failEvery.get()))
                .withOffline(offline.get())
                .withHang(hang.get());
    }

    /** "The running transport: 3000 ms per message, fails 1 message in 3, online." */
    static String describe(TransportSettings s) {
        String fail = s.failEvery() <= 0 ? "never fails" : "fails 1 message in " + s.failEvery();
        return "The running transport: " + s.latencyMillis() + " ms per message, " + fail + ", "
                + (s.offline() ? "offline" : "online") + (s.hang() ? ", hung" : "") + ".";
    }

    /** What the running transport uses (after the last load), in words. */
    public StringProperty currentProperty() {
        return current;
    }

    private static int nonNegative(Integer value) {
        return value == null ? 0 : Math.max(0, value);
    }

    /** Milliseconds per message. */
    public ObjectProperty<Integer> latencyMillisProperty() {
        return latencyMillis;
    }

    /** Fail every Nth message (0 = never). */
    public ObjectProperty<Integer> failEveryProperty() {
        return failEvery;
    }

    public BooleanProperty offlineProperty() {
        return offline;
    }

    public BooleanProperty hangProperty() {
        return hang;
    }

    public BooleanProperty availableProperty() {
        return available;
    }
}
