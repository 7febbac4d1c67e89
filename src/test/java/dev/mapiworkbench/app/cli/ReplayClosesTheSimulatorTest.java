package dev.mapiworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.ThreadsLeft;
import dev.mapiworkbench.app.ToolMain;
import dev.mapiworkbench.app.TraceService;
import dev.mapiworkbench.teardown.RuleCatalogue;
import dev.mapiworkbench.trace.TraceReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A replay closes its simulator (MapiRuntime#close): pywin32's MAPI send demo never logs off, releases or
 * uninitialises, so without the close its session's spooler, transport and notification threads would run on
 * after every replay, on the command line and from the trace window alike.
 */
class ReplayClosesTheSimulatorTest {

    private static final String MAPISEND = "docs/examples/pywin32-mapisend.jsonl";

    private static final List<String> OURS = List.of("sim-", "replay-thread-");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theCommandLinesReplayLeavesNoThreadBehind() throws Exception {
        List<Thread> before = ThreadsLeft.alive(OURS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ToolMain.run(
                new String[] {"replay", MAPISEND},
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        // the trace left its session logged on: the report says so, and the close ended it afterwards
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("still live on the simulator: IMAPISession");
        assertThat(exit).isEqualTo(2);
        assertThat(ThreadsLeft.survivors(before, OURS, WAIT)).isEmpty();
    }

    @Test
    void theWindowsReplayLeavesNoThreadBehind() throws Exception {
        List<Thread> before = ThreadsLeft.alive(OURS);
        var replay = new TraceService(RuleCatalogue.Profile.OUTLOOK_2010).replay(TraceReader.read(Path.of(MAPISEND)));
        assertThat(replay.lines()).anyMatch(l -> l.contains("still live on the simulator: IMAPISession"));
        assertThat(ThreadsLeft.survivors(before, OURS, WAIT)).isEmpty();
    }
}
