package dev.mapiworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mapiworkbench.app.HeadlessMain;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.sim.SimRuntime;
import dev.mapiworkbench.sim.store.MailStoreFile;
import dev.mapiworkbench.sim.store.StoreReads;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeadlessMainTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HeadlessMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String[] withProfile(String... more) {
        List<String> a = new ArrayList<>(
                List.of("--headless", "--profile", dir.resolve("profile").toString()));
        if (!List.of(more).contains("--transport-latency")) {
            a.addAll(List.of("--transport-latency", "0"));
        }
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0} -> names {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--headless --send 1|--profile",
                "--headless --profile P --send abc|--send",
                "--headless --profile P --send -1|--send",
                "--headless --profile P --logoff later|--logoff",
                "--headless --profile P --plan mobile|--plan",
                "--headless --profile P --bogus|--bogus",
                "--headless --profile P --timeout -5|--timeout",
                "--headless --profile P --transport-latency -1|--transport-latency",
                "--headless --profile P --transport-fail-every x|--transport-fail-every",
                "--headless --profile P --backend nope|--backend",
                "--headless --profile P --what-if-skip nope|--what-if-skip",
                "--headless --profile P --what-if-move logoff|--what-if-move",
                "--headless --profile P --no-logon|--no-logon",
                "--headless --profile|--profile",
            })
    void badArgumentsExit64WithOneLineNamingTheArgument(String args, String named) {
        String[] argv = args.replace(" P ", " " + dir.resolve("p") + " ")
                .replaceAll(" P$", " " + dir.resolve("p"))
                .split(" ");
        Run r = run(argv);

        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(named);
        assertThat(r.out()).isEmpty();
        assertThat(dir.resolve("p")).doesNotExist(); // nothing was logged on or created
    }

    @Test
    void aCleanRunExitsZeroWritesJsonToStdoutAndProgressToStderr() throws Exception {
        Run r = run(withProfile(
                "--send", "2", "--transport-latency", "500", "--logoff", "after-sending", "--transcript", "-"));

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode t = new ObjectMapper().readTree(r.out());
        assertThat(t.get("schema").asText()).isEqualTo(Transcript.SCHEMA);
        assertThat(t.get("mode").asText()).isEqualTo("after-sending");
        // How many of the two were still queued when the teardown counted depends on the spooler's
        // pace (it sends from the moment they are queued); that none is left afterwards does not.
        assertThat(t.get("outbox").get("before").asInt()).isBetween(0, 2);
        assertThat(t.get("outbox").get("after").asInt()).isZero();
        assertThat(t.get("result").asText()).isEqualTo("clean");
        assertThat(t.get("flags").get("value").asInt()).isZero(); // no UI by default
        assertThat(r.err()).contains("[workbench] logging on to").contains("step 1 flush-outbox");
        assertThat(Files.isDirectory(dir.resolve("profile"))).isTrue(); // created when absent
    }

    @Test
    void sharedRunAddsAPeerLogsOffSharedAndExitsOneForTheWarning() throws Exception {
        Path file = dir.resolve("t.json");
        Run r = run(withProfile("--shared", "--transcript", file.toString()));

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        Transcript t = TranscriptJson.read(file);
        assertThat(t.flags().names()).containsExactly("MAPI_LOGOFF_SHARED");
        assertThat(t.peers())
                .singleElement()
                .satisfies(p -> assertThat(p.loggedOn()).isFalse());
        assertThat(t.findings()).extracting(f -> f.rule()).containsExactly("logoff-shared-passed");
        assertThat(t.result()).isEqualTo("warnings");
    }

    @Test
    void aWhatIfThatLeaksExitsTwo() {
        Path file = dir.resolve("t.txt");
        Run r = run(withProfile("--what-if-skip", "release-objects", "--transcript", file.toString()));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(file).content().contains("objects-open-at-logoff").contains("Result: errors");
    }

    @Test
    void transcriptFilesGetTheUmaskPermissionsInBothFormatsAndNoTemporaryFileStays() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.FileSystems.getDefault()
                .supportedFileAttributeViews()
                .contains("posix"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Path probe = Files.createFile(out.resolve("probe"));
        var umask = Files.getPosixFilePermissions(probe);
        Files.delete(probe);

        assertThat(run(withProfile("--transcript", out.resolve("t.json").toString()))
                        .exit())
                .isZero();
        assertThat(run(withProfile("--transcript", out.resolve("t.txt").toString()))
                        .exit())
                .isZero();

        assertThat(Files.getPosixFilePermissions(out.resolve("t.json"))).isEqualTo(umask);
        assertThat(Files.getPosixFilePermissions(out.resolve("t.txt"))).isEqualTo(umask);
        assertThat(out.resolve("t.txt")).content().startsWith("Teardown transcript (");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("t.json", "t.txt");
        }
    }

    @Test
    void aHugeTimeoutNeitherOverflowsNorStopsTheTeardown() throws Exception {
        Path file = dir.resolve("t.json");
        // a slow transport, so the mail is still queued when the wait starts (where 1e10 s used to overflow)
        Run r = run(withProfile(
                "--send",
                "2",
                "--transport-latency",
                "300",
                "--logoff",
                "after-sending",
                "--timeout",
                "1e10",
                "--transcript",
                file.toString()));

        assertThat(r.err()).doesNotContain("ArithmeticException");
        assertThat(r.exit()).isZero();
        Transcript t = TranscriptJson.read(file);
        assertThat(t.steps()).extracting(s -> s.status().id()).doesNotContain("failed", "warning");
        assertThat(t.step(dev.mapiworkbench.teardown.StepId.FLUSH_OUTBOX)
                        .orElseThrow()
                        .status()
                        .id())
                .isEqualTo("done");
        assertThat(t.step(dev.mapiworkbench.teardown.StepId.MAPI_UNINITIALIZE)
                        .orElseThrow()
                        .status()
                        .id())
                .isEqualTo("done");
        assertThat(t.outbox().after()).isZero();
    }

    @Test
    void allowUiSetsMapiLogoffUiAndCePlanRuns() throws Exception {
        Run ui = run(withProfile("--allow-ui", "--ole", "--mapi-util", "--transcript", "-"));
        JsonNode t = new ObjectMapper().readTree(ui.out());
        assertThat(t.get("flags").get("names").get(0).asText()).isEqualTo("MAPI_LOGOFF_UI");
        assertThat(t.get("steps")).hasSize(9); // 8 seed steps + store-logoff
        assertThat(t.get("steps").findValuesAsText("status")).containsOnly("done");
        assertThat(ui.exit()).isZero();

        Run ce = run(withProfile("--plan", "ce", "--transcript", "-"));
        JsonNode c = new ObjectMapper().readTree(ce.out());
        assertThat(c.get("steps").findValuesAsText("id"))
                .containsExactly("logoff", "release-session", "mapi-uninitialize");
    }

    @Test
    void criticalErrorModeTearsDownWithoutUi() throws Exception {
        Run r = run(withProfile("--logoff", "critical-error", "--allow-ui", "--transcript", "-"));

        JsonNode t = new ObjectMapper().readTree(r.out());
        assertThat(t.get("mode").asText()).isEqualTo("critical-error");
        assertThat(t.get("flags").get("value").asInt()).isZero();
        assertThat(r.err()).contains("raising fnevCriticalError");
    }

    @Test
    void afterSendingTimeoutWithoutUiLeavesMailQueuedAndExitsOne() throws Exception {
        Run r = run(withProfile(
                "--send",
                "1",
                "--transport-offline",
                "--logoff",
                "after-sending",
                "--timeout",
                "0.2",
                "--transcript",
                "-"));

        assertThat(r.exit()).isEqualTo(1);
        JsonNode t = new ObjectMapper().readTree(r.out());
        assertThat(t.get("outbox").get("after").asInt()).isEqualTo(1);
        assertThat(t.get("steps").get(0).get("status").asText()).isEqualTo("warning");
    }

    @Test
    void allowUiAnswersAProvidersQuestionWithItsDefaultAndRecordsIt() throws Exception {
        // A slow transport: after a short wait the message is still in flight when Logoff runs with UI.
        Run r = run(withProfile(
                "--send",
                "1",
                "--transport-latency",
                "10000",
                "--logoff",
                "after-sending",
                "--timeout",
                "0.3",
                "--allow-ui",
                "--transcript",
                "-"));

        JsonNode t = new ObjectMapper().readTree(r.out());
        assertThat(t.get("flags").get("names").get(0).asText()).isEqualTo("MAPI_LOGOFF_UI");
        JsonNode prompt = t.get("prompts").get(0);
        assertThat(prompt.get("defaulted").asBoolean()).isTrue();
        assertThat(prompt.get("question").asText()).isNotBlank();
        List<String> choices = new ArrayList<>();
        prompt.get("choices").forEach(c -> choices.add(c.asText()));
        assertThat(choices)
                .hasSizeGreaterThanOrEqualTo(2)
                .contains(prompt.get("answer").asText());
        assertThat(r.err()).contains("provider asked:");
        assertThat(t.get("outbox").get("after").asInt()).isEqualTo(1);
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void runningTwiceDeliversTheMailQueuedByALogoffNow() throws Exception {
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");

        Run r1 = run(
                withProfile("--send", "2", "--transport-offline", "--logoff", "now", "--transcript", first.toString()));
        Run r2 = run(withProfile(
                "--logoff",
                "after-sending",
                "--transport-latency",
                "300",
                "--timeout",
                "30",
                "--transcript",
                second.toString()));

        assertThat(r1.exit()).as(r1.err()).isZero();
        assertThat(TranscriptJson.read(first).outbox()).isEqualTo(new Transcript.Outbox(2, 2));
        assertThat(r2.exit()).as(r2.err()).isZero();
        // The spooler resumes at the second logon, so how many are still queued when the client first
        // looks depends on its pace; what was waited for was sent, and nothing is left.
        assertThat(r2.err()).containsPattern("[0-2] message\\(s\\) already queued");
        Transcript t2 = TranscriptJson.read(second);
        assertThat(t2.outbox().after()).isZero();
        assertThat(t2.waits()).allSatisfy(w -> assertThat(w.state()).isEqualTo("sent"));
        // On disk: the Outbox is empty and both messages are in Sent Items.
        Path storeFile = dir.resolve("profile").resolve(SimRuntime.DEFAULT_PROFILE + SimRuntime.STORE_SUFFIX);
        try (MailStoreFile store = MailStoreFile.open(storeFile, "check")) {
            assertThat(StoreReads.messages(
                            store, store.folder(MailStoreFile.FolderRole.OUTBOX).id()))
                    .isEmpty();
            assertThat(StoreReads.messages(
                            store,
                            store.folder(MailStoreFile.FolderRole.SENT_ITEMS).id()))
                    .extracting(m -> m.props().get(PropTag.PR_SUBJECT_W))
                    .containsExactlyInAnyOrder("Workbench message 1 of 2", "Workbench message 2 of 2");
        }
    }
}
