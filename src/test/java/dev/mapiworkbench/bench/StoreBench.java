package dev.mapiworkbench.bench;

import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.sim.store.MailStoreFile;
import dev.mapiworkbench.sim.store.MailStoreFile.FolderRole;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import dev.mapiworkbench.sim.store.StoreProps;
import dev.mapiworkbench.sim.store.StoreReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Store-file throughput with a durable commit per call: create N queued Outbox messages, then drain
 * the outgoing queue the way a spooler does (move to Sent Items with the flags updated; in a second
 * run, first a durable lock with SUBMITFLAG_LOCKED), one commit per call. Also the raw fsync rate of
 * the same disk.
 *
 * <pre>
 * mvn -q -B test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.mapiworkbench.bench.StoreBench [-Dexec.args="10000 target/store-bench"]
 * # the NORMAL (not durable) comparison: add -Dmapiworkbench.store.synchronous=NORMAL
 * </pre>
 */
public final class StoreBench {

    private StoreBench() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/store-bench");
        Files.createDirectories(dir);
        String sync = System.getProperty("mapiworkbench.store.synchronous", "FULL");
        out(
                "StoreBench: %d messages, synchronous=%s, dir=%s, %d cores, JDK %s",
                n,
                sync,
                dir.toAbsolutePath(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        out("raw 4 KiB in-place write + fdatasync: %s", fsyncRate(dir.resolve("fsync.bin"), 2_000));

        // warm-up run (JIT, SQLite page cache), not reported
        run(dir, Math.min(n, 1_000), false, false);
        out("-- spooler drain = move to Sent Items (1 commit per message)");
        run(dir, n, false, true);
        out("-- spooler drain = lock (SUBMITFLAG_LOCKED) + move (2 commits per message)");
        run(dir, n, true, true);
    }

    private static void run(Path dir, int n, boolean lockFirst, boolean report) throws IOException {
        Path file = dir.resolve("bench-" + System.nanoTime() + ".mwstore");
        try (MailStoreFile store = MailStoreFile.open(file, "Mailbox - bench")) {
            long outbox = store.folder(FolderRole.OUTBOX).id();
            long sent = store.folder(FolderRole.SENT_ITEMS).id();
            Instant t0 = Instant.now();

            long[] createLat = new long[n];
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                Map<Integer, Object> props = new HashMap<>();
                props.put(PropTag.PR_SUBJECT_W, "Bench message " + i);
                props.put(PropTag.PR_BODY_W, "Hello,\n\nthis is message " + i + " of the store benchmark.\n");
                props.put(PropTag.PR_MESSAGE_CLASS_W, "IPM.Note");
                props.put(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_SUBMIT | MapiFlags.MSGFLAG_UNSENT);
                props.put(PropTag.PR_SUBMIT_FLAGS, 0);
                props.put(PropTag.PR_CLIENT_SUBMIT_TIME, t0.plusMillis(i));
                props.put(StoreProps.RECIPIENTS, List.of("bob@example.com", "carol@example.com"));
                store.createMessage(outbox, props);
                createLat[i] = System.nanoTime() - t;
            }
            long created = System.nanoTime();

            long queueStart = System.nanoTime();
            List<MessageRecord> queue = StoreReads.queue(store);
            long queueNanos = System.nanoTime() - queueStart;
            if (queue.size() != n) {
                throw new IllegalStateException("queue has " + queue.size() + " messages, expected " + n);
            }

            long[] drainLat = new long[n];
            int k = 0;
            long drainStart = System.nanoTime();
            for (MessageRecord m : queue) {
                long t = System.nanoTime();
                if (lockFirst) {
                    store.updateMessage(m.id(), Map.of(PropTag.PR_SUBMIT_FLAGS, MapiFlags.SUBMITFLAG_LOCKED));
                }
                Map<Integer, Object> sentProps = new HashMap<>();
                sentProps.put(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_READ);
                sentProps.put(PropTag.PR_SUBMIT_FLAGS, null);
                sentProps.put(PropTag.PR_MESSAGE_DELIVERY_TIME, Instant.now());
                store.moveMessage(m.id(), sent, sentProps);
                drainLat[k++] = System.nanoTime() - t;
            }
            long drained = System.nanoTime();
            if (!StoreReads.queue(store).isEmpty()
                    || StoreReads.messages(store, sent).size() != n) {
                throw new IllegalStateException("drain incomplete");
            }
            if (report) {
                double createS = (created - start) / 1e9;
                double drainS = (drained - drainStart) / 1e9;
                out("create (1 commit each):                 %,9.0f messages/s  (%.2f s)", n / createS, createS);
                out("outgoingQueue() of %d messages:         %,9.1f ms", n, queueNanos / 1e6);
                int commits = lockFirst ? 3 : 2;
                out(
                        "drain (%d commit(s) per message):        %,9.0f messages/s  (%.2f s)",
                        commits - 1, n / drainS, drainS);
                out("create + drain (%d commits per message): %,9.0f messages/s", commits, n / (createS + drainS));
                out("commits/s over the whole run:           %,9.0f", commits * n / (createS + drainS));
                out("create latency per message: %s", percentiles(createLat));
                out("drain latency per message:  %s", percentiles(drainLat));
                out("file size: %,d bytes (+ wal %,d)", Files.size(file), sizeOrZero(Path.of(file + "-wal")));
            }
        } finally {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.getFileName()
                                .toString()
                                .startsWith(file.getFileName().toString()))
                        .toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Rewrites 4 KiB in place in a preallocated file and forces it (fdatasync), {@code count} times. */
    private static String fsyncRate(Path file, int count) throws IOException {
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.allocate(1 << 20));
            ch.force(true);
            ByteBuffer buf = ByteBuffer.allocate(4096);
            long[] lat = new long[count];
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long t = System.nanoTime();
                buf.clear();
                ch.write(buf, (long) (i % 256) * 4096);
                ch.force(false);
                lat[i] = System.nanoTime() - t;
            }
            return String.format(
                    Locale.ROOT, "%,.0f /s; %s", count / ((System.nanoTime() - start) / 1e9), percentiles(lat));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        java.util.function.IntFunction<Double> at =
                pct -> sorted[Math.min(sorted.length - 1, (int) ((long) sorted.length * pct / 100))] / 1e3;
        return String.format(
                Locale.ROOT,
                "median %.0f us (%,.0f /s at the median), p90 %.0f us, p99 %.0f us," + " max %.0f us",
                at.apply(50),
                1e6 / at.apply(50),
                at.apply(90),
                at.apply(99),
                sorted[sorted.length - 1] / 1e3);
    }

    private static long sizeOrZero(Path p) throws IOException {
        return Files.exists(p) ? Files.size(p) : 0;
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
