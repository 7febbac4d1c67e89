package dev.mapiworkbench.sim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.sim.store.MailStoreFile.FolderRole;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link MailStoreFile} contract, run against both implementations (the SQLite file and the
 * simulator's in-memory store), so the simulator behaves the same whichever store a profile uses.
 */
class MailStoreContractTest {

    @TempDir
    static Path dir;

    private final List<MailStoreFile> opened = new ArrayList<>();

    static Stream<Arguments> stores() {
        Function<String, MailStoreFile> sqlite = name -> MailStoreFile.open(dir.resolve(name + ".mwstore"), name);
        Function<String, MailStoreFile> memory = InMemoryMailStore::new;
        return Stream.of(Arguments.of("sqlite", sqlite), Arguments.of("memory", memory));
    }

    private MailStoreFile open(Function<String, MailStoreFile> factory, String name) {
        MailStoreFile s = factory.apply(name);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(MailStoreFile::close);
    }

    private static Map<Integer, Object> queued(String subject, Instant submitTime) {
        Map<Integer, Object> p = new HashMap<>();
        p.put(PropTag.PR_SUBJECT_W, subject);
        p.put(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_SUBMIT | MapiFlags.MSGFLAG_UNSENT);
        if (submitTime != null) {
            p.put(PropTag.PR_CLIENT_SUBMIT_TIME, submitTime);
        }
        return p;
    }

    private static List<String> subjects(List<MessageRecord> records) {
        return records.stream()
                .map(r -> (String) r.props().get(PropTag.PR_SUBJECT_W))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void outgoingQueueOrdersBySubmitTimeWithUntimedMessagesLast(String kind, Function<String, MailStoreFile> f) {
        MailStoreFile s = open(f, "order-" + kind);
        long outbox = s.folder(FolderRole.OUTBOX).id();
        s.createMessage(outbox, queued("untimed", null));
        s.createMessage(outbox, queued("late", Instant.parse("2026-01-01T10:00:02Z")));
        s.createMessage(outbox, queued("early", Instant.parse("2026-01-01T10:00:01Z")));
        s.createMessage(outbox, queued("late-too", Instant.parse("2026-01-01T10:00:02Z")));
        Map<Integer, Object> draft = new HashMap<>(queued("draft", Instant.parse("2026-01-01T09:00:00Z")));
        draft.put(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_UNSENT);
        s.createMessage(outbox, draft);

        assertThat(subjects(StoreReads.queue(s))).containsExactly("early", "late", "late-too", "untimed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anUnknownFolderIsNotFound(String kind, Function<String, MailStoreFile> f) {
        MailStoreFile s = open(f, "folder-" + kind);
        assertThatThrownBy(() -> StoreReads.messages(s, 999))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_NOT_FOUND));
        assertThatThrownBy(() -> s.createMessage(999, Map.of()))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_NOT_FOUND));
        assertThat(s.folderById(999)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anUnknownMessageIsNotFound(String kind, Function<String, MailStoreFile> f) {
        MailStoreFile s = open(f, "message-" + kind);
        long inbox = s.folder(FolderRole.INBOX).id();
        assertThat(s.message(42)).isEmpty();
        for (Runnable call : List.<Runnable>of(
                () -> s.updateMessage(42, Map.of(PropTag.PR_SUBJECT_W, "x")),
                () -> s.moveMessage(42, inbox, Map.of()),
                () -> s.deleteMessage(42))) {
            assertThatThrownBy(call::run)
                    .isInstanceOfSatisfying(
                            MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_NOT_FOUND));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void valuesOfTheWrongTypeAreRefusedAndNothingIsWritten(String kind, Function<String, MailStoreFile> f) {
        MailStoreFile s = open(f, "types-" + kind);
        long outbox = s.folder(FolderRole.OUTBOX).id();
        assertThatThrownBy(() -> s.createMessage(outbox, Map.of(PropTag.PR_SUBJECT_W, 7)))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_INVALID_PARAMETER))
                .hasMessageContaining("PR_SUBJECT_W");
        assertThatThrownBy(() -> s.createMessage(outbox, Map.of(StoreProps.RECIPIENTS, "a@example.com")))
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_INVALID_PARAMETER));
        assertThatThrownBy(() -> s.createMessage(outbox, null)).isInstanceOf(MapiException.class);
        assertThat(StoreReads.messages(s, outbox)).isEmpty();

        MessageRecord m = s.createMessage(outbox, Map.of(PropTag.PR_SUBJECT_W, "ok"));
        assertThatThrownBy(() -> s.updateMessage(m.id(), Map.of(PropTag.PR_MESSAGE_FLAGS, "1")))
                .isInstanceOf(MapiException.class);
        assertThat(s.message(m.id()).orElseThrow().props()).doesNotContainKey(PropTag.PR_MESSAGE_FLAGS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void recipientsAndRemovalsMergeTheSameWay(String kind, Function<String, MailStoreFile> f) {
        MailStoreFile s = open(f, "merge-" + kind);
        long outbox = s.folder(FolderRole.OUTBOX).id();
        long sent = s.folder(FolderRole.SENT_ITEMS).id();
        Map<Integer, Object> p = new HashMap<>(queued("hello", Instant.parse("2026-01-01T10:00:00Z")));
        p.put(StoreProps.RECIPIENTS, List.of("a@example.com", "b@example.com"));
        MessageRecord m = s.createMessage(outbox, p);
        assertThat(m.recipients()).containsExactly("a@example.com", "b@example.com");
        assertThat(m.props()).doesNotContainKey(StoreProps.RECIPIENTS);

        Map<Integer, Object> change = new HashMap<>();
        change.put(PropTag.PR_CLIENT_SUBMIT_TIME, null);
        change.put(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_READ);
        MessageRecord moved = s.moveMessage(m.id(), sent, change);
        assertThat(moved.folderId()).isEqualTo(sent);
        assertThat(moved.recipients()).containsExactly("a@example.com", "b@example.com");
        assertThat(moved.props())
                .doesNotContainKey(PropTag.PR_CLIENT_SUBMIT_TIME)
                .containsEntry(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_READ);
        assertThat(StoreReads.messages(s, outbox)).isEmpty();
        assertThat(StoreReads.queue(s)).isEmpty();

        Map<Integer, Object> clear = new HashMap<>();
        clear.put(StoreProps.RECIPIENTS, null);
        assertThat(s.updateMessage(m.id(), clear).recipients()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void binaryValuesReadBackAreCopies(String kind, Function<String, MailStoreFile> f) {
        MailStoreFile s = open(f, "binary-" + kind);
        long inbox = s.folder(FolderRole.INBOX).id();
        byte[] given = {1, 2, 3};
        MessageRecord m = s.createMessage(inbox, Map.of(PropTag.PR_SENTMAIL_ENTRYID, given));
        given[0] = 9;
        ((byte[]) s.message(m.id()).orElseThrow().props().get(PropTag.PR_SENTMAIL_ENTRYID))[1] = 9;
        assertThat((byte[]) s.message(m.id()).orElseThrow().props().get(PropTag.PR_SENTMAIL_ENTRYID))
                .containsExactly(1, 2, 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void messageCallsAfterCloseFailNamingTheStore(String kind, Function<String, MailStoreFile> f) {
        MailStoreFile s = open(f, "closed-" + kind);
        long outbox = s.folder(FolderRole.OUTBOX).id();
        s.close();
        assertThatThrownBy(() -> StoreReads.messages(s, outbox))
                .isInstanceOf(StoreFileException.class)
                .hasMessageContaining("closed-" + kind);
        assertThatThrownBy(() -> s.createMessage(outbox, Map.of())).isInstanceOf(StoreFileException.class);
        assertThatThrownBy(() -> StoreReads.queue(s)).isInstanceOf(StoreFileException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void windowsCountsAndTheQueueHeadAgreeWithTheWholeFolder(String kind, Function<String, MailStoreFile> f) {
        MailStoreFile store = open(f, "windows-" + kind);
        long outbox = store.folder(FolderRole.OUTBOX).id();
        long sent = store.folder(FolderRole.SENT_ITEMS).id();
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Map<Integer, Object> props = queued("m" + i, t.minusSeconds(i)); // later messages submitted earlier
            props.put(StoreProps.RECIPIENTS, List.of("r" + i + "@example.test"));
            ids.add(store.createMessage(outbox, props).id());
        }
        store.moveMessage(ids.get(3), sent, Map.of());
        store.deleteMessage(ids.get(7));

        List<MessageRecord> whole = StoreReads.messages(store, outbox);
        List<MessageRecord> windows = new ArrayList<>();
        long after = 0;
        for (List<MessageRecord> w = store.messages(outbox, after, 4);
                !w.isEmpty();
                w = store.messages(outbox, after, 4)) {
            assertThat(w.size()).isLessThanOrEqualTo(4);
            windows.addAll(w);
            after = w.get(w.size() - 1).id();
        }
        assertThat(windows).isEqualTo(whole);
        assertThat(store.messageIds(outbox, 0, 100))
                .isEqualTo(whole.stream().map(MessageRecord::id).toList());
        assertThat(store.messageCount(outbox, Long.MAX_VALUE)).isEqualTo(10);
        assertThat(store.messageCount(outbox, ids.get(4))).isEqualTo(4); // m0..m4 without the moved m3
        assertThat(store.messageCount(sent, Long.MAX_VALUE)).isEqualTo(1);
        assertThat(store.outgoingQueue(3)).isEqualTo(StoreReads.queue(store).subList(0, 3));
        assertThat(subjects(store.outgoingQueue(3))).containsExactly("m11", "m10", "m9");
        assertThat(store.lockedOutgoing()).isEmpty();
        store.updateMessage(ids.get(5), Map.of(PropTag.PR_SUBMIT_FLAGS, MapiFlags.SUBMITFLAG_LOCKED));
        assertThat(subjects(store.lockedOutgoing())).containsExactly("m5");
    }
}
