package dev.mapiworkbench.app.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptFiles;
import dev.mapiworkbench.teardown.TranscriptJson;
import dev.mapiworkbench.ui.report.TestSessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;

/**
 * One exploratory test session (issue #13 item 7, docs/report.md): the charter and notes the tester typed,
 * the runs that ended during it (a copy of each transcript the teardown saved in the profile's history) and
 * the screenshots. It lives in {@code <profile>/sessions/<start time>/}: {@code session.json} (written
 * atomically on every change, so a crash loses nothing that was typed), {@code runs/*.json} and
 * {@code shots/*.png}. The window continues the profile's last session after a restart. Thread-safe.
 */
public final class TestSession implements TestSessionStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TestSession.class);

    /** The schema id of {@code session.json}. */
    public static final String SCHEMA = "mapi-workbench/test-session/v1";

    static final String FILE = "session.json";

    private static final DateTimeFormatter FOLDER_NAME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * Jackson is made ready on first use (a read or a write, off the FX thread), not when the window
     * names the session while it builds its first frame (issue 12: its set-up was 5 % of the start).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

        private Json() {}
    }

    /** A run of the session: its transcript's copy ({@code runs/NAME}) and its summary. */
    public record RunEntry(
            String file, String startedAt, String mode, String plan, String result, int leaks, int findings) {

        /** The line the Notes pane lists. */
        String line() {
            return "Run " + startedAt + ": " + mode + ", " + plan + ", " + result + ", " + leaks + " leak(s), "
                    + findings + " finding(s)";
        }
    }

    /** A screenshot of the session ({@code shots/NAME}). */
    public record Shot(String file, String takenAt, String reason) {

        String line() {
            return "Screenshot " + file + " (" + reason + ")";
        }
    }

    /** The content of {@code session.json}. */
    @JsonPropertyOrder({"schema", "startedAt", "charter", "notes", "runs", "screenshots"})
    public record State(
            String schema,
            String startedAt,
            String charter,
            String notes,
            List<RunEntry> runs,
            List<Shot> screenshots) {
        @JsonCreator
        public State {
            charter = charter == null ? "" : charter;
            notes = notes == null ? "" : notes;
            runs = runs == null ? List.of() : List.copyOf(runs);
            screenshots = screenshots == null ? List.of() : List.copyOf(screenshots);
        }

        State with(String newCharter, String newNotes, List<RunEntry> newRuns, List<Shot> newShots) {
            return new State(schema, startedAt, newCharter, newNotes, newRuns, newShots);
        }
    }

    private final Path sessionsDir;
    private final Clock clock;

    @GuardedBy("this")
    private Path dir;

    @GuardedBy("this")
    private State state;

    private TestSession(Path sessionsDir, Clock clock, Path dir, State state) {
        this.sessionsDir = sessionsDir;
        this.clock = clock;
        this.dir = dir;
        this.state = state;
    }

    /**
     * The profile's test sessions in {@code sessionsDir} ({@code <profile>/sessions}); nothing is read until
     * the first use, which continues the last session (or starts a new one when there is none or the last one
     * cannot be read: it is left as it is). Nothing is written until something changes.
     */
    public static TestSession inProfile(Path sessionsDir, Clock clock) {
        return new TestSession(sessionsDir, clock, null, null);
    }

    /** {@link #inProfile}, opened now. */
    public static TestSession openLatest(Path sessionsDir, Clock clock) {
        TestSession s = inProfile(sessionsDir, clock);
        s.folder();
        return s;
    }

    @GuardedBy("this")
    private void ensureOpen() {
        if (dir != null) {
            return;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(sessionsDir)) {
            dirs = s.filter(p -> Files.isRegularFile(p.resolve(FILE)))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString())
                            .reversed())
                    .toList();
        } catch (NoSuchFileException e) {
            dirs = List.of();
        } catch (IOException e) {
            LOG.warn("cannot list the test sessions in {}; starting a new one", sessionsDir, e);
            dirs = List.of();
        }
        if (!dirs.isEmpty()) {
            Path last = dirs.get(0);
            try {
                state = read(last.resolve(FILE));
                dir = last;
                return;
            } catch (IOException e) {
                LOG.warn("the test session {} cannot be read ({}); starting a new one", last, e.getMessage());
            }
        }
        Instant now = clock.instant();
        dir = folderFor(sessionsDir, now);
        state = emptyState(now);
    }

    private static Path folderFor(Path sessionsDir, Instant startedAt) {
        return sessionsDir.resolve(FOLDER_NAME.format(startedAt));
    }

    private static State emptyState(Instant startedAt) {
        return new State(SCHEMA, startedAt.toString(), "", "", List.of(), List.of());
    }

    /** Reads a {@code session.json}. */
    static State read(Path file) throws IOException {
        State s;
        try {
            s = Json.MAPPER.readValue(Files.readAllBytes(file), State.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a test session: " + e.getOriginalMessage(), e);
        }
        if (s == null || !SCHEMA.equals(s.schema())) {
            throw new IOException(file + ": not a " + SCHEMA + " document");
        }
        return s;
    }

    /** The session's folder. */
    public synchronized Path folder() {
        ensureOpen();
        return dir;
    }

    /** What the session holds now. */
    public synchronized State state() {
        ensureOpen();
        return state;
    }

    @Override
    public synchronized Snapshot load() {
        ensureOpen();
        List<String> items = new ArrayList<>();
        state.runs().forEach(r -> items.add(r.line()));
        state.screenshots().forEach(s -> items.add(s.line()));
        return new Snapshot(dir.toString(), state.startedAt(), state.charter(), state.notes(), items);
    }

    @Override
    public synchronized void saveNotes(String charter, String notes) throws IOException {
        ensureOpen();
        State next = state.with(charter, notes, state.runs(), state.screenshots());
        if (next.equals(state) && Files.exists(dir.resolve(FILE))) {
            return;
        }
        save(next);
    }

    @Override
    public synchronized String addRun(Path transcript) throws IOException {
        ensureOpen();
        Transcript t;
        try {
            t = TranscriptJson.read(transcript);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new IOException("the run's transcript " + transcript + " cannot be read: " + e.getMessage(), e);
        }
        String name = transcript.getFileName().toString();
        Path copy = dir.resolve("runs").resolve(name);
        TranscriptFiles.writeAtomically(copy, Files.readAllBytes(transcript));
        RunEntry run = new RunEntry(
                "runs/" + name,
                t.startedAt(),
                t.mode(),
                t.plan(),
                t.result(),
                t.leaks().size(),
                t.findings().size());
        List<RunEntry> runs = new ArrayList<>(state.runs());
        runs.add(run);
        save(state.with(state.charter(), state.notes(), runs, state.screenshots()));
        return run.line();
    }

    @Override
    public synchronized String addScreenshot(byte[] png, String reason) throws IOException {
        ensureOpen();
        String name =
                String.format(Locale.ROOT, "shot-%03d.png", state.screenshots().size() + 1);
        TranscriptFiles.writeAtomically(dir.resolve("shots").resolve(name), png);
        Shot shot = new Shot("shots/" + name, clock.instant().toString(), reason);
        List<Shot> shots = new ArrayList<>(state.screenshots());
        shots.add(shot);
        save(state.with(state.charter(), state.notes(), state.runs(), shots));
        return shot.line();
    }

    @Override
    public synchronized Snapshot startNew() {
        ensureOpen();
        Instant now = clock.instant();
        Path next = folderFor(sessionsDir, now);
        while (next.equals(dir) || Files.exists(next)) {
            // two sessions in the same millisecond: the new one must not reuse a folder
            now = now.plusMillis(1);
            next = folderFor(sessionsDir, now);
        }
        dir = next;
        state = emptyState(now);
        return load();
    }

    @Override
    public Path exportReport(Path html, String charter, String notes, DoubleConsumer progress) throws IOException {
        Path folder;
        State s;
        synchronized (this) {
            saveNotes(charter, notes);
            folder = dir;
            s = state;
        }
        return SessionReport.write(ReportInput.read(folder, s, progress), html, progress);
    }

    @GuardedBy("this")
    private void save(State next) throws IOException {
        TranscriptFiles.writeAtomically(dir.resolve(FILE), json(next));
        state = next;
    }

    /** {@code session.json}'s text for a state. */
    static String json(State s) {
        try {
            return Json.MAPPER.writeValueAsString(s) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the test session", e);
        }
    }
}
