package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.WAIT;
import static dev.mapiworkbench.sim.SimFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile's store file (SQLite) across two runtimes, i.e. two processes' worth of opens. */
class SimPersistenceTest {

    @TempDir
    Path dir;

    private static List<Row> rows(MapiFolder f) {
        return SimFixture.contents(f);
    }

    @Test
    @DisplayName(
            "persistence across two opens of the same profile: saved drafts and queued mail survive; the next logon sends the queue")
    void queuedMailSurvivesTheProcess() throws Exception {
        SimRuntime first =
                SimFixture.fileRuntime(dir, TransportSettings.instant().withOffline(true));
        first.mapiInitialize(null);
        MapiSession s = first.mapiLogonEx(0, null, null, 0);
        MsgStore store = SimFixture.openDefaultStore(s);
        EntryId storeId = store.getProp(PropTag.PR_ENTRYID).asEntryId();
        MapiFolder outbox = SimFixture.openFolder(s, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
        MapiMessage draft = outbox.createMessage(0);
        draft.setProps(List.of(PropValue.of(PropTag.PR_SUBJECT_W, "draft"), PropValue.of(PropTag.PR_BODY_W, "b")));
        draft.modifyRecipients(0, List.of("d@example.com"));
        draft.saveChanges(0);
        draft.release();
        EntryId queued = SimFixture.submit(outbox, "queued", "q@example.com");
        outbox.release();
        store.release();
        s.logoff(0, 0, 0);
        s.release();
        first.mapiUninitialize();
        assertThat(Files.exists(dir.resolve("Test" + SimRuntime.STORE_SUFFIX))).isTrue();

        SimRuntime second = SimFixture.fileRuntime(dir, TransportSettings.instant());
        second.mapiInitialize(null);
        MapiSession s2 = second.mapiLogonEx(0, null, null, 0);
        assertThat(second.awaitOutboxIdle(WAIT)).isTrue();
        MsgStore store2 = SimFixture.openDefaultStore(s2);
        assertThat(store2.getProp(PropTag.PR_ENTRYID).asEntryId()).isEqualTo(storeId);
        MapiFolder outbox2 = SimFixture.openFolder(s2, store2, PropTag.PR_IPM_OUTBOX_ENTRYID);
        MapiFolder sent2 = SimFixture.openFolder(s2, store2, PropTag.PR_IPM_SENTMAIL_ENTRYID);
        assertThat(rows(outbox2)).singleElement().satisfies(r -> {
            assertThat(r.get(PropTag.PR_SUBJECT_W).asString()).isEqualTo("draft");
            assertThat(r.get(PropTag.PR_DISPLAY_TO_W).asString()).isEqualTo("d@example.com");
        });
        assertThat(rows(sent2))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.get(PropTag.PR_ENTRYID).asEntryId()).isEqualTo(queued));
        assertThat(second.transportLog()).singleElement().satisfies(d -> {
            assertThat(d.subject()).isEqualTo("queued");
            assertThat(d.recipients()).containsExactly("q@example.com");
        });
        second.mapiUninitialize();
    }

    @Test
    @DisplayName(
            "a foreign or corrupt store file: MAPILogonEx fails MAPI_E_LOGON_FAILED naming the file, which is left untouched")
    void corruptStoreFileFailsLogon() throws Exception {
        Path file = dir.resolve("Test" + SimRuntime.STORE_SUFFIX);
        byte[] junk = "this is not a store".getBytes(StandardCharsets.UTF_8);
        Files.write(file, junk);
        SimRuntime rt = SimFixture.fileRuntime(dir, TransportSettings.instant());
        rt.mapiInitialize(null);
        assertFails(HResult.MAPI_E_LOGON_FAILED, () -> rt.mapiLogonEx(0, null, null, 0));
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> rt.mapiLogonEx(0, null, null, 0));
        assertThat(((MapiException) t).getMessage()).contains(file.toString());
        assertThat(Files.readAllBytes(file)).isEqualTo(junk);
        rt.mapiUninitialize();
    }

    @Test
    @DisplayName(
            "§1.1 spooler vs Logoff on the real store file: every message delivered once across logons (40 iterations)")
    void raceOnTheFileStore() throws Exception {
        SimRuntime rt = SimFixture.fileRuntime(dir, TransportSettings.instant());
        rt.mapiInitialize(null);
        int submittedTotal = 0;
        for (int i = 0; i < 40; i++) {
            MapiSession s = rt.mapiLogonEx(0, null, null, MapiFlags.MAPI_NEW_SESSION);
            MsgStore store = SimFixture.openDefaultStore(s);
            MapiFolder outbox = SimFixture.openFolder(s, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
            for (int m = 0; m < 3; m++) {
                SimFixture.submit(outbox, "i" + i + "m" + m);
                submittedTotal++;
            }
            s.logoff(0, i % 2 == 0 ? MapiFlags.MAPI_LOGOFF_UI : 0, 0);
        }
        MapiSession last = rt.mapiLogonEx(0, null, null, 0);
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        List<String> delivered =
                rt.transportLog().stream().map(SimRuntime.Delivery::subject).toList();
        assertThat(delivered).hasSize(submittedTotal).doesNotHaveDuplicates();
        MsgStore store = SimFixture.openDefaultStore(last);
        assertThat(rows(SimFixture.openFolder(last, store, PropTag.PR_IPM_OUTBOX_ENTRYID)))
                .isEmpty();
        assertThat(rows(SimFixture.openFolder(last, store, PropTag.PR_IPM_SENTMAIL_ENTRYID)))
                .hasSize(submittedTotal);
        rt.mapiUninitialize();
    }
}
