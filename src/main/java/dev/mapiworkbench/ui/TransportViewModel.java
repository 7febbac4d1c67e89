package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.TransportSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The transport panel: latency per message, fail every Nth message, offline and hang, applied to
 * the running session through the backend's TransportControl capability.
 */
public final class TransportViewModel {

    private final IntegerProperty latencyMillis = new SimpleIntegerProperty(this, "latencyMillis");
    private final IntegerProperty failEvery = new SimpleIntegerProperty(this, "failEvery");
    private final BooleanProperty offline = new SimpleBooleanProperty(this, "offline");
    private final BooleanProperty hang = new SimpleBooleanProperty(this, "hang");
    private final BooleanProperty available = new SimpleBooleanProperty(this, "available");
    private TransportSettings base = TransportSettings.defaults();

    /** Shows the backend's current settings (or disables the panel when it has none). */
    public void load(TransportSettings settings) {
        available.set(settings != null);
        if (settings != null) {
            base = settings;
            latencyMillis.set((int) Math.min(Integer.MAX_VALUE, settings.latencyMillis()));
            failEvery.set(settings.failEvery());
            offline.set(settings.offline());
            hang.set(settings.hang());
        }
    }

    /** The settings as edited, keeping the switches the panel does not show. */
    public TransportSettings toSettings() {
        return base.withLatency(Math.max(0, latencyMillis.get())).withFailEvery(Math.max(0, failEvery.get()))
                .withOffline(offline.get()).withHang(hang.get());
    }

    public IntegerProperty latencyMillisProperty() {
        return latencyMillis;
    }

    public IntegerProperty failEveryProperty() {
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
