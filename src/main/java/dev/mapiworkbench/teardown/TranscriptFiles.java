package dev.mapiworkbench.teardown;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes transcript files, the same way for the window's Export and the command line's
 * {@code --transcript FILE}:
 * <ul>
 *   <li>one format rule: text for a name ending in {@code .txt} (any case), JSON otherwise;</li>
 *   <li>missing parent folders are created;</li>
 *   <li>atomic: the content goes to a temporary file beside the target, which is then moved over it with
 *       {@code ATOMIC_MOVE}, so a reader never sees a half-written transcript and a failure leaves the old
 *       file as it was;</li>
 *   <li>the permissions a new file gets from {@link Files#createFile} (the user's umask, as any command-line
 *       tool's output), or those of the file it replaces (never the owner-only 0600 of a temp file).</li>
 * </ul>
 */
public final class TranscriptFiles {

    /** The two formats of a transcript file. */
    public enum Format {
        JSON,
        TEXT;

        /** {@link #TEXT} for {@code *.txt}, {@link #JSON} otherwise. */
        public static Format of(Path file) {
            Path name = file.getFileName();
            return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".txt") ? TEXT : JSON;
        }
    }

    private TranscriptFiles() {}

    /** How many transcripts a profile's history folder keeps. */
    public static final int HISTORY_KEEP = 200;

    /**
     * Saves {@code t} as JSON in a history folder ({@code <profile>/history}) under its start time,
     * {@code 2026-12-01T10-15-30.123Z.json} (a second one with the same time gets {@code -1}, {@code -2} …),
     * and deletes the oldest files beyond {@code keep}. Names sort by time, so "oldest" is by name.
     *
     * @return the file written
     */
    public static Path saveToHistory(Path historyDir, Transcript t, int keep) throws IOException {
        Files.createDirectories(historyDir);
        String stem = t.startedAt().replace(':', '-');
        List<String> names;
        try (Stream<Path> s = Files.list(historyDir)) {
            names = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .toList();
        }
        // a later run with the same start time sorts after every earlier one: stem, stem-001, stem-002 …
        int next = names.contains(stem) ? 1 : 0;
        for (String n : names) {
            if (n.startsWith(stem + "-")) {
                try {
                    next = Math.max(next, Integer.parseInt(n.substring(stem.length() + 1)) + 1);
                } catch (NumberFormatException notOurs) {
                    // another file that happens to share the prefix
                }
            }
        }
        Path file =
                historyDir.resolve(next == 0 ? stem + ".json" : String.format(Locale.ROOT, "%s-%03d.json", stem, next));
        write(t, file, Format.JSON);
        List<String> saved = new ArrayList<>(names);
        saved.add(file.getFileName().toString().replace(".json", ""));
        saved.sort(null); // a stem sorts before its own "-001": oldest first
        for (int i = 0; i < saved.size() - keep; i++) {
            Files.deleteIfExists(historyDir.resolve(saved.get(i) + ".json"));
        }
        return file;
    }

    /** The file's content in a format: pretty JSON or the text form, each ending with a line break. */
    public static String render(Transcript t, Format format) {
        return (format == Format.TEXT ? TranscriptText.format(t) : TranscriptJson.toJson(t) + System.lineSeparator());
    }

    /** Writes {@code t} to {@code file} in the format its name asks for ({@link Format#of}). */
    public static void write(Transcript t, Path file) throws IOException {
        write(t, file, Format.of(file));
    }

    /** Writes {@code t} to {@code file} in {@code format}, atomically. */
    public static void write(Transcript t, Path file, Format format) throws IOException {
        writeAtomically(file, render(t, format));
    }

    /**
     * Writes {@code content} (UTF-8) to {@code file} through a temporary file beside it and an atomic move.
     *
     * @throws IOException when the folder cannot be created or written, or the file system cannot move
     *                     atomically (then nothing is changed)
     */
    public static void writeAtomically(Path file, String content) throws IOException {
        writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code content} to {@code file} the same way (a temporary file beside it, then an atomic move):
     * for binary files such as the session report's .zip.
     *
     * @throws IOException when the folder cannot be created or written, or the file system cannot move
     *                     atomically (then nothing is changed)
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null) {
            throw new IOException("not a file path: " + file);
        }
        Files.createDirectories(dir);
        Path tmp = createTemp(dir, target.getFileName().toString());
        try {
            Files.write(tmp, content);
            keepPermissionsOf(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A new empty file beside the target, created as any new file is (umask permissions). */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /** A replaced file keeps its permissions (POSIX file systems only; elsewhere nothing to keep). */
    private static void keepPermissionsOf(Path target, Path tmp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view == null || !Files.isRegularFile(target)) {
            return;
        }
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        Files.setPosixFilePermissions(tmp, perms);
    }
}
