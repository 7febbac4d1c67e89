package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptFilesTest {

    @TempDir
    Path dir;

    /** What any new file gets here: the user's umask applied (the command line's permissions). */
    static Set<PosixFilePermission> umaskPermissions(Path dir) throws IOException {
        Path probe = Files.createFile(dir.resolve("umask-probe-" + System.nanoTime()));
        try {
            return Files.getPosixFilePermissions(probe);
        } finally {
            Files.delete(probe);
        }
    }

    static void assumePosix() {
        Assumptions.assumeTrue(
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    }

    private long partFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        }
    }

    @Test
    void textForTxtJsonForEverythingElse() throws Exception {
        TranscriptFiles.write(TranscriptJsonTest.sample(), dir.resolve("t.TXT"));
        TranscriptFiles.write(TranscriptJsonTest.sample(), dir.resolve("t.json"));
        TranscriptFiles.write(TranscriptJsonTest.sample(), dir.resolve("t.log"));

        assertThat(Files.readString(dir.resolve("t.TXT"))).startsWith("Teardown transcript (");
        assertThat(TranscriptJson.read(dir.resolve("t.json"))).isEqualTo(TranscriptJsonTest.sample());
        assertThat(TranscriptJson.read(dir.resolve("t.log"))).isEqualTo(TranscriptJsonTest.sample());
        assertThat(partFiles()).isZero();
    }

    @Test
    void missingFoldersAreCreatedForBothFormats() throws Exception {
        TranscriptFiles.write(TranscriptJsonTest.sample(), dir.resolve("a/b/t.txt"));
        TranscriptFiles.write(TranscriptJsonTest.sample(), dir.resolve("c/d/t.json"));

        assertThat(dir.resolve("a/b/t.txt")).isRegularFile();
        assertThat(dir.resolve("c/d/t.json")).isRegularFile();
    }

    @Test
    void aNewFileGetsTheUmaskPermissionsNotThoseOfATempFile() throws Exception {
        assumePosix();
        Path file = dir.resolve("t.json");
        TranscriptFiles.write(TranscriptJsonTest.sample(), file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(umaskPermissions(dir));
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndGetsTheNewContent() throws Exception {
        assumePosix();
        Path file = dir.resolve("t.txt");
        Files.writeString(file, "old");
        Set<PosixFilePermission> custom = PosixFilePermissions.fromString("rw-rw----");
        Files.setPosixFilePermissions(file, custom);

        TranscriptFiles.write(TranscriptJsonTest.sample(), file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(custom);
        assertThat(Files.readString(file)).contains("Result: errors");
        assertThat(partFiles()).isZero();
    }

    @Test
    void aFailedWriteLeavesWhatWasThereAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("t.json");
        Files.createDirectories(target.resolve("occupied")); // a non-empty folder cannot be replaced

        assertThatThrownBy(() -> TranscriptFiles.write(TranscriptJsonTest.sample(), target))
                .isInstanceOf(IOException.class);
        assertThat(target.resolve("occupied")).isDirectory();
        assertThat(partFiles()).isZero();
    }

    @Test
    void theHistoryKeepsEveryRunUnderItsStartTimeAndOnlyTheLastOnes() throws Exception {
        Path history = dir.resolve("profile/history");
        Transcript t = TranscriptJsonTest.sample(); // started 2026-11-22T13:00:00Z
        Path first = TranscriptFiles.saveToHistory(history, t, 3);
        Path second = TranscriptFiles.saveToHistory(history, t, 3);

        assertThat(first.getFileName()).hasToString("2026-11-22T13-00-00Z.json");
        assertThat(second.getFileName()).hasToString("2026-11-22T13-00-00Z-001.json");
        assertThat(TranscriptJson.read(first)).isEqualTo(t);

        for (int i = 0; i < 4; i++) {
            TranscriptFiles.saveToHistory(history, t, 3);
        }
        try (Stream<Path> s = Files.list(history)) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "2026-11-22T13-00-00Z-003.json",
                            "2026-11-22T13-00-00Z-004.json",
                            "2026-11-22T13-00-00Z-005.json");
        }
    }
}
