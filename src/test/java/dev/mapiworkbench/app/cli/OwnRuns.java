package dev.mapiworkbench.app.cli;

import dev.mapiworkbench.app.HeadlessMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the Workbench's own headless session in a test and writes its trace (and transcript). */
final class OwnRuns {

    /** The exit status and what went to stderr. */
    record Run(int exit, String err) {}

    private OwnRuns() {}

    /** {@code --headless --trace trace [--transcript transcript] options…} with a profile under {@code dir}. */
    static Run record(Path dir, Path trace, Path transcript, String options) {
        List<String> args = new ArrayList<>(List.of(
                "--headless",
                "--profile",
                dir.resolve("p").toString(),
                "--transport-latency",
                "0",
                "--trace",
                trace.toString()));
        if (transcript != null) {
            args.addAll(List.of("--transcript", transcript.toString()));
        }
        if (!options.isBlank()) {
            args.addAll(List.of(options.split(" ")));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HeadlessMain.run(
                args.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, err.toString(StandardCharsets.UTF_8));
    }
}
