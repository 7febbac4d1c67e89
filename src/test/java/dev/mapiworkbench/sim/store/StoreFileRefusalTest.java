package dev.mapiworkbench.sim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.sim.store.MailStoreFile.FolderRole;
import dev.mapiworkbench.sim.store.MailStoreFile.MessageRecord;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the store must refuse — not SQLite, empty, foreign, corrupt, newer — each with a
 * {@link StoreFileException} naming the file and with the file (and its folder) left byte-identical;
 * the migration hook for older files; unwritable locations.
 */
class StoreFileRefusalTest {

    private static final String NAME = "Mailbox - demo";

    @TempDir
    Path dir;

    /** Opens {@code file}, expects a refusal mentioning {@code reason}, and checks nothing changed. */
    private void assertRefusedUntouched(Path file, String reason) throws IOException {
        byte[] before = Files.readAllBytes(file);
        Set<String> listing = listing();
        assertThatThrownBy(() -> MailStoreFile.open(file, NAME))
                .isInstanceOfSatisfying(
                        StoreFileException.class,
                        e -> assertThat(e.file())
                                .isEqualTo(file.toAbsolutePath().normalize()))
                .hasMessageContaining(file.toAbsolutePath().normalize().toString())
                .hasMessageContaining(reason);
        assertThat(Files.readAllBytes(file)).as("bytes of " + file).isEqualTo(before);
        assertThat(listing()).as("files beside it").isEqualTo(listing);
    }

    private Set<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private Path validStore(String name) {
        Path file = dir.resolve(name);
        try (MailStoreFile store = MailStoreFile.open(file, NAME)) {
            store.createMessage(
                    store.folder(FolderRole.OUTBOX).id(),
                    Map.of(PropTag.PR_SUBJECT_W, "kept", PropTag.PR_BODY_W, "x".repeat(20_000)));
        }
        return file;
    }

    private static void sql(Path file, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    @Test
    void aTextFileIsRefusedAsNotSqlite() throws IOException {
        Path file = dir.resolve("notes.mwstore");
        Files.writeString(file, "Dear diary, today I wrote a store file.\n".repeat(20), StandardCharsets.UTF_8);
        assertRefusedUntouched(file, "not an SQLite database");
    }

    @Test
    void aShortBinaryFileIsRefusedAsNotSqlite() throws IOException {
        Path file = dir.resolve("short.mwstore");
        Files.write(file, "SQLite format 3\0 but short".getBytes(StandardCharsets.US_ASCII));
        assertRefusedUntouched(file, "not an SQLite database");
    }

    @Test
    void anEmptyFileIsRefusedAndStaysEmpty() throws IOException {
        Path file = dir.resolve("empty.mwstore");
        Files.createFile(file);
        assertRefusedUntouched(file, "empty file");
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void anotherApplicationsSqliteFileIsRefused() throws Exception {
        Path file = dir.resolve("contacts.db");
        sql(
                file,
                "CREATE TABLE contacts (name TEXT, email TEXT)",
                "INSERT INTO contacts VALUES ('Bob', 'bob@example.com')");
        assertRefusedUntouched(file, "another application (application_id 0x00000000)");
    }

    @Test
    void anotherApplicationsWalModeFileIsRefused() throws Exception {
        Path file = dir.resolve("other-wal.db");
        sql(
                file,
                "PRAGMA journal_mode = WAL",
                "PRAGMA application_id = 1234",
                "CREATE TABLE t (x)",
                "INSERT INTO t VALUES (1)");
        assertRefusedUntouched(file, "another application (application_id 0x000004D2)");
    }

    @Test
    void aFileWithOurApplicationIdButNoMetaTableIsRefusedAsForeign() throws Exception {
        Path file = dir.resolve("impostor.db");
        sql(
                file,
                "PRAGMA application_id = " + StoreSchema.APPLICATION_ID,
                "PRAGMA user_version = 1",
                "CREATE TABLE t (x)");
        assertRefusedUntouched(file, "no meta table");
    }

    @Test
    void aFileWithAnotherMetaFormatIsRefusedAsForeign() throws Exception {
        Path file = dir.resolve("other-format.db");
        sql(
                file,
                "PRAGMA application_id = " + StoreSchema.APPLICATION_ID,
                "PRAGMA user_version = 1",
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value)",
                "INSERT INTO meta VALUES ('format', 'acme')");
        assertRefusedUntouched(file, "meta format acme");
    }

    @Test
    void aStoreWithOverwrittenPagesIsRefusedAsCorrupt() throws Exception {
        Path file = validStore("corrupt.mwstore");
        long size = Files.size(file);
        assertThat(size).isGreaterThan(4 * 4096L);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[2 * 4096];
            Arrays.fill(garbage, (byte) 0xA5);
            raf.seek(4096); // pages 2 and 3: table roots and rows
            raf.write(garbage);
        }
        assertRefusedUntouched(file, "corrupt");
    }

    @Test
    void aTruncatedStoreIsRefusedAsCorrupt() throws Exception {
        Path file = validStore("truncated.mwstore");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(3 * 4096L);
        }
        assertRefusedUntouched(file, "corrupt");
    }

    @Test
    void aLargeTruncatedStoreIsRefusedAsCorruptWithoutTheFullCheck() throws Exception {
        // over QUICK_CHECK_MAX_BYTES a cleanly closed file gets the cheap checks only (decision 0351)
        Path file = validStore("large.mwstore");
        sql(file, "CREATE TABLE padding (x BLOB)", "INSERT INTO padding VALUES (zeroblob(9000000))");
        assertThat(Files.size(file)).isGreaterThan(StoreFileOpener.QUICK_CHECK_MAX_BYTES);
        try (MailStoreFile store = MailStoreFile.open(file, NAME)) {
            assertThat(StoreReads.messages(
                            store, store.folder(FolderRole.OUTBOX).id()))
                    .hasSize(1);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(StoreFileOpener.QUICK_CHECK_MAX_BYTES + 4096); // still over: no quick_check
        }
        assertRefusedUntouched(file, "corrupt");
    }

    @Test
    void aStoreOfANewerSchemaVersionIsRefused() throws Exception {
        Path file = validStore("newer.mwstore");
        sql(file, "PRAGMA user_version = 7", "UPDATE meta SET value = 7 WHERE key = 'schema_version'");
        assertRefusedUntouched(
                file,
                "newer MAPI Workbench (store schema version 7, this program knows up to "
                        + StoreSchema.CURRENT.version()
                        + ")");
    }

    @Test
    void aNewerVersionStillOnlyInTheWalIsRefused() throws Exception {
        Path file = validStore("newer-in-wal.mwstore");
        // another program holds the file open and has committed version 7 to the WAL, not yet to
        // the main file: the header still says 2, the read-only check must see 7
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = other.createStatement()) {
            st.execute("PRAGMA wal_autocheckpoint = 0");
            st.execute("BEGIN IMMEDIATE");
            st.execute("PRAGMA user_version = 7");
            st.execute("UPDATE meta SET value = 7 WHERE key = 'schema_version'");
            st.execute("COMMIT");
            byte[] before = Files.readAllBytes(file);
            assertThat(before[63]).as("header user_version, low byte").isEqualTo((byte) StoreSchema.CURRENT.version());
            assertThatThrownBy(() -> MailStoreFile.open(file, NAME))
                    .isInstanceOf(StoreFileException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("store schema version 7");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }
    }

    @Test
    void anOlderStoreIsMigratedInOneTransactionThroughTheHook() throws Exception {
        Path file = validStore("older.mwstore");
        int current = StoreSchema.CURRENT.version();
        StoreSchema newer = StoreSchema.CURRENT.then(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE attachments (message_id INTEGER, data BLOB)");
            }
        });
        try (SqliteMailStore store = SqliteMailStore.open(file, NAME, newer)) {
            assertThat(StoreReads.messages(
                            store, store.folder(FolderRole.OUTBOX).id()))
                    .extracting(m -> m.props().get(PropTag.PR_SUBJECT_W))
                    .containsExactly("kept");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(current + 1);
            }
            try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
                assertThat(rs.getInt(1)).isEqualTo(current + 1);
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM attachments")) {
                assertThat(rs.getInt(1)).isZero();
            }
        }
        // and this program now refuses it as newer, untouched
        assertRefusedUntouched(file, "store schema version " + (current + 1) + ", this program knows up to " + current);
    }

    /** A version-1 file (before the view indexes) opens migrated to version 2 with its messages and the indexes. */
    @Test
    void aVersionOneStoreGetsTheViewIndexes() throws Exception {
        Path file = dir.resolve("v1.mwstore");
        try (SqliteMailStore store = SqliteMailStore.open(file, NAME, StoreSchema.V1)) {
            store.createMessage(store.folder(FolderRole.OUTBOX).id(), Map.of(PropTag.PR_SUBJECT_W, "from v1"));
        }
        try (MailStoreFile store = MailStoreFile.open(file, NAME)) {
            assertThat(StoreReads.messages(
                            store, store.folder(FolderRole.OUTBOX).id()))
                    .extracting(m -> m.props().get(PropTag.PR_SUBJECT_W))
                    .containsExactly("from v1");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            List<String> indexes = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index'")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            assertThat(indexes).contains("messages_by_submit", "messages_submitted", "messages_locked");
        }
    }

    @Test
    void aFailingMigrationLeavesTheOlderStoreAsItWas() throws Exception {
        Path file = validStore("failing.mwstore");
        StoreSchema broken = StoreSchema.CURRENT.then(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE half_done (x)");
                st.execute("THIS IS NOT SQL");
            }
        });
        assertThatThrownBy(() -> SqliteMailStore.open(file, NAME, broken))
                .isInstanceOf(StoreFileException.class)
                .hasMessageContaining(file.getFileName().toString());
        try (MailStoreFile store = MailStoreFile.open(file, NAME)) {
            List<MessageRecord> outbox =
                    StoreReads.messages(store, store.folder(FolderRole.OUTBOX).id());
            assertThat(outbox)
                    .extracting(m -> m.props().get(PropTag.PR_SUBJECT_W))
                    .containsExactly("kept");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'")) {
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void missingParentFoldersAreCreated() {
        Path file = dir.resolve("a/b/c/store.mwstore");
        try (MailStoreFile store = MailStoreFile.open(file, NAME)) {
            assertThat(store.folders()).hasSize(FolderRole.values().length);
        }
        assertThat(file).isRegularFile();
    }

    @Test
    void aParentThatIsAFileGivesAnErrorNamingTheStoreFile() throws IOException {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "I am a file");
        Path file = blocker.resolve("sub/store.mwstore");
        assertThatThrownBy(() -> MailStoreFile.open(file, NAME))
                .isInstanceOf(StoreFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("cannot create the folder");
        assertThat(Files.readString(blocker)).isEqualTo("I am a file");
    }

    @Test
    void aDirectoryAtThePathIsRefused() throws IOException {
        Path file = Files.createDirectory(dir.resolve("store.mwstore"));
        assertThatThrownBy(() -> MailStoreFile.open(file, NAME))
                .isInstanceOf(StoreFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is a directory");
    }

    @Test
    void aReadOnlyFolderGivesAnErrorNamingTheStoreFile() throws IOException {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root ignores file permissions");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path file = ro.resolve("store.mwstore");
            assertThatThrownBy(() -> MailStoreFile.open(file, NAME))
                    .isInstanceOf(StoreFileException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("not writable");
            assertThat(file).doesNotExist();
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aReadOnlyStoreFileGivesAnErrorNamingIt() throws IOException {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root ignores file permissions");
        Path file = validStore("readonly.mwstore");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        try {
            assertRefusedUntouched(file, "read-only");
        } finally {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
