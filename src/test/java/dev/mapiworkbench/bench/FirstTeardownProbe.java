package dev.mapiworkbench.bench;

import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.ui.FxDialogService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;

/**
 * Probe (issue 12; not a timed test): the first teardown of a process, as a tester sees it — the time from
 * "Log off" to the first frame that shows the teardown panel with its steps, and the FX thread's longest freeze
 * (a 2 ms {@code runLater} ping, as in {@link UiPauseProbe}) until the summary. The window is started the way the
 * app starts it (built without the logon, then {@code afterFirstFrame()} and the logon from the first pulse), with
 * the idle-time warm-up of decision 0631 ({@code -Dworkbench.warmup=false} switches it off), logged on with N extra
 * objects (default 1,000), and left alone for 3 s before the logoff.
 *
 * <p>Each measurement needs a fresh JVM, so the main process starts {@code rounds} pairs of child JVMs (the same
 * class path and JVM options), warm-up off and on interleaved, and prints the medians:
 *
 * <pre>java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MetaspaceSize=96m -cp target/test-classes:target/classes:$CP \
 *     dev.mapiworkbench.bench.FirstTeardownProbe [rounds=5] [objects=1000]</pre>
 */
public final class FirstTeardownProbe {

    private FirstTeardownProbe() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("child")) {
            BenchSupport.runMain("FirstTeardownProbe", FirstTeardownProbe::child, args);
        } else {
            BenchSupport.runMain("FirstTeardownProbe", FirstTeardownProbe::parent, args);
        }
    }

    /** Starts the children, warm-up off and on by turns, and prints the medians of their figures. */
    private static void parent(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String objects = args.length > 1 ? args[1] : "1000";
        Map<String, List<double[]>> results = new TreeMap<>();
        for (int r = 0; r < rounds; r++) {
            for (String warm : new String[] {"false", "true"}) {
                List<String> cmd = new ArrayList<>();
                cmd.add(ProcessHandle.current().info().command().orElse("java"));
                for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                    if (!a.startsWith("-Dworkbench.warmup") && !a.startsWith("-agentlib")) {
                        cmd.add(a);
                    }
                }
                cmd.add("-Dworkbench.warmup=" + warm);
                cmd.add("-cp");
                cmd.add(System.getProperty("java.class.path"));
                cmd.add(FirstTeardownProbe.class.getName());
                cmd.add("child");
                cmd.add(objects);
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String line = null;
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = in.readLine(); l != null; l = in.readLine()) {
                        if (l.startsWith("FIRST_TEARDOWN ")) {
                            line = l;
                        }
                    }
                }
                p.waitFor(5, TimeUnit.MINUTES);
                System.out.println("round " + r + " warm-up " + warm + ": " + (line == null ? "failed" : line));
                if (line != null) {
                    String[] f = line.substring("FIRST_TEARDOWN ".length()).split(" ", -1);
                    double[] v = new double[f.length];
                    for (int i = 0; i < f.length; i++) {
                        v[i] = Double.parseDouble(f[i].substring(f[i].indexOf('=') + 1));
                    }
                    results.computeIfAbsent(warm, k -> new ArrayList<>()).add(v);
                }
            }
        }
        String[] names = {
            "first step shown", "summary shown", "longest FX freeze", "classes loaded by the teardown", "GC pauses"
        };
        System.out.printf(
                Locale.ROOT,
                "FirstTeardownProbe: %s extra objects, %d rounds, load %.1f%n",
                objects,
                rounds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (var e : results.entrySet()) {
            StringBuilder s = new StringBuilder(
                    "  warm-up " + e.getKey() + " (" + e.getValue().size() + " runs):");
            for (int i = 0; i < names.length; i++) {
                final int k = i;
                double[] sorted =
                        e.getValue().stream().mapToDouble(v -> v[k]).sorted().toArray();
                s.append(String.format(
                        Locale.ROOT,
                        " %s median %.0f (%.0f–%.0f)%s",
                        names[i],
                        sorted[sorted.length / 2],
                        sorted[0],
                        sorted[sorted.length - 1],
                        i < 3 ? " ms;" : ";"));
            }
            System.out.println(s);
        }
        Platform.exit();
        System.exit(0);
    }

    /** One measured first teardown; prints one {@code FIRST_TEARDOWN} line. */
    private static void child(String[] args) throws Exception {
        int objects = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        BenchSupport.startToolkit();
        GuiOptions options = BenchSupport.probeOptions("first-teardown-probe");
        CompletableFuture<Void> firstFrame = new CompletableFuture<>();
        Workbench wb = fx(() -> {
            Workbench w = Workbench.createWithoutLogon(new Stage(), options, FxDialogService::new, () -> {});
            w.stage().show();
            // as WorkbenchApp does: after the pulse that showed the first frame
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                w.stage().getScene().removePostLayoutPulseListener(once[0]);
                Platform.runLater(() -> {
                    w.afterFirstFrame();
                    w.model().logon();
                    w.warmUpWhenIdle();
                    firstFrame.complete(null);
                });
            };
            w.stage().getScene().addPostLayoutPulseListener(once[0]);
            Platform.requestNextPulse();
            return w;
        });
        firstFrame.get(2, TimeUnit.MINUTES);
        waitFor(() -> fx(() -> wb.model().loggedOnProperty().get())
                && wb.client().state() == dev.mapiworkbench.client.SessionState.LOGGED_ON);
        BenchSupport.fill(wb.client(), objects, "probe buffer");
        int expected = wb.client().ledgerSnapshot().size();
        waitFor(() -> fx(() -> wb.model().openObjects().size() == expected));
        TimeUnit.SECONDS.sleep(3); // a person reads the window before logging off; the warm-up has its idle time

        long gcBefore = gcMillis();
        int classesBefore = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        long[] firstStep = {0};
        long[] maxPing = {0};
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread pinger = new Thread(
                () -> {
                    java.util.concurrent.Semaphore ran = new java.util.concurrent.Semaphore(0);
                    while (!done.get()) {
                        long posted = System.nanoTime();
                        Platform.runLater(() -> {
                            maxPing[0] = Math.max(maxPing[0], System.nanoTime() - posted);
                            ran.release();
                        });
                        ran.acquireUninterruptibly();
                        java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
                    }
                },
                "fx-ping");
        pinger.setDaemon(true);
        System.out.println("probe: log off now");
        long t0 = System.nanoTime();
        fx(() -> {
            Runnable watch = new Runnable() {
                @Override
                public void run() {
                    Node step = wb.stage().getScene().lookup(".teardown-step");
                    if (step != null
                            && step.isVisible()
                            && wb.model().teardownVisibleProperty().get()) {
                        firstStep[0] = System.nanoTime();
                        System.out.println("probe: first step shown");
                        wb.stage().getScene().removePostLayoutPulseListener(this);
                    }
                }
            };
            wb.stage().getScene().addPostLayoutPulseListener(watch);
            pinger.start();
            wb.model().requestLogoff();
            return null;
        });
        waitFor(() -> fx(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get()));
        long t1 = System.nanoTime();
        done.set(true);
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount() - classesBefore;
        double ping = fx(() -> maxPing[0] / 1e6);
        System.out.printf(
                Locale.ROOT,
                "FIRST_TEARDOWN first_step_ms=%.1f summary_ms=%.1f max_ping_ms=%.1f classes=%d gc_ms=%d%n",
                (firstStep[0] - t0) / 1e6,
                (t1 - t0) / 1e6,
                ping,
                classes,
                gcMillis() - gcBefore);
        Platform.exit();
        System.exit(0);
    }

    private static long gcMillis() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return BenchSupport.fx(c, 120);
    }

    private static void waitFor(BenchSupport.Check check) throws Exception {
        BenchSupport.waitFor(check, TimeUnit.MINUTES.toMillis(2), 5, "the probe");
    }
}
