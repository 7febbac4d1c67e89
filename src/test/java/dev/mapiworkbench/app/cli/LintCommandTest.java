package dev.mapiworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mapiworkbench.app.ToolMain;
import dev.mapiworkbench.teardown.RuleCatalogue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

/** {@code lint} and {@code rules} as a CI job uses them: exit codes, formats, stdin, bad input. */
class LintCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEED = "docs/examples/seed-000-desktop.jsonl";
    private static final String CE = "docs/examples/seed-002-ce.jsonl";
    private static final String MAPISEND = "docs/examples/pywin32-mapisend.jsonl";
    private static final String MFCMAPI = "docs/examples/mfcmapi-console-logon-failed.jsonl";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int exit = ToolMain.run(
                args,
                in,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) {
        return runWithInput("", args);
    }

    @Test
    void exitStatusFollowsTheWorstResult() {
        assertThat(run("lint", CE).exit()).isZero();
        assertThat(run("lint", SEED).exit()).isEqualTo(1); // StoreLogoff warning under outlook-2010+
        assertThat(run("lint", "--profile-rules", "seed-8-steps", SEED).exit()).isZero();
        assertThat(run("lint", MAPISEND).exit()).isEqualTo(2);
        assertThat(run("lint", CE, SEED, MFCMAPI).exit()).isEqualTo(2);
    }

    @Test
    void textNamesFileLineSeqAndSource() {
        Run r = run("lint", MFCMAPI, SEED);
        assertThat(r.out())
                .contains(MFCMAPI + ": errors (1 finding, 0 leaks, 2 calls)")
                .contains(SEED + ":18: warning store-released-without-storelogoff [seq 14]: message store")
                .contains("    source: pywin32 pull request #2196");
        assertThat(r.err()).contains("2 finding(s) in 2 trace(s)");
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        Run r = run("lint", "--format", "json", MAPISEND);
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("schema").asText()).isEqualTo("mapi-workbench/lint/v1");
        assertThat(root.get("result").asText()).isEqualTo("errors");
        JsonNode logoff = null;
        for (JsonNode f : root.get("findings")) {
            assertThat(f.has("rule") && f.has("severity") && f.has("message") && f.has("seq") && f.has("seedStep"))
                    .isTrue();
            if (f.get("rule").asText().equals("logoff-not-called")) {
                logoff = f;
            }
        }
        assertThat(logoff).isNotNull();
        assertThat(logoff.get("seq").asLong()).isEqualTo(2);
        assertThat(logoff.get("seedStep").asInt()).isEqualTo(4);
        assertThat(logoff.get("severity").asText()).isEqualTo("error");
        assertThat(root.get("files").get(0).get("leaks").get("objects")).hasSize(5);
    }

    @Test
    void standardInputAndSeveralFiles() throws Exception {
        String text = Files.readString(Path.of(MFCMAPI));
        Run r = runWithInput(text, "lint", "--format", "json", "-", CE);
        JsonNode root = JSON.readTree(r.out());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(root.get("files")).hasSize(2);
        assertThat(root.get("files").get(0).get("file").asText()).isEqualTo("-");
        assertThat(root.get("findings").get(0).get("file").asText()).isEqualTo("-");
        assertThat(root.get("files").get(1).get("result").asText()).isEqualTo("clean");
    }

    @Test
    void sarifValidatesAgainstTheOfficialSchema() throws Exception {
        Run r = run("lint", "--format", "sarif", MAPISEND, SEED, CE);
        Schema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(in);
        }
        JsonNode sarif = JSON.readTree(r.out());
        List<Error> errors = schema.validate(sarif);
        assertThat(errors).isEmpty();
        JsonNode results = sarif.get("runs").get(0).get("results");
        assertThat(results.size()).isGreaterThan(2);
        JsonNode store = null;
        for (JsonNode res : results) {
            if (res.get("ruleId").asText().equals(RuleCatalogue.STORE_RELEASED_WITHOUT_STORELOGOFF)) {
                store = res;
            }
        }
        assertThat(store).isNotNull();
        assertThat(store.get("level").asText()).isEqualTo("warning");
        JsonNode loc = store.get("locations").get(0).get("physicalLocation");
        assertThat(loc.get("artifactLocation").get("uri").asText()).isEqualTo(SEED);
        assertThat(loc.get("region").get("startLine").asInt()).isEqualTo(18);
        assertThat(sarif.get("runs").get(0).get("tool").get("driver").get("rules"))
                .hasSize(RuleCatalogue.rules().size());
    }

    @Test
    void sarifOfACleanRunIsValidToo() throws Exception {
        Run r = run("lint", "--format", "sarif", CE);
        Schema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(in);
        }
        assertThat(schema.validate(JSON.readTree(r.out()))).isEmpty();
        // and the validator does catch a broken document
        assertThat(schema.validate(JSON.readTree("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}")))
                .isNotEmpty();
        assertThat(LintReport.uri("dir/odd name.jsonl")).isEqualTo("dir/odd%20name.jsonl");
    }

    @Test
    void junitXmlIsWellFormedWithOneTestcasePerRule() throws Exception {
        Run r = run("lint", "--format", "junit", MAPISEND, CE);
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("testcase").getLength())
                .isEqualTo(2 * RuleCatalogue.rules().size());
        int failures = doc.getElementsByTagName("failure").getLength();
        assertThat(failures)
                .isEqualTo(Integer.parseInt(doc.getDocumentElement().getAttribute("failures")))
                .isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bad json|{\"api\": |2|not a JSON object",
                "unknown hr|{\"api\": \"MAPIInitialize\", \"hr\": \"MAPI_E_NOPE\"}|2|unknown HRESULT",
                "no this|{\"api\": \"IMsgStore::Release\"}|2|missing \"this\"",
            })
    void malformedTraceIsExit64WithOneLineNamingFileAndLine(String kind, String line, int lineNo, String problem)
            throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"schema\": \"mapi-workbench/trace/v1\"}\n" + line + "\n");
        Run r = run("lint", "--format", "json", CE, f.toString());
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines())
                .singleElement()
                .asString()
                .startsWith("mapi-workbench: " + f + ":" + lineNo + ": ")
                .contains(problem);
    }

    @Test
    void badArgumentsAreExit64() {
        Run noFile = run("lint", dir.resolve("missing.jsonl").toString());
        assertThat(noFile.exit()).isEqualTo(64);
        assertThat(noFile.err().lines()).singleElement().asString().endsWith("missing.jsonl: no such file");
        assertThat(run("lint", "--format", "xml", CE).err()).contains("invalid value for --format: 'xml'");
        assertThat(run("lint", "--profile-rules", "msdn-1998", CE).exit()).isEqualTo(64);
        assertThat(run("lint").exit()).isEqualTo(64);
        assertThat(run("lint", "-", "-").err()).contains("standard input can be named only once");
    }

    @Test
    void rulesListsEveryRuleOfBothIssues() throws Exception {
        Run r = run("rules", "--format", "json");
        assertThat(r.exit()).isZero();
        JsonNode root = JSON.readTree(r.out());
        List<String> ids = new ArrayList<>();
        root.get("rules").forEach(n -> ids.add(n.get("id").asText()));
        assertThat(ids)
                .contains(
                        "store-released-without-storelogoff",
                        "fast-shutdown-not-gated",
                        "call-after-fast-shutdown",
                        "thread-uninitialize-without-initialize",
                        "thread-exited-initialized",
                        "first-thread-uninitialized-early",
                        "sink-released-while-referenced",
                        "logoff-not-called",
                        "unbalanced-mapi-initialize",
                        "objects-open-at-logoff",
                        "logoff-shared-passed");
        for (JsonNode n : root.get("rules")) {
            assertThat(n.get("statement").asText()).isNotBlank();
            if (!n.get("id").asText().equals("subsystem-fault")) {
                assertThat(n.get("sources")).isNotEmpty();
            }
        }
        Run seed = run("rules", "--format", "json", "--profile-rules", "seed-8-steps");
        List<String> seedIds = new ArrayList<>();
        JSON.readTree(seed.out())
                .get("rules")
                .forEach(n -> seedIds.add(n.get("id").asText()));
        assertThat(seedIds)
                .contains("objects-open-at-logoff")
                .doesNotContain(
                        "logoff-shared-passed", "fast-shutdown-not-gated", "store-released-without-storelogoff");
        assertThat(run("rules").out())
                .contains("fast-shutdown-not-gated (error)")
                .contains("source: Best Practices for Fast Shutdown — https://");
    }

    @Test
    void theLauncherRoutesSubcommandsButKeepsHeadless() {
        assertThat(ToolMain.handles(new String[] {"lint", "x"})).isTrue();
        assertThat(ToolMain.handles(new String[] {"rules"})).isTrue();
        assertThat(ToolMain.handles(new String[] {"--headless", "--profile", "lint"}))
                .isFalse();
        assertThat(ToolMain.handles(new String[] {})).isFalse();
    }
}
