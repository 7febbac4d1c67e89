package dev.mapiworkbench.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The one check every file-reading fuzz target makes (docs/reliability.md): the input is written to a
 * file in a fresh folder, the reader runs on it with a time limit, and then
 * <ul>
 *   <li>it returned, or threw one of the reader's documented refusal types (anything else fails);</li>
 *   <li>it did not hang (a time limit, so a blocking read fails instead of stalling the build);</li>
 *   <li>the file is byte-identical, and a refused file's folder lists the same files as before.</li>
 * </ul>
 * A new input kind (trace files, scenario files) is one small {@code @FuzzTest} class calling
 * {@link #check} with its reader, its file name and its refusal types, plus a seed folder
 * {@code <TestClass>Inputs/<method>/} under test resources.
 */
public final class FileReaderFuzz {

    /** Generous: a seed takes milliseconds; only a hang gets near it. */
    public static final Duration LIMIT = Duration.ofSeconds(30);

    /** Reads (and may use) the file at a path. */
    @FunctionalInterface
    public interface Reader {
        void read(Path file) throws Exception;
    }

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-reader");
        t.setDaemon(true);
        return t;
    });

    private FileReaderFuzz() {}

    /**
     * Runs {@code reader} on {@code data} stored as {@code fileName}.
     *
     * @param refusals exception types that mean "refused this file" (a clear error); any other fails
     * @return true when the reader accepted the file, false when it refused it
     */
    @SafeVarargs
    public static boolean check(byte[] data, String fileName, Reader reader, Class<? extends Exception>... refusals)
            throws Exception {
        Path dir = Files.createTempDirectory("fuzz-");
        try {
            Path file = dir.resolve(fileName);
            Files.write(file, data);
            byte[] before = sha256(data);
            List<String> listing = listing(dir);
            Future<?> run = POOL.submit(() -> {
                reader.read(file);
                return null;
            });
            boolean accepted;
            try {
                run.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                accepted = true;
            } catch (TimeoutException e) {
                run.cancel(true);
                throw new AssertionError("the reader hung for " + LIMIT + " on a " + data.length + "-byte input");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                boolean documented = false;
                for (Class<? extends Exception> kind : refusals) {
                    documented |= kind.isInstance(cause);
                }
                if (!documented) {
                    throw new AssertionError("the reader failed with an undocumented " + cause, cause);
                }
                assertThat(cause.getMessage()).as("a refusal names the file").contains(fileName);
                accepted = false;
            }
            assertThat(sha256(Files.readAllBytes(file)))
                    .as("the file it read is unchanged")
                    .isEqualTo(before);
            if (!accepted) {
                assertThat(listing(dir))
                        .as("nothing created beside a refused file")
                        .isEqualTo(listing);
            }
            return accepted;
        } finally {
            deleteTree(dir);
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
