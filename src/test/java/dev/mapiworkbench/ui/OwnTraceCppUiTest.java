package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mapiworkbench.app.ToolMain;
import dev.mapiworkbench.trace.CppTraceParser;
import dev.mapiworkbench.trace.MapiNames;
import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.trace.TraceCall;
import dev.mapiworkbench.trace.TraceReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * After a logoff in the window, the teardown summary's "Copy as C++" and "Export as trace…" give the whole
 * own session, logon to MAPIUninitialize (issue #15): the copied C++ reads back through {@code lint --cpp}
 * into the same calls, with the same findings, as the exported trace.
 */
@ExtendWith(ApplicationExtension.class)
class OwnTraceCppUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(Dialogs::new);

    @TempDir
    Path dir;

    /** The trace file chooser answers {@link #traceTo}. */
    static final class Dialogs extends FixtureDialogs {
        volatile Path traceTo;

        Dialogs(Supplier<Window> owner) {
            super(owner);
        }

        @Override
        public Optional<Path> chooseTraceSaveFile(String suggestedName) {
            return Optional.ofNullable(traceTo);
        }
    }

    private static boolean visible(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false);
    }

    @Test
    void afterALogoffCopyAsCppGivesTheWholeSessionThatLintsAsTheExportedTrace(FxRobot robot) throws Exception {
        app.open("--no-logoff-ui", "--ole");
        robot.clickOn("#logoffButton");
        waitUntil(() -> visible(robot, "#copyCppButton") && visible(robot, "#exportTraceButton"));

        // Alt+X: Export as trace… ("E_xport as trace…")
        Path exported = dir.resolve("own.jsonl");
        app.dialogs(Dialogs.class).traceTo = exported;
        robot.push(KeyCode.ALT, KeyCode.X);
        waitUntil(() -> Files.exists(exported));
        Trace own = TraceReader.read(exported);
        assertThat(own.calls().get(0).api()).isEqualTo("MAPIInitialize");
        assertThat(own.calls()).extracting(TraceCall::api).contains("MAPILogonEx", "IMAPISession::Logoff");
        assertThat(own.calls().get(own.calls().size() - 1).api()).isEqualTo("MAPIUninitialize");

        fx(() -> {
            Clipboard.getSystemClipboard().clear();
            return null;
        });
        robot.clickOn("#copyCppButton");
        waitUntil(() -> Clipboard.getSystemClipboard().hasString());
        String code = fx(() -> Clipboard.getSystemClipboard().getString());
        assertThat(code).contains("HRESULT RunTrace(").contains("MAPILogonEx(").contains("->Logoff(");

        // the C++ reads back into the same calls, nothing left out
        CppTraceParser.Result back = CppTraceParser.parse("own.cpp", code);
        assertThat(back.unknown()).isEmpty();
        assertSameCalls(back.trace(), own);

        // and lint --cpp says of it what lint says of the exported trace
        Path cpp = dir.resolve("own.cpp");
        Files.writeString(cpp, code, StandardCharsets.UTF_8);
        JsonNode fromCpp = lintJson("--cpp", cpp.toString());
        JsonNode fromTrace = lintJson(exported.toString());
        assertThat(fromCpp.get("result")).isEqualTo(fromTrace.get("result"));
        assertThat(findings(fromCpp)).isEqualTo(findings(fromTrace));
    }

    private static JsonNode lintJson(String... file) throws Exception {
        List<String> args = new ArrayList<>(List.of("lint", "--format", "json"));
        args.addAll(List.of(file));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ToolMain.run(
                args.toArray(String[]::new),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> findings(JsonNode lint) {
        List<String> out = new ArrayList<>();
        lint.get("findings")
                .forEach(f ->
                        out.add(f.get("rule").asText() + "@seq" + f.get("seq").asLong()));
        return out;
    }

    /**
     * The same calls: API, target, what they handed back and HRESULT alike; every argument the trace names has
     * the same value (flags and numbers by value: {@code "0x1"} is {@code 1}); the parser's other arguments are
     * the C++ defaults (0 or NULL).
     */
    static void assertSameCalls(Trace parsed, Trace own) {
        assertThat(parsed.calls()).hasSameSizeAs(own.calls());
        for (int i = 0; i < own.calls().size(); i++) {
            TraceCall o = own.calls().get(i);
            TraceCall p = parsed.calls().get(i);
            String at = "call " + (i + 1) + ": " + o + " vs " + p;
            assertThat(p.api()).as(at).isEqualTo(o.api());
            assertThat(p.self()).as(at).isEqualTo(o.self());
            assertThat(p.out()).as(at).isEqualTo(o.out());
            assertThat(p.hr()).as(at).isEqualTo(o.hr());
            for (Map.Entry<String, Object> a : o.args().entrySet()) {
                assertThat(value(p.args().get(a.getKey()))).as(at).isEqualTo(value(a.getValue()));
            }
            p.args().entrySet().stream()
                    .filter(a -> !o.args().containsKey(a.getKey()))
                    .forEach(a -> assertThat(value(a.getValue()))
                            .as(at + " " + a.getKey())
                            .satisfiesAnyOf(
                                    x -> assertThat(x).isNull(),
                                    x -> assertThat(x).isEqualTo(0L)));
        }
    }

    private static Object value(Object v) {
        if (v instanceof Map<?, ?> m) { // MAPIInitialize's MAPIINIT_0: its members compared the same way
            Map<Object, Object> members = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> members.put(k, value(x)));
            return members;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.toUnsignedLong(MapiNames.parseFlags(s));
            } catch (IllegalArgumentException e) {
                return s;
            }
        }
        return v;
    }
}
