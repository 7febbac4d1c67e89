package dev.mapiworkbench.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.HeadlessMain;
import dev.mapiworkbench.teardown.CallRecord;
import dev.mapiworkbench.teardown.StepRecord;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reproducible runs (issue #13 item 4): every transcript records how its run was set up, and
 * {@code --replay} runs it again on the simulator with the same steps, calls and HRESULTs, for each
 * built-in scenario.
 */
class ReplayTest {

    @TempDir
    Path dir;

    private static HeadlessRun headless(String... args) {
        return HeadlessRun.of(args);
    }

    static Stream<String> builtins() {
        return ScenarioReader.builtinNames().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtins")
    void eachBuiltinScenarioReplaysWithTheSameStepsCallsAndHresults(String name) throws Exception {
        Path profile = Files.createDirectory(dir.resolve("p"));
        Path first = dir.resolve("first.json");
        HeadlessRun r1 = headless(
                "--headless", "--scenario", name, "--profile", profile.toString(), "--transcript", first.toString());
        assertThat(first).as(r1.stderr()).exists();
        Transcript recorded = TranscriptJson.read(first);

        Path second = dir.resolve("second.json");
        HeadlessRun r2 = headless("--headless", "--replay", first.toString(), "--transcript", second.toString());
        assertThat(r2.stderr()).contains("replay: the same steps, calls and HRESULTs");
        assertThat(r2.exit()).as(r2.stderr()).isEqualTo(r1.exit());
        Transcript replayed = TranscriptJson.read(second);

        assertThat(Replays.differences(recorded, replayed)).isEmpty();
        assertThat(shape(replayed)).isEqualTo(shape(recorded));
        assertThat(replayed.run().profile())
                .as("a replay runs on a fresh profile")
                .isNotEqualTo(profile.toString());
        assertThat(replayed.run().scenario().get("name").asText()).isEqualTo(name);
        assertThat(replayed.run().options()).isEqualTo(recorded.run().options());
    }

    /** Steps, their status, and each call's API and HRESULT, as one comparable list. */
    private static List<String> shape(Transcript t) {
        return t.steps().stream()
                .flatMap((StepRecord s) -> Stream.concat(
                        Stream.of(s.id().id() + " " + s.status().id()),
                        s.calls().stream().map((CallRecord c) -> "  " + c.api() + " -> " + c.hresult())))
                .toList();
    }

    @Test
    void theTranscriptRecordsEverythingTheRunWasSetUpWith() throws Exception {
        Path profile = Files.createDirectory(dir.resolve("p"));
        Path t = dir.resolve("t.json");
        headless(
                "--headless",
                "--scenario",
                "logoff-fails",
                "--profile",
                profile.toString(),
                "--send",
                "2",
                "--transport-latency",
                "10",
                "--allow-ui",
                "--timeout",
                "7",
                "--transcript",
                t.toString());
        Transcript.Run run = TranscriptJson.read(t).run();
        assertThat(run.appVersion()).isNotBlank();
        assertThat(run.backend()).isEqualTo("sim");
        assertThat(run.profile()).isEqualTo(profile.toString());
        assertThat(run.scenario().get("name").asText()).isEqualTo("logoff-fails");
        assertThat(run.scenario().get("faults").get(0).asText()).isEqualTo("IMAPISession::Logoff=MAPI_E_CALL_FAILED");
        assertThat(run.queued()).isEqualTo(2);
        assertThat(run.transport().latencyMs()).isEqualTo(10);
        assertThat(run.faults()).containsExactly("IMAPISession::Logoff=MAPI_E_CALL_FAILED");
        assertThat(run.timeoutSeconds()).isEqualTo(7.0);
        assertThat(run.allowUi()).isTrue();
        assertThat(run.options())
                .containsSubsequence("--backend", "sim", "--send", "2", "--transport-latency", "10")
                .containsSubsequence("--fault", "IMAPISession::Logoff=MAPI_E_CALL_FAILED")
                .containsSubsequence("--logoff", "now", "--plan", "desktop", "--allow-ui", "--timeout", "7");
        assertThat(Replays.command(run))
                .startsWith("java -jar mapi-workbench.jar --headless --backend sim")
                .endsWith("--profile \"$(mktemp -d)\" --transcript -");
    }

    @Test
    void aReplayThatDiffersSaysWhereAndExitsThree() throws Exception {
        Path profile = Files.createDirectory(dir.resolve("p"));
        Path first = dir.resolve("first.json");
        headless(
                "--headless",
                "--scenario",
                "logoff-fails",
                "--profile",
                profile.toString(),
                "--transcript",
                first.toString());
        // the recording as another build produced it: Logoff succeeded there
        String json = Files.readString(first).replace("\"MAPI_E_CALL_FAILED\"", "\"S_OK\"");
        json = json.replace("\"hresultValue\" : -2147467259", "\"hresultValue\" : 0");
        Path edited = dir.resolve("edited.json");
        Files.writeString(edited, json);
        HeadlessRun r = headless("--headless", "--replay", edited.toString());
        assertThat(r.exit()).isEqualTo(HeadlessMain.EXIT_REPLAY_DIFFERS);
        assertThat(r.stderr()).contains("difference(s) from", "IMAPISession::Logoff returned S_OK in the recording");
    }

    @Test
    void aDefaultedAnswerIsRecordedAsDefaultedAndItsReplayTakesTheDefaultAgain() throws Exception {
        // Logoff (MAPI_LOGOFF_UI) finds the message in flight and asks; nobody answers (no --answer): the default
        Path profile = Files.createDirectory(dir.resolve("p"));
        Path first = dir.resolve("first.json");
        HeadlessRun r1 = headless(
                AskingLogoff.options("--headless", "--profile", profile.toString(), "--transcript", first.toString()));
        Transcript recorded = TranscriptJson.read(first);
        assertThat(recorded.prompts()).as(r1.stderr()).singleElement().satisfies(p -> {
            assertThat(p.answer()).isEqualTo("Leave in Outbox");
            assertThat(p.defaulted()).isTrue();
        });
        assertThat(recorded.run().answers()).containsExactly(Transcript.Run.DEFAULTED_ANSWER);
        assertThat(recorded.run().options()).containsSubsequence("--answer", Transcript.Run.DEFAULTED_ANSWER);

        Path second = dir.resolve("second.json");
        HeadlessRun r2 = headless("--headless", "--replay", first.toString(), "--transcript", second.toString());
        Transcript replayed = TranscriptJson.read(second);
        assertThat(replayed.prompts())
                .as("the replay gives no answer either: a default, not the person's 'Leave in Outbox'")
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.answer()).isEqualTo("Leave in Outbox");
                    assertThat(p.defaulted()).as(r2.stderr()).isTrue();
                });
        assertThat(replayed.run().answers()).isEqualTo(recorded.run().answers());
        assertThat(replayed.run().options()).isEqualTo(recorded.run().options());
    }
}
