package dev.mapiworkbench.ui.teardown;

import dev.mapiworkbench.teardown.StepId;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One step of a teardown plan as the panel shows it: number, id, title, the concrete MAPI calls,
 * state, duration and (for skipped / failed / warning steps) the reason. {@link #accessibleTextProperty()}
 * always reads "{@code <title>: <state>}" (", runs next" for the step a step-through
 * is paused before). Only javafx.beans types: testable without the toolkit.
 */
public final class StepViewModel {

    /** How many calls the row lists in full; the rest are counted ("… and 9,995 more"). */
    public static final int SHOWN_CALLS = 3;

    private final int number;
    private final StepId id;
    private final String title;
    private final ObjectProperty<StepState> state = new SimpleObjectProperty<>(this, "state", StepState.PENDING);
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final LongProperty durationMicros = new SimpleLongProperty(this, "durationMicros", -1);
    private final ReadOnlyStringWrapper callsText = new ReadOnlyStringWrapper(this, "callsText", "");
    private final ReadOnlyIntegerWrapper callCount = new ReadOnlyIntegerWrapper(this, "callCount", 0);
    private final ReadOnlyStringWrapper accessibleText = new ReadOnlyStringWrapper(this, "accessibleText");
    private final List<String> shownCalls = new ArrayList<>();
    private final javafx.beans.property.BooleanProperty next =
            new javafx.beans.property.SimpleBooleanProperty(this, "next");

    public StepViewModel(int number, StepId id, String title) {
        this.number = number;
        this.id = id;
        this.title = title;
        accessibleText.bind(Bindings.createStringBinding(
                () -> title + ": " + state.get().cssName() + (next.get() ? ", runs next" : ""), state, next));
    }

    public int number() {
        return number;
    }

    public StepId id() {
        return id;
    }

    public String title() {
        return title;
    }

    public ObjectProperty<StepState> stateProperty() {
        return state;
    }

    public StepState state() {
        return state.get();
    }

    /** Step-through: this is the step about to run (the row is highlighted, {@code :next}). */
    public javafx.beans.property.BooleanProperty nextProperty() {
        return next;
    }

    public void setState(StepState s) {
        state.set(s);
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public LongProperty durationMicrosProperty() {
        return durationMicros;
    }

    /** The calls in monospace-ready text, one per line, with the overflow counted. */
    public ReadOnlyStringProperty callsTextProperty() {
        return callsText.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty callCountProperty() {
        return callCount.getReadOnlyProperty();
    }

    /** "{@code <title>: <state>}", for screen readers and automation. */
    public ReadOnlyStringProperty accessibleTextProperty() {
        return accessibleText.getReadOnlyProperty();
    }

    /** Replaces the planned calls (before the step runs). */
    public void setPlannedCalls(List<String> calls) {
        shownCalls.clear();
        callCount.set(0);
        addCalls(calls);
    }

    /** Adds executed calls; only the first {@link #SHOWN_CALLS} are kept as text. */
    public void addCalls(List<String> calls) {
        for (String c : calls) {
            if (shownCalls.size() < SHOWN_CALLS) {
                shownCalls.add(c);
            }
        }
        callCount.set(callCount.get() + calls.size());
        refreshCallsText();
    }

    private final javafx.beans.property.BooleanProperty expanded =
            new javafx.beans.property.SimpleBooleanProperty(this, "expanded");

    /** The row shows every call ({@link #expand}), not the first {@link #SHOWN_CALLS}. */
    public javafx.beans.property.BooleanProperty expandedProperty() {
        return expanded;
    }

    /** Shows every call (from the finished transcript): "… and N more" becomes the calls themselves. */
    public void expand(List<String> all) {
        if (all.isEmpty()) {
            return;
        }
        callCount.set(all.size());
        callsText.set(String.join("\n", all));
        expanded.set(true);
    }

    /** Replaces the calls with the first few of them and the total count. */
    public void setCalls(List<String> firstCalls, int total) {
        if (expanded.get()) {
            return;
        }
        shownCalls.clear();
        for (String c : firstCalls) {
            if (shownCalls.size() < SHOWN_CALLS) {
                shownCalls.add(c);
            }
        }
        callCount.set(Math.max(total, shownCalls.size()));
        refreshCallsText();
    }

    private void refreshCallsText() {
        StringBuilder sb = new StringBuilder(String.join("\n", shownCalls));
        int more = callCount.get() - shownCalls.size();
        if (more > 0) {
            sb.append(String.format("%n… and %,d more", more));
        }
        callsText.set(sb.toString());
    }

    /** "12 µs", "3.4 ms", "1.20 s", or "" before the step ran. */
    public static String formatDuration(long micros) {
        if (micros < 0) {
            return "";
        }
        if (micros < 1000) {
            return micros + " µs";
        }
        if (micros < 1_000_000) {
            return String.format("%.1f ms", micros / 1000.0);
        }
        return String.format("%.2f s", micros / 1_000_000.0);
    }
}
