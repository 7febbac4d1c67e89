package dev.mapiworkbench.sim.store;

import static dev.mapiworkbench.sim.store.StoreAssertions.assertSameProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.sim.store.MailStoreFile.FolderRecord;
import dev.mapiworkbench.sim.store.MailStoreFile.FolderRole;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store file: layout, value round trip, persistence, move atomicity, queue, concurrency. */
class SqliteMailStoreTest {

    private static final String NAME = "Mailbox - demo";

    @TempDir
    Path dir;

    private final List<MailStoreFile> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(MailStoreFile::close);
    }

    private MailStoreFile open(Path file) {
        MailStoreFile store = MailStoreFile.open(file, NAME);
        opened.add(store);
        return store;
    }

    private static Map<Integer, Object> queued(String subject, Instant submitTime) {
        Map<Integer, Object> p = new HashMap<>();
        p.put(PropTag.PR_SUBJECT_W, subject);
        p.put(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_SUBMIT | MapiFlags.MSGFLAG_UNSENT);
        p.put(PropTag.PR_SUBMIT_FLAGS, 0);
        if (submitTime != null) {
            p.put(PropTag.PR_CLIENT_SUBMIT_TIME, submitTime);
        }
        p.put(StoreProps.RECIPIENTS, List.of("bob@example.com"));
        return p;
    }

    private static List<String> subjects(List<MessageRecord> messages) {
        return messages.stream()
                .map(m -> (String) m.props().get(PropTag.PR_SUBJECT_W))
                .toList();
    }

    // ------------------------------------------------------------ creation layout

    @Test
    void firstOpenCreatesTheFolderTreeDisplayNameAndRecordKey() throws Exception {
        Path file = dir.resolve("profiles/demo/store.mwstore");
        MailStoreFile store = open(file);

        assertThat(file).exists();
        assertThat(store.file()).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(store.displayName()).isEqualTo(NAME);
        assertThat(store.recordKey()).hasSize(16);
        assertThat(store.recordKey()).isNotEqualTo(new byte[16]);

        FolderRecord root = store.folder(FolderRole.ROOT);
        FolderRecord ipm = store.folder(FolderRole.IPM_SUBTREE);
        assertThat(root.parentId()).isNull();
        assertThat(ipm.parentId()).isEqualTo(root.id());
        assertThat(ipm.name()).isEqualTo("Top of Information Store");
        Map<FolderRole, String> names = Map.of(
                FolderRole.INBOX,
                "Inbox",
                FolderRole.OUTBOX,
                "Outbox",
                FolderRole.SENT_ITEMS,
                "Sent Items",
                FolderRole.DELETED_ITEMS,
                "Deleted Items");
        names.forEach((role, name) -> {
            FolderRecord f = store.folder(role);
            assertThat(f.name()).isEqualTo(name);
            assertThat(f.parentId()).as(role + " parent").isEqualTo(ipm.id());
            assertThat(store.folderById(f.id())).contains(f);
        });
        assertThat(store.folders()).extracting(FolderRecord::role).containsExactlyInAnyOrder(FolderRole.values());
        assertThat(store.folderById(999)).isEmpty();
        for (FolderRole role : FolderRole.values()) {
            assertThat(StoreReads.messages(store, store.folder(role).id())).isEmpty();
        }
        assertThat(StoreReads.queue(store)).isEmpty();
        // no temporary creation file is left beside the store
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".creating-"));
        }
    }

    @Test
    void theFileIsMarkedAsOursVersionedAndInWalMode() throws Exception {
        Path file = dir.resolve("store.mwstore");
        open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            assertThat(pragma(st, "application_id")).isEqualTo(String.valueOf(StoreSchema.APPLICATION_ID));
            assertThat(pragma(st, "user_version")).isEqualTo("2");
            assertThat(pragma(st, "journal_mode")).isEqualTo("wal");
            try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'format'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(StoreSchema.FORMAT);
            }
            try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void recordKeyAndDisplayNameAreStableAcrossOpensAndDifferBetweenStores() {
        Path a = dir.resolve("a.mwstore");
        MailStoreFile first = open(a);
        byte[] key = first.recordKey();
        first.close();
        MailStoreFile again = MailStoreFile.open(a, "Some other name");
        opened.add(again);
        assertThat(again.recordKey()).containsExactly(key);
        assertThat(again.displayName()).isEqualTo(NAME);
        assertThat(open(dir.resolve("b.mwstore")).recordKey()).isNotEqualTo(key);
    }

    // ------------------------------------------------------------ values

    @Test
    void everyValueTypeRoundTripsThroughTheFile() {
        Path file = dir.resolve("types.mwstore");
        Map<Integer, Object> props = new HashMap<>();
        props.put(PropTag.PR_MESSAGE_FLAGS, Integer.MIN_VALUE);
        props.put(PropTag.tag(0x6601, PropTag.PT_LONG), Integer.MAX_VALUE);
        props.put(PropTag.tag(0x6602, PropTag.PT_I8), Long.MAX_VALUE);
        props.put(PropTag.tag(0x6603, PropTag.PT_I8), Long.MIN_VALUE);
        props.put(PropTag.PR_DELETE_AFTER_SUBMIT, true);
        props.put(PropTag.tag(0x6604, PropTag.PT_BOOLEAN), false);
        props.put(PropTag.PR_SUBJECT_W, "Grüße — 你好 \uD83D\uDCE7 'quoted' \"double\"");
        props.put(PropTag.PR_BODY_W, "");
        props.put(PropTag.PR_SUBJECT_A, "plain ascii");
        props.put(PropTag.PR_SENTMAIL_ENTRYID, new byte[] {0, 1, (byte) 0xFF, 0, (byte) 0x80});
        props.put(PropTag.tag(0x6605, PropTag.PT_BINARY), new byte[0]);
        props.put(PropTag.PR_CLIENT_SUBMIT_TIME, Instant.parse("2026-11-22T13:04:16.123456789Z"));
        props.put(PropTag.PR_MESSAGE_DELIVERY_TIME, Instant.parse("1601-01-01T00:00:00Z"));
        props.put(PropTag.tag(0x6606, PropTag.PT_SYSTIME), Instant.EPOCH);
        Map<Integer, Object> input = new HashMap<>(props);
        List<String> recipients = List.of("zed@example.com", "amy@example.com", "zed@example.com");
        input.put(StoreProps.RECIPIENTS, recipients);

        MailStoreFile store = open(file);
        long inbox = store.folder(FolderRole.INBOX).id();
        MessageRecord created = store.createMessage(inbox, input);
        assertThat(created.folderId()).isEqualTo(inbox);
        assertThat(created.recipients()).containsExactlyElementsOf(recipients);
        assertSameProps(created.props(), props);
        assertSameProps(store.message(created.id()).orElseThrow().props(), props);
        store.close();

        MailStoreFile reopened = open(file);
        MessageRecord read = reopened.message(created.id()).orElseThrow();
        assertThat(read.folderId()).isEqualTo(inbox);
        assertThat(read.recipients()).containsExactlyElementsOf(recipients);
        assertSameProps(read.props(), props);
        assertSameProps(StoreReads.messages(reopened, inbox).get(0).props(), props);
    }

    @Test
    void callerArraysAreCopiedOnTheWayIn() {
        MailStoreFile store = open(dir.resolve("copy.mwstore"));
        byte[] value = {1, 2, 3};
        MessageRecord m =
                store.createMessage(store.folder(FolderRole.INBOX).id(), Map.of(PropTag.PR_SENTMAIL_ENTRYID, value));
        value[0] = 99;
        assertThat((byte[]) store.message(m.id()).orElseThrow().props().get(PropTag.PR_SENTMAIL_ENTRYID))
                .containsExactly(1, 2, 3);
    }

    @Test
    void updateMergesRemovesWithNullAndReplacesRecipients() {
        MailStoreFile store = open(dir.resolve("update.mwstore"));
        long outbox = store.folder(FolderRole.OUTBOX).id();
        MessageRecord m = store.createMessage(
                outbox,
                Map.of(
                        PropTag.PR_SUBJECT_W,
                        "draft",
                        PropTag.PR_BODY_W,
                        "hello",
                        StoreProps.RECIPIENTS,
                        List.of("a@example.com")));

        Map<Integer, Object> change = new HashMap<>();
        change.put(PropTag.PR_SUBJECT_W, "final");
        change.put(PropTag.PR_BODY_W, null);
        change.put(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_UNSENT);
        change.put(StoreProps.RECIPIENTS, List.of("c@example.com", "b@example.com"));
        MessageRecord updated = store.updateMessage(m.id(), change);

        Map<Integer, Object> expected =
                Map.of(PropTag.PR_SUBJECT_W, "final", PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_UNSENT);
        assertSameProps(updated.props(), expected);
        assertThat(updated.recipients()).containsExactly("c@example.com", "b@example.com");
        assertThat(updated.folderId()).isEqualTo(outbox);
        MessageRecord read = store.message(m.id()).orElseThrow();
        assertSameProps(read.props(), expected);
        assertThat(read.recipients()).containsExactly("c@example.com", "b@example.com");

        Map<Integer, Object> clear = new HashMap<>();
        clear.put(StoreProps.RECIPIENTS, null);
        assertThat(store.updateMessage(m.id(), clear).recipients()).isEmpty();
        assertThat(store.message(m.id()).orElseThrow().recipients()).isEmpty();
        // an empty update changes nothing and returns the message as it is
        assertThat(store.updateMessage(m.id(), Map.of()).recipients()).isEmpty();
        assertSameProps(store.updateMessage(m.id(), Map.of()).props(), expected);
        // an update without the recipients key keeps them
        store.updateMessage(m.id(), Map.of(StoreProps.RECIPIENTS, List.of("x@example.com")));
        assertThat(store.updateMessage(m.id(), Map.of(PropTag.PR_BODY_W, "b")).recipients())
                .containsExactly("x@example.com");
    }

    /**
     * A send's move with the message as the caller holds it (decision 0731: one update, only the changed
     * properties written, nothing read back) leaves the file and returns the record exactly as the general move
     * does; a message that is gone is MAPI_E_NOT_FOUND and nothing is written.
     */
    @Test
    void aMoveWithTheCurrentRecordWritesAndReturnsWhatTheGeneralMoveDoes() {
        MailStoreFile store = open(dir.resolve("move-known.mwstore"));
        long outbox = store.folder(FolderRole.OUTBOX).id();
        long sent = store.folder(FolderRole.SENT_ITEMS).id();
        Instant at = Instant.parse("2026-12-02T06:16:45.123456Z");
        Map<Integer, Object> props = queued("same", at);
        props.put(PropTag.PR_SENTMAIL_ENTRYID, new byte[] {1, 2, 3});
        MessageRecord a = store.createMessage(outbox, props);
        MessageRecord b = store.createMessage(outbox, props);
        Map<Integer, Object> delivered = new HashMap<>();
        delivered.put(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_READ);
        delivered.put(PropTag.PR_SUBMIT_FLAGS, 0); // unchanged
        delivered.put(PropTag.PR_SENTMAIL_ENTRYID, new byte[] {1, 2, 3}); // unchanged
        delivered.put(PropTag.PR_BODY_W, null); // not there
        delivered.put(PropTag.PR_SUBJECT_W, "sent");

        MessageRecord general = store.moveMessage(a.id(), sent, delivered);
        MessageRecord known =
                store.moveMessage(b.id(), sent, delivered, store.message(b.id()).orElseThrow());

        assertThat(known.folderId()).isEqualTo(general.folderId()).isEqualTo(sent);
        assertThat(known.recipients()).isEqualTo(general.recipients());
        assertSameProps(known.props(), general.props());
        MessageRecord readA = store.message(a.id()).orElseThrow();
        MessageRecord readB = store.message(b.id()).orElseThrow();
        assertSameProps(readB.props(), readA.props());
        assertSameProps(readB.props(), known.props());
        assertThat(readB.folderId()).isEqualTo(sent);
        assertThat(store.outgoingQueue(10)).isEmpty(); // the derived columns followed: neither is queued
        assertThat(store.window(sent, TableView.DEFAULT, null, 10))
                .extracting(MessageRecord::id)
                .containsExactly(a.id(), b.id());

        MessageRecord c = store.createMessage(outbox, queued("gone", at));
        store.deleteMessage(c.id());
        assertMapiError(() -> store.moveMessage(c.id(), sent, delivered, c), HResult.MAPI_E_NOT_FOUND, "no message");
        assertThat(store.window(sent, TableView.DEFAULT, null, 10)).hasSize(2);
    }

    @Test
    void wrongValueTypesAndUnknownIdsGiveMapiErrors() {
        MailStoreFile store = open(dir.resolve("errors.mwstore"));
        long inbox = store.folder(FolderRole.INBOX).id();
        assertMapiError(
                () -> store.createMessage(inbox, Map.of(PropTag.PR_SUBJECT_W, 42)),
                HResult.MAPI_E_INVALID_PARAMETER,
                "PR_SUBJECT_W needs a String, got Integer");
        assertMapiError(
                () -> store.createMessage(inbox, Map.of(PropTag.PR_MESSAGE_FLAGS, 4L)),
                HResult.MAPI_E_INVALID_PARAMETER,
                "PR_MESSAGE_FLAGS needs a Integer, got Long");
        assertMapiError(
                () -> store.createMessage(inbox, Map.of(PropTag.tag(0x6601, PropTag.PT_OBJECT), "x")),
                HResult.MAPI_E_INVALID_PARAMETER,
                "cannot be stored");
        assertMapiError(
                () -> store.createMessage(inbox, Map.of(StoreProps.RECIPIENTS, "bob@example.com")),
                HResult.MAPI_E_INVALID_PARAMETER,
                "List<String>");
        assertMapiError(() -> store.createMessage(inbox, null), HResult.MAPI_E_INVALID_PARAMETER, "null");
        assertMapiError(() -> store.createMessage(12345, Map.of()), HResult.MAPI_E_NOT_FOUND, "no folder 12345");
        assertMapiError(() -> store.updateMessage(777, Map.of()), HResult.MAPI_E_NOT_FOUND, "no message 777");
        assertMapiError(() -> store.moveMessage(777, inbox, Map.of()), HResult.MAPI_E_NOT_FOUND, "no message 777");
        assertMapiError(() -> store.deleteMessage(777), HResult.MAPI_E_NOT_FOUND, "no message 777");
        assertMapiError(() -> StoreReads.messages(store, 12345), HResult.MAPI_E_NOT_FOUND, "no folder 12345");
        assertThat(store.message(777)).isEmpty();
        // nothing was written by the refused calls
        assertThat(StoreReads.messages(store, inbox)).isEmpty();
    }

    private static void assertMapiError(Runnable call, HResult expected, String detail) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        MapiException.class, e -> assertThat(e.hresult()).isEqualTo(expected))
                .hasMessageContaining(detail);
    }

    @Test
    void deleteRemovesTheMessageItsPropertiesAndRecipients() throws Exception {
        Path file = dir.resolve("delete.mwstore");
        MailStoreFile store = open(file);
        long inbox = store.folder(FolderRole.INBOX).id();
        MessageRecord keep = store.createMessage(inbox, queued("keep", Instant.EPOCH));
        MessageRecord gone = store.createMessage(inbox, queued("gone", Instant.EPOCH));
        store.deleteMessage(gone.id());
        assertThat(store.message(gone.id())).isEmpty();
        assertThat(subjects(StoreReads.messages(store, inbox))).containsExactly("keep");
        MessageRecord next = store.createMessage(inbox, Map.of());
        assertThat(next.id()).as("ids are never reused").isGreaterThan(gone.id());
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM props WHERE message_id = " + gone.id()
                        + "), (SELECT count(*) FROM recipients WHERE message_id = " + gone.id() + ")")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
            assertThat(rs.getInt(2)).isZero();
        }
        assertThat(keep.id()).isLessThan(gone.id());
    }

    // ------------------------------------------------------------ persistence

    @Test
    void messagesLeftInTheOutboxAreStillQueuedAfterReopening() {
        Path file = dir.resolve("persist.mwstore");
        MailStoreFile store = open(file);
        long outbox = store.folder(FolderRole.OUTBOX).id();
        long sent = store.folder(FolderRole.SENT_ITEMS).id();
        MessageRecord a = store.createMessage(outbox, queued("first", Instant.parse("2026-01-01T10:00:00Z")));
        MessageRecord b = store.createMessage(outbox, queued("second", Instant.parse("2026-01-01T10:00:01Z")));
        store.moveMessage(a.id(), sent, Map.of(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_READ));
        store.close();

        MailStoreFile reopened = open(file);
        assertThat(StoreReads.queue(reopened)).extracting(MessageRecord::id).containsExactly(b.id());
        assertThat(subjects(StoreReads.messages(reopened, outbox))).containsExactly("second");
        assertThat(StoreReads.queue(reopened).get(0).recipients()).containsExactly("bob@example.com");
        MessageRecord moved = reopened.message(a.id()).orElseThrow();
        assertThat(moved.folderId()).isEqualTo(sent);
        assertThat(moved.props()).containsEntry(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_READ);
    }

    @Test
    void aPathWithSpacesAndNonAsciiCharactersWorksAcrossOpens() {
        Path file = dir.resolve("my profiles/Jürgen's 100% store #1/store file.mwstore");
        MailStoreFile store = open(file);
        MessageRecord m = store.createMessage(store.folder(FolderRole.OUTBOX).id(), queued("x", Instant.EPOCH));
        store.close();
        assertThat(StoreReads.queue(open(file))).extracting(MessageRecord::id).containsExactly(m.id());
    }

    @Test
    void twoOpenStoresOnOneFileSeeEachOthersCommits() {
        Path file = dir.resolve("shared.mwstore");
        MailStoreFile one = open(file);
        MailStoreFile two = open(file);
        MessageRecord m = one.createMessage(one.folder(FolderRole.OUTBOX).id(), queued("x", Instant.EPOCH));
        assertThat(StoreReads.queue(two)).extracting(MessageRecord::id).containsExactly(m.id());
    }

    // ------------------------------------------------------------ move

    @Test
    void moveChangesFolderAndPropertiesTogether() {
        MailStoreFile store = open(dir.resolve("move.mwstore"));
        long outbox = store.folder(FolderRole.OUTBOX).id();
        long sent = store.folder(FolderRole.SENT_ITEMS).id();
        MessageRecord m = store.createMessage(outbox, queued("hello", Instant.EPOCH));
        Map<Integer, Object> change = new HashMap<>();
        change.put(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_READ);
        change.put(PropTag.PR_SUBMIT_FLAGS, null);
        MessageRecord moved = store.moveMessage(m.id(), sent, change);

        assertThat(moved.folderId()).isEqualTo(sent);
        assertThat(moved.props())
                .containsEntry(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_READ)
                .doesNotContainKey(PropTag.PR_SUBMIT_FLAGS)
                .containsEntry(PropTag.PR_SUBJECT_W, "hello");
        assertThat(moved.recipients()).containsExactly("bob@example.com");
        assertThat(StoreReads.messages(store, outbox)).isEmpty();
        assertThat(StoreReads.queue(store)).isEmpty();
        assertThat(StoreReads.messages(store, sent))
                .extracting(MessageRecord::id)
                .containsExactly(m.id());
    }

    @Test
    void aFailureInjectedMidMoveLeavesTheMessageWhereItWas() {
        Path file = dir.resolve("atomic.mwstore");
        SqliteMailStore store = SqliteMailStore.open(file, NAME, StoreSchema.CURRENT);
        opened.add(store);
        long outbox = store.folder(FolderRole.OUTBOX).id();
        long sent = store.folder(FolderRole.SENT_ITEMS).id();
        MessageRecord m = store.createMessage(outbox, queued("stay", Instant.EPOCH));
        Map<Integer, Object> change = new HashMap<>();
        change.put(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_READ);
        change.put(PropTag.PR_SUBJECT_W, "changed");
        change.put(StoreProps.RECIPIENTS, List.of());

        for (String point : List.of("moveMessage:moved", "moveMessage:props-written")) {
            store.setFaultHookForTests(p -> {
                if (p.equals(point)) {
                    throw new IllegalStateException("injected failure at " + p);
                }
            });
            assertThatThrownBy(() -> store.moveMessage(m.id(), sent, change))
                    .hasMessageContaining("injected failure at " + point);
            MessageRecord now = store.message(m.id()).orElseThrow();
            assertThat(now.folderId()).as("after a failure at " + point).isEqualTo(outbox);
            assertSameProps(now.props(), m.props());
            assertThat(now.recipients()).containsExactly("bob@example.com");
            assertThat(StoreReads.queue(store)).extracting(MessageRecord::id).containsExactly(m.id());
            assertThat(StoreReads.messages(store, sent)).isEmpty();
        }
        store.setFaultHookForTests(null);
        store.close();

        // still in the Outbox on disk, and the store works after the failures
        MailStoreFile reopened = open(file);
        assertThat(StoreReads.queue(reopened)).extracting(MessageRecord::id).containsExactly(m.id());
        assertThat(reopened.moveMessage(m.id(), sent, change).folderId()).isEqualTo(sent);
    }

    @Test
    void aFailedCreateLeavesNoMessage() {
        SqliteMailStore store = SqliteMailStore.open(dir.resolve("create.mwstore"), NAME, StoreSchema.CURRENT);
        opened.add(store);
        store.setFaultHookForTests(p -> {
            throw new IllegalStateException("injected at " + p);
        });
        long outbox = store.folder(FolderRole.OUTBOX).id();
        assertThatThrownBy(() -> store.createMessage(outbox, queued("never", Instant.EPOCH)))
                .hasMessageContaining("injected at createMessage:inserted");
        store.setFaultHookForTests(null);
        assertThat(StoreReads.messages(store, outbox)).isEmpty();
        assertThat(StoreReads.queue(store)).isEmpty();
    }

    // ------------------------------------------------------------ outgoing queue

    @Test
    void outgoingQueueHoldsSubmittedOutboxMessagesBySubmitTimeThenId() {
        MailStoreFile store = open(dir.resolve("queue.mwstore"));
        long outbox = store.folder(FolderRole.OUTBOX).id();
        long inbox = store.folder(FolderRole.INBOX).id();
        Instant t0 = Instant.parse("2026-11-22T12:00:00Z");
        store.createMessage(outbox, queued("late", t0.plusSeconds(60)));
        store.createMessage(outbox, queued("no time", null));
        store.createMessage(outbox, queued("tie 1", t0));
        store.createMessage(outbox, queued("early", t0.minusNanos(1)));
        store.createMessage(outbox, queued("tie 2", t0));
        store.createMessage(outbox, queued("before 1970", Instant.parse("1969-07-20T20:17:00Z")));
        Map<Integer, Object> unsubmitted = queued("draft", t0.minusSeconds(3600));
        unsubmitted.put(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_UNSENT);
        MessageRecord draft = store.createMessage(outbox, unsubmitted);
        store.createMessage(inbox, queued("not in the outbox", t0.minusSeconds(3600)));

        assertThat(subjects(StoreReads.queue(store)))
                .containsExactly("before 1970", "early", "tie 1", "tie 2", "late", "no time");

        // submitting the draft (as SubmitMessage does) puts it in the queue at its submit time
        store.updateMessage(
                draft.id(), Map.of(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_SUBMIT | MapiFlags.MSGFLAG_UNSENT));
        assertThat(subjects(StoreReads.queue(store)))
                .containsExactly("before 1970", "draft", "early", "tie 1", "tie 2", "late", "no time");
        // clearing MSGFLAG_SUBMIT (AbortSubmit) takes it out again
        store.updateMessage(draft.id(), Map.of(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_UNSENT));
        assertThat(subjects(StoreReads.queue(store))).doesNotContain("draft");
    }

    @Test
    void outgoingQueueIsAnIndexedQueryWithoutASortStep() {
        SqliteMailStore store = SqliteMailStore.open(dir.resolve("plan.mwstore"), NAME, StoreSchema.CURRENT);
        opened.add(store);
        List<String> plan = store.outgoingQueuePlanForTests();
        assertThat(String.join("\n", plan))
                .contains("USING INDEX messages_outgoing")
                .doesNotContain("TEMP B-TREE")
                .doesNotContain("SCAN m\n")
                .isNotEqualTo("SCAN m");
    }

    @Test
    void everyReadByWindowOrByKeySearchesAnIndexAndScansNoTable() {
        SqliteMailStore store = SqliteMailStore.open(dir.resolve("plans.mwstore"), NAME, StoreSchema.CURRENT);
        opened.add(store);
        long outbox = store.folder(FolderRole.OUTBOX).id();
        for (int i = 0; i < 50; i++) { // some rows, so the planner has something to weigh
            store.createMessage(outbox, Map.of(PropTag.PR_SUBJECT_W, "m" + i));
        }
        Map<String, List<String>> plans = store.readPlansForTests();
        assertThat(plans).hasSize(12 + 2 * 2 * 2 * 3); // the key reads, then every view a table can choose
        plans.forEach((read, plan) -> {
            String text = String.join("\n", plan);
            assertThat(plan).as(read + ":\n" + text).isNotEmpty().noneMatch(line -> line.startsWith("SCAN"));
            assertThat(text).as(read).contains("SEARCH").doesNotContain("TEMP B-TREE");
        });
        assertThat(String.join("\n", plans.get("ID asc all window after a key")))
                .contains("messages_by_folder");
        assertThat(String.join("\n", plans.get("ID asc all count up to a key"))).contains("messages_by_folder");
        assertThat(String.join("\n", plans.get("SUBMIT_TIME desc all window after a key")))
                .contains("messages_by_submit");
        assertThat(String.join("\n", plans.get("locked outgoing"))).contains("messages_locked");
        assertThat(String.join("\n", plans.get("outgoing queue window"))).contains("messages_outgoing");
        assertThat(String.join("\n", plans.get("row by key"))).contains("INTEGER PRIMARY KEY");
        assertThat(String.join("\n", plans.get("props by key"))).contains("PRIMARY KEY");
    }

    // ------------------------------------------------------------ close

    @Test
    void closeIsIdempotentAndLaterCallsFailNamingTheFile() {
        Path file = dir.resolve("closed.mwstore");
        MailStoreFile store = open(file);
        long inbox = store.folder(FolderRole.INBOX).id();
        store.close();
        store.close();
        List<Runnable> calls = List.of(
                store::displayName,
                store::recordKey,
                store::folders,
                () -> store.folder(FolderRole.INBOX),
                () -> store.folderById(inbox),
                () -> store.createMessage(inbox, Map.of()),
                () -> store.updateMessage(1, Map.of()),
                () -> store.message(1),
                () -> StoreReads.messages(store, inbox),
                () -> store.moveMessage(1, inbox, Map.of()),
                () -> store.deleteMessage(1),
                store::outgoingIds);
        for (Runnable call : calls) {
            assertThatThrownBy(call::run)
                    .isInstanceOfSatisfying(
                            StoreFileException.class,
                            e -> assertThat(e.file())
                                    .isEqualTo(file.toAbsolutePath().normalize()))
                    .hasMessageContaining(file.getFileName().toString())
                    .hasMessageContaining("closed");
        }
        assertThat(store.file()).isEqualTo(file.toAbsolutePath().normalize());
    }

    // ------------------------------------------------------------ concurrency

    @Test
    void concurrentCreatesMovesAndReadsLoseNothing() throws Exception {
        MailStoreFile store = open(dir.resolve("concurrent.mwstore"));
        long outbox = store.folder(FolderRole.OUTBOX).id();
        long sent = store.folder(FolderRole.SENT_ITEMS).id();
        int threads = 6;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Long>>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        MessageRecord m = store.createMessage(outbox, queued("t" + thread + "-" + i, Instant.now()));
                        ids.add(m.id());
                        if (i % 2 == 0) {
                            store.moveMessage(m.id(), sent, Map.of(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_READ));
                        }
                    }
                    return ids;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                start.await();
                int reads = 0;
                while (writers.stream().anyMatch(f -> !f.isDone())) {
                    for (MessageRecord m : StoreReads.queue(store)) {
                        assertThat(m.folderId()).isEqualTo(outbox);
                        assertThat(m.props()).containsKey(PropTag.PR_SUBJECT_W);
                    }
                    reads++;
                }
                return reads;
            });
            start.countDown();
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> f : writers) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            assertThat(all).hasSize(threads * perThread);
            assertThat(StoreReads.messages(store, sent))
                    .hasSize(threads * perThread / 2)
                    .allSatisfy(
                            m -> assertThat(m.props()).containsEntry(PropTag.PR_MESSAGE_FLAGS, MapiFlags.MSGFLAG_READ));
            assertThat(StoreReads.queue(store)).hasSize(threads * perThread / 2);
            Set<String> subjects = new HashSet<>(subjects(StoreReads.messages(store, sent)));
            subjects.addAll(subjects(StoreReads.messages(store, outbox)));
            assertThat(subjects).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String pragma(Statement st, String name) throws Exception {
        try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
