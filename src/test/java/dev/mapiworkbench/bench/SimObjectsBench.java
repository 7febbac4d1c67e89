package dev.mapiworkbench.bench;

import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.sim.SimRuntime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The simulator's bookkeeping cost: open N objects (status tables), advise N connections (one per
 * table), allocate N buffers (64 bytes), then release everything (Unadvise, Release, MAPIFreeBuffer),
 * for N = 1k, 10k, 100k. Median of 7 timed rounds after 5 warm-up rounds per N.
 *
 * <pre>
 * mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.mapiworkbench.bench.SimObjectsBench
 * </pre>
 */
public final class SimObjectsBench {

    private static final int WARMUP = 5;
    private static final int ROUNDS = 7;

    private SimObjectsBench() {}

    public static void main(String[] args) {
        out(
                "SimObjectsBench: %d cores, JDK %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out(
                "%8s %10s %10s %10s %10s %10s %12s",
                "N", "open ms", "advise ms", "alloc ms", "release ms", "total ms", "ns/object");
        for (int n : new int[] {1_000, 10_000, 100_000}) {
            double[][] phases = new double[ROUNDS][];
            for (int r = 0; r < WARMUP + ROUNDS; r++) {
                double[] p = round(n);
                if (r >= WARMUP) {
                    phases[r - WARMUP] = p;
                }
            }
            double[] med = new double[5];
            for (int i = 0; i < 5; i++) {
                final int k = i;
                double[] col =
                        Arrays.stream(phases).mapToDouble(p -> p[k]).sorted().toArray();
                med[i] = col[col.length / 2];
            }
            out(
                    "%,8d %10.2f %10.2f %10.2f %10.2f %10.2f %12.0f",
                    n, med[0], med[1], med[2], med[3], med[4], med[4] * 1e6 / n);
        }
    }

    /** Returns {open, advise, alloc, release, total} in ms. */
    private static double[] round(int n) {
        SimRuntime rt = SimRuntime.create(new BackendOptions(null, "Bench", TransportSettings.instant(), Map.of()));
        rt.mapiInitialize(MapiInit.multithreaded());
        MapiSession s = rt.mapiLogonEx(0, "Bench", null, 0);
        MapiTable[] tables = new MapiTable[n];
        long[] conns = new long[n];
        MapiBuffer[] buffers = new MapiBuffer[n];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            tables[i] = s.getStatusTable(0);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            conns[i] = tables[i].advise(EventType.fnevTableModified, notifications -> 0);
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            buffers[i] = rt.mapiAllocateBuffer(64);
        }
        long t3 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            tables[i].unadvise(conns[i]);
            tables[i].release();
            rt.mapiFreeBuffer(buffers[i]);
        }
        long t4 = System.nanoTime();
        if (rt.diagnostics().liveObjects().size() != 1 || rt.diagnostics().outstandingBuffers() != 0) {
            throw new IllegalStateException("not everything was released");
        }
        s.logoff(0, 0, 0);
        s.release();
        rt.mapiUninitialize();
        return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t4 - t0) / 1e6};
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
