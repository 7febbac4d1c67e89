package dev.mapiworkbench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.MapiFlags;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 11: the app, headless in a child JVM, is SIGKILLed at a random point of queueing, draining or
 * the teardown. Then: the store passes {@code PRAGMA integrity_check}; every message the run reported
 * queued is in the Outbox or Sent Items exactly once (no message at all twice); the next logon takes
 * the stale profile lock over, reports any draft the kill left between SaveChanges and SubmitMessage,
 * and sends everything that was queued. Trials: {@code -Dreliability.crash.trials} (default 10), seed
 * {@code -Dreliability.crash.seed} (default: the time; printed with every failure).
 */
class CrashRecoveryTest {

    private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryTest.class);
    private static final Duration MAX = Duration.ofMinutes(2);
    private static final String[] STEPS = {
        "unadvise", "release-objects", "free-buffers", "logoff", "release-session", "mapi-uninitialize"
    };

    @TempDir
    Path dir;

    @Test
    @Timeout(900)
    void killedAtRandomPointsNothingIsLostOrDuplicated() throws Exception {
        int trials = Integer.getInteger("reliability.crash.trials", 10);
        long seed = Long.getLong("reliability.crash.seed", System.currentTimeMillis());
        Random random = new Random(seed);
        for (int trial = 0; trial < trials; trial++) {
            int send = 2 + random.nextInt(6);
            int latency = 10 + random.nextInt(60);
            int phase = trial % 3; // 0 queueing, 1 draining, 2 teardown: every phase in every run
            String where;
            Predicate<String> trigger;
            if (phase == 0) {
                int after = 1 + random.nextInt(send);
                where = "queueing, after message " + after + " of " + send;
                trigger = l -> l.contains("queued 'Workbench message " + after + " of ");
            } else if (phase == 1) {
                boolean atStart = random.nextBoolean();
                where = "draining, " + (atStart ? "as the wait starts" : "at the first progress of the wait");
                trigger = atStart
                        ? l -> l.startsWith("[workbench] logging off")
                        : l -> (l.startsWith("[workbench]   '") && l.contains("still queued"))
                                || l.contains(" flush-outbox "); // the queue may be empty before the wait
            } else {
                String step = STEPS[random.nextInt(STEPS.length)];
                where = "teardown, after step " + step;
                trigger = l -> l.matches("\\[workbench] step \\d+ " + step + "\\b.*");
            }
            String context = "trial " + trial + " (seed " + seed + "): killed while " + where;
            runTrial(dir.resolve("t" + trial), send, latency, trigger, context);
        }
    }

    private void runTrial(Path trialDir, int send, int latency, Predicate<String> trigger, String context)
            throws Exception {
        Path profile = trialDir.resolve("profile");
        List<String> reported;
        java.nio.file.Files.createDirectories(trialDir);
        try (ChildApp app = ChildApp.start(
                trialDir.resolve("1.out"),
                List.of(
                        "--profile",
                        profile.toString(),
                        "--send",
                        Integer.toString(send),
                        "--logoff",
                        "after-sending",
                        "--transport-latency",
                        Integer.toString(latency),
                        "--timeout",
                        "60"))) {
            boolean reached = app.awaitLine(trigger, MAX);
            app.kill();
            assertThat(reached)
                    .as("%s: trigger line never came: %s", context, app.stderr())
                    .isTrue();
            reported = app.stderr().stream()
                    .filter(l -> l.startsWith("[workbench] queued '"))
                    .map(l -> l.substring("[workbench] queued '".length(), l.length() - 1))
                    .toList();
        }
        LOG.info("{}: {} reported queued", context, reported.size());
        Path store = profile.resolve("Default.mailstore.db");
        assertThat(integrity(store)).as("%s: integrity", context).isEqualTo("ok");
        StoreCheck afterKill = StoreCheck.read(store);
        Map<String, Integer> counts = afterKill.countsBySubject();
        assertThat(counts.values())
                .as("%s: no message twice: %s", context, counts)
                .allMatch(n -> n == 1);
        assertThat(counts.keySet())
                .as("%s: every reported message is there", context)
                .containsAll(reported);
        afterKill.assertSentItemsAreSent();
        List<String> drafts = new ArrayList<>();
        afterKill.outbox().stream()
                .filter(m -> (StoreCheck.flags(m) & MapiFlags.MSGFLAG_SUBMIT) == 0)
                .forEach(m -> drafts.add(StoreCheck.subject(m)));
        assertThat(drafts)
                .as("%s: a draft can only be the message being queued at the kill", context)
                .hasSizeLessThanOrEqualTo(1)
                .doesNotContainAnyElementsOf(reported);

        List<String> second;
        try (ChildApp next = ChildApp.start(
                trialDir.resolve("2.out"),
                List.of(
                        "--profile",
                        profile.toString(),
                        "--logoff",
                        "after-sending",
                        "--transport-latency",
                        "0",
                        "--timeout",
                        "60"))) {
            int exit = next.exit(MAX);
            second = next.stderr();
            assertThat(exit).as("%s: the next logon: %s", context, second).isZero();
        }
        if (!drafts.isEmpty()) {
            assertThat(second)
                    .as("%s: the next logon reports the draft", context)
                    .anyMatch(l -> l.contains("1 draft left in the Outbox") && l.contains(drafts.get(0)));
        }
        StoreCheck end = StoreCheck.read(store);
        assertThat(end.queued())
                .as("%s: the next logon sent what was queued", context)
                .isZero();
        Set<String> sent = new HashSet<>();
        end.sent()
                .forEach(m -> assertThat(sent.add(StoreCheck.subject(m)))
                        .as("%s: sent twice", context)
                        .isTrue());
        assertThat(sent).as("%s: every reported message sent", context).containsAll(reported);
        assertThat(end.outbox())
                .extracting(StoreCheck::subject)
                .as(context)
                .containsExactlyInAnyOrderElementsOf(drafts);
        assertThat(integrity(store)).isEqualTo("ok");
    }

    /** PRAGMA integrity_check through an ordinary connection (it replays a WAL a killed process left, as a logon would). */
    static String integrity(Path store) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return String.join("; ", out);
        }
    }
}
