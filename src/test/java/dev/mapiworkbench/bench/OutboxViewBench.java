package dev.mapiworkbench.bench;

import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import java.nio.file.Path;
import java.util.Locale;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * Issue 12's "the window's Outbox view shows them ≤ 1 s after logon" with N queued (decision 0530): the real
 * window (headless Monocle unless {@code -Dgui}) on a profile whose Outbox already holds N queued messages (made
 * by {@code ClientScaleBench fill N DIR}; use a copy, the run changes it), the transport offline. Times, from
 * the logon's start: the logon; the queue table drawing its first rows (real subjects, not placeholders); the
 * window's count "Outbox queue (N pending)" reaching N; End in the table drawing the last message. Then the
 * heap in use. Run it with {@code -Xmx256m}:
 *
 * <pre>
 * java -Xmx256m -cp $CP dev.mapiworkbench.bench.OutboxViewBench 100000 target/cs100k-copy
 * java -Xmx256m -cp $CP dev.mapiworkbench.bench.OutboxViewBench drain 100000 target/cs100k-copy
 * </pre>
 *
 * <p>{@code drain N DIR}: issue 12's "drain 100,000 queued through the whole client with the window open and
 * responsive": the same logon and wait for the view, then the transport goes online (zero latency, the store's
 * {@code synchronous=FULL}: one durable commit per message) and the client drains all N while the window follows.
 * Prints the rate of every 10,000 with the FX thread's longest freeze in it (a 2 ms {@code runLater} ping, as
 * {@link UiPauseProbe}) and its CPU, the CPU of every busy thread over the drain, how long the window's count
 * took to reach 0 after the client's, and the heap after a GC. {@code -Ddrain.tab=notifications} shows the
 * Notifications tab during the drain (its log then follows every line), instead of the Open objects tab the
 * window starts with.
 */
public final class OutboxViewBench {

    private OutboxViewBench() {}

    public static void main(String[] args) {
        BenchSupport.runMain("OutboxViewBench", OutboxViewBench::run, args);
    }

    private static void run(String[] args) throws Exception {
        boolean drain = args[0].equals("drain");
        int at = drain ? 1 : 0;
        int n = Integer.parseInt(args[at]);
        Path dir = Path.of(args[at + 1]);
        System.out.printf(
                Locale.ROOT,
                "OutboxViewBench: %,d queued in %s, max heap %d MB, %d cores, JDK %s%n",
                n,
                dir,
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        BenchSupport.startToolkit();
        GuiOptions options = GuiOptions.parse(
                "--profile",
                dir.toString(),
                "--transport-latency",
                "0",
                "--transport-offline",
                "--no-logon",
                "--no-logoff-ui");
        Workbench wb = BenchSupport.shownWindow(options);
        @SuppressWarnings("unchecked")
        TableView<OutboxInfo> table = (TableView<OutboxInfo>)
                BenchSupport.fx(() -> wb.stage().getScene().lookup("#outboxTable"), 60);
        long t0 = System.nanoTime();
        long logon = BenchSupport.logOnAndWait(wb);
        BenchSupport.waitFor(() -> BenchSupport.fx(() -> drawn(table, 0), 60), 300_000, 5, "the first rows");
        long firstRows = System.nanoTime() - t0;
        BenchSupport.waitFor(
                () -> BenchSupport.fx(
                        () -> wb.model().pendingCountProperty().get() >= n
                                && table.getItems().size() >= n,
                        60),
                600_000,
                5,
                "all of the queue in the view");
        long all = System.nanoTime() - t0;
        if (drain) {
            System.out.printf(
                    Locale.ROOT,
                    "logon %.0f ms; first rows drawn %.0f ms after the logon began (%.0f ms after it); all %,d in the"
                            + " view and its count %.0f ms%n",
                    logon / 1e6,
                    firstRows / 1e6,
                    (firstRows - logon) / 1e6,
                    n,
                    all / 1e6);
            drain(wb, n);
            Platform.exit();
            System.exit(0);
        }
        long e0 = System.nanoTime();
        BenchSupport.fx(
                () -> {
                    table.requestFocus();
                    table.getSelectionModel().select(table.getItems().size() - 1);
                    table.scrollTo(table.getItems().size() - 1);
                    return null;
                },
                60);
        int last = n - 1;
        BenchSupport.waitFor(() -> BenchSupport.fx(() -> drawn(table, last), 60), 300_000, 5, "the last row");
        long end = System.nanoTime() - e0;
        System.gc();
        Runtime r = Runtime.getRuntime();
        long used = (r.totalMemory() - r.freeMemory()) >> 20;
        System.out.printf(
                Locale.ROOT,
                "logon %.0f ms; first rows drawn %.0f ms after the logon began (target: <= 1 s after logon: %.0f ms"
                        + " after it); all %,d in the view and its count %.0f ms; End draws the last row %.0f ms;"
                        + " heap used after GC %d MB%n",
                logon / 1e6,
                firstRows / 1e6,
                (firstRows - logon) / 1e6,
                n,
                all / 1e6,
                end / 1e6,
                used);
        // -Doutboxview.holdSeconds=N keeps the window up N more seconds (for jcmd GC.class_histogram)
        long hold = Long.getLong("outboxview.holdSeconds", 0L);
        if (hold > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "holding %d s (pid %d)%n",
                    hold,
                    ProcessHandle.current().pid());
            java.util.concurrent.TimeUnit.SECONDS.sleep(hold);
        }
        Platform.exit();
        System.exit(0);
    }

    /** The drain with the window open (see the class comment). */
    private static void drain(Workbench wb, int n) throws Exception {
        String tab = System.getProperty("drain.tab", "");
        if (!tab.isEmpty()) {
            BenchSupport.fx(
                    () -> {
                        javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane)
                                wb.stage().getScene().lookup("#detailTabs");
                        tabs.getTabs().stream()
                                .filter(t -> (tab + "Tab").equals(t.getId()))
                                .findFirst()
                                .ifPresent(t -> tabs.getSelectionModel().select(t));
                        return null;
                    },
                    60);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long fxId = BenchSupport.fx(() -> Thread.currentThread().getId(), 60);
        UiPauseProbe.PingWatch ping = new UiPauseProbe.PingWatch();
        Thread pinger = new Thread(ping, "fx-ping");
        pinger.setDaemon(true);
        pinger.start();
        Sampler sampler = Boolean.getBoolean("drain.sample") ? Sampler.start(threads) : null;
        java.util.Map<Long, Long> cpu0 = cpuOfThreads(threads);
        long gc0 = gcMillis();
        long gcCount0 = gcCount();
        var transport = wb.client()
                .capability(dev.mapiworkbench.mapi.TransportControl.class)
                .orElseThrow();
        double worst = 0;
        long d0 = System.nanoTime();
        long last = d0;
        long fxLast = threads.getThreadCpuTime(fxId);
        ping.arm();
        wb.gateway().applyTransport(transport.settings().withOffline(false));
        int step = Math.max(1, Math.min(10_000, n / 10));
        for (int left = n - step; left >= 0; left -= step) {
            int target = left;
            BenchSupport.waitFor(() -> wb.client().pendingCount() <= target, 1_800_000, 2, "the drain");
            long now = System.nanoTime();
            double[] p = ping.take();
            ping.arm();
            long fxNow = threads.getThreadCpuTime(fxId);
            worst = Math.max(worst, p[0]);
            System.out.printf(
                    Locale.ROOT,
                    "  drained %,d: %.0f msg/s over the last %,d; FX longest freeze %.1f ms (%d pings, %d over 16.7"
                            + " ms), FX CPU %.0f ms in %.2f s%n",
                    n - left,
                    step / ((now - last) / 1e9),
                    step,
                    p[0],
                    (long) p[1],
                    (long) p[2],
                    (fxNow - fxLast) / 1e6,
                    (now - last) / 1e9);
            last = now;
            fxLast = fxNow;
        }
        BenchSupport.waitFor(() -> wb.client().pendingCount() == 0, 1_800_000, 2, "the drain");
        long clientDone = System.nanoTime();
        BenchSupport.waitFor(
                () -> BenchSupport.fx(() -> wb.model().pendingCountProperty().get() == 0, 60),
                600_000,
                2,
                "the window's count 0");
        long windowDone = System.nanoTime();
        double[] p = ping.take();
        worst = Math.max(worst, p[0]);
        double secs = (clientDone - d0) / 1e9;
        java.util.Map<Long, Long> cpu1 = cpuOfThreads(threads);
        System.out.printf(
                Locale.ROOT,
                "drain with the window open: %,d in %.1f s = %.0f msg/s (target >= 1000); the window's count 0 %.0f ms"
                        + " after the client's; FX longest freeze %.1f ms over the drain; GC %d collections, %d ms%n",
                n,
                secs,
                n / secs,
                (windowDone - clientDone) / 1e6,
                worst,
                gcCount() - gcCount0,
                gcMillis() - gc0);
        if (sampler != null) {
            sampler.print();
        }
        System.out.println("  thread CPU over the drain (ms):");
        cpu1.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - cpu0.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 50_000_000L)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> {
                    var info = threads.getThreadInfo(e.getKey());
                    System.out.printf(
                            Locale.ROOT,
                            "    %7.0f  %s%n",
                            e.getValue() / 1e6,
                            info == null ? "(ended) " + e.getKey() : info.getThreadName());
                });
        System.gc();
        Runtime r = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "heap used after GC %d MB of %d MB%n",
                (r.totalMemory() - r.freeMemory()) >> 20,
                r.maxMemory() >> 20);
        // -Ddrain.histogram=N: the N largest classes of the heap after the drain (jcmd GC.class_histogram)
        int top = Integer.getInteger("drain.histogram", 0);
        if (top > 0) {
            Process jcmd = new ProcessBuilder(
                            "jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectErrorStream(true)
                    .start();
            try (var lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(jcmd.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                lines.lines().limit(top + 3L).forEach(System.out::println);
            }
            jcmd.waitFor();
        }
    }

    /**
     * {@code -Ddrain.sample}: the stacks of the FX thread and the client's notification thread every 2 ms while they
     * run (not waiting), counted by their innermost frame and innermost application frame.
     */
    private static final class Sampler implements Runnable {
        private final java.lang.management.ThreadMXBean threads;
        private final java.util.Map<String, java.util.Map<String, Integer>> counts =
                new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean on = true;

        private Sampler(java.lang.management.ThreadMXBean threads) {
            this.threads = threads;
        }

        static Sampler start(java.lang.management.ThreadMXBean threads) {
            Sampler s = new Sampler(threads);
            Thread t = new Thread(s, "drain-sampler");
            t.setDaemon(true);
            t.start();
            return s;
        }

        @Override
        public void run() {
            while (on) {
                for (var info : threads.dumpAllThreads(false, false, 24)) {
                    String name = info.getThreadName();
                    if (info.getThreadState() != Thread.State.RUNNABLE
                            || !(name.startsWith("JavaFX Application") || name.startsWith("sim-mapi-notify"))) {
                        continue;
                    }
                    StackTraceElement[] st = info.getStackTrace();
                    if (st.length == 0 || st[0].isNativeMethod()) {
                        continue;
                    }
                    String app = "-";
                    for (StackTraceElement e : st) {
                        if (e.getClassName().startsWith("dev.mapiworkbench")) {
                            app = e.getClassName().replace("dev.mapiworkbench.", "") + "." + e.getMethodName();
                            break;
                        }
                    }
                    String key = app + " <- " + st[0].getClassName() + "." + st[0].getMethodName();
                    counts.computeIfAbsent(name, k -> new java.util.concurrent.ConcurrentHashMap<>())
                            .merge(key, 1, Integer::sum);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
            }
        }

        void print() {
            on = false;
            counts.forEach((thread, c) -> {
                System.out.printf(
                        Locale.ROOT,
                        "  samples of %s: %d%n",
                        thread,
                        c.values().stream().mapToInt(Integer::intValue).sum());
                c.entrySet().stream()
                        .sorted((a, b) -> b.getValue() - a.getValue())
                        .limit(20)
                        .forEach(e -> System.out.printf(Locale.ROOT, "    %6d  %s%n", e.getValue(), e.getKey()));
            });
        }
    }

    private static java.util.Map<Long, Long> cpuOfThreads(java.lang.management.ThreadMXBean threads) {
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static long gcCount() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    /** True when the table draws row {@code index} with its message (not a placeholder). */
    private static boolean drawn(TableView<OutboxInfo> table, int index) {
        for (Node node : table.lookupAll(".table-row-cell")) {
            if (node instanceof TableRow<?> row
                    && row.isVisible()
                    && row.getIndex() == index
                    && row.getItem() instanceof OutboxInfo o
                    && !o.key().isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
