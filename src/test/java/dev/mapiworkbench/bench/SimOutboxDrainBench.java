package dev.mapiworkbench.bench;

import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.sim.SimRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Outbox drain through the whole simulator: N messages are submitted while the transport is offline,
 * then the transport goes online with zero latency and the spooler drains the queue; timed from going
 * online until the Outbox is empty. Each message costs two durable commits on the profile's SQLite
 * store file (lock with SUBMITFLAG_LOCKED, then the one-transaction move to Sent Items), plus the
 * spooler/transport thread hand-off and the notifications (one store sink and one contents-table sink
 * are advised, as the client does).
 *
 * <pre>
 * mvn -q -B test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.mapiworkbench.bench.SimOutboxDrainBench [-Dexec.args="5000 target/sim-drain-bench"]
 * </pre>
 */
public final class SimOutboxDrainBench {

    private SimOutboxDrainBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        Path base = Path.of(args.length > 1 ? args[1] : "target/sim-drain-bench");
        Files.createDirectories(base);
        out(
                "SimOutboxDrainBench: %d messages, synchronous=%s, %d cores, JDK %s",
                n,
                System.getProperty("mapiworkbench.store.synchronous", "FULL"),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        run(base, Math.min(n, 500), false); // warm-up
        for (int i = 0; i < 3; i++) {
            run(base, n, true);
        }
    }

    private static void run(Path base, int n, boolean report) throws Exception {
        Path dir = Files.createTempDirectory(base, "run");
        SimRuntime rt = SimRuntime.create(
                new BackendOptions(dir, "Bench", TransportSettings.instant().withOffline(true), Map.of()));
        rt.mapiInitialize(MapiInit.multithreaded());
        MapiSession s = rt.mapiLogonEx(0, null, null, 0);
        MapiTable stores = s.getMsgStoresTable(0);
        Row row = stores.queryRows(1, 0).get(0);
        stores.release();
        MsgStore store = s.openMsgStore(0, row.get(PropTag.PR_ENTRYID).asEntryId(), MapiFlags.MDB_WRITE);
        EntryId outboxId = store.getProp(PropTag.PR_IPM_OUTBOX_ENTRYID).asEntryId();
        MapiFolder outbox = (MapiFolder) store.openEntry(outboxId, MapiFlags.MAPI_MODIFY);
        MapiTable contents = outbox.getContentsTable(0);
        long c1 = contents.advise(0x100, notifications -> 0);
        long c2 = store.advise(null, 0x20, notifications -> 0);
        long s0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            MapiMessage m = outbox.createMessage(0);
            m.setProps(List.of(PropValue.of(PropTag.PR_SUBJECT_W, "bench " + i), PropValue.of(PropTag.PR_BODY_W, "x")));
            m.modifyRecipients(MapiFlags.MODRECIP_ADD, List.of("bench@example.com"));
            m.submitMessage(0);
            m.release();
        }
        long s1 = System.nanoTime();
        long t0 = System.nanoTime();
        rt.transportControl().apply(rt.transportControl().settings().withOffline(false));
        if (!rt.awaitOutboxIdle(Duration.ofMinutes(10))) {
            throw new IllegalStateException("drain did not finish");
        }
        long t1 = System.nanoTime();
        if (rt.transportLog().size() != n || contents.getRowCount(0) != 0) {
            throw new IllegalStateException(
                    "drain incomplete: " + rt.transportLog().size());
        }
        contents.unadvise(c1);
        store.unadvise(c2);
        contents.release();
        outbox.release();
        store.release();
        s.logoff(0, 0, 0);
        s.release();
        rt.mapiUninitialize();
        if (report) {
            double submitS = (s1 - s0) / 1e9;
            double drainS = (t1 - t0) / 1e9;
            out(
                    "submit: %,7.0f msg/s (%.2f s)   drain: %,7.0f msg/s (%.2f s, %.3f ms/message)",
                    n / submitS, submitS, n / drainS, drainS, drainS * 1e3 / n);
        }
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
