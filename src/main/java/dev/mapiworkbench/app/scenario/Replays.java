package dev.mapiworkbench.app.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.CallRecord;
import dev.mapiworkbench.teardown.StepRecord;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.WhatIf;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reproducible runs (issue #13 item 4, docs/scenarios.md "Replay"): what a transcript records about how its
 * run was set up ({@link Transcript.Run}), the headless options that run it again, the strict reading of a
 * transcript for {@code --replay} (every refusal names the file, the line and the field) and the comparison
 * of a replay with its recording (the same steps, calls and HRESULTs).
 *
 * <p>It stays over 400 lines on purpose: the reading, the options and the comparison all follow the fields of
 * {@link Transcript.Run}, and keeping them side by side means a new run field is added in one file.
 */
public final class Replays {

    /** The largest transcript a replay reads. */
    public static final long MAX_BYTES = 32L << 20;

    /** The options a transcript's {@code run.options} may hold: nothing that names a file or a server. */
    static final Set<String> REPLAYABLE = Set.of(
            "--backend",
            "--send",
            "--ole",
            "--mapi-util",
            "--shared",
            "--peers",
            "--transport-latency",
            "--transport-fail-every",
            "--transport-hang",
            "--transport-offline",
            "--transport-rule",
            "--fault",
            "--logoff",
            "--plan",
            "--allow-ui",
            "--timeout",
            "--call-timeout",
            "--what-if-skip",
            "--what-if-move",
            "--what-if-force",
            "--answer",
            "--init-flags",
            "--logon-flags",
            "--logoff-flags",
            "--thread");

    /** The options of {@link #REPLAYABLE} that take no value (every other one takes one). */
    static final Set<String> FLAGS =
            Set.of("--ole", "--mapi-util", "--shared", "--transport-hang", "--transport-offline", "--allow-ui");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer transcripts may add fields
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A transcript that cannot be replayed; the message is the one line to show. */
    public static final class ReplayException extends Exception {
        private static final long serialVersionUID = 1L;

        public ReplayException(String message) {
            super(message);
        }

        public ReplayException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * How a run was set up, as the app knows it when the teardown starts.
     *
     * @param queued messages the run queued before logging off
     * @param faults faults in force, {@code API=ACTION} each
     * @param rules  the transport's per-message rules, as {@code --transport-rule} values
     * @param callTimeoutSeconds {@code --call-timeout} as given, or null (the default, or the window)
     * @param initFlags   MAPIINIT_0.ulFlags as given ({@code --init-flags}, Log on with flags…), or null: the default
     * @param logonFlags  MAPILogonEx ulFlags as given ({@code --logon-flags}), or null: computed
     * @param logoffFlags IMAPISession::Logoff ulFlags as given ({@code --logoff-flags}, Log off with flags…), or
     *                    null: computed
     * @param threads     the scenario's extra client threads, as {@code --thread} values (decision 0550)
     */
    public record Setup(
            String appVersion,
            String backend,
            Path profile,
            Scenario scenario,
            boolean shared,
            int peers,
            boolean ole,
            boolean mapiUtil,
            int queued,
            TransportSettings transport,
            List<String> rules,
            List<String> faults,
            double timeoutSeconds,
            boolean allowUi,
            Double callTimeoutSeconds,
            Integer initFlags,
            Integer logonFlags,
            Integer logoffFlags,
            List<String> threads) {
        public Setup {
            rules = rules == null ? List.of() : List.copyOf(rules);
            faults = faults == null ? List.of() : List.copyOf(faults);
            threads = threads == null ? List.of() : List.copyOf(threads);
        }

        /** This setup with the raw flags given (null: computed). */
        public Setup withRawFlags(Integer init, Integer logon, Integer logoff) {
            return with(init, logon, logoff, threads);
        }

        /** This setup with the scenario's extra threads ({@code --thread} values). */
        public Setup withThreads(List<String> values) {
            return with(initFlags, logonFlags, logoffFlags, values);
        }

        /** This setup with the raw flags and threads given: the one copy of every other field. */
        private Setup with(Integer init, Integer logon, Integer logoff, List<String> values) {
            return new Setup(
                    appVersion,
                    backend,
                    profile,
                    scenario,
                    shared,
                    peers,
                    ole,
                    mapiUtil,
                    queued,
                    transport,
                    rules,
                    faults,
                    timeoutSeconds,
                    allowUi,
                    callTimeoutSeconds,
                    init,
                    logon,
                    logoff,
                    values);
        }
    }

    private Replays() {}

    /** The record of {@code setup} for transcript {@code t} (its mode, plan, what-if and answers). */
    public static Transcript.Run record(Setup s, Transcript t) {
        // a default is recorded as one, not as the person's answer: its replay takes the default again (0840)
        List<String> answers = t.prompts().stream()
                .map(p -> p.defaulted() ? Transcript.Run.DEFAULTED_ANSWER : p.answer())
                .toList();
        JsonNode scenario = s.scenario() == null ? null : MAPPER.valueToTree(s.scenario());
        TransportSettings tr = s.transport() == null ? TransportSettings.defaults() : s.transport();
        List<JsonNode> rules = new ArrayList<>();
        for (String r : s.rules()) {
            rules.add(MAPPER.getNodeFactory().textNode(r));
        }
        return new Transcript.Run(
                s.appVersion(),
                s.backend(),
                s.profile() == null ? null : s.profile().toString(),
                scenario,
                new Transcript.Logon(s.shared(), s.shared() ? s.peers() : 0, s.ole(), s.mapiUtil()),
                s.queued(),
                new Transcript.TransportRecord(tr.latencyMillis(), tr.failEvery(), tr.hang(), tr.offline(), rules),
                s.faults(),
                s.timeoutSeconds(),
                s.allowUi(),
                answers,
                options(s, t, answers),
                hex(s.initFlags()),
                hex(s.logonFlags()),
                hex(s.logoffFlags()),
                s.threads());
    }

    private static List<String> options(Setup s, Transcript t, List<String> answers) {
        List<String> a = new ArrayList<>(List.of("--backend", "sim"));
        if (s.queued() > 0) {
            a.addAll(List.of("--send", Integer.toString(s.queued())));
        }
        flag(a, "--ole", s.ole());
        flag(a, "--mapi-util", s.mapiUtil());
        flag(a, "--shared", s.shared());
        if (s.shared()) {
            a.addAll(List.of("--peers", Integer.toString(s.peers())));
        }
        TransportSettings tr = s.transport() == null ? TransportSettings.defaults() : s.transport();
        a.addAll(List.of("--transport-latency", Long.toString(tr.latencyMillis())));
        if (tr.failEvery() > 0) {
            a.addAll(List.of("--transport-fail-every", Integer.toString(tr.failEvery())));
        }
        flag(a, "--transport-hang", tr.hang());
        flag(a, "--transport-offline", tr.offline());
        s.rules().forEach(r -> a.addAll(List.of("--transport-rule", r)));
        s.faults().forEach(f -> a.addAll(List.of("--fault", f)));
        a.addAll(List.of("--logoff", t.mode(), "--plan", t.plan()));
        flag(a, "--allow-ui", s.allowUi());
        a.addAll(List.of("--timeout", seconds(s.timeoutSeconds())));
        if (s.callTimeoutSeconds() != null) {
            a.addAll(List.of("--call-timeout", seconds(s.callTimeoutSeconds())));
        }
        if (t.whatIf() != null) {
            t.whatIf().skip().forEach(x -> a.addAll(List.of("--what-if-skip", x.id())));
            for (WhatIf.Move m : t.whatIf().moves()) {
                a.addAll(List.of(
                        "--what-if-move",
                        m.stepId().id() + ":" + m.afterStepId().id()));
            }
            t.whatIf().force().forEach(x -> a.addAll(List.of("--what-if-force", x.id())));
        }
        answers.forEach(x -> a.addAll(List.of("--answer", x)));
        String[][] raw = {
            {"--init-flags", hex(s.initFlags())},
            {"--logon-flags", hex(s.logonFlags())},
            {"--logoff-flags", hex(s.logoffFlags())}
        };
        for (String[] r : raw) {
            if (r[1] != null) {
                a.addAll(List.of(r[0], r[1]));
            }
        }
        s.threads().forEach(x -> a.addAll(List.of("--thread", x)));
        return a;
    }

    /** Raw flags as the run record writes them ({@code 0x00000021}), or null. */
    private static String hex(Integer flags) {
        return flags == null ? null : dev.mapiworkbench.mapi.HResult.hex(flags);
    }

    /** Seconds as the command line writes them: {@code 60}, {@code 0.5}. */
    public static String seconds(double t) {
        return t == Math.rint(t) && !Double.isInfinite(t) ? Long.toString((long) t) : Double.toString(t);
    }

    private static void flag(List<String> a, String option, boolean on) {
        if (on) {
            a.add(option);
        }
    }

    /**
     * The headless command line that reproduces the run, for a POSIX shell, on a fresh profile folder
     * ("Copy as command").
     */
    public static String command(Transcript.Run run) {
        List<String> a = new ArrayList<>(List.of("java", "-jar", "mapi-workbench.jar", "--headless"));
        a.addAll(ScenarioArguments.quoteAll(run.options()));
        return String.join(" ", a) + " --profile \"$(mktemp -d)\" --transcript -";
    }

    // ---- reading ---------------------------------------------------------------------------

    /** Reads a transcript for replay: a {@value Transcript#SCHEMA} document with a usable {@code run}. */
    public static Transcript read(Path file) throws ReplayException {
        byte[] bytes;
        try {
            bytes = JsonProblems.readFile(file, MAX_BYTES, "transcript");
        } catch (JsonProblems.Problem p) {
            throw new ReplayException(p.getMessage(), p.getCause());
        }
        return parse(file.toString(), bytes);
    }

    /** Parses transcript text for replay; {@code source} names it in errors. */
    public static Transcript parse(String source, byte[] bytes) throws ReplayException {
        try {
            JsonProblems.checkText(source, bytes, MAX_BYTES, "transcript");
        } catch (JsonProblems.Problem p) {
            throw new ReplayException(p.getMessage(), p.getCause());
        }
        Transcript t;
        try {
            t = MAPPER.readValue(bytes, Transcript.class);
        } catch (JsonMappingException e) {
            throw new ReplayException(JsonProblems.describe(source, e, bytes), e);
        } catch (JsonProcessingException e) {
            throw new ReplayException(
                    source + ":" + JsonProblems.line(e.getLocation()) + ": not valid JSON: "
                            + JsonProblems.firstLine(e.getOriginalMessage()),
                    e);
        } catch (IOException e) {
            throw new ReplayException(source + ": cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ReplayException(source + ": " + JsonProblems.firstLine(String.valueOf(e.getMessage())), e);
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        if (t == null) {
            throw new ReplayException(source + ":1: empty; expected a " + Transcript.SCHEMA + " transcript");
        }
        if (!Transcript.SCHEMA.equals(t.schema())) {
            throw new ReplayException(source + ":" + JsonProblems.fieldLine(text, "schema") + ": schema: must be \""
                    + Transcript.SCHEMA + "\", not " + Scenario.quoted(t.schema()));
        }
        if (t.run() == null) {
            throw new ReplayException(source + ":1: run: missing; the transcript does not say how its run was set up"
                    + " (written before replays existed), so it cannot be replayed");
        }
        List<String> o = t.run().options();
        for (int i = 0; i < o.size(); i++) {
            String opt = o.get(i);
            String where = source + ":" + JsonProblems.fieldLine(text, "options") + ": run.options[" + i + "]: ";
            if (opt == null || !REPLAYABLE.contains(opt)) {
                throw new ReplayException(where + Scenario.quoted(opt) + " is not an option a replay takes"
                        + " (a replay runs on the simulator with a fresh profile)");
            }
            if (opt.equals("--backend") && (i + 1 >= o.size() || !"sim".equals(o.get(i + 1)))) {
                throw new ReplayException(where + "a replay runs on the simulator: --backend must be sim");
            }
            if (!FLAGS.contains(opt)) {
                if (i + 1 >= o.size() || o.get(i + 1) == null || REPLAYABLE.contains(o.get(i + 1))) {
                    throw new ReplayException(where + opt + " needs a value");
                }
                i++;
            }
        }
        return t;
    }

    /** The scenario embedded in {@code t}'s run, or null; {@code file} names it in errors ("FILE: run.scenario"). */
    public static Scenario scenario(String file, Transcript t) throws ReplayException {
        if (t.run().scenario() == null) {
            return null;
        }
        try {
            return ScenarioReader.parse(
                    file + ": run.scenario",
                    t.run().scenario().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (ScenarioReader.ScenarioException e) {
            throw new ReplayException(e.getMessage(), e);
        }
    }

    // ---- comparing -------------------------------------------------------------------------

    /**
     * What differs between a recorded run and its replay, one line each, in the order of the steps: a step
     * missing or added, a different status, a call missing or added, a different HRESULT; then the provider's
     * questions in the order asked: a question missing or added, another question (provider or text), another
     * answer, or an answer where the other run took the question's default (nobody answered: decision 0840, so a
     * default and a person's choice of the same text differ); then a different result. Durations, handles and
     * argument values are not compared. Empty: the same.
     */
    public static List<String> differences(Transcript recorded, Transcript replayed) {
        List<String> d = new ArrayList<>();
        List<StepRecord> a = recorded.steps();
        List<StepRecord> b = replayed.steps();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i >= a.size()) {
                d.add("step " + (i + 1) + " " + b.get(i).id() + ": not in the recording");
                continue;
            }
            if (i >= b.size()) {
                d.add("step " + (i + 1) + " " + a.get(i).id() + ": missing from the replay");
                continue;
            }
            StepRecord x = a.get(i);
            StepRecord y = b.get(i);
            String at = "step " + x.index() + " " + x.id();
            if (x.id() != y.id()) {
                d.add(at + ": the replay ran " + y.id() + " here");
                continue;
            }
            if (x.status() != y.status()) {
                d.add(at + ": " + x.status().id() + " in the recording, "
                        + y.status().id() + " in the replay");
            }
            calls(at, x.calls(), y.calls(), d);
        }
        prompts(recorded.prompts(), replayed.prompts(), d);
        if (!recorded.result().equals(replayed.result())) {
            d.add("result: " + recorded.result() + " in the recording, " + replayed.result() + " in the replay");
        }
        return d;
    }

    private static void prompts(List<Transcript.Prompt> a, List<Transcript.Prompt> b, List<String> d) {
        for (int j = 0; j < Math.max(a.size(), b.size()); j++) {
            if (j >= a.size()) {
                d.add("prompt " + (j + 1) + " " + asked(b.get(j)) + ": not in the recording");
                continue;
            }
            if (j >= b.size()) {
                d.add("prompt " + (j + 1) + " " + asked(a.get(j)) + ": missing from the replay");
                continue;
            }
            Transcript.Prompt x = a.get(j);
            Transcript.Prompt y = b.get(j);
            String at = "prompt " + (j + 1) + " " + asked(x);
            if (!Objects.equals(x.provider(), y.provider()) || !Objects.equals(x.question(), y.question())) {
                d.add(at + ": the replay asked " + asked(y) + " here");
            } else if (x.defaulted() != y.defaulted() || !Objects.equals(x.answer(), y.answer())) {
                d.add(at + ": " + answer(x) + " in the recording, " + answer(y) + " in the replay");
            }
        }
    }

    /** A provider's question as the difference lines name it: {@code Provider 'question'}. */
    private static String asked(Transcript.Prompt p) {
        return p.provider() + " '" + p.question() + "'";
    }

    /** A prompt's answer as the difference lines name it: {@code answered 'X'} or its default (decision 0840). */
    private static String answer(Transcript.Prompt p) {
        return p.defaulted() ? "its default '" + p.answer() + "' (nobody answered)" : "answered '" + p.answer() + "'";
    }

    private static void calls(String at, List<CallRecord> a, List<CallRecord> b, List<String> d) {
        for (int j = 0; j < Math.max(a.size(), b.size()); j++) {
            if (j >= a.size()) {
                d.add(at + ": call " + (j + 1) + " " + b.get(j).api() + " not in the recording");
            } else if (j >= b.size()) {
                d.add(at + ": call " + (j + 1) + " " + a.get(j).api() + " missing from the replay");
            } else if (!a.get(j).api().equals(b.get(j).api())) {
                d.add(at + ": call " + (j + 1) + " " + a.get(j).api() + " in the recording, "
                        + b.get(j).api() + " in the replay");
            } else if (a.get(j).hresultValue() != b.get(j).hresultValue()) {
                d.add(String.format(
                        Locale.ROOT,
                        "%s: call %d %s returned %s in the recording, %s in the replay",
                        at,
                        j + 1,
                        a.get(j).api(),
                        a.get(j).hresult(),
                        b.get(j).hresult()));
            }
        }
    }
}
