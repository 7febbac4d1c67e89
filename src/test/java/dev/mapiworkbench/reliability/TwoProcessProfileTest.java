package dev.mapiworkbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 1: two processes on one profile never send a message twice. Process A queues 20
 * messages and drains them slowly; process B, started while A is logged on, asks for 21 and is
 * refused (exit 75, one line naming A's pid) before it queues anything; run again after A ended,
 * it queues its 21. Every message is then in the Outbox or Sent Items exactly once, nothing in Sent
 * Items is unsent or carries a send error (what two spoolers working one Outbox left behind).
 */
class TwoProcessProfileTest {

    private static final Duration MAX = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private List<String> args(int send, int latency) {
        return List.of(
                "--profile",
                dir.resolve("profile").toString(),
                "--send",
                Integer.toString(send),
                "--logoff",
                "after-sending",
                "--transport-latency",
                Integer.toString(latency),
                "--transport-fail-every",
                "2",
                "--timeout",
                "120");
    }

    @Test
    @Timeout(240)
    void twoProcessesOnOneProfileNeverSendTwice() throws Exception {
        try (ChildApp a = ChildApp.start(dir.resolve("a.out"), args(20, 250))) {
            assertThat(a.awaitLine(l -> l.contains("queued 'Workbench message 20 of 20'"), MAX))
                    .as("A queued its mail: %s", a.stderr())
                    .isTrue();
            int bExit;
            List<String> bErr;
            try (ChildApp b = ChildApp.start(dir.resolve("b.out"), args(21, 250))) {
                bExit = b.exit(MAX);
                bErr = b.stderr();
            }
            assertThat(a.process().isAlive())
                    .as("A still held the profile when B ended (a real overlap)")
                    .isTrue();
            assertThat(bExit).as("B refused: %s", bErr).isEqualTo(75);
            List<String> bErrors =
                    bErr.stream().filter(l -> !l.startsWith("[workbench] ")).toList();
            assertThat(bErrors)
                    .singleElement()
                    .satisfies(l -> assertThat(l)
                            .contains("in use by process " + a.process().pid(), "since"));
            assertThat(bErr).noneMatch(l -> l.contains("queued '"));
            assertThat(a.exit(MAX)).as("A: %s", a.stderr()).isIn(0, 1, 2);
        }
        try (ChildApp again = ChildApp.start(dir.resolve("b2.out"), args(21, 20))) {
            int exit = again.exit(MAX);
            assertThat(exit).as("B again: %s", again.stderr()).isIn(0, 1, 2);
            assertThat(again.stderr()).anyMatch(l -> l.contains("queued 'Workbench message 21 of 21'"));
        }

        Path store = dir.resolve("profile/Default.mailstore.db");
        assertThat(StoreCheck.integrity(store)).isEqualTo("ok");
        StoreCheck s = StoreCheck.read(store);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            expected.add("Workbench message " + i + " of 20");
        }
        for (int i = 1; i <= 21; i++) {
            expected.add("Workbench message " + i + " of 21");
        }
        Map<String, Integer> counts = s.countsBySubject();
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counts.values())
                .as("each message exactly once in the Outbox or Sent Items")
                .containsOnly(1);
        s.assertSentItemsAreSent();
        assertThat(s.queued()).as("after-sending drained the queue").isZero();
        assertThat(s.failed())
                .as("fail-every 2 failed about half, each once")
                .isEqualTo(s.outbox().size());
        assertThat(s.sent().size() + s.outbox().size()).isEqualTo(41);
    }
}
