package dev.mapiworkbench.teardown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a profile's run history ({@code <profile>/history/*.json}, written by
 * {@link TranscriptFiles#saveToHistory}): one summary per file, newest first. A file that is not a
 * transcript is listed with what is wrong with it instead of being hidden.
 */
public final class TranscriptHistory {

    private TranscriptHistory() {}

    /**
     * A saved run, as the History view lists it.
     *
     * @param problem why the file could not be read (then the other fields are empty), or null
     */
    public record Entry(
            Path file,
            String startedAt,
            String mode,
            String plan,
            String result,
            String outcome,
            int leaks,
            int findings,
            String problem) {

        /** The summary of a transcript saved in {@code file}. */
        public static Entry of(Path file, Transcript t) {
            return new Entry(
                    file,
                    t.startedAt(),
                    t.mode(),
                    t.plan(),
                    t.result(),
                    t.outcome(),
                    t.leaks().size(),
                    t.findings().size(),
                    null);
        }

        /** True when the file held a transcript. */
        public boolean readable() {
            return problem == null;
        }
    }

    /** The summaries of every {@code *.json} in {@code historyDir}, newest first; empty when it does not exist. */
    public static List<Entry> list(Path historyDir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(historyDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    // by stem: "T" before "T-001" (with ".json" the '.' would sort after the '-')
                    .sorted(Comparator.comparing(TranscriptHistory::stem).reversed())
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>(files.size());
        for (Path f : files) {
            entries.add(read(f));
        }
        return entries;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.length() - ".json".length());
    }

    /** The summary of one history file; a file that cannot be read gives an entry with its problem. */
    public static Entry read(Path file) {
        try {
            return Entry.of(file, TranscriptJson.read(file));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            String why = e.getMessage();
            return new Entry(file, file.getFileName().toString(), "", "", "unreadable", "", 0, 0, why);
        }
    }
}
