package dev.mapiworkbench.app.scenario;

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
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in scenario runs headless, through the real command line, and produces what its
 * "watchFor" line promises (docs/scenarios.md).
 */
class BuiltinScenariosTest {

    @TempDir
    Path dir;

    private record Run(int exit, JsonNode transcript, String stderr) {
        JsonNode step(String id) {
            for (JsonNode s : transcript.get("steps")) {
                if (s.get("id").asText().equals(id)) {
                    return s;
                }
            }
            throw new AssertionError("no step " + id + " in " + transcript.get("steps"));
        }

        List<String> rules() {
            return StreamSupport.stream(transcript.get("findings").spliterator(), false)
                    .map(f -> f.get("rule").asText())
                    .toList();
        }

        String result() {
            return transcript.get("result").asText();
        }

        int outboxAfter() {
            return transcript.get("outbox").get("after").asInt();
        }
    }

    private Run run(String scenario, String... extra) throws Exception {
        Path profile = Files.createTempDirectory(dir, scenario);
        Path t = profile.resolve("t.json");
        List<String> args = new ArrayList<>(List.of(
                "--headless", "--scenario", scenario, "--profile", profile.toString(), "--transcript", t.toString()));
        args.addAll(List.of(extra));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HeadlessMain.run(
                args.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(t).as(stderr).exists();
        return new Run(exit, new ObjectMapper().readTree(t.toFile()), stderr);
    }

    @Test
    void thereAreAtLeastTenBuiltinsAndEachHasAPurposeAndWhatToWatch() {
        List<Scenario> all = ScenarioReader.builtins();
        assertThat(all).hasSizeGreaterThanOrEqualTo(10);
        assertThat(all).allSatisfy(s -> {
            assertThat(s.purpose()).isNotBlank();
            assertThat(s.watchFor()).isNotBlank();
        });
        assertThat(ScenarioArguments.catalogue()).contains("slow-transport-pending", "watch for:");
    }

    @Test
    void slowTransportPendingDrainsTheOutboxBeforeTheTeardown() throws Exception {
        Run r = run("slow-transport-pending");
        assertThat(r.step("flush-outbox").get("status").asText()).isEqualTo("done");
        assertThat(r.outboxAfter()).isZero();
        assertThat(r.result()).isEqualTo("clean");
        assertThat(r.exit()).isZero();
    }

    @Test
    void transportDownTimesOutAndLeavesTheMailQueued() throws Exception {
        Run r = run("transport-down");
        assertThat(r.step("flush-outbox").get("reason").asText()).contains("timed out");
        assertThat(r.transcript().get("outbox").get("before").asInt()).isEqualTo(2);
        assertThat(r.outboxAfter()).isEqualTo(2);
    }

    @Test
    void aMessageStuckInTheSpoolerStaysQueuedAfterLogoffNow() throws Exception {
        Run r = run("message-stuck-in-spooler");
        assertThat(r.outboxAfter()).isEqualTo(1);
        assertThat(r.step("logoff").get("reason").asText()).contains("stay");
    }

    @Test
    void aBlockingLogoffIsSeenInTheLogoffStepsDuration() throws Exception {
        Run r = run("logoff-blocks");
        JsonNode logoff = r.step("logoff");
        assertThat(logoff.get("durationMicros").asLong()).isGreaterThanOrEqualTo(2_900_000L);
        assertThat(r.stderr()).contains("fault in force: IMAPISession::Logoff=block:3000");
        assertThat(r.step("mapi-uninitialize").get("status").asText()).isEqualTo("done");
    }

    @Test
    void aBlockingStoreReleaseHoldsUpReleaseObjectsAndNothingRunsEarly() throws Exception {
        Run r = run("store-release-blocks");
        JsonNode release = r.step("release-objects");
        assertThat(release.get("durationMicros").asLong()).isGreaterThanOrEqualTo(1_900_000L);
        List<String> order = StreamSupport.stream(r.transcript().get("steps").spliterator(), false)
                .map(s -> s.get("id").asText())
                .toList();
        assertThat(order.indexOf("release-objects")).isLessThan(order.indexOf("logoff"));
    }

    @Test
    void aLateNotificationAfterUnadviseDoesNotUpsetTheTeardown() throws Exception {
        Run r = run("notification-after-unadvise");
        assertThat(r.stderr()).contains("late-notify");
        assertThat(r.step("unadvise").get("status").asText()).isEqualTo("done");
        assertThat(r.step("mapi-uninitialize").get("status").asText()).isEqualTo("done");
    }

    @Test
    void aCriticalErrorDuringTheWaitEndsTheWaitAndTheTeardownGoesOnWithoutUi() throws Exception {
        // 2 messages at 1.5 s each: the wait would drain the Outbox in ~3 s; the critical error raised at
        // FlushQueues stops it at once (mapi-notification-events: "a session shutdown in progress";
        // implementing-an-advise-sink-object: log off), so mail still queued stays in the Outbox
        Run r = run("critical-error-during-wait", "--allow-ui");
        JsonNode flush = r.step("flush-outbox");
        assertThat(flush.get("status").asText()).isEqualTo("warning");
        assertThat(flush.get("reason").asText()).contains("fnevCriticalError", "stopped waiting");
        assertThat(r.outboxAfter()).isPositive();
        assertThat(r.step("logoff").get("status").asText()).isEqualTo("done");
        assertThat(r.step("mapi-uninitialize").get("status").asText()).isEqualTo("done");
        assertThat(r.transcript().get("flags").get("value").asInt())
                .as("the critical-error path passes no MAPI_LOGOFF_UI even with --allow-ui")
                .isZero();
    }

    @Test
    void bothPeersOfASharedSessionReceiveTheCriticalErrorAndLogOff() throws Exception {
        Run r = run("shared-session-two-peers");
        JsonNode peers = r.transcript().get("peers");
        assertThat(peers).hasSize(2);
        for (JsonNode p : peers) {
            assertThat(p.get("loggedOn").asBoolean()).isFalse();
            assertThat(p.get("logoffReason").asText()).contains("fnevCriticalError");
        }
        assertThat(r.rules()).contains("logoff-shared-passed");
    }

    @Test
    void aLeakyClientsStoreIsInTheLeakReport() throws Exception {
        Run r = run("leaky-client");
        assertThat(r.transcript().get("leaks").toString()).contains("Mailbox");
    }

    @Test
    void oleUninitializedAfterMapiIsAnErrorCitingTheOrder() throws Exception {
        Run r = run("ole-wrong-order");
        assertThat(r.rules()).contains("ole-uninitialize-after-mapi-uninitialize");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void aFailingLogoffIsAFailedStepAndTheRestStillRuns() throws Exception {
        Run r = run("logoff-fails");
        JsonNode logoff = r.step("logoff");
        assertThat(logoff.get("status").asText()).isEqualTo("failed");
        assertThat(logoff.get("calls").get(0).get("hresult").asText()).isEqualTo("MAPI_E_CALL_FAILED");
        assertThat(r.step("release-session").get("status").asText()).isEqualTo("done");
        assertThat(r.step("mapi-uninitialize").get("status").asText()).isEqualTo("done");
        assertThat(r.result()).isEqualTo("errors");
    }

    @Test
    void aFailingTransportFailsEverySecondMessage() throws Exception {
        Run r = run("failing-transport");
        String reason = r.step("flush-outbox").get("reason").asText();
        assertThat(reason).contains("message 2 of 4", "message 4 of 4", "MAPI_E_NETWORK_ERROR");
    }

    @Test
    void aGreylistedMessageIsSentOnItsRetryAndTheRunIsClean() throws Exception {
        Run r = run("greylisted-transport");
        assertThat(r.transcript()
                        .get("run")
                        .get("scenario")
                        .get("transport")
                        .get("rules")
                        .get(0)
                        .asText())
                .isEqualTo("subject~message 2 of=smtp:451 4.7.1 Greylisted, please try again later;retry:5000");
        assertThat(r.step("flush-outbox").get("status").asText()).isEqualTo("done");
        assertThat(r.outboxAfter()).isZero();
        assertThat(r.result()).isEqualTo("clean");
        assertThat(r.exit()).isZero();
    }

    @Test
    void optionsAfterTheScenarioOverrideIt() throws Exception {
        Run r = run("transport-down", "--logoff", "now");
        assertThat(r.transcript().get("mode").asText()).isEqualTo("now");
        assertThat(r.outboxAfter()).isEqualTo(2);
    }

    // ---- scenario threads (decision 0550) ------------------------------------------------------

    @Test
    void threadsThatBreakTheRulesStopNotificationsAndAreFoundByTheThreadRules() throws Exception {
        Run r = run("threads-break-the-rules");
        assertThat(r.rules())
                .contains(
                        "first-thread-uninitialized-early",
                        "thread-exited-initialized",
                        "thread-uninitialize-without-initialize");
        assertThat(r.transcript().get("faults").toString()).contains("notifications stop");
        JsonNode late = r.transcript().get("threads").get(2);
        assertThat(late.get("name").asText()).isEqualTo("late-cleanup");
        assertThat(late.get("calls").get(0).get("hresult").asText()).isEqualTo("MAPI_E_NOT_INITIALIZED");
        assertThat(r.result()).isEqualTo("errors");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void aWorkerThreadDoneRightIsClean() throws Exception {
        Run r = run("worker-thread-done-right");
        assertThat(r.transcript().get("threads").get(0).get("state").asText()).isEqualTo("uninitialized");
        assertThat(r.result()).isEqualTo("clean");
        assertThat(r.exit()).isZero();
    }

    @Test
    void docsScenariosListsEveryBuiltinScenario() throws Exception {
        String docs = Files.readString(Path.of("docs/scenarios.md"));
        assertThat(ScenarioReader.builtinNames())
                .allSatisfy(n -> assertThat(docs).contains("| `" + n + "` |"));
        assertThat(docs).contains("ships " + ScenarioReader.builtinNames().size() + " of them");
    }
}
