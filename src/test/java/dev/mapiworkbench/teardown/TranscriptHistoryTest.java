package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader of {@code <profile>/history}: what the History view lists. */
class TranscriptHistoryTest {

    @TempDir
    Path dir;

    @Test
    void listsEverySavedRunNewestFirstWithItsSummary() throws Exception {
        Transcript t = TranscriptJsonTest.sample();
        Path first = TranscriptFiles.saveToHistory(dir, t, 200);
        Path second = TranscriptFiles.saveToHistory(dir, t, 200);

        List<TranscriptHistory.Entry> entries = TranscriptHistory.list(dir);

        assertThat(entries).extracting(TranscriptHistory.Entry::file).containsExactly(second, first);
        TranscriptHistory.Entry e = entries.get(0);
        assertThat(e.readable()).isTrue();
        assertThat(e.startedAt()).isEqualTo("2026-11-22T13:00:00Z");
        assertThat(e.mode()).isEqualTo("now");
        assertThat(e.plan()).isEqualTo("desktop");
        assertThat(e.result()).isEqualTo(Transcript.ERRORS);
        assertThat(e.leaks()).isEqualTo(1);
        assertThat(e.findings()).isEqualTo(1);
    }

    @Test
    void aFileThatIsNoTranscriptIsListedWithItsProblemNotHidden() throws Exception {
        TranscriptFiles.saveToHistory(dir, TranscriptJsonTest.sample(), 200);
        Files.writeString(dir.resolve("2099-01-01T00-00-00Z.json"), "{\"schema\": \"something/else\"}");
        Files.writeString(dir.resolve("notes.txt"), "not json, not listed");
        Files.writeString(dir.resolve(".x.json.part"), "half-written, not listed");

        List<TranscriptHistory.Entry> entries = TranscriptHistory.list(dir);

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).readable()).isFalse();
        assertThat(entries.get(0).result()).isEqualTo("unreadable");
        assertThat(entries.get(0).problem()).startsWith("not a");
        assertThat(entries.get(1).readable()).isTrue();
    }

    @Test
    void aMissingFolderIsAnEmptyHistory() throws Exception {
        assertThat(TranscriptHistory.list(dir.resolve("history"))).isEmpty();
    }
}
