package dev.mapiworkbench.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged app's main class ({@code dev.mapiworkbench.app.Launcher --headless …}) in a child JVM
 * with this test run's class path: its stderr lines are collected as they come, stdout goes to a file.
 */
final class ChildApp implements AutoCloseable {

    private final Process process;
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildApp(Process process) {
        this.process = process;
        this.reader = new Thread(this::readErr, "child-stderr-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code Launcher --headless args}; stdout goes to {@code stdout}. */
    static ChildApp start(Path stdout, List<String> args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(
                java.toString(),
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.mapiworkbench.app.Launcher",
                "--headless"));
        cmd.addAll(args);
        try {
            return new ChildApp(
                    new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readErr() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                stderr.add(line);
            }
        } catch (IOException e) {
            stderr.add("(reading stderr failed: " + e + ")");
        }
    }

    Process process() {
        return process;
    }

    /** Stderr so far. */
    List<String> stderr() {
        return List.copyOf(stderr);
    }

    /** Waits (polling, at most {@code max}) for a stderr line; false when the child ended or time ran out first. */
    boolean awaitLine(Predicate<String> line, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (stderr.stream().anyMatch(line)) {
                return true;
            }
            if (!process.isAlive()) {
                reader.join(5_000);
                return stderr.stream().anyMatch(line);
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Waits for the exit; the exit status, after the stderr reader drained. */
    int exit(Duration max) throws InterruptedException {
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not end within " + max + "; stderr: " + stderr());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** SIGKILL (no shutdown hooks, nothing closed), then waits for the end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
        reader.join(5_000);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
