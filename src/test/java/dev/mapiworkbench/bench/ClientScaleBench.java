package dev.mapiworkbench.bench;

import dev.mapiworkbench.client.ClientConfig;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.ClientSessions;
import dev.mapiworkbench.client.Draft;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.mapi.TransportControl;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.Transcript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The scale targets of issue #12 through the whole client on the simulator (SQLite store file,
 * {@code synchronous=FULL}, one durable commit per store write):
 * <ol>
 *   <li>queueing: {@code ClientSession.send} of N messages with the transport offline; the cost per
 *       message of the first 1,000 against the last 1,000 (target: within 1.5x);</li>
 *   <li>"log off now" with N queued: the transcript's engine time (target: at most 100 ms);</li>
 *   <li>logon with N queued: {@code ClientSession.logon} including the Outbox model's one read of the
 *       contents table (target: at most 2 s);</li>
 *   <li>drain: the transport goes online with zero latency; messages per second until the client's
 *       Outbox model shows none pending (target: at least 1,000/s).</li>
 * </ol>
 *
 * <pre>
 * mvn -q -B test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.mapiworkbench.bench.ClientScaleBench -Dexec.args="100000 target/client-scale-bench"
 * # the heap bound: run the same with MAVEN_OPTS=-Xmx256m (exec:java runs in Maven's JVM)
 * </pre>
 */
public final class ClientScaleBench {

    private static final int EDGE = 1_000;

    private ClientScaleBench() {}

    public static void main(String[] args) throws Exception {
        // "fill N DIR" queues N and stops; "measure N DIR" starts from DIR's queue (a fill made, e.g.,
        // with -Dmapiworkbench.store.synchronous=NORMAL to save time); "N BASE" does both in a new dir
        String mode = args.length > 0 && !Character.isDigit(args[0].charAt(0)) ? args[0] : "all";
        int at = mode.equals("all") ? 0 : 1;
        int n = args.length > at ? Integer.parseInt(args[at]) : 100_000;
        Path base = Path.of(args.length > at + 1 ? args[at + 1] : "target/client-scale-bench");
        Files.createDirectories(base);
        Path dir = mode.equals("all") ? Files.createTempDirectory(base, "run") : base;
        out(
                "ClientScaleBench: %d messages, %d cores, max heap %d MB, JDK %s, synchronous=%s",
                n,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"),
                System.getProperty("mapiworkbench.store.synchronous", "FULL"));
        ClientSession client = ClientSessions.open(ClientConfig.simulated(dir)
                .withTransport(TransportSettings.instant().withOffline(true)));
        TransportControl transport = client.capability(TransportControl.class).orElseThrow();
        try {
            if (mode.equals("measure")) {
                measure(client, transport, n);
                return;
            }
            if (mode.equals("drain")) {
                drain(client, transport, n);
                return;
            }
            if (mode.equals("snapshot")) {
                wholeQueueSnapshot(client, n, args.length > 3 ? Integer.parseInt(args[3]) : 5);
                return;
            }
            if (mode.equals("logoffs")) {
                logoffs(client, n, args.length > 3 ? Integer.parseInt(args[3]) : 10);
                return;
            }
            client.logon(LogonOptions.defaults());
            long firstEdge = 0;
            long lastEdge = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long s0 = System.nanoTime();
                client.send(new Draft("bench " + i, "body " + i, List.of("to" + (i % 97) + "@example.test")));
                long d = System.nanoTime() - s0;
                if (i < EDGE) {
                    firstEdge += d;
                }
                if (i >= n - EDGE) {
                    lastEdge += d;
                }
                if ((i + 1) % 10_000 == 0) {
                    out("  queued %,d (%.1f s)", i + 1, (System.nanoTime() - t0) / 1e9);
                }
            }
            int edge = Math.min(EDGE, n);
            double first = firstEdge / 1e3 / edge;
            double last = lastEdge / 1e3 / edge;
            out(
                    "queueing: first %d %.0f us/msg, last %d %.0f us/msg, ratio %.2f (target <= 1.5); total %.1f s",
                    edge, first, edge, last, last / first, (System.nanoTime() - t0) / 1e9);
            awaitPending(client, n, Duration.ofMinutes(2));
            if (mode.equals("fill")) {
                new TeardownEngine()
                        .start(client, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                        .await(Duration.ofMinutes(2));
                return;
            }
            measure(client, transport, n);
        } finally {
            client.shutdown();
        }
    }

    private static void measure(ClientSession client, TransportControl transport, int n) throws Exception {
        {
            if (client.state() != dev.mapiworkbench.client.SessionState.LOGGED_ON) {
                long l0 = System.nanoTime();
                client.logon(LogonOptions.defaults());
                out("first logon with %,d queued: %.0f ms", n, (System.nanoTime() - l0) / 1e6);
                awaitPending(client, n, Duration.ofMinutes(2));
                out(
                        "  the Outbox model holds all %,d %.0f ms after the logon began",
                        n, (System.nanoTime() - l0) / 1e6);
            }
            Transcript t = new TeardownEngine()
                    .start(client, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                    .await(Duration.ofMinutes(2));
            out(
                    "log off now with %,d queued: engine %.1f ms (target <= 100), result %s",
                    n, t.engineMicros() / 1e3, t.result());
            t.steps().forEach(st -> out("    step %s: %.1f ms", st.id(), st.durationMicros() / 1e3));

            // again, warm: the first teardown of a JVM loads and JIT-compiles the linter and transcript code
            client.logon(LogonOptions.defaults());
            awaitPending(client, n, Duration.ofMinutes(2));
            Transcript warm = new TeardownEngine()
                    .start(client, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                    .await(Duration.ofMinutes(2));
            out(
                    "log off now with %,d queued, second in this JVM: engine %.1f ms (target <= 100), result %s",
                    n, warm.engineMicros() / 1e3, warm.result());
            warm.steps().forEach(st -> out("    step %s: %.1f ms", st.id(), st.durationMicros() / 1e3));

            long l0 = System.nanoTime();
            client.logon(LogonOptions.defaults());
            long logonNanos = System.nanoTime() - l0;
            int pending = pending(client);
            out(
                    "logon with %,d queued: %.0f ms (target <= 2000), Outbox model shows %,d pending (first window)",
                    n, logonNanos / 1e6, pending);
            awaitPending(client, n, Duration.ofMinutes(2));
            out(
                    "  the Outbox model holds all %,d %.0f ms after the logon returned (read in the background)",
                    n, (System.nanoTime() - l0 - logonNanos) / 1e6);
            usedHeap("after logon");

            long d0 = System.nanoTime();
            transport.apply(transport.settings().withOffline(false));
            awaitPending(client, 0, Duration.ofMinutes(30));
            double secs = (System.nanoTime() - d0) / 1e9;
            out("drain through the client: %,d in %.1f s = %.0f msg/s (target >= 1000)", n, secs, n / secs);
            usedHeap("after drain");
            new TeardownEngine()
                    .start(client, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                    .await(Duration.ofMinutes(2));
        }
    }

    /**
     * "drain N DIR": the first logon of the process, the whole queue in the model, then the drain alone (the
     * transport online, zero latency, one durable commit per message), with the rate of every 10,000. Run it
     * under JFR to see the per-message path; without the teardowns and later logons of {@code measure}.
     */
    private static void drain(ClientSession client, TransportControl transport, int n) throws Exception {
        long l0 = System.nanoTime();
        client.logon(LogonOptions.defaults());
        out("first logon with %,d queued: %.0f ms", n, (System.nanoTime() - l0) / 1e6);
        awaitPending(client, n, Duration.ofMinutes(5));
        out("  the Outbox model holds all %,d %.0f ms after the logon began", n, (System.nanoTime() - l0) / 1e6);
        long d0 = System.nanoTime();
        transport.apply(transport.settings().withOffline(false));
        long last = d0;
        int step = Math.max(1, Math.min(10_000, n / 10));
        for (int left = n - step; left >= 0; left -= step) {
            awaitPending(client, left, Duration.ofMinutes(30), true);
            long now = System.nanoTime();
            out("  drained %,d: %.0f msg/s over the last %,d", n - left, step / ((now - last) / 1e9), step);
            last = now;
        }
        awaitPending(client, 0, Duration.ofMinutes(30));
        double secs = (System.nanoTime() - d0) / 1e9;
        out("drain through the client: %,d in %.1f s = %.0f msg/s (target >= 1000)", n, secs, n / secs);
        new TeardownEngine()
                .start(client, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                .await(Duration.ofMinutes(2));
    }

    /**
     * "logoffs N DIR [ROUNDS]": logon, the whole queue in the model, "log off now", ROUNDS times (the first round
     * is the JVM's first teardown); each round's engine time and steps, then the median of the rounds after the
     * first. Run it under JFR to see where a teardown spends its time.
     */
    private static void logoffs(ClientSession client, int n, int rounds) throws Exception {
        List<Double> warm = new java.util.ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            client.logon(LogonOptions.defaults());
            awaitPending(client, n, Duration.ofMinutes(2));
            Transcript t = new TeardownEngine()
                    .start(client, TeardownRequest.of(Plan.DESKTOP, Mode.NOW), null, null)
                    .await(Duration.ofMinutes(2));
            double ms = t.engineMicros() / 1e3;
            StringBuilder steps = new StringBuilder();
            t.steps()
                    .forEach(st -> steps.append(
                            String.format(Locale.ROOT, " %s %.1f", st.id().id(), st.durationMicros() / 1e3)));
            out("round %d: log off now with %,d queued: engine %.1f ms (%s);%s", r + 1, n, ms, t.result(), steps);
            if (r > 0) {
                warm.add(ms);
            }
        }
        if (!warm.isEmpty()) {
            java.util.Collections.sort(warm);
            out(
                    "log off now, rounds 2-%d: median %.1f ms, min %.1f, max %.1f (target <= 100)",
                    rounds, warm.get(warm.size() / 2), warm.get(0), warm.get(warm.size() - 1));
        }
    }

    /**
     * "snapshot N DIR [ROUNDS]": the window's gateway's whole-queue snapshot with N in the model (decision 0860): the
     * client logs on and holds all N, then a new {@code ClientGateway} streams its first snapshot (the whole queue),
     * ROUNDS times (a new gateway each); each round's time from the request to the snapshot, the rows and index it carries, and what the
     * snapshot thread allocated for it.
     */
    private static void wholeQueueSnapshot(ClientSession client, int n, int rounds) throws Exception {
        client.logon(LogonOptions.defaults());
        awaitPending(client, n, Duration.ofMinutes(5));
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            dev.mapiworkbench.app.ClientGateway gw =
                    new dev.mapiworkbench.app.ClientGateway(client, new TeardownEngine(), LogonOptions.defaults());
            java.util.concurrent.CompletableFuture<dev.mapiworkbench.ui.SessionGateway.Snapshot> got =
                    new java.util.concurrent.CompletableFuture<>();
            long[] alloc = new long[1];
            gw.setListener(new dev.mapiworkbench.ui.SessionGateway.Listener() {
                @Override
                public void snapshot(dev.mapiworkbench.ui.SessionGateway.Snapshot s) {
                    if (!got.isDone()) {
                        alloc[0] = threads.getThreadAllocatedBytes(
                                Thread.currentThread().getId());
                        got.complete(s);
                    }
                }

                @Override
                public void notification(String line) {}

                @Override
                public void criticalError(String reason) {}
            });
            long t0 = System.nanoTime();
            gw.selectFolder(null); // a change: the throttle streams the first snapshot, the whole queue
            var s = got.get(2, java.util.concurrent.TimeUnit.MINUTES);
            long ms = System.nanoTime() - t0;
            out(
                    "round %d: whole-queue snapshot with %,d in the model: %.0f ms; rows %,d, index %s; the snapshot"
                            + " thread's allocation so far %.1f MB",
                    r + 1, n, ms / 1e6, s.outbox().size(), indexSize(s), alloc[0] / 1e6);
            gw.setListener(null); // it builds no more snapshots (its thread is a daemon; main shuts the client down)
        }
    }

    /** The snapshot's index size, or "none" (before decision 0860 there was none): read reflectively. */
    private static String indexSize(Object snapshot) {
        try {
            Object index = snapshot.getClass().getMethod("outboxIndex").invoke(snapshot);
            return index == null
                    ? "none"
                    : String.valueOf(index.getClass().getMethod("size").invoke(index));
        } catch (ReflectiveOperationException e) {
            return "none";
        }
    }

    /** The model's pending count (kept with every change: polling it does not copy the model). */
    private static int pending(ClientSession client) {
        return client.pendingCount();
    }

    private static void awaitPending(ClientSession client, int expected, Duration timeout) throws InterruptedException {
        awaitPending(client, expected, timeout, false);
    }

    /** Waits until the model shows {@code expected} pending ({@code atMost}: or fewer). */
    private static void awaitPending(ClientSession client, int expected, Duration timeout, boolean atMost)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (atMost ? pending(client) > expected : pending(client) != expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the Outbox model did not reach " + expected + " pending: " + pending(client));
            }
            Thread.sleep(20);
        }
    }

    private static void usedHeap(String when) {
        Runtime r = Runtime.getRuntime();
        System.gc();
        out("  heap used %s: %d MB of %d MB", when, (r.totalMemory() - r.freeMemory()) >> 20, r.maxMemory() >> 20);
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
