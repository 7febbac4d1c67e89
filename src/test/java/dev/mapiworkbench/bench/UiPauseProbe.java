package dev.mapiworkbench.bench;

import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.ui.FxDialogService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Probe (issue 4, item 8; not a timed test): the FX thread's longest freeze while the window tears
 * down a session holding N extra objects (default 10,000; every tenth advised, N/10 cached buffers,
 * as in TeardownBench). The main figure is what a person feels: a background thread posts a tiny
 * {@code Platform.runLater} "ping" every 2 ms (one at a time: the next only after the last ran) and
 * records how long each waited until the FX thread ran it; the longest wait from "Log off" to the
 * finished summary is the longest time the FX thread could not respond to input. Also recorded:
 * the most FX-thread CPU time between two pulses (its own work) and, for comparison with earlier
 * runs, the longest wall-clock gap between pulses (which includes idle time: pulses only run when
 * something changed, so that gap is not a freeze). An idle baseline (same window, nothing
 * happening) checks the ping: it should stay near zero. Runs headless on Monocle unless {@code -Dgui}.
 *
 * <pre>mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.mapiworkbench.bench.UiPauseProbe
 *     [-Dexec.args="10000 3 7"]   (objects, warm-up rounds, measured rounds)</pre>
 */
public final class UiPauseProbe {

    private UiPauseProbe() {}

    /**
     * Longest gap between pulses while armed (wall time), and the most CPU time the FX thread used
     * between two pulses (ThreadMXBean): the wall gap includes waiting for a CPU on a loaded machine
     * and for the software renderer; the CPU figure is the FX thread's own work.
     */
    private static final class PulseWatch implements Runnable {
        private final java.lang.management.ThreadMXBean threads =
                java.lang.management.ManagementFactory.getThreadMXBean();
        volatile boolean armed;
        long last;
        long lastCpu;
        long maxGapNanos;
        long maxCpuNanos;
        long pulses;

        /**
         * Registered as the scene's post-layout pulse listener: stamps only the pulses that run
         * anyway (an {@link javafx.animation.AnimationTimer} would force a pulse, and a software
         * render, every frame, and so make the FX thread busy by itself).
         */
        @Override
        public void run() {
            long now = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            if (armed && last != 0) {
                maxGapNanos = Math.max(maxGapNanos, now - last);
                maxCpuNanos = Math.max(maxCpuNanos, cpu - lastCpu);
                pulses++;
                if (LOG_PULSES) {
                    log.append(String.format(Locale.ROOT, " %.0f:%.1f", (now - armedAt) / 1e6, (cpu - lastCpu) / 1e6));
                }
            }
            last = now;
            lastCpu = cpu;
        }

        /** With {@code -Dprobe.pulses}: every pulse's time since arming and FX CPU since the last one (ms). */
        static final boolean LOG_PULSES = System.getProperty("probe.pulses") != null;

        final StringBuilder log = new StringBuilder();
        long armedAt;

        void arm() {
            log.setLength(0);
            armedAt = System.nanoTime();
            last = 0;
            maxGapNanos = 0;
            maxCpuNanos = 0;
            pulses = 0;
            armed = true;
        }
    }

    /**
     * One ping at a time from a daemon thread: posts a runLater, waits until it ran, records the
     * wait, sleeps {@link #PERIOD_NANOS}, repeats. The longest wait while armed is the longest time
     * the FX thread could not run a queued event (input is queued the same way).
     */
    static final class PingWatch implements Runnable {
        static final long PERIOD_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(2);
        private final java.util.concurrent.atomic.AtomicLong maxNanos = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong over16 = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean armed;

        @Override
        public void run() {
            java.util.concurrent.Semaphore done = new java.util.concurrent.Semaphore(0);
            while (true) {
                long posted = System.nanoTime();
                Platform.runLater(() -> {
                    long waited = System.nanoTime() - posted;
                    if (armed) {
                        maxNanos.accumulateAndGet(waited, Math::max);
                        count.incrementAndGet();
                        if (waited > 16_700_000L) {
                            over16.incrementAndGet();
                        }
                    }
                    done.release();
                });
                done.acquireUninterruptibly();
                java.util.concurrent.locks.LockSupport.parkNanos(PERIOD_NANOS);
            }
        }

        /** Starts a new measurement; call on any thread. */
        void arm() {
            armed = false;
            maxNanos.set(0);
            count.set(0);
            over16.set(0);
            armed = true;
        }

        /** {longest wait ms, pings, pings that waited longer than one 60 Hz frame}. */
        double[] take() {
            armed = false;
            return new double[] {maxNanos.get() / 1e6, count.get(), over16.get()};
        }
    }

    /**
     * With {@code -Dprobe.sample}: samples the FX thread's stack every millisecond while armed and
     * prints the most frequent "innermost application frame / innermost frame" pairs, to find
     * where a freeze is spent.
     */
    private static final class FxSampler implements Runnable {
        private final Thread fxThread;
        private final java.util.Map<String, Integer> counts = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<String, Integer> buckets = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean armed;

        FxSampler(Thread fxThread) {
            this.fxThread = fxThread;
        }

        @Override
        public void run() {
            while (true) {
                if (armed) {
                    StackTraceElement[] stack = fxThread.getStackTrace();
                    if (stack.length > 0 && !isIdle(stack)) {
                        String app = "-";
                        String chain = "";
                        for (StackTraceElement e : stack) {
                            if (e.getClassName().startsWith("dev.mapiworkbench") && app.equals("-")) {
                                app = e.getClassName()
                                                .substring(e.getClassName().lastIndexOf('.') + 1) + "."
                                        + e.getMethodName();
                            }
                        }
                        for (int i = 0; i < Math.min(4, stack.length); i++) {
                            chain += (i > 0 ? " < " : "")
                                    + stack[i].getClassName()
                                            .substring(stack[i].getClassName().lastIndexOf('.') + 1) + "."
                                    + stack[i].getMethodName();
                        }
                        counts.merge(app + " | " + chain, 1, Integer::sum);
                        buckets.merge(bucket(stack), 1, Integer::sum);
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            }
        }

        /**
         * What the FX thread was doing, outermost first: a pulse's CSS pass, layout pass or the rest of it;
         * a pump update (the update's own method and the application method under it); any other runLater.
         */
        static String bucket(StackTraceElement[] stack) {
            for (int i = stack.length - 1; i >= 0; i--) {
                String m = stack[i].getClassName() + "." + stack[i].getMethodName();
                if (m.endsWith("Scene$ScenePulseListener.pulse")) {
                    for (int j = i - 1; j >= 0; j--) {
                        String n = stack[j].getMethodName();
                        if (n.equals("doCSSPass") || n.equals("doLayoutPass") || n.equals("synchronizeSceneNodes")) {
                            return "pulse " + n + where(stack, j) + appUnder(stack, j);
                        }
                    }
                    return "pulse other " + (i > 0 ? simple(stack[i - 1]) : "") + " .. " + simple(stack[0]);
                }
                if (m.endsWith("FxEventPump.runSafely") && i > 0) {
                    return "pump " + simple(stack[i - 1]) + appUnder(stack, i - 1);
                }
            }
            return "other " + appUnder(stack, stack.length);
        }

        /** Under index {@code from}: the innermost skin, and whether inside a virtual flow (table, list, tree). */
        private static String where(StackTraceElement[] stack, int from) {
            String skin = "";
            boolean flow = false;
            for (int k = from - 1; k >= 0; k--) {
                String c = stack[k].getClassName();
                flow |= c.endsWith("VirtualFlow");
                if (c.endsWith("Skin") || c.endsWith("SkinBase")) {
                    String n = c.substring(c.lastIndexOf('.') + 1);
                    if (!skin.endsWith(n)) {
                        skin = skin.isEmpty() ? n : skin + "/" + n;
                    }
                }
            }
            return " [" + skin + (flow ? " in a VirtualFlow" : "") + "]";
        }

        /** The innermost application frame under index {@code from}, if any. */
        private static String appUnder(StackTraceElement[] stack, int from) {
            for (int k = 0; k < from; k++) {
                if (stack[k].getClassName().startsWith("dev.mapiworkbench")) {
                    return " > " + simple(stack[k]);
                }
            }
            return "";
        }

        private static String simple(StackTraceElement e) {
            return e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + e.getMethodName();
        }

        /** Waiting in the FX event loop for the next event (a wait anywhere else counts: it blocks the thread). */
        private static boolean isIdle(StackTraceElement[] stack) {
            for (int i = 0; i < Math.min(8, stack.length); i++) {
                String c = stack[i].getClassName();
                if (c.endsWith("RunnableProcessor")
                        || c.endsWith("RunnableQueue")
                        || c.endsWith("InvokeLaterDispatcher")) {
                    return stack[0].getMethodName().equals("park")
                            || stack[0].getMethodName().startsWith("wait");
                }
            }
            return false;
        }

        void print(String what) {
            print(what + ", busiest", counts, 12);
            print(what + ", by what ran", buckets, 25);
        }

        private static void print(String title, java.util.Map<String, Integer> samples, int limit) {
            System.out.println("FX thread samples (1 ms) " + title + ":");
            samples.entrySet().stream()
                    .sorted((a, b) -> b.getValue() - a.getValue())
                    .limit(limit)
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %4d  %s%n", e.getValue(), e.getKey()));
            samples.clear();
        }
    }

    /**
     * The longest stop-the-world collection while armed (GC notifications): a GC pause stops the FX
     * thread like any other, so a ping wait close to it was the collector, not the UI code.
     */
    private static final class GcWatch implements javax.management.NotificationListener {
        private final java.util.concurrent.atomic.AtomicLong maxMs = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean armed;

        GcWatch() {
            for (java.lang.management.GarbageCollectorMXBean gc :
                    java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener(this, null, null);
            }
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (armed
                    && com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                            n.getType())) {
                com.sun.management.GarbageCollectionNotificationInfo info =
                        com.sun.management.GarbageCollectionNotificationInfo.from(
                                (javax.management.openmbean.CompositeData) n.getUserData());
                if (!info.getGcCause().contains("Concurrent")
                        && !info.getGcName().contains("Cycles")) {
                    maxMs.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
                    count.incrementAndGet();
                }
            }
        }

        void arm() {
            maxMs.set(0);
            count.set(0);
            armed = true;
        }

        /** {longest pause ms, collections}; notifications arrive a little late, so call after a short settle. */
        double[] take() {
            armed = false;
            return new double[] {maxMs.get(), count.get()};
        }
    }

    public static void main(String[] args) {
        BenchSupport.runMain("UiPauseProbe", UiPauseProbe::run, args);
    }

    private static void run(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        BenchSupport.startToolkit();

        GuiOptions options = BenchSupport.probeOptions("ui-pause-probe");
        PulseWatch watch = new PulseWatch();
        GcWatch gcs = new GcWatch();
        PingWatch ping = new PingWatch();
        Thread pinger = new Thread(ping, "fx-ping");
        pinger.setDaemon(true);
        pinger.start();
        ping.arm();
        TimeUnit.MILLISECONDS.sleep(1000);
        double[] bare = ping.take();
        System.out.printf(
                Locale.ROOT, "idle FX toolkit, no window: longest ping wait %.1f ms over %d pings%n", bare[0], (long)
                        bare[1]);
        Workbench wb = fx(() -> {
            Workbench w = Workbench.create(new Stage(), options, FxDialogService::new, () -> {});
            w.stage().show();
            w.stage().getScene().addPostLayoutPulseListener(watch);
            return w;
        });
        ping.arm();
        TimeUnit.MILLISECONDS.sleep(1000);
        double[] empty = ping.take();
        System.out.printf(
                Locale.ROOT,
                "first second after showing the window (its first layout and render), logged off: longest ping wait %.1f ms over %d pings%n",
                empty[0],
                (long) empty[1]);
        List<double[]> results = new ArrayList<>();
        FxSampler sampler = null;
        if (System.getProperty("probe.sample") != null) {
            sampler = new FxSampler(fx(Thread::currentThread));
            Thread t = new Thread(sampler, "fx-sampler");
            t.setDaemon(true);
            t.start();
        }
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
            ping.arm();
            long f0 = System.nanoTime();
            BenchSupport.fill(wb.client(), objects, "probe buffer");
            int expected = wb.client().ledgerSnapshot().size();
            waitFor(() -> fx(() -> wb.model().openObjects().size() == expected));
            double fillMs = (System.nanoTime() - f0) / 1e6;
            double fillGap = fx(() -> watch.maxGapNanos / 1e6);
            double[] fillPing = ping.take();

            // idle baseline: the same window and rows, nothing happening
            fx(() -> {
                watch.arm();
                return null;
            });
            ping.arm();
            if (sampler != null) {
                sampler.armed = true;
            }
            TimeUnit.MILLISECONDS.sleep(500);
            if (sampler != null) {
                sampler.armed = false;
                sampler.print("idle with the rows shown, round " + round);
            }
            double idleGap = fx(() -> watch.maxGapNanos / 1e6);
            double[] idlePing = ping.take();
            long idlePulses = fx(() -> watch.pulses);
            if (round == 0) {
                System.out.printf(
                        Locale.ROOT,
                        "idle check: %d pulses in 500 ms with the rows shown, nothing happening%n",
                        idlePulses + 1);
            }

            fx(() -> {
                wb.model().pump().takeLongestDrainNanos();
                watch.arm();
                return null;
            });
            ping.arm();
            gcs.arm();
            if (sampler != null) {
                sampler.armed = true;
            }
            long fxAlloc0 = fx(() -> allocatedBytes(Thread.currentThread().getId()));
            long allAlloc0 = allocatedBytes(-1);
            long t0 = System.nanoTime();
            long wall0 = System.currentTimeMillis();
            fx(() -> {
                wb.model().requestLogoff();
                return null;
            });
            waitFor(() -> fx(() -> wb.model().teardown().finishedProperty().get()
                    && !wb.model().tearingDownProperty().get()));
            double teardownMs = (System.nanoTime() - t0) / 1e6;
            // for profiles (JFR): the wall-clock window of this teardown, to select its samples
            System.out.printf(Locale.ROOT, "TEARDOWN_WINDOW %d %d %d%n", round, wall0, System.currentTimeMillis());
            double[] tdPing = ping.take();
            double fxAllocMb = (fx(() -> allocatedBytes(Thread.currentThread().getId())) - fxAlloc0) / 1e6;
            double allAllocMb = (allocatedBytes(-1) - allAlloc0) / 1e6;
            TimeUnit.MILLISECONDS.sleep(50); // GC notifications are delivered asynchronously
            double[] tdGc = gcs.take();
            if (sampler != null) {
                sampler.armed = false;
                sampler.print("during the teardown, round " + round);
            }
            double[] r = fx(() -> new double[] {
                watch.maxGapNanos / 1e6,
                watch.pulses,
                teardownMs,
                fillGap,
                fillMs,
                wb.model().pump().batchCount(),
                wb.model().pump().postedCount(),
                idleGap,
                wb.model().pump().takeLongestDrainNanos() / 1e6,
                watch.maxCpuNanos / 1e6,
                tdPing[0],
                tdPing[1],
                tdPing[2],
                fillPing[0],
                idlePing[0],
                tdGc[0],
                tdGc[1]
            });
            if (PulseWatch.LOG_PULSES) {
                System.out.println(
                        "  pulses (ms since Log off : FX CPU ms since the last pulse):" + fx(() -> watch.log));
            }
            String result = fx(() -> wb.model().teardown().resultProperty().get());
            if (round >= warmup) {
                results.add(r);
            }
            System.out.printf(
                    Locale.ROOT,
                    "round %d%s: teardown %.0f ms wall; longest ping wait %.1f ms (%d pings, %d over"
                            + " 16.7 ms); FX CPU between pulses max %.1f ms; longest pump drain %.1f ms; longest pulse gap %.1f ms"
                            + " over %d pulses; idle: ping %.1f ms, pulse gap %.1f ms; filling the open-objects view (%d rows):"
                            + " %.0f ms, longest ping wait %.1f ms, pulse gap %.1f ms; teardown GC: %d pauses, longest %.0f ms;"
                            + " result %s%n",
                    round,
                    round < warmup ? " (warm-up)" : "",
                    r[2],
                    r[10],
                    (long) r[11],
                    (long) r[12],
                    r[9],
                    r[8],
                    r[0],
                    (long) r[1],
                    r[14],
                    r[7],
                    expected,
                    r[4],
                    r[13],
                    r[3],
                    (long) r[16],
                    r[15],
                    result);
            System.out.printf(
                    Locale.ROOT,
                    "  allocated during the teardown: FX thread %.1f MB, all live threads %.1f MB%n",
                    fxAllocMb,
                    allAllocMb);
        }
        double[] pauses = results.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] fillPauses = results.stream().mapToDouble(r -> r[3]).sorted().toArray();
        double[] last = results.get(results.size() - 1);
        double[] idle = results.stream().mapToDouble(r -> r[7]).sorted().toArray();
        double[] drains = results.stream().mapToDouble(r -> r[8]).sorted().toArray();
        double[] cpu = results.stream().mapToDouble(r -> r[9]).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "UiPauseProbe: %d extra objects, %d measured rounds after %d warm-up%n",
                objects,
                rounds,
                warmup);
        double[] pings = results.stream().mapToDouble(r -> r[10]).sorted().toArray();
        double[] fillPings = results.stream().mapToDouble(r -> r[13]).sorted().toArray();
        double[] idlePings = results.stream().mapToDouble(r -> r[14]).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "  longest FX freeze (ping wait) during the teardown: median %.1f ms, max %.1f ms  %s%n",
                pings[pings.length / 2],
                pings[pings.length - 1],
                Arrays.toString(pings));
        System.out.printf(
                Locale.ROOT,
                "  longest FX freeze (ping wait) while the view fills: median %.1f ms, max %.1f ms%n",
                fillPings[fillPings.length / 2],
                fillPings[fillPings.length - 1]);
        System.out.printf(
                Locale.ROOT,
                "  idle baseline ping wait (same window, nothing happening): median %.1f ms, max %.1f ms%n",
                idlePings[idlePings.length / 2],
                idlePings[idlePings.length - 1]);
        System.out.printf(
                Locale.ROOT,
                "  longest pulse gap during the teardown (includes idle time): median %.1f ms, max %.1f ms  %s%n",
                pauses[pauses.length / 2],
                pauses[pauses.length - 1],
                Arrays.toString(pauses));
        System.out.printf(
                Locale.ROOT,
                "  longest pulse gap while the view fills: median %.1f ms, max %.1f ms%n",
                fillPauses[fillPauses.length / 2],
                fillPauses[fillPauses.length - 1]);
        System.out.printf(
                Locale.ROOT,
                "  most FX-thread CPU between two pulses during the teardown: median %.1f ms," + " max %.1f ms%n",
                cpu[cpu.length / 2],
                cpu[cpu.length - 1]);
        double[] gcMax = results.stream().mapToDouble(r -> r[15]).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "  longest GC pause during the teardown: median %.0f ms, max %.0f ms%n",
                gcMax[gcMax.length / 2],
                gcMax[gcMax.length - 1]);
        System.out.printf(
                Locale.ROOT,
                "  longest pump drain during the teardown: median %.1f ms, max %.1f ms%n",
                drains[drains.length / 2],
                drains[drains.length - 1]);
        System.out.printf(
                Locale.ROOT,
                "  idle baseline pulse gap (same window, nothing happening): median %.1f ms, max %.1f ms%n",
                idle[idle.length / 2],
                idle[idle.length - 1]);
        System.out.printf(
                Locale.ROOT, "  event pump so far: %d updates posted, %d runLater batches%n", (long) last[6], (long)
                        last[5]);
        System.out.println("  target: longest freeze during the teardown <= 50 ms -> "
                + (pings[pings.length - 1] <= 50
                        ? "met in every round"
                        : pings[pings.length / 2] <= 50 ? "met in the median round, NOT in every round" : "NOT met"));
        Platform.exit();
        System.exit(0);
    }

    /** Bytes allocated so far by the thread {@code id}, or by all live threads for -1 (HotSpot's ThreadMXBean). */
    private static long allocatedBytes(long id) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        if (id >= 0) {
            return threads.getThreadAllocatedBytes(id);
        }
        long sum = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return BenchSupport.fx(c, 120);
    }

    private static void waitFor(BenchSupport.Check check) throws Exception {
        BenchSupport.waitFor(check, TimeUnit.MINUTES.toMillis(2), 5, "the probe");
    }
}
