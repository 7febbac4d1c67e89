package dev.mapiworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lint --cpp}, {@code lint --emit-cpp} and {@code replay --cpp} on the command line. */
class LintCppTest {

    @TempDir
    Path dir;

    private static ReplayCommandTest.Run run(String stdin, String... args) {
        return ReplayCommandTest.run(stdin, args);
    }

    @Test
    void pastedTeardownIsLintedWithFindingsOnItsLines() throws Exception {
        Path f = dir.resolve("teardown.cpp");
        Files.writeString(f, """
                MAPIInitialize(NULL);
                MAPILogonEx(0, NULL, NULL, 0, &lpSession);
                lpSession->Release();
                NotMapi();
                MAPIUninitialize();
                """);
        ReplayCommandTest.Run r = run("", "lint", "--cpp", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains(f + ":3: error logoff-not-called");
        assertThat(r.err()).contains(f + ":4:1: note: not a MAPI call the trace format knows, left out: NotMapi(…)");
    }

    @Test
    void unreadableCodeIsBadInputNamingLineAndColumn() {
        ReplayCommandTest.Run r = run("x = MAPIInitialize(NULL));\n", "lint", "--cpp", "-");
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err().strip()).isEqualTo("mapi-workbench: -:1:25: expected ';' but found ')'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void emitCppPrintsAFunctionAndReplayTakesCppToo() throws Exception {
        ReplayCommandTest.Run cpp = run("", "lint", "--emit-cpp", "docs/examples/seed-002-ce.jsonl");
        assertThat(cpp.exit()).isZero();
        assertThat(cpp.out()).contains("HRESULT RunTrace()").contains("MAPIUninitialize();");
        Path f = dir.resolve("ce.cpp");
        Files.writeString(f, cpp.out());
        ReplayCommandTest.Run replay = run("", "replay", "--cpp", f.toString());
        assertThat(replay.exit()).as(replay.out()).isZero();
        assertThat(replay.out()).contains("no difference");
    }
}
