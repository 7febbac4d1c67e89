package dev.mapiworkbench.bench;

import dev.mapiworkbench.client.ClientConfig;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.ClientSessions;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownEvent;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.Transcript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The 10k-object teardown through the executor with events on (issue 3, item 7; target engine time
 * &lt;= 50 ms). Each round logs on, opens N extra objects (Outbox contents tables) on top of the logon's
 * own, advises on every tenth and caches N/10 buffers, then runs the desktop plan on the default
 * executor with a listener that consumes every event. Setup is not timed; the transcript's
 * {@code engineMicros} and the caller-side wall time (start to result) are.
 *
 * <pre>mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.mapiworkbench.bench.TeardownBench
 *     [-Dexec.args="10000 5 15"]   (objects, warm-up rounds, measured rounds)</pre>
 */
public final class TeardownBench {

    private TeardownBench() {}

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Path dir = Files.createTempDirectory("teardown-bench");
        ClientSession session = ClientSessions.open(
                new ClientConfig("sim", dir, TransportSettings.instant(), java.util.Map.of("sim.store", "memory")));
        TeardownEngine engine = new TeardownEngine();
        List<long[]> results = new ArrayList<>();
        java.util.Map<String, List<Long>> stepMicros = new java.util.LinkedHashMap<>();
        for (int round = 0; round < warmup + rounds; round++) {
            session.logon(LogonOptions.defaults());
            BenchSupport.fill(session, objects, "bench buffer");
            int ledgerObjects = session.ledger().objects().size();
            AtomicLong eventCount = new AtomicLong();
            long t0 = System.nanoTime();
            Transcript t = engine.start(
                            session,
                            TeardownRequest.of(Plan.DESKTOP, Mode.NOW),
                            e -> {
                                eventCount.incrementAndGet();
                                if (e instanceof TeardownEvent.CallMade c
                                        && c.call().api().isEmpty()) {
                                    throw new IllegalStateException("unreachable");
                                }
                            },
                            null)
                    .await(Duration.ofMinutes(2));
            long wallMicros = (System.nanoTime() - t0) / 1000;
            long calls = t.steps().stream().mapToLong(s -> s.calls().size()).sum();
            if (!t.result().equals(Transcript.CLEAN)) {
                throw new IllegalStateException("round " + round + " was not clean: " + t.findings());
            }
            if (round >= warmup) {
                t.steps()
                        .forEach(st -> stepMicros
                                .computeIfAbsent(st.id().id(), k -> new ArrayList<>())
                                .add(st.durationMicros()));
                results.add(new long[] {t.engineMicros(), wallMicros, calls, eventCount.get(), ledgerObjects});
            }
        }
        session.shutdown();
        long[] engine1 = results.stream().mapToLong(r -> r[0]).sorted().toArray();
        long[] wall = results.stream().mapToLong(r -> r[1]).sorted().toArray();
        long[] first = results.get(0);
        System.out.printf(
                Locale.ROOT,
                "TeardownBench: %d ledger objects (+%d advise, +%d buffers), %d calls, %d events"
                        + " per run; %d measured rounds after %d warm-up%n",
                first[4],
                objects / 10,
                objects / 10,
                first[2],
                first[3],
                rounds,
                warmup);
        System.out.printf(
                Locale.ROOT,
                "  engine time  median %.1f ms  min %.1f ms  max %.1f ms%n",
                median(engine1) / 1000.0,
                engine1[0] / 1000.0,
                engine1[engine1.length - 1] / 1000.0);
        System.out.printf(
                Locale.ROOT,
                "  wall (start->result) median %.1f ms  min %.1f ms  max %.1f ms%n",
                median(wall) / 1000.0,
                wall[0] / 1000.0,
                wall[wall.length - 1] / 1000.0);
        stepMicros.forEach((id, list) -> System.out.printf(
                Locale.ROOT,
                "    %-18s median %.2f ms%n",
                id,
                median(list.stream().mapToLong(Long::longValue).sorted().toArray()) / 1000.0));
        System.out.println("  target: engine time <= 50 ms -> " + (median(engine1) <= 50_000 ? "met" : "NOT met")
                + "  all: " + Arrays.toString(engine1));
    }

    private static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
