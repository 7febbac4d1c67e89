package dev.mapiworkbench.app.report;

import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Everything a session report shows, read from a session folder: the notes, each run's raw transcript and its
 * parsed form, each screenshot's bytes. A run or screenshot that cannot be read is kept with its problem, so
 * the report says what is missing instead of failing.
 *
 * @param state the session's {@code session.json}
 * @param runs  the runs, in the order they ended
 * @param shots the screenshots, in the order they were taken
 */
public record ReportInput(TestSession.State state, List<Run> runs, List<Shot> shots) {

    public ReportInput {
        runs = List.copyOf(runs);
        shots = List.copyOf(shots);
    }

    /**
     * A run: its transcript file's name, its text as saved (null when it could not be read), the transcript (null
     * when it could not be parsed) and why not.
     */
    public record Run(String name, String raw, Transcript transcript, String problem) {}

    /**
     * A screenshot: its name, when and why it was taken, its PNG bytes in base64 (null when missing or not a PNG)
     * and why.
     */
    public record Shot(String name, String takenAt, String reason, String pngBase64, String problem) {}

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /**
     * Reads the runs and screenshots {@code state} lists from {@code folder}; {@code progress} hears 0..0.5 (the
     * reading is the first half of an export).
     */
    public static ReportInput read(Path folder, TestSession.State state, DoubleConsumer progress) {
        int total = Math.max(1, state.runs().size() + state.screenshots().size());
        int done = 0;
        List<Run> runs = new ArrayList<>();
        for (TestSession.RunEntry r : state.runs()) {
            runs.add(readRun(folder, r.file()));
            progress.accept(0.5 * ++done / total);
        }
        List<Shot> shots = new ArrayList<>();
        for (TestSession.Shot s : state.screenshots()) {
            String name = fileName(s.file());
            String png = null;
            String problem = null;
            try {
                byte[] bytes = Files.readAllBytes(inside(folder, s.file()));
                if (isPng(bytes)) {
                    png = java.util.Base64.getEncoder().encodeToString(bytes);
                } else {
                    problem = "not a PNG image";
                }
            } catch (IOException | IllegalArgumentException e) {
                problem = "cannot be read: " + e.getMessage();
            }
            shots.add(new Shot(name, s.takenAt(), s.reason(), png, problem));
            progress.accept(0.5 * ++done / total);
        }
        return new ReportInput(state, runs, shots);
    }

    private static Run readRun(Path folder, String file) {
        String name = fileName(file);
        String raw;
        try {
            raw = Files.readString(inside(folder, file), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            return new Run(name, null, null, "cannot be read: " + e.getMessage());
        }
        try {
            return new Run(name, raw, TranscriptJson.fromJson(raw), null);
        } catch (IllegalArgumentException e) {
            return new Run(name, raw, null, e.getMessage());
        }
    }

    static boolean isPng(byte[] bytes) {
        return bytes.length > PNG_SIGNATURE.length
                && java.util.Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
    }

    /** The last part of a relative name ("runs/x.json" gives "x.json"). */
    static String fileName(String file) {
        String f = file == null ? "" : file;
        int slash = Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\'));
        return f.substring(slash + 1);
    }

    /** {@code file} resolved in {@code folder}; a name that leaves the folder (an edited session.json) is refused. */
    static Path inside(Path folder, String file) {
        Path base = folder.toAbsolutePath().normalize();
        Path p = base.resolve(file == null ? "" : file).normalize();
        if (!p.startsWith(base) || p.equals(base)) {
            throw new IllegalArgumentException(file + " is not inside the session folder");
        }
        return p;
    }
}
