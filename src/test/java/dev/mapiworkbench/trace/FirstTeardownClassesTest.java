package dev.mapiworkbench.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first teardown of a process does not set up the trace-file reader: the linter's handle patterns live in
 * {@link Handles}, so a "log off now" never initialises {@link TraceReader} and its Jackson {@code ObjectMapper}
 * (decision 0921; that set-up was about half of the first teardown's 390 ms of engine time on a slow VM). Checked in a
 * child JVM with a class-load log, because this test run's own JVM has long loaded both.
 */
class FirstTeardownClassesTest {

    @Test
    void aHeadlessLogoffLintsItsTeardownWithoutLoadingTheTraceReader(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-Xlog:class+load=info:file=" + log,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.mapiworkbench.app.Launcher",
                        "--headless",
                        "--profile",
                        dir.resolve("profile").toString(),
                        "--send",
                        "1",
                        "--transport-offline",
                        "--logoff",
                        "now")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the child ended").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();

        List<String> loaded = Files.readAllLines(log);
        // the teardown was linted (the same path as every teardown's findings) ...
        assertThat(loaded).anyMatch(l -> l.contains(" dev.mapiworkbench.trace.TraceLedger "));
        // ... without the reader of trace files
        assertThat(loaded).noneMatch(l -> l.contains(" dev.mapiworkbench.trace.TraceReader "));
    }
}
