package dev.mapiworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.RuleCatalogue;
import dev.mapiworkbench.teardown.TraceLinter;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptJson;
import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.trace.TraceReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Own run -> --trace -> lint gives the findings the teardown panel (the transcript) shows. */
class OwnRunTraceTest {

    @TempDir
    Path dir;

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
                "--send 2 --transport-offline"
            })
    void lintingTheExportedTraceGivesTheTranscriptsFindings(String options) throws Exception {
        Path trace = dir.resolve("run.jsonl");
        Path transcript = dir.resolve("run.json");
        OwnRuns.Run run = OwnRuns.record(dir, trace, transcript, options);
        Transcript t = TranscriptJson.read(transcript);
        assertThat(run.exit()).as(run.err()).isEqualTo(t.exitCode());

        Trace read = TraceReader.read(trace);
        assertThat(read.calls()).isNotEmpty();
        assertThat(read.calls().get(0).api()).isEqualTo("MAPIInitialize");
        List<Finding> linted =
                new TraceLinter().lint(read, TraceLinter.Context.forTrace(RuleCatalogue.Profile.OUTLOOK_2010));

        // the own plan has no store-logoff step yet (issue 14): the trace shows what it would say
        List<String> fromTrace = linted.stream()
                .map(f -> f.rule() + "@" + f.seedStep())
                .filter(r -> !r.startsWith(RuleCatalogue.STORE_RELEASED_WITHOUT_STORELOGOFF))
                .toList();
        List<String> fromPanel = t.findings().stream()
                .map(f -> f.rule() + "@" + f.seedStep())
                .filter(r -> !r.startsWith("subsystem-fault"))
                .toList();
        if (options.contains("what-if") || options.contains("shared")) {
            assertThat(fromPanel).as("the run was meant to have findings").isNotEmpty();
        }
        assertThat(fromTrace)
                .as("trace findings %s vs transcript %s", linted, t.findings())
                .containsExactlyElementsOf(fromPanel);
    }
}
