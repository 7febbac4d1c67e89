package dev.mapiworkbench.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File › Open recent: the scenarios opened last, newest first, at most {@value #LIMIT}, remembered per user
 * like the window state (one entry per line in {@code ~/.mapi-workbench/recent-scenarios.txt}; decision
 * 0311). Entries are file paths or {@code builtin:NAME}. Without a file (tests, embedders) it lives in memory.
 * FX thread only.
 */
public final class RecentScenarios {

    private static final Logger LOG = LoggerFactory.getLogger(RecentScenarios.class);

    /** How many are kept. */
    public static final int LIMIT = 10;

    /** The prefix of a built-in scenario's entry. */
    public static final String BUILTIN = "builtin:";

    private Path file;
    private final List<String> entries = new ArrayList<>();

    private RecentScenarios(Path file) {
        this.file = file;
    }

    /** A list that is never saved. */
    public static RecentScenarios inMemory() {
        return new RecentScenarios(null);
    }

    /** Reads {@code file}; a missing or unreadable file is an empty list (logged, not fatal). */
    public static RecentScenarios load(Path file) {
        RecentScenarios r = new RecentScenarios(null);
        r.rememberIn(file);
        return r;
    }

    /** From now on the list is {@code file}'s (read now, saved on every change). */
    public void rememberIn(Path file) {
        this.file = file;
        entries.clear();
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String e = line.strip();
                    if (!e.isEmpty() && !entries.contains(e) && entries.size() < LIMIT) {
                        entries.add(e);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not read the recent scenarios {}; starting with none", file, e);
                entries.clear();
            }
        }
    }

    /** Newest first. */
    public List<String> entries() {
        return List.copyOf(entries);
    }

    /** Puts {@code source} first (once), drops the oldest beyond {@value #LIMIT}, saves. */
    public void add(String source) {
        entries.remove(source);
        entries.add(0, source);
        while (entries.size() > LIMIT) {
            entries.remove(entries.size() - 1);
        }
        save();
    }

    /** Removes every entry whose file no longer exists (built-ins stay), saves. */
    public void pruneMissing() {
        if (entries.removeIf(RecentScenarios::missing)) {
            save();
        }
    }

    /** True when {@code entry} is a file that is not there (any more). */
    public static boolean missing(String entry) {
        if (entry.startsWith(BUILTIN)) {
            return false;
        }
        try {
            return !Files.isRegularFile(Path.of(entry));
        } catch (RuntimeException e) {
            return true; // not a path on this system
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, entries, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not save the recent scenarios to {}", file, e);
        }
    }
}
