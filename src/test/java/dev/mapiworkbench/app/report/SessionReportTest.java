package dev.mapiworkbench.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.Severity;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptJson;
import dev.mapiworkbench.teardown.Transcripts;
import dev.mapiworkbench.ui.report.TestSessionStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test session (persistence) and its report writer: content, escaping, the .zip, atomic writes. */
class SessionReportTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T15:00:00Z"), ZoneOffset.UTC);

    static final String EVIL_CHARTER = "Logoff hangs </title><script>alert('charter')</script>";
    static final String EVIL_NOTES = "Step 1 \"><img src=x onerror=alert(2)> & <b>bold</b>\nline two\u0007";

    @TempDir
    Path dir;

    /** A run whose Logoff failed: a leak, a finding with markup in its message, a recorded setup. */
    static Transcript failedRun(String startedAt) {
        Transcript t = Transcripts.failedLogoff(startedAt);
        List<Finding> findings = List.of(new Finding(
                "logoff-failed", Severity.ERROR, "subject <script>x()</script> stuck", 1, null, StepId.LOGOFF));
        Transcript withFinding = Transcripts.with(t, t.prompts(), findings);
        return withFinding.withRun(new Transcript.Run(
                "0.1.0",
                "sim",
                "/tmp/p",
                null,
                null,
                0,
                null,
                List.of("IMAPISession::Logoff=MAPI_E_CALL_FAILED"),
                60,
                false,
                List.of(),
                List.of("--backend", "sim", "--fault", "IMAPISession::Logoff=MAPI_E_CALL_FAILED", "--logoff", "now"),
                null,
                null,
                null,
                List.of()));
    }

    /** A solid-colour PNG. */
    static byte[] png(int rgb, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** A session with notes, a clean run, a failed run and one red screenshot, as the window makes it. */
    static TestSession session(Path profile) throws IOException {
        Path history = profile.resolve("history");
        Files.createDirectories(history);
        Path clean = history.resolve("2026-12-01T15-01-00Z.json");
        TranscriptJson.write(Transcripts.clean("2026-12-01T15:01:00Z"), clean);
        Path failed = history.resolve("2026-12-01T15-02-00Z.json");
        TranscriptJson.write(failedRun("2026-12-01T15:02:00Z"), failed);
        TestSession s = TestSession.openLatest(profile.resolve("sessions"), CLOCK);
        s.saveNotes(EVIL_CHARTER, EVIL_NOTES);
        s.addRun(clean);
        s.addRun(failed);
        s.addScreenshot(png(0xFF0000, 200, 120), "automatic: the run ended with errors <b>");
        return s;
    }

    @Test
    void theReportShowsTheNotesEveryRunsSummaryFindingsLeaksCallsCommandAndTheScreenshots() throws IOException {
        TestSession s = session(dir);
        Path html = dir.resolve("out/report.html");
        List<Double> progress = new ArrayList<>();

        Path zip = s.exportReport(html, EVIL_CHARTER, EVIL_NOTES, progress::add);

        assertThat(zip).isEqualTo(dir.resolve("out/report.zip")).exists();
        String page = Files.readString(html);
        assertThat(page)
                .startsWith("<!DOCTYPE html>")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"" + SessionReport.CSP + "\">")
                .contains("2 run(s)", "1 screenshot(s)")
                .contains("<section class=\"run\" id=\"run-1\">", "<section class=\"run\" id=\"run-2\">")
                // summary
                .contains(
                        "<dt>Mode</dt><dd>now</dd>",
                        "<dt>Plan</dt><dd>desktop</dd>",
                        "<dt>Outcome</dt><dd>logged-off</dd>")
                .contains("<span class=\"result-errors\">errors</span>", "result-clean")
                // findings, leaks, calls
                .contains("Findings (1)", "logoff-failed", "subject &lt;script&gt;x()&lt;/script&gt; stuck")
                .contains("Leaks (1)", "<td>SESSION</td>", "session &lt;b&gt;&amp;amp;&lt;/b&gt;")
                .contains("IMAPISession::Logoff", "MAPI_E_CALL_FAILED", "IUnknown::Release")
                // the reproducing command, from the same builder as Copy as command
                .contains("<pre class=\"command\">java -jar mapi-workbench.jar --headless --backend sim --fault"
                        + " IMAPISession::Logoff=MAPI_E_CALL_FAILED --logoff now --profile &quot;$(mktemp -d)&quot;"
                        + " --transcript -</pre>")
                // the run without a recorded setup says so
                .contains("does not record how its run was set up")
                .contains("<img alt=\"Screenshot 1: automatic: the run ended with errors &lt;b&gt;\""
                        + " src=\"data:image/png;base64,")
                .contains("report.zip");
        assertThat(progress).isNotEmpty().isSorted().last().isEqualTo(1.0);
        assertThat(progress.get(0)).isGreaterThan(0);
    }

    @Test
    void nothingTypedBecomesMarkup() throws IOException {
        TestSession s = session(dir);
        Path html = dir.resolve("report.html");
        s.exportReport(html, EVIL_CHARTER, EVIL_NOTES, p -> {});
        String page = Files.readString(html);

        assertThat(page).doesNotContain("<script", "<img src=x", "<b>bold", "\u0007");
        assertThat(page)
                .contains(
                        "<title>Test session report: Logoff hangs &lt;/title&gt;&lt;script&gt;alert(&#39;charter&#39;)"
                                + "&lt;/script&gt;</title>")
                .contains("<pre id=\"notes-text\">Step 1 &quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp;"
                        + " &lt;b&gt;bold&lt;/b&gt;\nline two\uFFFD</pre>");
        // the only images are the embedded PNGs; no element loads anything from elsewhere
        Matcher img = Pattern.compile("<img [^>]*>").matcher(page);
        int images = 0;
        while (img.find()) {
            images++;
            assertThat(img.group()).contains("src=\"data:image/png;base64,");
        }
        assertThat(images).isEqualTo(1);
        assertThat(page).doesNotContain("http://", "https://", "<link", "<iframe", "url(");
    }

    @Test
    void escapingCoversTheFiveCharactersAndControlCharacters() {
        assertThat(SessionReport.esc("<a href='x'>\"&\"</a>\u0000\t\n"))
                .isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;\uFFFD\t\n");
        assertThat(SessionReport.esc(null)).isEmpty();
    }

    @Test
    void theZipHoldsTheRawTranscriptsAsSavedAndTheNotes() throws IOException {
        TestSession s = session(dir);
        Path zip = s.exportReport(dir.resolve("r.html"), EVIL_CHARTER, EVIL_NOTES, p -> {});

        Map<String, byte[]> entries = unzip(zip);
        assertThat(entries.keySet())
                .containsExactly(
                        "session.json",
                        "notes.txt",
                        "transcripts/2026-12-01T15-01-00Z.json",
                        "transcripts/2026-12-01T15-02-00Z.json");
        assertThat(entries.get("transcripts/2026-12-01T15-02-00Z.json"))
                .isEqualTo(Files.readAllBytes(dir.resolve("history/2026-12-01T15-02-00Z.json")));
        String notes = new String(entries.get("notes.txt"), StandardCharsets.UTF_8);
        assertThat(notes).contains(EVIL_CHARTER, EVIL_NOTES);
        String json = new String(entries.get("session.json"), StandardCharsets.UTF_8);
        assertThat(json).contains(TestSession.SCHEMA, "runs/2026-12-01T15-02-00Z.json", "shots/shot-001.png");
    }

    static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream z = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void whatWasTypedSurvivesARestartAndTheSessionKeepsCopiesOfItsRuns() throws IOException {
        session(dir);
        // the history may drop old runs (200 kept): the session's own copy stays
        try (Stream<Path> files = Files.list(dir.resolve("history"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }

        TestSession again = TestSession.openLatest(dir.resolve("sessions"), CLOCK);
        TestSessionStore.Snapshot snap = again.load();

        assertThat(snap.charter()).isEqualTo(EVIL_CHARTER);
        assertThat(snap.notes()).isEqualTo(EVIL_NOTES);
        assertThat(snap.items())
                .hasSize(3)
                .anySatisfy(l -> assertThat(l).contains("2026-12-01T15:02:00Z", "errors", "1 leak(s)"))
                .anySatisfy(l -> assertThat(l).startsWith("Screenshot shots/shot-001.png"));
        Path html = dir.resolve("after-restart.html");
        again.exportReport(html, snap.charter(), snap.notes(), p -> {});
        assertThat(Files.readString(html)).contains("id=\"run-2\"", "MAPI_E_CALL_FAILED");
        // atomic writes leave no temporary files behind
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void aNewSessionStartsEmptyInItsOwnFolderAndTheOldOneStays() throws IOException {
        TestSession s = session(dir);
        Path old = s.folder();

        TestSessionStore.Snapshot fresh = s.startNew();
        s.saveNotes("second charter", "");

        assertThat(fresh.charter()).isEmpty();
        assertThat(fresh.items()).isEmpty();
        assertThat(s.folder()).isNotEqualTo(old);
        assertThat(TestSession.read(old.resolve(TestSession.FILE)).charter()).isEqualTo(EVIL_CHARTER);
        assertThat(TestSession.openLatest(dir.resolve("sessions"), CLOCK).load().charter())
                .isEqualTo("second charter");
    }

    @Test
    void aRunOrScreenshotThatIsGoneIsNamedInTheReportInsteadOfFailingIt() throws IOException {
        TestSession s = session(dir);
        Files.delete(s.folder().resolve("runs/2026-12-01T15-01-00Z.json"));
        Files.writeString(s.folder().resolve("shots/shot-001.png"), "<svg onload=alert(1)>");

        Path html = dir.resolve("r.html");
        s.exportReport(html, "c", "n", p -> {});
        String page = Files.readString(html);

        assertThat(page)
                .contains("2026-12-01T15-01-00Z.json: cannot be read")
                .contains("shot-001.png: not a PNG image")
                .doesNotContain("<svg", "data:image/png");
    }

    @Test
    void aNameInAnEditedSessionFileCannotReachOutsideTheSessionFolder() {
        assertThatThrownBy(() -> ReportInput.inside(dir, "../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not inside the session folder");
    }

    @Test
    void aReportThatCannotBeWrittenFailsClearlyAndLeavesTheEarlierOneAsItWas() throws IOException {
        TestSession s = session(dir);
        Path html = dir.resolve("r.html");
        s.exportReport(html, "first", "", p -> {});
        String before = Files.readString(html);
        // the .zip's name is taken by a folder: the zip cannot be moved into place, so nothing changes
        Files.delete(dir.resolve("r.zip"));
        Files.createDirectories(dir.resolve("r.zip/blocker"));

        assertThatThrownBy(() -> s.exportReport(html, "second", "", p -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("r.zip");
        assertThat(Files.readString(html)).isEqualTo(before);
    }

    @Test
    void aSessionFileThatIsNotOursIsLeftAloneAndANewSessionStarts() throws IOException {
        Path sessions = dir.resolve("sessions");
        Path broken = sessions.resolve("20261201-140000-000");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve(TestSession.FILE), "{ not json");

        TestSession s = TestSession.openLatest(sessions, CLOCK);
        s.saveNotes("fresh", "");

        assertThat(s.folder()).isNotEqualTo(broken);
        assertThat(Files.readString(broken.resolve(TestSession.FILE))).isEqualTo("{ not json");
    }
}
