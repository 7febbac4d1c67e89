package dev.mapiworkbench.recorder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the recorder's test clients under Wine (docs/recorder.md, "Tests"): one headless prefix per
 * test class, each client in its own folder beside the recorder's x64 MAPI32.DLL and the test double
 * (mapidouble.dll, the "real MAPI"). Aborts (skips) with the reason when mingw-w64 or Wine is missing.
 */
final class WineRunner {

    /** What one run left: exit status, stdout+stderr, the trace text (null when none was written). */
    record Run(int exit, String output, Path trace) {
        String traceText() throws IOException {
            return Files.readString(trace, StandardCharsets.UTF_8);
        }
    }

    private final Path recorderDll;
    private final Path tests;
    private final String wine;
    private final Path work;
    private final Path prefix;

    private WineRunner(Path recorderDll, Path tests, String wine, Path work) {
        this.recorderDll = recorderDll;
        this.tests = tests;
        this.wine = wine;
        this.work = work;
        this.prefix = work.resolve("prefix");
    }

    /**
     * Skips the tests saying why, or, with the environment variable RECORDER_WINE_REQUIRED=1 (CI,
     * where .ci/run installs Wine and mingw-w64), fails them.
     */
    private static void abort(String why) {
        if ("1".equals(System.getenv("RECORDER_WINE_REQUIRED"))) {
            throw new IllegalStateException(why + " (RECORDER_WINE_REQUIRED=1)");
        }
        org.junit.jupiter.api.Assumptions.abort(why);
    }

    /** Checks the build outputs and Wine, then creates the prefix (about 10 s), or aborts saying why. */
    static WineRunner start(Path work) throws IOException, InterruptedException {
        Path rec = Path.of(System.getProperty("recorder.dir", "target/recorder"));
        Path tests = Path.of(System.getProperty("recorder.tests.dir", "target/recorder-tests"));
        Path dll = rec.resolve("x64/MAPI32.DLL");
        if (!Files.isRegularFile(dll)) {
            abort("Skipping the recorder's Wine tests: "
                    + reason(rec.resolve("x64.skipped"), "no " + dll + " (src/recorder/build.sh did not run)"));
        }
        if (Files.exists(tests.resolve("wine-tests.skipped"))) {
            abort("Skipping the recorder's Wine tests: " + reason(tests.resolve("wine-tests.skipped"), ""));
        }
        if (!Files.isRegularFile(tests.resolve("mapidouble.dll"))) {
            abort("Skipping the recorder's Wine tests: no " + tests.resolve("mapidouble.dll")
                    + " (src/test/recorder/build.sh did not run)");
        }
        String wine = findWine();
        if (wine == null) {
            abort("Skipping the recorder's Wine tests: Wine is not installed (Debian: apt-get install wine64)");
        }
        WineRunner r = new WineRunner(dll, tests, wine, work);
        Process p = r.builder(List.of(wine, "wineboot", "-i"), work, Map.of())
                .redirectOutput(work.resolve("wineboot.txt").toFile())
                .start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("wineboot did not finish within 180 s");
        }
        return r;
    }

    private static String reason(Path file, String fallback) throws IOException {
        return Files.exists(file) ? Files.readString(file).strip() : fallback;
    }

    private static String findWine() {
        for (String c :
                List.of("/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/bin/wine", "/opt/wine-stable/bin/wine64")) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    /** The Windows path Wine gives a Unix path (drive Z: is the Unix root). */
    static String windowsPath(Path p) {
        return "Z:" + p.toAbsolutePath().toString().replace('/', '\\');
    }

    /**
     * Runs {@code <client>.exe} from a folder of its own beside MAPI32.DLL (the recorder) and
     * mapidouble.dll. {@code env} adds to (or, with a null value, removes from) the defaults:
     * MAPI_WORKBENCH_TARGET_DLL=mapidouble.dll and MAPI_WORKBENCH_TRACE=&lt;folder&gt;\trace.jsonl.
     */
    Run run(String client, String folder, Map<String, String> env) throws IOException, InterruptedException {
        Path dir = work.resolve(folder);
        Files.createDirectories(dir);
        Files.copy(recorderDll, dir.resolve("MAPI32.DLL"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(tests.resolve("mapidouble.dll"), dir.resolve("mapidouble.dll"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(tests.resolve(client + ".exe"), dir.resolve(client + ".exe"), StandardCopyOption.REPLACE_EXISTING);
        Path trace = dir.resolve("trace.jsonl");
        Map<String, String> e = new LinkedHashMap<>();
        e.put("MAPI_WORKBENCH_TARGET_DLL", "mapidouble.dll");
        e.put("MAPI_WORKBENCH_TRACE", windowsPath(trace));
        e.putAll(env);
        Path log = dir.resolve("output.txt");
        ProcessBuilder pb = builder(List.of(wine, client + ".exe"), dir, e);
        Process p = pb.redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(client + " did not finish within 120 s under Wine");
        }
        return new Run(p.exitValue(), Files.readString(log), Files.exists(trace) ? trace : null);
    }

    private ProcessBuilder builder(List<String> cmd, Path dir, Map<String, String> env) {
        ProcessBuilder pb =
                new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        e.put("WINEPREFIX", prefix.toString());
        e.put("WINEDEBUG", "-all");
        e.put("WINEDLLOVERRIDES", "mapi32=n;mscoree,mshtml="); // the MAPI32.DLL beside the exe, not Wine's
        e.remove("DISPLAY");
        e.remove("MAPI_WORKBENCH_TRACE");
        e.remove("MAPI_WORKBENCH_TARGET_DLL");
        env.forEach((k, v) -> {
            if (v == null) {
                e.remove(k);
            } else {
                e.put(k, v);
            }
        });
        return pb;
    }

    /** Runs {@code reg <args>} in the prefix; returns its output, fails on a non-zero exit. */
    String reg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(wine, "reg"));
        cmd.addAll(List.of(args));
        Path log = work.resolve("reg.txt");
        Process p = builder(cmd, work, Map.of()).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("reg did not finish within 60 s");
        }
        String out = Files.readString(log);
        if (p.exitValue() != 0) {
            throw new IOException("reg " + String.join(" ", args) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }

    /** The default value of a registry key in the prefix, or null when it has none. */
    String regQueryDefault(String key) throws IOException, InterruptedException {
        String out;
        try {
            out = reg("query", key, "/ve");
        } catch (IOException e) {
            return null;
        }
        for (String line : out.lines().toList()) {
            String[] parts = line.strip().split("\\s{2,}|\\t", 3);
            if (parts.length == 3 && parts[1].startsWith("REG_")) {
                return parts[2].strip();
            }
        }
        return null;
    }

    /**
     * Stops the prefix's wineserver and waits for it, so that it writes its registry files before the
     * prefix is deleted (it lingers a few seconds after the last program otherwise).
     */
    void stop() throws IOException, InterruptedException {
        Path server = Path.of(wine).resolveSibling("wineserver");
        if (!Files.isExecutable(server)) {
            server = Path.of("/usr/bin/wineserver");
        }
        if (!Files.isExecutable(server)) {
            return;
        }
        for (String flag : List.of("-k", "-w")) {
            Process p = builder(List.of(server.toString(), flag), work, Map.of())
                    .redirectOutput(work.resolve("wineserver.txt").toFile())
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    Path prefix() {
        return prefix;
    }
}
