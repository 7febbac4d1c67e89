package dev.mapiworkbench.bench;

import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.Ledger;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.ui.FxDialogService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Probe (issue 4, item 8; not a timed test): the FX thread's longest pause while the window tears
 * down a session holding N extra objects (default 10,000; every tenth advised, N/10 cached buffers,
 * as in TeardownBench). An {@link AnimationTimer} stamps every pulse; the longest gap between two
 * pulses from "Log off" to the finished summary is the longest time the FX thread was unavailable
 * (a 60 Hz pulse is 16.7 ms, so that is the floor). Runs headless on Monocle unless {@code -Dgui}.
 *
 * <pre>mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.mapiworkbench.bench.UiPauseProbe
 *     [-Dexec.args="10000 3 7"]   (objects, warm-up rounds, measured rounds)</pre>
 */
public final class UiPauseProbe {

    private UiPauseProbe() {
    }

    /**
     * Longest gap between pulses while armed (wall time), and the most CPU time the FX thread used
     * between two pulses (ThreadMXBean): the wall gap includes waiting for a CPU on a loaded machine
     * and for the software renderer; the CPU figure is the FX thread's own work.
     */
    private static final class PulseWatch extends AnimationTimer {
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        volatile boolean armed;
        long last;
        long lastCpu;
        long maxGapNanos;
        long maxCpuNanos;
        long pulses;

        @Override
        public void handle(long now) {
            long cpu = threads.getCurrentThreadCpuTime();
            if (armed && last != 0) {
                maxGapNanos = Math.max(maxGapNanos, now - last);
                maxCpuNanos = Math.max(maxCpuNanos, cpu - lastCpu);
                pulses++;
            }
            last = now;
            lastCpu = cpu;
        }

        void arm() {
            last = 0;
            maxGapNanos = 0;
            maxCpuNanos = 0;
            pulses = 0;
            armed = true;
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            System.err.println("UiPauseProbe failed: " + e);
            e.printStackTrace(System.err); // a bench main's own output
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        if (System.getProperty("gui") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        CompletableFuture<Void> up = new CompletableFuture<>();
        Platform.startup(() -> up.complete(null));
        up.get(30, TimeUnit.SECONDS);

        Path profile = Files.createTempDirectory("ui-pause-probe");
        GuiOptions options = GuiOptions.parse("--profile", profile.toString(), "--transport-latency", "0",
                "--no-logon", "--no-logoff-ui");
        PulseWatch watch = new PulseWatch();
        Workbench wb = fx(() -> {
            Workbench w = Workbench.create(new Stage(), options, FxDialogService::new, () -> { });
            w.stage().show();
            watch.start();
            return w;
        });
        List<double[]> results = new ArrayList<>();
        for (int round = 0; round < warmup + rounds; round++) {
            fx(() -> {
                wb.model().logon();
                return null;
            });
            waitFor(() -> fx(() -> wb.model().loggedOnProperty().get())
                    && wb.client().state() == dev.mapiworkbench.client.SessionState.LOGGED_ON);
            fx(() -> {
                watch.arm();
                return null;
            });
            long f0 = System.nanoTime();
            fill(wb.client(), objects);
            int expected = wb.client().ledgerSnapshot().size();
            waitFor(() -> fx(() -> wb.model().openObjects().size() == expected));
            double fillMs = (System.nanoTime() - f0) / 1e6;
            double fillGap = fx(() -> watch.maxGapNanos / 1e6);

            // idle baseline: the same window and rows, nothing happening
            fx(() -> {
                watch.arm();
                return null;
            });
            TimeUnit.MILLISECONDS.sleep(500);
            double idleGap = fx(() -> watch.maxGapNanos / 1e6);

            fx(() -> {
                wb.model().pump().takeLongestDrainNanos();
                watch.arm();
                return null;
            });
            long t0 = System.nanoTime();
            fx(() -> {
                wb.model().requestLogoff();
                return null;
            });
            waitFor(() -> fx(() -> wb.model().teardown().finishedProperty().get()
                    && !wb.model().tearingDownProperty().get()));
            double teardownMs = (System.nanoTime() - t0) / 1e6;
            double[] r = fx(() -> new double[] {watch.maxGapNanos / 1e6, watch.pulses, teardownMs, fillGap, fillMs,
                wb.model().pump().batchCount(), wb.model().pump().postedCount(), idleGap,
                wb.model().pump().takeLongestDrainNanos() / 1e6, watch.maxCpuNanos / 1e6});
            String result = fx(() -> wb.model().teardown().resultProperty().get());
            if (round >= warmup) {
                results.add(r);
            }
            System.out.printf(Locale.ROOT, "round %d%s: teardown %.0f ms wall, longest FX pause %.1f ms over %d pulses;"
                    + " FX CPU between pulses max %.1f ms; longest pump drain %.1f ms; idle %.1f ms; filling the open-objects view (%d rows): %.0f ms,"
                    + " longest pause %.1f ms; result %s%n", round,
                    round < warmup ? " (warm-up)" : "", r[2], r[0], (long) r[1], r[9], r[8], r[7], expected, r[4], r[3], result);
        }
        double[] pauses = results.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] fillPauses = results.stream().mapToDouble(r -> r[3]).sorted().toArray();
        double[] last = results.get(results.size() - 1);
        double[] idle = results.stream().mapToDouble(r -> r[7]).sorted().toArray();
        double[] drains = results.stream().mapToDouble(r -> r[8]).sorted().toArray();
        double[] cpu = results.stream().mapToDouble(r -> r[9]).sorted().toArray();
        System.out.printf(Locale.ROOT, "UiPauseProbe: %d extra objects, %d measured rounds after %d warm-up%n", objects,
                rounds, warmup);
        System.out.printf(Locale.ROOT, "  longest FX pause during the teardown: median %.1f ms, max %.1f ms  %s%n",
                pauses[pauses.length / 2], pauses[pauses.length - 1], Arrays.toString(pauses));
        System.out.printf(Locale.ROOT, "  longest FX pause while the view fills: median %.1f ms, max %.1f ms%n",
                fillPauses[fillPauses.length / 2], fillPauses[fillPauses.length - 1]);
        System.out.printf(Locale.ROOT, "  most FX-thread CPU between two pulses during the teardown: median %.1f ms,"
                + " max %.1f ms%n", cpu[cpu.length / 2], cpu[cpu.length - 1]);
        System.out.printf(Locale.ROOT, "  longest pump drain during the teardown: median %.1f ms, max %.1f ms%n",
                drains[drains.length / 2], drains[drains.length - 1]);
        System.out.printf(Locale.ROOT, "  idle baseline (same window, nothing happening): median %.1f ms, max %.1f ms%n",
                idle[idle.length / 2], idle[idle.length - 1]);
        System.out.printf(Locale.ROOT, "  event pump so far: %d updates posted, %d runLater batches%n", (long) last[6],
                (long) last[5]);
        System.out.println("  target: longest pause <= 50 ms -> " + (pauses[pauses.length - 1] <= 50 ? "met" : "NOT met"));
        Platform.exit();
        System.exit(0);
    }

    /** Opens {@code n} extra objects (advising every tenth) and caches n/10 buffers, all in the ledger. */
    private static void fill(ClientSession session, int n) {
        Ledger ledger = session.ledger();
        MapiFolder outbox = (MapiFolder) ledger.byRole(Ledger.Role.OUTBOX).orElseThrow().object();
        for (int i = 0; i < n; i++) {
            MapiTable table = outbox.getContentsTable(0);
            Ledger.ObjectRecord rec = ledger.opened(table, Ledger.Role.OTHER);
            if (i % 10 == 0) {
                long conn = table.advise(EventType.fnevTableModified, list -> 0);
                ledger.advised(rec, "IMAPITable::Unadvise", conn, EventType.fnevTableModified, table::unadvise);
                MapiBuffer b = session.runtime().mapiAllocateBuffer(16);
                ledger.allocated("probe buffer " + i, b);
            }
        }
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
