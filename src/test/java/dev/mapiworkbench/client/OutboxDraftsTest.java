package dev.mapiworkbench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptText;
import dev.mapiworkbench.teardown.WhatIf;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, item 8: drafts left in the Outbox are found at the next logon, reported, submitted or deleted. */
class OutboxDraftsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static Transcript logOffNow(ClientSession s) {
        TeardownRequest req =
                new TeardownRequest(Plan.DESKTOP, Mode.NOW, false, false, false, WhatIf.none(), Duration.ofSeconds(5));
        return new TeardownEngine().start(s, req, e -> {}, null).result().join();
    }

    @Test
    void draftsLeftInTheOutboxAreReportedAtTheNextLogonAndCanBeSubmittedOrDeleted() {
        ClientSession first = SimClients.open(dir, TransportSettings.instant().withOffline(true));
        first.logon(LogonOptions.defaults());
        first.compose(SimClients.draft("never submitted 1"));
        first.compose(SimClients.draft("never submitted 2"));
        first.send(SimClients.draft("queued"));
        Transcript t1 = logOffNow(first);
        assertThat(t1.outbox().drafts()).containsExactlyInAnyOrder("never submitted 1", "never submitted 2");
        assertThat(TranscriptText.format(t1)).contains("Drafts left in the Outbox (saved, never submitted): 2");
        first.shutdown();

        ClientSession next = SimClients.open(dir, TransportSettings.instant());
        next.logon(LogonOptions.defaults());
        SimClients.awaitOutbox(next, WAIT, () -> next.pendingMessages().isEmpty());
        List<OutboxItem> drafts = OutboxDrafts.report(next);
        assertThat(drafts)
                .extracting(OutboxItem::subject)
                .containsExactlyInAnyOrder("never submitted 1", "never submitted 2");
        assertThat(OutboxDrafts.describe(drafts)).startsWith("2 drafts left in the Outbox (saved, never submitted): ");

        OutboxItem toSend = drafts.stream()
                .filter(d -> d.subject().endsWith("1"))
                .findFirst()
                .orElseThrow();
        OutboxItem toDelete = drafts.stream()
                .filter(d -> d.subject().endsWith("2"))
                .findFirst()
                .orElseThrow();
        OutboxDrafts.submit(next, toSend.id());
        OutboxDrafts.delete(next, toDelete.id());
        SimClients.awaitOutbox(
                next, WAIT, () -> next.outboxSnapshot().stream().noneMatch(i -> i.state() != OutboxItem.State.SENT));
        assertThat(OutboxDrafts.find(next)).isEmpty();
        List<String> sent = next
                .messages(next.folders().stream()
                        .filter(f -> f.role() == MailFolder.Role.SENT_ITEMS)
                        .findFirst()
                        .orElseThrow())
                .stream()
                .map(FolderMessage::subject)
                .toList();
        assertThat(sent).containsExactlyInAnyOrder("queued", "never submitted 1");
        Transcript t2 = logOffNow(next);
        assertThat(t2.outbox().drafts()).isEmpty();
        next.shutdown();
    }

    @Test
    void aQueuedMessageIsNotDeletedBehindTheSpoolersBack() {
        ClientSession s = SimClients.open(dir, TransportSettings.instant().withOffline(true));
        s.logon(LogonOptions.defaults());
        OutboxItem queued = s.send(SimClients.draft("queued"));
        Throwable t = catchThrowable(() -> OutboxDrafts.delete(s, queued.id()));
        assertThat(t).isInstanceOf(MapiException.class);
        assertThat(((MapiException) t).hresult()).isEqualTo(HResult.MAPI_E_BUSY);
        assertThat(s.pendingMessages()).extracting(OutboxItem::subject).containsExactly("queued");
        logOffNow(s);
        s.shutdown();
    }
}
