package dev.mapiworkbench.ui.teardown;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One queued message during the "after sending" wait phase: its subject, its state word
 * (queued, sending, sent, failed) and a progress value (-1 = indeterminate, 0..1 otherwise).
 */
public final class WaitItemViewModel {

    private final String key;
    private final String subject;
    private final StringProperty state = new SimpleStringProperty(this, "state", "queued");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);

    public WaitItemViewModel(String key, String subject) {
        this.key = key;
        this.subject = subject;
    }

    public String key() {
        return key;
    }

    public String subject() {
        return subject;
    }

    public StringProperty stateProperty() {
        return state;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }
}
