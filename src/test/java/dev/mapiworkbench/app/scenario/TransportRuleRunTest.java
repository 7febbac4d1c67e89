package dev.mapiworkbench.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.cli.HeadlessCommand;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-message transport rules end to end (decision 0440): from a scenario file and {@code --transport-rule},
 * through the simulated transport, into the transcript's {@code run.transport.rules} and {@code run.options},
 * and a replay reproduces the run.
 */
class TransportRuleRunTest {

    @TempDir
    Path dir;

    private static HeadlessRun headless(String... args) {
        return HeadlessRun.of(args);
    }

    @Test
    @DisplayName("a scenario's rule and a command-line rule fail their messages with the chosen HRESULT and SMTP"
            + " reply; the others are sent; the run records both rules and replays the same")
    void rulesFromScenarioAndCommandLineAreAppliedRecordedAndReplayed() throws Exception {
        Path scenario = dir.resolve("rules.json");
        Files.writeString(scenario, """
                {
                  "schema": "mapi-workbench/scenario/v1",
                  "name": "one-message-fails",
                  "purpose": "The second of four messages fails in the transport.",
                  "start": { "queued": 4 },
                  "transport": { "latencyMs": 300,
                                 "rules": [ "subject~2 of 4=fail:MAPI_E_NETWORK_ERROR:the link went down" ] },
                  "logoff": { "mode": "after-sending", "timeoutSeconds": 30 }
                }
                """);
        Path profile = Files.createDirectory(dir.resolve("p"));
        Path first = dir.resolve("first.json");
        HeadlessRun r = headless(
                "--headless",
                "--scenario",
                scenario.toString(),
                "--transport-rule",
                "to~recipient4@=smtp:550 5.1.1 mailbox unavailable",
                "--profile",
                profile.toString(),
                "--transcript",
                first.toString());
        assertThat(first).as(r.stderr()).exists();
        Transcript t = TranscriptJson.read(first);

        // message 1 may have gone before the wait started; every other one is in the wait
        assertThat(failed(t)).containsExactly("Workbench message 2 of 4", "Workbench message 4 of 4");
        assertThat(t.waits()).extracting(Transcript.Wait::subject).contains("Workbench message 3 of 4");
        assertThat(t.waits()).extracting(Transcript.Wait::state).doesNotContain("queued");
        assertThat(t.waits().stream().filter(w -> w.state().equals("failed")).map(Transcript.Wait::reason))
                .satisfiesExactly(
                        a -> assertThat(a).contains("MAPI_E_NETWORK_ERROR", "the link went down"),
                        b -> assertThat(b).contains("550 5.1.1 mailbox unavailable"));
        assertThat(t.outbox().after()).isZero();

        assertThat(t.run().transport().rules())
                .extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactly(
                        "subject~2 of 4=fail:MAPI_E_NETWORK_ERROR:the link went down",
                        "to~recipient4@=smtp:550 5.1.1 mailbox unavailable");
        assertThat(t.run().options())
                .containsSubsequence(
                        "--transport-rule",
                        "subject~2 of 4=fail:MAPI_E_NETWORK_ERROR:the link went down",
                        "--transport-rule",
                        "to~recipient4@=smtp:550 5.1.1 mailbox unavailable");
        assertThat(t.run().scenario().get("transport").get("rules").get(0).asText())
                .startsWith("subject~2 of 4=");
        assertThat(Replays.command(t.run()))
                .contains("--transport-rule 'to~recipient4@=smtp:550 5.1.1 mailbox unavailable'");

        Path second = dir.resolve("second.json");
        HeadlessRun again = headless("--headless", "--replay", first.toString(), "--transcript", second.toString());
        assertThat(again.stderr()).contains("replay: the same steps, calls and HRESULTs");
        assertThat(again.exit()).isEqualTo(r.exit());
        Transcript replayed = TranscriptJson.read(second);
        assertThat(failed(replayed)).isEqualTo(failed(t));
        assertThat(replayed.run().options()).isEqualTo(t.run().options());
    }

    private static java.util.List<String> failed(Transcript t) {
        return t.waits().stream()
                .filter(w -> w.state().equals("failed"))
                .map(Transcript.Wait::subject)
                .toList();
    }

    @Test
    @DisplayName("a hang rule holds the first message in the spooler; a 'now' logoff aborts it and it stays queued")
    void hangRuleKeepsTheMessageQueued() throws Exception {
        Path first = dir.resolve("hang.json");
        HeadlessRun r = headless(
                "--headless",
                "--send",
                "1",
                "--transport-latency",
                "0",
                "--transport-rule",
                "#1=hang",
                "--logoff",
                "after-sending",
                "--timeout",
                "1",
                "--profile",
                Files.createDirectory(dir.resolve("p")).toString(),
                "--transcript",
                first.toString());
        assertThat(first).as(r.stderr()).exists();
        Transcript t = TranscriptJson.read(first);
        assertThat(t.waits()).extracting(Transcript.Wait::state).containsExactly("queued");
        assertThat(t.outbox().after()).isEqualTo(1);
        assertThat(t.run().transport().rules())
                .extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                .containsExactly("#1=hang");
    }

    @Test
    @DisplayName("a bad --transport-rule is refused before logon with exit 64, naming the option and why")
    void badRuleOnTheCommandLine() {
        HeadlessRun r = headless(
                "--headless",
                "--transport-rule",
                "subject~x=explode",
                "--profile",
                dir.resolve("p").toString());
        assertThat(r.exit()).isEqualTo(HeadlessCommand.EXIT_USAGE);
        assertThat(r.stderr()).contains("--transport-rule 'subject~x=explode'", "unknown action 'explode'");
        assertThat(dir.resolve("p")).doesNotExist();
    }

    @Test
    @DisplayName("a bad rule in a scenario file names the file, the line and transport.rules[i]")
    void badRuleInAScenario() throws Exception {
        Path scenario = dir.resolve("bad.json");
        Files.writeString(scenario, """
                {
                  "schema": "mapi-workbench/scenario/v1",
                  "name": "bad-rule",
                  "transport": {
                    "rules": [ "#1=hang",
                               "#2=fail:S_OK" ]
                  }
                }
                """);
        HeadlessRun r = headless("--headless", "--scenario", scenario.toString());
        assertThat(r.exit()).isEqualTo(HeadlessCommand.EXIT_USAGE);
        assertThat(r.stderr()).contains(scenario + ":", "transport", "rules[1]", "S_OK is not a failure");
    }
}
