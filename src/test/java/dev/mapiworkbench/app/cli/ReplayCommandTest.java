package dev.mapiworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mapiworkbench.app.ToolMain;
import dev.mapiworkbench.teardown.RuleCatalogue;
import dev.mapiworkbench.trace.Replayer;
import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.trace.TraceReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code replay}: own runs replay with no difference; the simulator's differing answers are reported. */
class ReplayCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "{\"schema\": \"mapi-workbench/trace/v1\", \"source\": \"test\"}\n";
    private static final String LOGON = HEADER
            + "{\"seq\": 1, \"api\": \"MAPIInitialize\"}\n"
            + "{\"seq\": 2, \"api\": \"MAPILogonEx\", \"args\": {\"ulFlags\": \"MAPI_EXTENDED|MAPI_USE_DEFAULT\"},"
            + " \"out\": {\"lppSession\": \"obj:1\"}}\n"
            + "{\"seq\": 3, \"api\": \"IMAPISession::OpenMsgStore\", \"this\": \"obj:1\","
            + " \"args\": {\"ulFlags\": \"MAPI_BEST_ACCESS\"}, \"out\": {\"lppMDB\": \"obj:2\"}}\n";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    /** Runs the tool with {@code stdin} as standard input (shared by the tool tests of this package). */
    static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ToolMain.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Replayer.Result replay(String text) {
        return ReplayCommand.replay(
                        TraceReader.parse("t.jsonl", text), RuleCatalogue.Profile.OUTLOOK_2010, Duration.ofSeconds(10))
                .replay();
    }

    @ParameterizedTest(name = "options: [{0}]")
    @ValueSource(
            strings = {
                "--plan desktop",
                "--ole --mapi-util",
                "--what-if-skip unadvise",
                "--what-if-skip release-objects",
                "--what-if-skip logoff",
                "--shared",
                "--ole --what-if-move ole-uninitialize:mapi-uninitialize",
                "--what-if-skip mapi-uninitialize",
                "--send 2 --transport-offline",
                "--plan ce",
                "--plan fast-shutdown"
            })
    void anOwnRunReplaysWithNoDifference(String options) throws Exception {
        Path trace = dir.resolve("run.jsonl");
        OwnRuns.record(dir, trace, null, options);
        Trace recorded = TraceReader.read(trace);

        ReplayCommand.Outcome o =
                ReplayCommand.replay(recorded, RuleCatalogue.Profile.OUTLOOK_2010, Duration.ofSeconds(10));

        assertThat(o.replay().differences()).isEmpty();
        assertThat(o.replay().notReplayed()).isEmpty();
        assertThat(o.replay().replayed().calls()).hasSameSizeAs(recorded.calls());
        // the replayed run has the recorded run's findings
        List<String> recordedFindings = new dev.mapiworkbench.teardown.TraceLinter()
                        .lint(
                                recorded,
                                dev.mapiworkbench.teardown.TraceLinter.Context.forTrace(
                                        RuleCatalogue.Profile.OUTLOOK_2010))
                        .stream()
                        .map(f -> f.rule() + "@" + f.seq())
                        .toList();
        assertThat(o.lint().findings())
                .extracting(f -> f.rule() + "@" + f.seq())
                .containsExactlyElementsOf(recordedFindings);
    }

    @Test
    void aCallAfterLogoffIsADifference() {
        Replayer.Result r = replay(LOGON
                + "{\"seq\": 4, \"api\": \"IMAPISession::Logoff\", \"this\": \"obj:1\"}\n"
                + "{\"seq\": 5, \"api\": \"IMAPISession::GetStatusTable\", \"this\": \"obj:1\","
                + " \"out\": {\"lppTable\": \"obj:3\"}}\n"
                + "{\"seq\": 6, \"api\": \"IMAPITable::Release\", \"this\": \"obj:3\", \"ret\": 0}\n");

        assertThat(r.differences()).singleElement().satisfies(d -> {
            assertThat(d.seq()).isEqualTo(5);
            assertThat(d.line()).isEqualTo(6);
            assertThat(d.recorded()).isEqualTo("S_OK");
            assertThat(d.replayed()).startsWith("MAPI_E_");
        });
        // the table was never created on the simulator: its Release is listed, not performed
        assertThat(r.notReplayed()).singleElement().satisfies(n -> {
            assertThat(n.seq()).isEqualTo(6);
            assertThat(n.reason()).contains("obj:3").contains("seq 5");
        });
        // what the client still held at Logoff is the simulator's leak report
        assertThat(r.leaks()).extracting(l -> l.kind()).contains("MSG_STORE");
    }

    @Test
    void aDifferentReferenceCountIsADifference() {
        Replayer.Result r = replay(LOGON
                + "{\"seq\": 4, \"api\": \"IMsgStore::AddRef\", \"this\": \"obj:2\", \"ret\": 2}\n"
                + "{\"seq\": 5, \"api\": \"IMsgStore::Release\", \"this\": \"obj:2\", \"ret\": 0}\n");

        assertThat(r.differences()).singleElement().satisfies(d -> {
            assertThat(d.seq()).isEqualTo(5);
            assertThat(d.recorded()).isEqualTo("returned 0");
            assertThat(d.replayed()).isEqualTo("returned 1");
        });
        assertThat(r.stillLive()).extracting(i -> i.name()).contains("Mailbox - Default");
    }

    @Test
    void aFailureTheSimulatorDoesNotHaveIsADifferenceAndTheClientsPathIsKept() {
        Replayer.Result r = replay(HEADER
                + "{\"seq\": 1, \"api\": \"MAPIInitialize\"}\n"
                + "{\"seq\": 2, \"api\": \"MAPILogonEx\", \"args\": {\"ulFlags\": \"MAPI_LOGON_UI\"},"
                + " \"hr\": \"MAPI_E_USER_CANCEL\"}\n"
                + "{\"seq\": 3, \"api\": \"MAPIUninitialize\"}\n");

        assertThat(r.differences()).singleElement().satisfies(d -> {
            assertThat(d.recorded()).isEqualTo("MAPI_E_USER_CANCEL");
            assertThat(d.replayed()).isEqualTo("S_OK");
        });
        // the session the client never received was given back: nothing is left on the simulator
        assertThat(r.stillLive()).isEmpty();
        assertThat(r.leaks()).isEmpty();
    }

    @Test
    void callsTheReplayerCannotPerformAreListed() {
        Replayer.Result r = replay(LOGON
                + "{\"seq\": 4, \"api\": \"IMsgStore::CopyTo\", \"this\": \"obj:2\"}\n"
                + "{\"seq\": 5, \"api\": \"HrDispatchNotifications\"}\n"
                + "{\"seq\": 6, \"api\": \"IMsgStore::Release\", \"this\": \"obj:9\"}\n");

        assertThat(r.notReplayed())
                .extracting(Replayer.NotReplayed::seq, Replayer.NotReplayed::api)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4L, "IMsgStore::CopyTo"),
                        org.assertj.core.groups.Tuple.tuple(5L, "HrDispatchNotifications"),
                        org.assertj.core.groups.Tuple.tuple(6L, "IMsgStore::Release"));
        assertThat(r.notReplayed().get(2).reason()).contains("never handed it back");
    }

    @Test
    void aCallThatBlocksOnTheSimulatorIsReportedAndTheReplayGoesOn() {
        String text = LOGON
                + "{\"seq\": 4, \"api\": \"IMAPISession::Logoff\", \"this\": \"obj:1\"}\n"
                + "{\"seq\": 5, \"api\": \"IMAPISession::Release\", \"this\": \"obj:1\", \"ret\": 0}\n"
                + "{\"seq\": 6, \"thread\": 2, \"api\": \"OleInitialize\"}\n";
        ReplayCommand.Outcome o = ReplayCommand.replay(
                TraceReader.parse("t.jsonl", text),
                RuleCatalogue.Profile.OUTLOOK_2010,
                Duration.ofMillis(300),
                Map.of("sim.storeLogoffHang", "true"));

        assertThat(o.replay().differences()).singleElement().satisfies(d -> {
            assertThat(d.seq()).isEqualTo(4);
            assertThat(d.replayed()).isEqualTo("no return");
        });
        // the rest of thread 1 waits behind the blocked call; thread 2 goes on
        assertThat(o.replay().notReplayed())
                .extracting(Replayer.NotReplayed::seq)
                .containsExactly(5L);
        assertThat(o.replay().replayed().calls()).extracting(c -> c.seq()).containsExactly(1L, 2L, 3L, 6L);
    }

    @Test
    void eachTraceThreadRunsOnAThreadOfItsOwn() {
        // with strict thread rules a thread that never called MAPIInitialize is refused: thread 2 did not
        String text = HEADER
                + "{\"seq\": 1, \"api\": \"MAPIInitialize\"}\n"
                + "{\"seq\": 2, \"api\": \"MAPILogonEx\", \"out\": {\"lppSession\": \"obj:1\"}}\n"
                + "{\"seq\": 3, \"thread\": 2, \"api\": \"IMAPISession::GetStatusTable\", \"this\": \"obj:1\","
                + " \"out\": {\"lppTable\": \"obj:2\"}}\n";
        ReplayCommand.Outcome o = ReplayCommand.replay(
                TraceReader.parse("t.jsonl", text),
                RuleCatalogue.Profile.OUTLOOK_2010,
                Duration.ofSeconds(10),
                Map.of("sim.threadRules", "strict"));

        assertThat(o.replay().differences()).singleElement().satisfies(d -> {
            assertThat(d.seq()).isEqualTo(3);
            assertThat(d.replayed()).isEqualTo("MAPI_E_NOT_INITIALIZED");
        });
    }

    @Test
    void theCommandLineReportsDifferencesWithExitStatusAndJson() throws Exception {
        Path f = dir.resolve("t.jsonl");
        Files.writeString(
                f,
                LOGON
                        + "{\"seq\": 4, \"api\": \"IMsgStore::AddRef\", \"this\": \"obj:2\", \"ret\": 2}\n"
                        + "{\"seq\": 5, \"api\": \"IMsgStore::Release\", \"this\": \"obj:2\", \"ret\": 0}\n");

        Run text = run("", "replay", f.toString());
        assertThat(text.exit()).isEqualTo(2);
        assertThat(text.out()).contains(f + ":6: differs: seq 5 IMsgStore::Release: trace returned 0");
        assertThat(text.err()).contains("1 difference(s)");

        Run json = run("", "replay", "--format", "json", f.toString());
        JsonNode root = JSON.readTree(json.out());
        assertThat(root.get("schema").asText()).isEqualTo("mapi-workbench/replay/v1");
        assertThat(root.get("result").asText()).isEqualTo("differs");
        assertThat(root.get("differences").get(0).get("seq").asLong()).isEqualTo(5);
        assertThat(root.get("lint").get("schema").asText()).isEqualTo("mapi-workbench/lint/v1");

        Run clean = run("", "replay", "docs/examples/seed-002-ce.jsonl");
        assertThat(clean.exit()).as(clean.out()).isZero();
        assertThat(clean.out()).contains("no difference");

        Run stdin = run(HEADER + "{\"api\": \"MAPIInitialize\"}\n{\"api\": \"MAPIUninitialize\"}\n", "replay", "-");
        assertThat(stdin.exit()).isZero();
    }

    @Test
    void badInputExits64WithOneLine() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, HEADER + "{\"api\": \"MAPIInitialize\", \"hr\": \"MAPI_E_NOPE\"}\n");
        Run bad = run("", "replay", f.toString());
        assertThat(bad.exit()).isEqualTo(64);
        assertThat(bad.err().strip()).startsWith("mapi-workbench: " + f + ":2:").doesNotContain("\n");

        assertThat(run("", "replay", "--format", "xml", f.toString()).exit()).isEqualTo(64);
        assertThat(run("", "replay", "--sim-option", "threadRules=strict", "docs/examples/seed-002-ce.jsonl")
                        .exit())
                .isEqualTo(64);
    }
}
