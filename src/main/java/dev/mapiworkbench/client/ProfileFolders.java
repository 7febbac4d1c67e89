package dev.mapiworkbench.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a profile folder before anything is created, and names the reason when it cannot be used:
 * "is a file", "is below the file …", "the name … is too long", "permission denied" (issue 11, item 5).
 */
public final class ProfileFolders {

    /** Longest file name component most file systems take (NAME_MAX, in bytes of UTF-8). */
    static final int NAME_MAX = 255;
    /** Longest path Linux takes (PATH_MAX, in bytes of UTF-8). */
    static final int PATH_MAX = 4095;

    private ProfileFolders() {}

    /**
     * Why {@code dir} cannot be used as a profile folder, without creating or changing anything.
     *
     * @return null when it exists as a writable folder or can be created; else the reason
     */
    public static String problem(Path dir) {
        if (dir.toString().isBlank()) {
            return "the path is empty";
        }
        Path abs = dir.toAbsolutePath().normalize();
        if (abs.toString().getBytes(StandardCharsets.UTF_8).length > PATH_MAX) {
            return "the path is too long (" + abs.toString().getBytes(StandardCharsets.UTF_8).length
                    + " bytes, at most " + PATH_MAX + ")";
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            Path name = existing.getFileName();
            if (name != null && name.toString().getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
                return "the name '" + cut(name.toString()) + "' is too long ("
                        + name.toString().getBytes(StandardCharsets.UTF_8).length + " bytes, at most " + NAME_MAX + ")";
            }
            if (Files.isSymbolicLink(existing)) {
                return existing.equals(abs)
                        ? "is a broken symbolic link"
                        : "is below the broken symbolic link " + existing;
            }
            existing = existing.getParent();
        }
        if (existing == null) {
            return "no part of the path exists";
        }
        if (!Files.isDirectory(existing)) {
            String what = Files.isRegularFile(existing) ? "the file " : "the non-folder ";
            return existing.equals(abs)
                    ? (Files.isRegularFile(abs) ? "is a file, not a folder" : "is not a folder")
                    : "is below " + what + existing + ", so it cannot be created";
        }
        if (!Files.isWritable(existing)) {
            return existing.equals(abs)
                    ? "permission denied (the folder is not writable)"
                    : "permission denied (cannot create folders in " + existing + ")";
        }
        return null;
    }

    /** Creates the folder (and its parents), naming the reason when that fails. */
    public static void create(Path dir) throws IOException {
        String problem = problem(dir);
        if (problem != null) {
            throw new IOException("cannot use the profile folder " + dir + ": " + problem);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the profile folder " + dir + ": " + reason(e), e);
        }
    }

    /** The reason of a file system error in a few words ("permission denied", "File name too long"). */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
