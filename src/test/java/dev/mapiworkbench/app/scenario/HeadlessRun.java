package dev.mapiworkbench.app.scenario;

import dev.mapiworkbench.app.HeadlessMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One headless run in this JVM for the scenario and replay tests: its exit status and its stderr. */
record HeadlessRun(int exit, String stderr) {

    static HeadlessRun of(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HeadlessMain.run(
                args,
                new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new HeadlessRun(exit, err.toString(StandardCharsets.UTF_8));
    }
}
