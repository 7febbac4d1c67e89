package dev.mapiworkbench.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.app.HeadlessMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transcripts that cannot be replayed are refused with file, line and field, and nothing runs. */
class ReplayReaderTest {

    @TempDir
    Path dir;

    private Path recorded() throws Exception {
        Path profile = Files.createDirectory(dir.resolve("p"));
        Path t = dir.resolve("t.json");
        HeadlessMain.run(
                new String[] {
                    "--headless",
                    "--profile",
                    profile.toString(),
                    "--transport-latency",
                    "0",
                    "--transcript",
                    t.toString()
                },
                new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(new ByteArrayOutputStream(), true));
        return t;
    }

    private static String line(String text, String needle) {
        int at = text.indexOf(needle);
        return Long.toString(
                text.substring(0, at).chars().filter(c -> c == '\n').count() + 1);
    }

    @Test
    void aRecordedRunReadsBack() throws Exception {
        assertThat(Replays.read(recorded()).run().options()).startsWith("--backend", "sim");
    }

    @Test
    void aWrongTypeNamesTheLineAndTheField() throws Exception {
        String json = Files.readString(recorded());
        String bad = json.replaceFirst("\"queued\" : 0", "\"queued\" : \"none\"");
        Path f = dir.resolve("bad.json");
        Files.writeString(f, bad);
        assertThatThrownBy(() -> Replays.read(f))
                .isInstanceOf(Replays.ReplayException.class)
                .hasMessageStartingWith(f + ":" + line(bad, "\"queued\" : \"none\"") + ": run.queued: wrong type");
    }

    @Test
    void aMissingRunAWrongSchemaAndAForeignOptionAreRefused() throws Exception {
        String json = Files.readString(recorded());
        Path noRun = dir.resolve("norun.json");
        Files.writeString(noRun, json.substring(0, json.indexOf(",\n  \"run\"")) + "\n}");
        assertThatThrownBy(() -> Replays.read(noRun)).hasMessageContaining("run: missing");

        Path schema = dir.resolve("schema.json");
        Files.writeString(schema, json.replace("mapi-workbench/transcript/v1", "mapi-workbench/transcript/v7"));
        assertThatThrownBy(() -> Replays.read(schema)).hasMessageStartingWith(schema + ":2: schema: must be");

        Path foreign = dir.resolve("foreign.json");
        Files.writeString(
                foreign,
                json.replace("\"--backend\", \"sim\"", "\"--smtp\", \"mail:25\"")
                        .replace("\"--backend\",\n      \"sim\"", "\"--smtp\",\n      \"mail:25\""));
        assertThatThrownBy(() -> Replays.read(foreign))
                .hasMessageContaining("run.options[0]: \"--smtp\" is not an option a replay takes");
    }

    @Test
    void theCommandLineRefusesABadTranscriptWith64AndChangesNothing() throws Exception {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{ \"schema\": \"mapi-workbench/transcript/v1\", ");
        byte[] before = Files.readAllBytes(f);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HeadlessMain.run(
                new String[] {"--headless", "--replay", f.toString()},
                new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("mapi-workbench: " + f + ":1: not valid JSON");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }
}
