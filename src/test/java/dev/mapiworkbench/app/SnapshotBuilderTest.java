package dev.mapiworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.OutboxItem;
import dev.mapiworkbench.client.SimClients;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.ui.SessionGateway.FolderInfo;
import dev.mapiworkbench.ui.SessionGateway.MessageInfo;
import dev.mapiworkbench.ui.SessionGateway.Snapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots over a simulated client, built on the test thread. */
class SnapshotBuilderTest {

    @TempDir
    Path profile;

    private ClientSession client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.shutdown();
        }
    }

    private SnapshotBuilder builder(TransportSettings transport) {
        client = SimClients.open(profile, transport);
        return new SnapshotBuilder(client, ZoneOffset.UTC);
    }

    @Test
    void beforeLogonEverythingIsEmptyAndTheSpoolerStopped() {
        Snapshot s = builder(TransportSettings.instant()).build(null);
        assertThat(s.loggedOn()).isFalse();
        assertThat(s.sessionState()).isEqualTo("Logged off");
        assertThat(s.spoolerState()).isEqualTo("stopped");
        assertThat(s.folders()).isEmpty();
        assertThat(s.messages()).isEmpty();
        assertThat(s.outbox()).isEmpty();
    }

    @Test
    void aQueuedMessageShowsInTheOutboxQueueTheOutboxFolderAndTheSpoolerWord() {
        SnapshotBuilder b = builder(TransportSettings.instant().withOffline(true));
        client.logon(LogonOptions.defaults());
        client.send(SimClients.draft("Held back"));

        Snapshot s = b.build(null, true);

        assertThat(s.loggedOn()).isTrue();
        assertThat(s.sessionState()).startsWith("Logged on — ");
        assertThat(s.spoolerState()).isEqualTo("offline");
        assertThat(s.folders().get(0).depth()).isZero();
        assertThat(s.folders()).extracting(FolderInfo::name).contains("Outbox");
        assertThat(s.outbox()).singleElement().satisfies(o -> {
            assertThat(o.subject()).isEqualTo("Held back");
            assertThat(o.state()).isEqualTo("queued");
            assertThat(o.pending()).isTrue();
        });
        assertThat(s.pendingCount()).isEqualTo(1);
        // the message list shows the live queue under the Outbox's name; the Time column comes with the row
        assertThat(s.outboxFolder()).isEqualTo("Outbox");
        assertThat(s.messages()).isEmpty();
        assertThat(s.outbox().get(0).time()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(s.openObjects()).isNotEmpty();
    }

    @Test
    void theSnapshotStreamCarriesTheWholeQueueOnceAndThenOnlyWhatChanged() {
        SnapshotBuilder b = builder(TransportSettings.instant().withOffline(true));
        client.logon(LogonOptions.defaults());
        client.send(SimClients.draft("First"));
        client.send(SimClients.draft("Second"));

        Snapshot first = b.build(null, true);
        assertThat(first.outboxDelta()).isNull();
        assertThat(first.outbox()).extracting(o -> o.subject()).containsExactly("First", "Second");

        // later snapshots carry only changed rows (the late notifications of earlier sends may be among them)
        Snapshot unchanged = b.build(null, true);
        assertThat(unchanged.outboxDelta()).isNotNull();
        assertThat(unchanged.outbox()).isEmpty();
        assertThat(unchanged.pendingCount()).isEqualTo(2);

        client.send(SimClients.draft("Third"));
        Snapshot next = b.build(null, true);
        assertThat(next.outbox()).isEmpty();
        assertThat(next.outboxDelta().changed()).extracting(o -> o.subject()).contains("Third");
        assertThat(next.outboxDelta().removed()).isEmpty();
        assertThat(next.pendingCount()).isEqualTo(3);

        // an action's snapshot leaves the queue to the stream and does not move it on
        client.send(SimClients.draft("Fourth"));
        assertThat(b.build(null).outboxDelta().isEmpty()).isTrue();
        assertThat(b.build(null, true).outboxDelta().changed())
                .extracting(o -> o.subject())
                .contains("Fourth");
    }

    /**
     * Decision 0860: the stream's whole-queue snapshot gives every row's number and state, and the full rows of
     * only the first screen and the drafts, not one formatted row per message (before: 301 rows, no index).
     */
    @Test
    void theWholeQueueComesAsAnIndexWithTheFullRowsOfOnlyTheFirstScreenAndTheDrafts() {
        SnapshotBuilder b = builder(TransportSettings.instant().withOffline(true));
        client.logon(LogonOptions.defaults());
        int queued = 300;
        for (int i = 0; i < queued; i++) {
            client.send(SimClients.draft("Queued " + i));
        }
        client.compose(SimClients.draft("Left as a draft"));
        SimClients.awaitOutbox(client, java.time.Duration.ofSeconds(30), () -> client.pendingCount() == queued);

        Snapshot s = b.build(null, true);

        assertThat(s.outboxDelta()).isNull();
        dev.mapiworkbench.ui.QueueIndex index = s.outboxIndex();
        assertThat(index).isNotNull();
        assertThat(index.size()).isEqualTo(queued + 1);
        long[] seqs = client.outboxIndex().seqs();
        for (int i = 0; i < index.size(); i++) {
            assertThat(index.seq(i)).isEqualTo(seqs[i]);
        }
        assertThat(java.util.stream.IntStream.range(0, index.size()).filter(i -> index.code(i) == 0))
                .hasSize(1);
        // the first screen and the draft, each with its number and as a row of the queue shows it
        assertThat(s.outbox()).hasSize(dev.mapiworkbench.ui.QueueIndex.FIRST_ROWS + 1);
        assertThat(s.outbox().subList(0, dev.mapiworkbench.ui.QueueIndex.FIRST_ROWS))
                .extracting(o -> o.seq())
                .containsExactlyElementsOf(java.util.Arrays.stream(seqs)
                        .limit(dev.mapiworkbench.ui.QueueIndex.FIRST_ROWS)
                        .boxed()
                        .toList());
        assertThat(s.outbox().get(0).subject()).isEqualTo("Queued 0");
        assertThat(s.outbox().get(0).state()).isEqualTo("queued");
        assertThat(s.outbox())
                .filteredOn(o -> o.state().equals("draft"))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.subject()).isEqualTo("Left as a draft");
                    assertThat(o.seq()).isEqualTo(seqs[seqs.length - 1]);
                });
    }

    @Test
    void aSentMessageIsReadFromSentItemsWhenThatFolderIsSelected() {
        SnapshotBuilder b = builder(TransportSettings.instant());
        client.logon(LogonOptions.defaults());
        client.send(SimClients.draft("Gone out"));
        SimClients.awaitOutbox(
                client,
                java.time.Duration.ofSeconds(20),
                () -> client.outboxSnapshot().stream().allMatch(i -> i.state() == OutboxItem.State.SENT));

        String sentItems = b.build(null).folders().stream()
                .map(FolderInfo::name)
                .filter(n -> n.startsWith("Sent"))
                .findFirst()
                .orElseThrow();
        Snapshot s = b.build(sentItems);

        assertThat(s.messages()).extracting(MessageInfo::subject).contains("Gone out");
        assertThat(s.messages()).allMatch(m -> m.folder().equals(sentItems));
        assertThat(s.spoolerState()).isEqualTo("idle");
    }

    @Test
    void theSpoolerAndQueueWordsCoverEveryState() {
        Optional<TransportSettings> none = Optional.empty();
        assertThat(SnapshotBuilder.spoolerWord(none, 0, false)).isEqualTo("idle");
        assertThat(SnapshotBuilder.spoolerWord(none, 2, false)).isEqualTo("queued");
        assertThat(SnapshotBuilder.spoolerWord(none, 2, true)).isEqualTo("sending");
        Optional<TransportSettings> hung =
                Optional.of(TransportSettings.instant().withHang(true));
        assertThat(SnapshotBuilder.spoolerWord(hung, 1, true)).isEqualTo("hung");
        assertThat(SnapshotBuilder.spoolerWord(hung, 0, false)).isEqualTo("idle");
        OutboxItem failed =
                new OutboxItem("1", "s", List.of(), OutboxItem.State.FAILED, "MAPI_E_NETWORK_ERROR", Instant.EPOCH);
        assertThat(SnapshotBuilder.stateWord(failed)).isEqualTo("failed: MAPI_E_NETWORK_ERROR");
        assertThat(SnapshotBuilder.stateWord(failed.withState(OutboxItem.State.LOCKED, null, Instant.EPOCH)))
                .isEqualTo("sending");
    }
}
