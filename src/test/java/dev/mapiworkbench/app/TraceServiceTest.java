package dev.mapiworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.RuleCatalogue;
import dev.mapiworkbench.teardown.StepDefinition;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.ui.trace.TraceGateway;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the window shows of a trace is what the command line prints (decision 0330). */
class TraceServiceTest {

    private static final String SEED = "docs/examples/seed-000-desktop.jsonl";
    private static final String MAPISEND = "docs/examples/pywin32-mapisend.jsonl";
    private static final String CE = "docs/examples/seed-002-ce.jsonl";

    private final TraceService service = new TraceService(RuleCatalogue.Profile.OUTLOOK_2010);

    @TempDir
    Path dir;

    private static JsonNode lintJson(String file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ToolMain.run(
                new String[] {"lint", "--format", "json", file},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theSeedsStepsAreGroupedAsDocumentedWithTheLogonOutsideAnyStep() throws Exception {
        TraceGateway.Opened o = service.open(Path.of(SEED));
        List<String> titles = o.groups().stream().map(TraceGateway.Group::title).toList();
        assertThat(titles.get(0)).isEqualTo("Outside any step");
        assertThat(o.groups().get(0).calls()).hasSize(10);
        // then the seed's eight steps, in its order
        assertThat(o.groups().stream().map(TraceGateway.Group::step).skip(1))
                .containsExactlyElementsOf(Plan.DESKTOP.steps().stream()
                        .filter(d -> d.seedStep() > 0)
                        .map(StepDefinition::id)
                        .toList());
        assertThat(titles.get(4)).isEqualTo("Step 4 · Log off the session (IMAPISession::Logoff)");
        assertThat(o.groups().get(4).calls().get(0))
                .isEqualTo("seq 17 · line 21 · IMAPISession::Logoff on obj:1 → S_OK");
        // the StoreLogoff warning sits on the store's Release, as the command line names it
        assertThat(o.groups().get(2).calls())
                .anyMatch(c -> c.startsWith("seq 14 ") && c.endsWith("◀ warning store-released-without-storelogoff"));
        assertThat(o.result()).isEqualTo("warnings");
    }

    @Test
    void findingsAndLeaksAreTheCommandLinesOnes() throws Exception {
        TraceGateway.Opened o = service.open(Path.of(MAPISEND));
        JsonNode cli = lintJson(MAPISEND);
        assertThat(o.result()).isEqualTo(cli.get("result").asText()).isEqualTo("errors");
        List<String> cliRules = new ArrayList<>();
        List<Long> cliSeqs = new ArrayList<>();
        for (JsonNode f : cli.get("findings")) {
            cliRules.add(f.get("rule").asText());
            cliSeqs.add(f.get("seq").asLong());
        }
        assertThat(o.findings().stream().map(Finding::rule)).containsExactlyElementsOf(cliRules);
        assertThat(o.findings().stream().map(Finding::seq)).containsExactlyElementsOf(cliSeqs);
        assertThat(o.leaks())
                .contains("object IMAPISession obj:1 (MAPILogonEx, seq 2)", "buffer buf:1 (HrQueryAllRows, seq 4)");
        // nothing the pywin32 demo does is a teardown step
        assertThat(o.groups())
                .singleElement()
                .extracting(TraceGateway.Group::step)
                .isNull();
    }

    @Test
    void aMalformedTraceNamesTheFileAndLine() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(
                bad,
                "{\"schema\": \"mapi-workbench/trace/v1\"}\n{\"api\": \"MAPIInitialize\"}\n{\"api\": \"MAPIUninitialize\", "
                        + "\"hr\": \"MAPI_E_NOPE\"}\n");
        assertThatThrownBy(() -> service.open(bad))
                .isInstanceOf(TraceGateway.BadInput.class)
                .hasMessageStartingWith(bad + ":3: ")
                .hasMessageContaining("MAPI_E_NOPE");
        assertThatThrownBy(() -> service.open(dir.resolve("missing.jsonl")))
                .hasMessage(dir.resolve("missing.jsonl") + ": no such file");
    }

    @Test
    void cppFilesAndPastedCodeAreParsedWithWhatWasLeftOut() throws Exception {
        Path cpp = dir.resolve("teardown.cpp");
        Files.writeString(cpp, """
                MAPIInitialize(NULL);
                MAPILogonEx(0, NULL, NULL, 0, &lpSession);
                lpSession->Release();
                NotMapi();
                MAPIUninitialize();
                """);
        TraceGateway.Opened o = service.open(cpp);
        assertThat(o.findings()).anyMatch(f -> f.rule().equals("logoff-not-called") && f.seq() == 3);
        assertThat(o.notes()).containsExactly("line 4:1: not a MAPI call the trace format knows, left out: NotMapi(…)");
        assertThat(o.groups().get(1).step()).isEqualTo(StepId.RELEASE_SESSION);
        assertThatThrownBy(() -> service.parseCpp("pasted.cpp", "x = MAPIInitialize(NULL));\n"))
                .isInstanceOf(TraceGateway.BadInput.class)
                .hasMessage("pasted.cpp:1:25: expected ';' but found ')'");
    }

    @Test
    void replayAndCppAreTheCommandLinesToo() throws Exception {
        TraceGateway.Opened ce = service.open(Path.of(CE));
        TraceGateway.Replay r = service.replay(ce.trace());
        assertThat(r.agrees()).isTrue();
        assertThat(r.summary()).contains("no difference");
        TraceGateway.Replay leaky =
                service.replay(service.open(Path.of(MAPISEND)).trace());
        assertThat(leaky.agrees()).isFalse();
        assertThat(leaky.lines())
                .anyMatch(l -> l.contains(":9: differs: seq 8 IMessage::SubmitMessage"))
                .anyMatch(l -> l.contains("still live on the simulator: IMAPISession"));
        assertThat(service.cpp(ce.trace())).contains("HRESULT RunTrace(").contains("->Logoff(");
    }
}
