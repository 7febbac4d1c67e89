package dev.mapiworkbench.app.scenario;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mapiworkbench.mapi.FaultSpec;
import dev.mapiworkbench.mapi.TransportRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A scenario file, {@code mapi-workbench/scenario/v1} (docs/scenarios.md, JSON Schema
 * {@code scenario-v1.schema.json} beside this class): the starting state, the transport's behaviour,
 * the faults in force and optionally the logoff to perform. A scenario is a named bundle of
 * command-line options: {@link #toArguments()} gives them, so the window, the command line and
 * "Copy as command" read it the same way, and options given after {@code --scenario} override it.
 * Every value is checked when the record is built: a bad file fails while it is read, with the
 * field's path and line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema", "name", "purpose", "watchFor", "start", "transport", "faults", "logoff", "threads"})
public record Scenario(
        @JsonProperty(value = "schema", required = true) String schema,
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty("purpose") String purpose,
        @JsonProperty("watchFor") String watchFor,
        @JsonProperty("start") Start start,
        @JsonProperty("transport") Transport transport,
        @JsonProperty("faults") List<String> faults,
        @JsonProperty("logoff") Logoff logoff,

        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("threads")
        List<ScenarioThreadsPart.ExtraThread> threads) {

    public static final String SCHEMA = "mapi-workbench/scenario/v1";
    static final int MAX_TEXT = 2000;
    static final int MAX_QUEUED = 100_000;

    public Scenario {
        if (!SCHEMA.equals(schema)) {
            throw new JsonProblems.FieldProblem("schema must be \"" + SCHEMA + "\", not " + quoted(schema), "schema");
        }
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new JsonProblems.FieldProblem(
                    "name must be 1-64 lower-case letters, digits and '-', not " + quoted(name), "name");
        }
        text("purpose", purpose);
        text("watchFor", watchFor);
        start = start == null ? Start.NONE : start;
        transport = transport == null ? Transport.NONE : transport;
        faults = items("faults", faults, FaultSpec::parse);
        threads = ScenarioThreadsPart.check(threads);
    }

    /** Starting state: mail already queued, the inits the client does, a shared session and its peers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Start(
            @JsonProperty("queued") Integer queued,
            @JsonProperty("ole") Boolean ole,
            @JsonProperty("mapiUtil") Boolean mapiUtil,
            @JsonProperty("shared") Boolean shared,
            @JsonProperty("peers") Integer peers) {
        static final Start NONE = new Start(null, null, null, null, null);

        public Start {
            if (queued != null && (queued < 0 || queued > MAX_QUEUED)) {
                throw new JsonProblems.FieldProblem("queued must be 0.." + MAX_QUEUED + ", not " + queued, "queued");
            }
            if (peers != null && (peers < 0 || peers > 16)) {
                throw new JsonProblems.FieldProblem("peers must be 0..16, not " + peers, "peers");
            }
            if (peers != null && peers > 0 && !Boolean.TRUE.equals(shared)) {
                throw new JsonProblems.FieldProblem(
                        "peers need \"shared\": true (peers join a shared session)", "peers");
            }
        }
    }

    /**
     * The simulated transport: latency, failures, hang, offline, and per-message rules
     * ({@code MATCH=ACTION}, {@link TransportRule}; added in v1 by decision 0440).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Transport(
            @JsonProperty("latencyMs") Long latencyMs,
            @JsonProperty("failEvery") Integer failEvery,
            @JsonProperty("hang") Boolean hang,
            @JsonProperty("offline") Boolean offline,
            @JsonProperty("rules") List<String> rules) {
        static final Transport NONE = new Transport(null, null, null, null, null);

        public Transport {
            if (latencyMs != null && (latencyMs < 0 || latencyMs > 86_400_000L)) {
                throw new JsonProblems.FieldProblem(
                        "latencyMs must be 0..86400000 (one day), not " + latencyMs, "latencyMs");
            }
            if (failEvery != null && (failEvery < 0 || failEvery > 1_000_000)) {
                throw new JsonProblems.FieldProblem("failEvery must be 0..1000000, not " + failEvery, "failEvery");
            }
            rules = items("rules", rules, TransportRule::parse);
        }
    }

    /** The logoff to perform (headless) or to preselect (window). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Logoff(
            @JsonProperty("mode") String mode,
            @JsonProperty("plan") String plan,
            @JsonProperty("allowUi") Boolean allowUi,
            @JsonProperty("timeoutSeconds") Double timeoutSeconds,
            @JsonProperty("whatIf") WhatIfs whatIf) {
        static final Set<String> MODES = Set.of("now", "after-sending", "critical-error");

        public Logoff {
            if (mode != null && !MODES.contains(mode)) {
                throw new JsonProblems.FieldProblem(
                        "mode must be now, after-sending or critical-error, not " + quoted(mode), "mode");
            }
            if (plan != null && !plan.matches("[a-z0-9-]{1,32}")) {
                throw new JsonProblems.FieldProblem(
                        "plan must be a plan id such as desktop or ce, not " + quoted(plan), "plan");
            }
            if (timeoutSeconds != null && !(timeoutSeconds >= 0 && timeoutSeconds <= 86_400)) {
                throw new JsonProblems.FieldProblem(
                        "timeoutSeconds must be 0..86400, not " + timeoutSeconds, "timeoutSeconds");
            }
        }
    }

    /** What-ifs, as the command line's --what-if-* options. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record WhatIfs(
            @JsonProperty("skip") List<String> skip,
            @JsonProperty("move") List<String> move,
            @JsonProperty("force") List<String> force) {
        public WhatIfs {
            skip = skip == null ? List.of() : List.copyOf(skip);
            move = move == null ? List.of() : List.copyOf(move);
            force = force == null ? List.of() : List.copyOf(force);
            for (int i = 0; i < move.size(); i++) {
                String m = move.get(i);
                if (m == null || !m.matches("[a-z0-9-]+:[a-z0-9-]+")) {
                    throw new JsonProblems.FieldProblem("move entries are STEP:AFTER, not " + quoted(m), "move", i);
                }
            }
        }
    }

    /**
     * The command-line options this scenario stands for, in a fixed order (options the user gives
     * after them override them).
     */
    public List<String> toArguments() {
        return flat(options(), false);
    }

    /** The options that belong to the window as well (no --send, no logoff): what File ▸ Open scenario applies. */
    public List<String> toWindowArguments() {
        return flat(options(), true);
    }

    /**
     * The options of {@code all} (a transcript's {@code run.options}) the window takes at logon (CommonOptions):
     * without the queued mail, the logoff and what only the command line's run has ({@code --call-timeout},
     * {@code --answer}). An option takes a value unless it is a flag (Replays.FLAGS), whatever the value
     * looks like: a value that starts with {@code --} stays a value.
     */
    public static List<String> windowOptions(List<String> all) {
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String o = all.get(i);
            if (!Replays.FLAGS.contains(o) && i + 1 < all.size()) {
                options.add(new Option(o, all.get(++i)));
            } else {
                options.add(new Option(o, null));
            }
        }
        return flat(options, true);
    }

    /** One option as the scenario holds it: its name and its value, or null for a flag. */
    private record Option(String name, String value) {
        /** True when the window takes it at logon (not the queued mail, the logoff or the run's own options). */
        boolean forWindow() {
            return !(name.equals("--send")
                    || name.equals("--logoff")
                    || name.equals("--plan")
                    || name.equals("--allow-ui")
                    || name.startsWith("--what-if")
                    || name.equals("--timeout")
                    || name.equals("--call-timeout")
                    || name.equals("--answer"));
        }
    }

    private static List<String> flat(List<Option> options, boolean windowOnly) {
        List<String> a = new ArrayList<>();
        for (Option o : options) {
            if (!windowOnly || o.forWindow()) {
                a.add(o.name());
                if (o.value() != null) {
                    a.add(o.value());
                }
            }
        }
        return a;
    }

    private List<Option> options() {
        List<Option> a = new ArrayList<>();
        if (start.queued() != null) {
            add(a, "--send", start.queued());
        }
        flag(a, "--ole", start.ole());
        flag(a, "--mapi-util", start.mapiUtil());
        flag(a, "--shared", start.shared());
        if (start.peers() != null) {
            add(a, "--peers", start.peers());
        }
        if (transport.latencyMs() != null) {
            add(a, "--transport-latency", transport.latencyMs());
        }
        if (transport.failEvery() != null) {
            add(a, "--transport-fail-every", transport.failEvery());
        }
        flag(a, "--transport-hang", transport.hang());
        flag(a, "--transport-offline", transport.offline());
        for (String r : transport.rules()) {
            add(a, "--transport-rule", r);
        }
        for (String f : faults) {
            add(a, "--fault", f);
        }
        threads.forEach(t -> add(a, "--thread", t.toSpec()));
        if (logoff != null) {
            if (logoff.mode() != null) {
                add(a, "--logoff", logoff.mode());
            }
            if (logoff.plan() != null) {
                add(a, "--plan", logoff.plan());
            }
            flag(a, "--allow-ui", logoff.allowUi());
            if (logoff.timeoutSeconds() != null) {
                double t = logoff.timeoutSeconds();
                add(a, "--timeout", t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t));
            }
            if (logoff.whatIf() != null) {
                logoff.whatIf().skip().forEach(s -> add(a, "--what-if-skip", s));
                logoff.whatIf().move().forEach(s -> add(a, "--what-if-move", s));
                logoff.whatIf().force().forEach(s -> add(a, "--what-if-force", s));
            }
        }
        return a;
    }

    private static void add(List<Option> a, String option, Object value) {
        a.add(new Option(option, String.valueOf(value)));
    }

    private static void flag(List<Option> a, String option, Boolean value) {
        if (Boolean.TRUE.equals(value)) {
            a.add(new Option(option, null));
        }
    }

    private static void text(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new JsonProblems.FieldProblem(field + " is longer than " + MAX_TEXT + " characters", field);
        }
    }

    /** A list of texts each {@code check} accepts; a refusal names {@code field[i]}. */
    private static List<String> items(String field, List<String> values, java.util.function.Consumer<String> check) {
        List<String> copy = values == null ? List.of() : List.copyOf(values);
        for (int i = 0; i < copy.size(); i++) {
            try {
                check.accept(copy.get(i));
            } catch (IllegalArgumentException e) {
                throw new JsonProblems.FieldProblem(e.getMessage(), e, field, i);
            }
        }
        return copy;
    }

    static String quoted(String s) {
        if (s == null) {
            return "nothing";
        }
        String cut = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return "\"" + cut.replace("\n", "\\n") + "\"";
    }

    @Override
    public String toString() {
        return name + (purpose == null ? "" : " — " + purpose.toLowerCase(Locale.ROOT));
    }
}
