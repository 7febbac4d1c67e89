package dev.mapiworkbench.ui.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Where the Notes pane keeps a test session (docs/report.md): the charter and notes the tester typed, the
 * runs that ended during the session and the screenshots, saved in the profile folder so that a crash loses
 * nothing. The app implements it ({@code app.report.TestSession}); every method may block on the disk and is
 * called off the FX thread; implementations are thread-safe.
 */
public interface TestSessionStore {

    /** What the session holds, for the pane. */
    record Snapshot(String folder, String startedAt, String charter, String notes, List<String> items) {
        public Snapshot {
            items = List.copyOf(items);
        }
    }

    /** The current session (the last one of the profile, continued after a restart or a crash). */
    Snapshot load() throws IOException;

    /** Saves what the tester typed (atomically: the old file stays whole until the new one is complete). */
    void saveNotes(String charter, String notes) throws IOException;

    /**
     * A run of this session ended and its transcript was saved in the profile's history: the session keeps a
     * copy. Returns the line the pane lists for it.
     */
    String addRun(Path transcript) throws IOException;

    /** Saves a PNG screenshot in the session folder; {@code reason} says why it was taken. Returns its line. */
    String addScreenshot(byte[] png, String reason) throws IOException;

    /** Ends the session and starts an empty one (the old one stays on disk). */
    Snapshot startNew() throws IOException;

    /**
     * Writes the report: {@code html} (one self-contained file) and the .zip beside it with the raw transcripts
     * and the notes, both atomically. {@code progress} hears 0..1.
     *
     * @return the .zip written
     */
    Path exportReport(Path html, String charter, String notes, DoubleConsumer progress) throws IOException;
}
