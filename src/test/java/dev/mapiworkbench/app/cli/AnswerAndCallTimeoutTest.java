package dev.mapiworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mapiworkbench.app.HeadlessMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --answer} changes what the provider does (docs/cli.md), and {@code --call-timeout} ends a run whose
 * Logoff never returns (decision 0310): the stuck send the provider was told to finish.
 */
class AnswerAndCallTimeoutTest {

    @TempDir
    Path dir;

    private record Run(int exit, JsonNode transcript, String stderr) {
        String status(String stepId) {
            return java.util.stream.StreamSupport.stream(transcript.get("steps").spliterator(), false)
                    .filter(s -> s.get("id").asText().equals(stepId))
                    .map(s -> s.get("status").asText() + ": " + s.path("reason").asText())
                    .findFirst()
                    .orElseThrow();
        }

        /** The only provider question's answer, and whether it was the default. */
        String answer() {
            JsonNode p = transcript.get("prompts");
            assertThat(p).as(stderr).hasSize(1);
            return p.get(0).get("answer").asText() + (p.get(0).get("defaulted").asBoolean() ? " (default)" : "");
        }

        int queuedAtLogon() {
            return transcript.get("outbox").get("before").asInt();
        }
    }

    private Run run(Path profile, String... args) throws Exception {
        Path t = Files.createTempFile(dir, "t", ".json");
        List<String> a =
                new ArrayList<>(List.of("--headless", "--profile", profile.toString(), "--transcript", t.toString()));
        a.addAll(List.of(args));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HeadlessMain.run(
                a.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(Files.size(t)).as(stderr).isPositive();
        return new Run(exit, new ObjectMapper().readTree(t.toFile()), stderr);
    }

    /** The message in flight at Logoff: sent when the answer is "Finish sending", left queued by default. */
    private Run sendOneAndLogOff(Path profile, String... answer) throws Exception {
        // after a short after-sending wait the spooler holds the message, so it is in flight when Logoff runs
        // (a plain "now" logoff can reach Logoff before the spooler has picked the message up)
        List<String> a = new ArrayList<>(List.of(
                "--send",
                "1",
                "--transport-latency",
                "4000",
                "--logoff",
                "after-sending",
                "--timeout",
                "1",
                "--allow-ui"));
        a.addAll(List.of(answer));
        return run(profile, a.toArray(String[]::new));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void finishSendingFromTheCommandLineSendsTheMessageTheDefaultLeavesIt() throws Exception {
        Path answered = Files.createDirectory(dir.resolve("answered"));
        Run first = sendOneAndLogOff(answered, "--answer", "Finish sending");
        assertThat(first.transcript().get("prompts").get(0).get("question").asText())
                .startsWith("Finish sending 'Workbench message");
        assertThat(first.answer()).isEqualTo("Finish sending");
        assertThat(first.transcript().get("run").get("options").toString()).contains("\"--answer\",\"Finish sending\"");
        // the next logon finds the Outbox empty: the provider finished the send inside Logoff
        assertThat(run(answered).queuedAtLogon()).isZero();

        Path defaulted = Files.createDirectory(dir.resolve("defaulted"));
        assertThat(sendOneAndLogOff(defaulted).answer()).isEqualTo("Leave in Outbox (default)");
        assertThat(run(defaulted).queuedAtLogon()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anAnswerThatIsNotAChoiceGetsTheDefault() throws Exception {
        Path p = Files.createDirectory(dir.resolve("p"));
        assertThat(sendOneAndLogOff(p, "--answer", "Maybe later").answer()).isEqualTo("Leave in Outbox (default)");
        assertThat(run(p).queuedAtLogon()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aLogoffThatWaitsForAHungSendIsAbandonedNamingTheCall() throws Exception {
        Path p = Files.createDirectory(dir.resolve("stuck"));
        Run r = run(
                p,
                "--scenario",
                "message-stuck-in-spooler",
                "--allow-ui",
                "--answer",
                "Finish sending",
                "--call-timeout",
                "1");
        assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
        assertThat(r.transcript().get("outcome").asText()).isEqualTo("abandoned");
        assertThat(r.status("logoff")).startsWith("abandoned: ").contains("IMAPISession::Logoff");
        assertThat(r.status("mapi-uninitialize")).startsWith("skipped");
        assertThat(r.stderr()).contains("gave up: IMAPISession::Logoff", "did not return within --call-timeout 1 s");
        // the transcript itself says who gave up, and records the limit so that a replay gives up the same way
        assertThat(r.status("logoff")).endsWith("; given up by the call watchdog (--call-timeout 1 s)");
        assertThat(r.transcript().get("run").get("options").toString()).contains("\"--call-timeout\",\"1\"");
        Path recorded = dir.resolve("stuck.json");
        Files.writeString(recorded, r.transcript().toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HeadlessMain.run(
                new String[] {"--headless", "--replay", recorded.toString()},
                new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("did not return within --call-timeout 1 s", "replay: the same steps, calls and HRESULTs");
        assertThat(exit).isEqualTo(2);
    }

    @Test
    void aNegativeCallTimeoutIsBadInput() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HeadlessMain.run(
                new String[] {"--headless", "--profile", dir.toString(), "--call-timeout", "-1"},
                new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--call-timeout must be 0 or more seconds");
    }
}
