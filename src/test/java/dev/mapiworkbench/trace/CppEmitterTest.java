package dev.mapiworkbench.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** C++ out: the emitted function reads back into the same calls and compiles against mingw-w64's MAPI headers. */
class CppEmitterTest {

    private static final String GPP = "x86_64-w64-mingw32-g++";

    @TempDir
    Path dir;

    /** What a round trip must keep: api, target, arguments, out, synthetic. */
    private static List<String> shape(Trace t) {
        return t.calls().stream()
                .map(c -> c.api() + " " + c.self() + " " + c.args() + " " + c.out() + " " + c.synthetic())
                .toList();
    }

    @Test
    void cppToTraceToCppGivesTheSameTrace() {
        Trace first =
                CppTraceParser.parse("a.cpp", CppTraceParserTest.SEED_STYLE).trace();
        String cpp = CppEmitter.emit(first);
        Trace second = CppTraceParser.parse("b.cpp", cpp).trace();
        assertThat(shape(second)).as(cpp).containsExactlyElementsOf(shape(first));
        assertThat(CppTraceParser.parse("b.cpp", cpp).unknown()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "docs/examples/seed-000-desktop.jsonl",
                "docs/examples/seed-002-ce.jsonl",
                "docs/examples/pywin32-mapisend.jsonl",
                "docs/examples/mfcmapi-console-logon-failed.jsonl"
            })
    void theExamplesCompileWithMingw(String file) throws Exception {
        Trace t = TraceReader.read(Path.of(file));
        String cpp = CppEmitter.emit(t);
        assertThat(cpp).contains("HRESULT RunTrace(").contains("#include <mapix.h>");
        compiles(cpp);
    }

    @Test
    void aSnippetFromTheMiddleOfASessionTakesWhatItHeldAsParameters() throws Exception {
        Trace t = CppTraceParser.parse(
                        "s.cpp", "lpSession->Logoff(0, MAPI_LOGOFF_UI, 0); lpMDB->Release(); MAPIUninitialize();")
                .trace();
        String cpp = CppEmitter.emit(t);
        assertThat(cpp).contains("HRESULT RunTrace(LPMAPISESSION lpSession, LPUNKNOWN lpMDB)");
        assertThat(cpp).contains("hr = lpSession->Logoff(0, MAPI_LOGOFF_UI, 0);");
        compiles(cpp);
    }

    private void compiles(String cpp) throws Exception {
        boolean present;
        try {
            present = new ProcessBuilder(GPP, "--version").start().waitFor(30, TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            present = false;
        }
        Assumptions.assumeTrue(
                present,
                GPP + " is not installed (Debian: apt-get install g++-mingw-w64-x86-64): the compile check is skipped");
        Path src = dir.resolve("trace.cpp");
        Files.writeString(src, cpp, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(GPP, "-fsyntax-only", "-Wall", src.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output + "\n" + cpp).isZero();
    }
}
