package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #15's "traces for each linter rule, one that triggers it and one that does not", for every rule of the
 * catalogue: the seed's desktop procedure (docs/examples/seed-000-desktop.jsonl) with a StoreLogoff added is
 * clean; each rule gets that trace broken the way the rule describes (a line dropped, moved or changed), and
 * the fast-shutdown and thread rules a small trace of their own (TraceLinterTest holds their clean twins).
 */
class EveryRuleOnATraceTest {

    private static final String SEED = "docs/examples/seed-000-desktop.jsonl";
    private static final String STORE_LOGOFF = "{\"api\": \"IMsgStore::StoreLogoff\", \"this\": \"obj:2\", "
            + "\"args\": {\"lpulFlags\": \"LOGOFF_NO_WAIT\"}, \"step\": \"store-logoff\"}";
    /** Found only by the simulator during the Workbench's own runs (its faults), never in a developer's trace. */
    private static final String RUNS_ONLY = OrderLinter.SUBSYSTEM_FAULT;

    private static List<String> clean() {
        try {
            List<String> lines = new ArrayList<>();
            for (String l : Files.readAllLines(Path.of(SEED))) {
                if (!l.isBlank() && !l.startsWith("//") && !l.contains("\"schema\"")) {
                    lines.add(l.replaceFirst("\"seq\": \\d+, ", ""));
                }
            }
            lines.add(indexOf(lines, "IMsgStore::Unadvise") + 1, STORE_LOGOFF);
            return lines;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int indexOf(List<String> lines, String api) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"api\": \"" + api + "\"")) {
                return i;
            }
        }
        throw new AssertionError(api + " is not in the trace");
    }

    private static UnaryOperator<List<String>> drop(String api) {
        return l -> {
            l.remove(indexOf(l, api));
            return l;
        };
    }

    /** Moves the {@code api} line to just after the {@code after} line. */
    private static UnaryOperator<List<String>> move(String api, String after) {
        return l -> {
            String line = l.remove(indexOf(l, api));
            l.add(indexOf(l, after) + 1, line);
            return l;
        };
    }

    private static UnaryOperator<List<String>> insertAfter(String after, String line) {
        return l -> {
            l.add(indexOf(l, after) + 1, line);
            return l;
        };
    }

    private static UnaryOperator<List<String>> replace(String api, String from, String to) {
        return l -> {
            int i = indexOf(l, api);
            l.set(i, l.get(i).replace(from, to));
            return l;
        };
    }

    private static final String INIT = "{\"api\": \"MAPIInitialize\", \"args\": {\"lpMapiInit\": null}}";
    private static final String MT_INIT = "{\"api\": \"MAPIInitialize\", \"args\": {\"lpMapiInit\": {\"ulVersion\": 0, "
            + "\"ulFlags\": \"MAPI_MULTITHREAD_NOTIFICATIONS\"}}}";
    private static final String UNINIT = "{\"api\": \"MAPIUninitialize\"}";
    private static final String LOGON = "{\"api\": \"MAPILogonEx\", \"out\": {\"lppSession\": \"obj:1\"}}";
    private static final String QI = "{\"api\": \"IMAPISession::QueryInterface\", \"this\": \"obj:1\", \"args\": "
            + "{\"riid\": \"IID_IMAPIClientShutdown\"}, \"out\": {\"ppvObject\": \"obj:9\"}}";

    private static String shutdown(String method) {
        return "{\"api\": \"IMAPIClientShutdown::" + method + "\", \"this\": \"obj:9\"}";
    }

    private static String onThread(String line, int thread) {
        return line.replace("{\"api\"", "{\"thread\": " + thread + ", \"api\"");
    }

    private static UnaryOperator<List<String>> own(String... lines) {
        return l -> new ArrayList<>(List.of(lines));
    }

    /** Per rule: how the clean trace is broken so that the rule applies. */
    private static final Map<String, UnaryOperator<List<String>>> BREAKS = Map.ofEntries(
            Map.entry(OrderLinter.OBJECTS_OPEN_AT_LOGOFF, drop("IAddrBook::Release")),
            Map.entry(OrderLinter.ADVISE_NOT_CANCELLED, drop("IMsgStore::Unadvise")),
            Map.entry(OrderLinter.BUFFERS_NOT_FREED, drop("MAPIFreeBuffer")),
            Map.entry(OrderLinter.OLE_AFTER_MAPI_UNINIT, move("OleUninitialize", "MAPIUninitialize")),
            Map.entry(OrderLinter.DEINIT_WITHOUT_INIT, drop("ScInitMapiUtil")),
            Map.entry(
                    OrderLinter.CALL_AFTER_LOGOFF,
                    insertAfter(
                            "IMAPISession::Logoff",
                            "{\"api\": \"IMAPISession::GetStatusTable\", \"this\": \"obj:1\", \"args\": {\"ulFlags\": 0}}")),
            Map.entry(OrderLinter.UNBALANCED_MAPI_INIT, drop("MAPIUninitialize")),
            Map.entry(
                    OrderLinter.LOGOFF_SHARED_PASSED,
                    replace("IMAPISession::Logoff", "\"MAPI_LOGOFF_UI\"", "\"MAPI_LOGOFF_SHARED|MAPI_LOGOFF_UI\"")),
            Map.entry(OrderLinter.LOGOFF_NOT_CALLED, drop("IMAPISession::Logoff")),
            Map.entry(OrderLinter.OLE_NOT_UNINIT, drop("OleUninitialize")),
            Map.entry(OrderLinter.MAPI_UTIL_NOT_DEINIT, drop("DeinitMapiUtil")),
            Map.entry(OrderLinter.STEP_OUT_OF_ORDER, move("MAPIFreeBuffer", "IMsgStore::Unadvise")),
            Map.entry(RuleCatalogue.STORE_RELEASED_WITHOUT_STORELOGOFF, drop("IMsgStore::StoreLogoff")),
            Map.entry(
                    RuleCatalogue.FAST_SHUTDOWN_NOT_GATED,
                    own(MT_INIT, LOGON, QI, shutdown("NotifyProcessShutdown"), shutdown("DoFastShutdown"))),
            Map.entry(
                    RuleCatalogue.CALL_AFTER_FAST_SHUTDOWN,
                    own(
                            MT_INIT,
                            LOGON,
                            QI,
                            shutdown("QueryFastShutdown"),
                            shutdown("NotifyProcessShutdown"),
                            shutdown("DoFastShutdown"),
                            UNINIT)),
            Map.entry(RuleCatalogue.THREAD_UNINIT_WITHOUT_INIT, own(MT_INIT, onThread(UNINIT, 2), UNINIT)),
            Map.entry(RuleCatalogue.THREAD_EXITED_INITIALIZED, own(MT_INIT, onThread(MT_INIT, 2), UNINIT)),
            Map.entry(
                    RuleCatalogue.FIRST_THREAD_UNINIT_EARLY, own(INIT, onThread(INIT, 2), UNINIT, onThread(UNINIT, 2))),
            Map.entry(
                    RuleCatalogue.SINK_RELEASED_WHILE_REFERENCED,
                    move("IMAPIAdviseSink::Release", "IMsgStore::Advise")));

    private static List<String> rules(List<String> lines) {
        Trace t = TraceReader.parse(
                "rule.jsonl",
                "{\"schema\": \"mapi-workbench/trace/v1\", \"source\": \"test\"}\n" + String.join("\n", lines) + "\n");
        return new TraceLinter()
                .lint(t, TraceLinter.Context.forTrace(RuleCatalogue.Profile.OUTLOOK_2010)).stream()
                        .map(Finding::rule)
                        .toList();
    }

    static Stream<Arguments> breaks() {
        return BREAKS.keySet().stream().sorted().map(Arguments::of);
    }

    @Test
    void theSeedWithAStoreLogoffIsClean() {
        assertThat(rules(clean())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaks")
    void theBrokenTraceTriggersTheRule(String rule) {
        List<String> broken = BREAKS.get(rule).apply(clean());
        assertThat(rules(broken)).as(String.join("\n", broken)).contains(rule);
    }

    @Test
    void everyRuleOfTheCatalogueHasATrace() {
        List<String> all =
                RuleCatalogue.rules().stream().map(RuleCatalogue.Rule::id).toList();
        assertThat(BREAKS.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        all.stream().filter(r -> !r.equals(RUNS_ONLY)).toList());
    }
}
