package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.TransportRule;
import dev.mapiworkbench.mapi.TransportRuleControl;
import dev.mapiworkbench.mapi.TransportRuleControl.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Session › Transport rules… (docs/scenarios.md "Transport rules", docs/automation.md): the simulated transport's
 * per-message rules in force — from a scenario, the command line or typed here — with what each does now (a send
 * it holds, mail it greylisted and when that is retried), a form that builds one rule from a match and an effect,
 * and Remove / Release. Every call to the subsystem runs on the {@link BackgroundExecutor}; the subsystem's news
 * reaches the FX thread through the one event pump, coalesced. Bad input is refused with one line saying what is
 * wrong, and nothing changes.
 */
public final class TransportRulesViewModel {

    /** Which messages a new rule matches. */
    public enum Match {
        ALWAYS("every message", ""),
        NTH("the Nth message (e.g. 2, or 2+ for it and every later one)", "message number"),
        SUBJECT("the subject contains", "text of the subject"),
        RECIPIENT("a recipient's address contains", "part of an address");

        private final String label;
        private final String needs;

        Match(String label, String needs) {
            this.label = label;
            this.needs = needs;
        }

        public String label() {
            return label;
        }

        /** What the value field must hold ("" when none). */
        public String needs() {
            return needs;
        }
    }

    /** What a new rule does to a matching message. */
    public enum Effect {
        LATENCY("takes N ms (latency)", "milliseconds, 0 or more"),
        FAIL("fails with an HRESULT (NAME or NAME:reason)", "MAPI_E_NETWORK_ERROR or 0x80040115"),
        SMTP("gets an SMTP reply (4xx defers, 5xx fails)", "451 4.7.1 greylisted or 550 5.1.1 no such user"),
        HANG("hangs in the transport", ""),
        OFFLINE("takes the transport offline for N ms", "milliseconds, 1 or more");

        private final String label;
        private final String needs;

        Effect(String label, String needs) {
            this.label = label;
            this.needs = needs;
        }

        public String label() {
            return label;
        }

        /** What the value field must hold ("" when none). */
        public String needs() {
            return needs;
        }
    }

    /** One rule in force as the table shows it, with what it does now. */
    public record RuleRow(int number, String rule, List<Activity> activity) {
        public RuleRow {
            activity = List.copyOf(activity);
        }

        public boolean holding() {
            return activity.stream().anyMatch(a -> a.doing() == TransportRuleControl.Doing.HOLDING);
        }

        /** "holds 'a'; greylisted 'b': retry in 12 s", as of {@code now}. */
        public String doing(Instant now) {
            return activity.stream()
                    .map(a -> describe(a, now))
                    .reduce((x, y) -> x + "; " + y)
                    .orElse("");
        }
    }

    private static final Object PUMP_KEY = new Object();

    private final Supplier<Optional<TransportRuleControl>> control;
    private final BackgroundExecutor executor;
    private final FxEventPump pump;
    private final ObjectProperty<Match> match = new SimpleObjectProperty<>(this, "match", Match.ALWAYS);
    private final StringProperty matchValue = new SimpleStringProperty(this, "matchValue", "");
    private final ObjectProperty<Effect> effect = new SimpleObjectProperty<>(this, "effect", Effect.LATENCY);
    private final StringProperty effectValue = new SimpleStringProperty(this, "effectValue", "");
    private final StringProperty retryAfter = new SimpleStringProperty(this, "retryAfter", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final ObjectProperty<Instant> now = new SimpleObjectProperty<>(this, "now", Instant.now());
    private final ObservableList<RuleRow> rows = FXCollections.observableArrayList();
    private final ObservableList<Activity> greylisted = FXCollections.observableArrayList();
    private final Runnable listener = this::pumpRefresh;
    private TransportRuleControl attached;

    /**
     * @param control  the session's transport rules, when the backend has them (asked again at each logon)
     * @param executor runs the calls to the subsystem
     * @param pump     brings the subsystem's news to the FX thread
     * @param loggedOn the window's "logged on": the rules are attached at each logon
     */
    public TransportRulesViewModel(
            Supplier<Optional<TransportRuleControl>> control,
            BackgroundExecutor executor,
            FxEventPump pump,
            ObservableBooleanValue loggedOn) {
        this.control = control;
        this.executor = executor;
        this.pump = pump;
        match.addListener((o, a, b) -> recheck());
        matchValue.addListener((o, a, b) -> recheck());
        effect.addListener((o, a, b) -> recheck());
        effectValue.addListener((o, a, b) -> recheck());
        retryAfter.addListener((o, a, b) -> recheck());
        loggedOn.addListener((o, was, on) -> {
            if (on) {
                attach();
            }
        });
        if (loggedOn.get()) {
            attach();
        }
    }

    /** (Re)connects to the current session's rules and reads them (FX thread). */
    public void attach() {
        run("transport rules", () -> control.get().orElse(null), c -> {
            if (attached != null && attached != c) {
                attached.removeListener(listener);
                attached = null;
            }
            if (c != null && attached == null) {
                attached = c;
                attached.addListener(listener);
            }
            available.set(attached != null);
            refresh();
        });
    }

    /** Reads the rules in force and what they do now, off the FX thread. */
    public void refresh() {
        TransportRuleControl c = attached;
        if (c == null) {
            rows.clear();
            greylisted.clear();
            return;
        }
        run("transport rules", () -> rowsOf(c.rules(), c.activity()), this::show);
    }

    /**
     * The rule the form describes, as its text ({@code subject~x=fail:MAPI_E_NETWORK_ERROR}); empty when the
     * form is incomplete or wrong ({@link #problemProperty()} says why).
     */
    public String ruleText() {
        try {
            return compose().toString();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Adds the rule the form describes; false (and {@link #problemProperty()} set) when it is refused. */
    public boolean add() {
        TransportRule rule;
        try {
            rule = compose();
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return false;
        }
        TransportRuleControl c = attached;
        if (c == null) {
            problem.set("this backend has no transport rules (only the simulator has)");
            return false;
        }
        problem.set("");
        run(
                "add transport rule",
                () -> {
                    c.add(rule);
                    return rowsOf(c.rules(), c.activity());
                },
                fresh -> {
                    show(fresh);
                    matchValue.set(""); // before the result line: a change of the form clears it
                    effectValue.set("");
                    retryAfter.set("");
                    result.set("Added rule " + fresh.size() + ": " + rule + ". #N counts from the next message.");
                });
        return true;
    }

    /** Removes {@code row}'s rule: a send it holds goes on, mail it greylisted is tried again. */
    public void remove(RuleRow row) {
        TransportRuleControl c = attached;
        if (c == null || row == null) {
            return;
        }
        run(
                "remove transport rule",
                () -> {
                    boolean gone = c.remove(row.number());
                    return new Done(gone, rowsOf(c.rules(), c.activity()));
                },
                d -> {
                    show(d.rows());
                    result.set(
                            d.ok()
                                    ? "Removed rule " + row.number() + ": " + row.rule() + "."
                                    : "Rule " + row.number() + " was no longer in force.");
                });
    }

    /** Lets the sends {@code row}'s hang rule holds go on; the rule stays. */
    public void release(RuleRow row) {
        TransportRuleControl c = attached;
        if (c == null || row == null) {
            return;
        }
        run(
                "release transport rule",
                () -> {
                    boolean any = c.release(row.number());
                    return new Done(any, rowsOf(c.rules(), c.activity()));
                },
                d -> {
                    show(d.rows());
                    result.set(
                            d.ok()
                                    ? "Released what rule " + row.number() + " held; the rule stays in force."
                                    : "Rule " + row.number() + " holds nothing now.");
                });
    }

    /** The status bar's line for greylisted mail, as of {@link #nowProperty()}: "" when none waits. */
    public String greylistLine() {
        if (greylisted.isEmpty()) {
            return "";
        }
        Activity first = greylisted.get(0);
        String more = greylisted.size() > 1 ? " (and " + (greylisted.size() - 1) + " more)" : "";
        return "Greylisted: '" + first.subject() + "' — " + retryIn(first, now.get()) + more;
    }

    private record Done(boolean ok, List<RuleRow> rows) {}

    private <T> void run(String name, Callable<T> work, java.util.function.Consumer<T> done) {
        executor.submit(name, work, done, e -> result.set(name + " failed: " + e.getMessage()));
    }

    private void pumpRefresh() {
        pump.postLatest(PUMP_KEY, this::refresh);
    }

    private void show(List<RuleRow> fresh) {
        if (!fresh.equals(rows)) {
            rows.setAll(fresh);
        }
        List<Activity> grey = fresh.stream()
                .flatMap(r -> r.activity().stream())
                .filter(a -> a.doing() == TransportRuleControl.Doing.GREYLISTED)
                .toList();
        if (!grey.equals(greylisted)) {
            greylisted.setAll(grey);
        }
        now.set(Instant.now());
    }

    private static List<RuleRow> rowsOf(List<TransportRule> rules, List<Activity> activity) {
        List<RuleRow> out = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            int n = i + 1;
            out.add(new RuleRow(
                    n,
                    rules.get(i).toString(),
                    activity.stream().filter(a -> a.rule() == n).toList()));
        }
        return out;
    }

    static String describe(Activity a, Instant now) {
        return switch (a.doing()) {
            case HOLDING -> "holds '" + a.subject() + "' in the transport";
            case GREYLISTED -> "greylisted '" + a.subject() + "': " + retryIn(a, now);
        };
    }

    /** "retry in 12 s" (never below 0 s). */
    static String retryIn(Activity a, Instant now) {
        long s = Math.max(0, Duration.between(now, a.retryAt()).toMillis() + 999) / 1000;
        return "retry in " + (s < 120 ? s + " s" : (s / 60) + " min " + (s % 60) + " s");
    }

    private void recheck() {
        result.set("");
        boolean blank = matchValue.get().isBlank()
                && effectValue.get().isBlank()
                && retryAfter.get().isBlank();
        if (blank) {
            problem.set("");
            return;
        }
        try {
            compose();
            problem.set("");
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
        }
    }

    /** The rule of the form; throws with the reason when it is incomplete or wrong. */
    private TransportRule compose() {
        Match m = match.get();
        Effect f = effect.get();
        String mv = matchValue.get().strip();
        String fv = effectValue.get().strip();
        String retry = retryAfter.get().strip();
        if (!m.needs().isEmpty() && mv.isEmpty()) {
            throw new IllegalArgumentException("type the " + m.needs() + " to match");
        }
        if (mv.contains("=") || mv.contains("&")) {
            throw new IllegalArgumentException("the text to match may not contain = or &");
        }
        if (!f.needs().isEmpty() && fv.isEmpty()) {
            throw new IllegalArgumentException("type the " + f.needs());
        }
        if ((f == Effect.LATENCY || f == Effect.OFFLINE) && fv.startsWith("-")) {
            throw new IllegalArgumentException("a time cannot be negative: " + fv + " ms");
        }
        if (!retry.isEmpty() && f != Effect.SMTP) {
            throw new IllegalArgumentException("a retry delay goes with an SMTP 4xx reply only");
        }
        String left = switch (m) {
            case ALWAYS -> "*";
            case NTH -> "#" + mv;
            case SUBJECT -> "subject~" + mv;
            case RECIPIENT -> "to~" + mv;
        };
        String right = switch (f) {
            case LATENCY -> "delay:" + fv;
            case FAIL -> "fail:" + fv;
            case SMTP -> "smtp:" + fv + (retry.isEmpty() ? "" : ";retry:" + retry);
            case HANG -> "hang";
            case OFFLINE -> "offline:" + fv;
        };
        return TransportRule.parse(left + "=" + right);
    }

    public ObjectProperty<Match> matchProperty() {
        return match;
    }

    public StringProperty matchValueProperty() {
        return matchValue;
    }

    public ObjectProperty<Effect> effectProperty() {
        return effect;
    }

    public StringProperty effectValueProperty() {
        return effectValue;
    }

    /** The retry delay of a 4xx SMTP reply in ms ("" = the default, decision 0610). */
    public StringProperty retryAfterProperty() {
        return retryAfter;
    }

    /** Why the form is refused ("" when it is fine or empty). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What the last action did. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** The time the countdowns are shown for; the view moves it once a second while mail is greylisted. */
    public ObjectProperty<Instant> nowProperty() {
        return now;
    }

    public ObservableList<RuleRow> rows() {
        return rows;
    }

    /** The greylisted messages now, first to be retried first as the rules list them. */
    public ObservableList<Activity> greylisted() {
        return greylisted;
    }
}
