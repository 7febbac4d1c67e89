package dev.mapiworkbench.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.app.HeadlessMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scenario files: the format, its refusals (file, line and field named), and its arguments. */
class ScenarioReaderTest {

    @TempDir
    Path dir;

    private static final String HEAD = "{\n  \"schema\": \"mapi-workbench/scenario/v1\",\n  \"name\": \"t\",\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown field    | \"bogus\": 1\\n}                                   | :4: bogus: unknown field \"bogus\"",
                "negative queue   | \"start\": {\\n \"queued\": -1 }\\n}                | :5: start.queued: queued must be 0..100000, not -1",
                "wrong type       | \"start\": { \"queued\": \"three\" }\\n}           | :4: start.queued: wrong type, expected a whole number",
                "bad fault        | \"faults\": [\"IMAPISession::Logoff=explode\"]\\n} | faults[0]: unknown action 'explode'",
                "bad mode         | \"logoff\": { \"mode\": \"later\" }\\n}            | :4: logoff.mode: mode must be now, after-sending or critical-error",
                "deep bad value   | \"logoff\": {\\n \"mode\": \"now\",\\n \"whatIf\": {\\n  \"move\": [ \"logoff:unadvise\",\\n   \"later\" ] } } \\n} | :8: logoff.whatIf.move[1]: move entries are STEP:AFTER, not \"later\"",
                "bad second fault | \"faults\": [ \"IMsgStore::Release=leak\",\\n \"IMAPISession::Logoff=explode\" ]\\n} | :5: faults[1]: unknown action 'explode'",
                "peers unshared   | \"start\": { \"peers\": 2 }\\n}                     | peers need \"shared\": true",
                "broken json      | \"start\": {\\n}                                   | not valid JSON",
                "duplicate key    | \"name\": \"u\"\\n}                                | not valid JSON",
            })
    void badFilesAreRefusedNamingFileLineAndField(String what, String body, String expected) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, HEAD + body.replace("\\n", "\n").strip() + "\n");
        byte[] before = Files.readAllBytes(f);
        assertThatThrownBy(() -> ScenarioReader.read(f))
                .isInstanceOf(ScenarioReader.ScenarioException.class)
                .hasMessageStartingWith(f.toString() + ":")
                .hasMessageContaining(expected.strip());
        assertThat(Files.readAllBytes(f)).as("reading changes nothing").isEqualTo(before);
    }

    @Test
    void aWrongSchemaIsRefused() throws Exception {
        Path f = dir.resolve("s.json");
        Files.writeString(f, "{\"schema\": \"mapi-workbench/scenario/v9\", \"name\": \"x\"}");
        assertThatThrownBy(() -> ScenarioReader.read(f)).hasMessageContaining("schema must be");
    }

    @Test
    void binaryAndHugeAndMissingFilesAreRefused() throws Exception {
        Path bin = dir.resolve("b.json");
        Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> ScenarioReader.read(bin)).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> ScenarioReader.read(dir.resolve("none.json"))).hasMessageContaining("no such file");
        assertThatThrownBy(() -> ScenarioReader.read(dir)).hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> ScenarioReader.load("builtin:nope")).hasMessageContaining("no built-in scenario");
    }

    @Test
    void aScenarioStandsForItsCommandLineOptions() throws Exception {
        Scenario s = ScenarioReader.builtin("critical-error-during-wait");
        assertThat(s.toArguments())
                .containsSubsequence(
                        "--send",
                        "2",
                        "--transport-latency",
                        "1500",
                        "--fault",
                        "IMAPIStatus::FlushQueues=critical-error",
                        "--logoff",
                        "after-sending",
                        "--timeout",
                        "60");
        assertThat(s.toWindowArguments())
                .doesNotContain("--send", "--logoff")
                .contains("--fault", "--transport-latency");
    }

    @Test
    void theWindowsOptionsKeepAValueThatStartsWithTwoDashesAsAValue() throws Exception {
        // a transcript's run.options: the provider question was answered "--urgent--"
        List<String> recorded = List.of(
                "--backend",
                "sim",
                "--ole",
                "--answer",
                "--urgent--",
                "--transport-rule",
                "subject~--urgent--=hang",
                "--send",
                "2",
                "--allow-ui",
                "--thread",
                "poller");
        assertThat(Scenario.windowOptions(recorded))
                .containsExactly(
                        "--backend",
                        "sim",
                        "--ole",
                        "--transport-rule",
                        "subject~--urgent--=hang",
                        "--thread",
                        "poller");

        // a scenario's options come as it holds them: its window options are its options less the run's own
        Scenario s = ScenarioReader.parse(
                "s.json",
                (HEAD + "\"start\": {\"queued\": 1, \"ole\": true},\n"
                                + "\"transport\": {\"rules\": [\"subject~--urgent--=hang\"], \"offline\": true},\n"
                                + "\"logoff\": {\"mode\": \"now\", \"allowUi\": true}\n}\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(s.toWindowArguments())
                .containsExactly("--ole", "--transport-offline", "--transport-rule", "subject~--urgent--=hang");
        assertThat(s.toArguments())
                .containsExactly(
                        "--send",
                        "1",
                        "--ole",
                        "--transport-offline",
                        "--transport-rule",
                        "subject~--urgent--=hang",
                        "--logoff",
                        "now",
                        "--allow-ui");
    }

    @Test
    void theJsonFormRoundTrips() throws Exception {
        for (Scenario s : ScenarioReader.builtins()) {
            assertThat(ScenarioReader.parse("x", ScenarioReader.toJson(s).getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(s);
        }
    }

    @Test
    void aBadScenarioOnTheCommandLineIsExit64WithOneLine() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, HEAD + "\"start\": {\"queued\": -5}\n}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HeadlessMain.run(
                new String[] {"--headless", "--profile", dir.resolve("p").toString(), "--scenario", f.toString()},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true));
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(exit).isEqualTo(64);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("bad.json:4", "queued must be");
        assertThat(dir.resolve("p")).doesNotExist();
    }

    @Test
    void aBadFaultOnTheCommandLineIsExit64() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HeadlessMain.run(
                new String[] {"--headless", "--profile", dir.resolve("p").toString(), "--fault", "IMAPISession::Logoff"
                },
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true));
        assertThat(exit).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fault", "API=ACTION");
    }

    @Test
    void anUnknownNameIsNeitherABuiltInNorAFileAndTheBuiltInsAreListed() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HeadlessMain.run(
                new String[] {"--headless", "--profile", dir.resolve("p").toString(), "--scenario", "logof-blocks"},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true));
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(exit).isEqualTo(64);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .contains("logof-blocks: neither a built-in scenario nor a file")
                .contains("logoff-blocks", "shared-session-two-peers", "--list-scenarios")
                .doesNotContain("no such file");
        assertThat(dir.resolve("p")).doesNotExist();
    }
}
