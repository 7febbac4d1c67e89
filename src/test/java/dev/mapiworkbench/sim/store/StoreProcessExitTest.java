package dev.mapiworkbench.sim.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.sim.store.MailStoreFile.FolderRole;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Messages still queued at Logoff may remain in the outgoing queue until a user logs back on": a
 * separate JVM queues a message, reports the call returned, and is killed (SIGKILL, no close); the
 * next open of the file still has the message in the outgoing queue.
 */
class StoreProcessExitTest {

    @TempDir
    Path dir;

    /** The child process: queues one message, prints its id, then waits to be killed. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) throws Exception {
            MailStoreFile store = MailStoreFile.open(Path.of(args[0]), "Mailbox - child");
            MessageRecord m = store.createMessage(
                    store.folder(FolderRole.OUTBOX).id(),
                    Map.of(
                            PropTag.PR_SUBJECT_W,
                            "queued before the crash",
                            PropTag.PR_MESSAGE_FLAGS,
                            MapiFlags.MSGFLAG_SUBMIT | MapiFlags.MSGFLAG_UNSENT,
                            PropTag.PR_CLIENT_SUBMIT_TIME,
                            Instant.parse("2026-11-22T13:00:00Z"),
                            StoreProps.RECIPIENTS,
                            List.of("bob@example.com")));
            System.out.println("committed " + m.id()); // the command line's own output, read by the test
            System.out.flush();
            System.in.read(); // never closes the store; the test kills this process
        }
    }

    @Test
    @Timeout(120)
    void aMessageQueuedByAKilledProcessIsStillQueuedAtTheNextOpen() throws Exception {
        Path file = dir.resolve("profile/store.mwstore");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Child.class.getName(),
                        file.toString())
                .redirectError(dir.resolve("child-stderr.txt").toFile())
                .start();
        long id;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
                assertThat(line).as("child output (stderr in child-stderr.txt)").isNotNull();
            } while (!line.startsWith("committed "));
            id = Long.parseLong(line.substring("committed ".length()).trim());
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(Path.of(file + "-wal"))
                .as("the store was not closed cleanly")
                .exists();
        assertThat(Files.size(Path.of(file + "-wal"))).isPositive();

        try (MailStoreFile store = MailStoreFile.open(file, "Mailbox - child")) {
            List<MessageRecord> queue = StoreReads.queue(store);
            assertThat(queue).extracting(MessageRecord::id).containsExactly(id);
            assertThat(queue.get(0).props()).containsEntry(PropTag.PR_SUBJECT_W, "queued before the crash");
            assertThat(queue.get(0).recipients()).containsExactly("bob@example.com");
            assertThat(store.displayName()).isEqualTo("Mailbox - child");
        }
    }
}
