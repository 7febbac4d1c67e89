package dev.mapiworkbench.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session report opened in a real browser with no network: headless Chromium (Debian {@code chromium})
 * renders it, its DOM has the notes, the runs and the image, and its screenshot shows the embedded picture.
 * The network is made unusable twice over: a network namespace without interfaces ({@code unshare -rn}, where
 * the kernel allows it) and a dead proxy with every host name unresolvable. Skipped, saying why, without
 * Chromium (.ci/run installs it and sets {@code REPORT_CHROMIUM_REQUIRED=1}, which makes a missing one a failure).
 */
class ReportInChromiumTest {

    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    private Path chromium;

    @BeforeEach
    void findChromium() {
        Optional<Path> found = onPath("chromium").or(() -> onPath("chromium-browser"));
        if (found.isEmpty() && "1".equals(System.getenv("REPORT_CHROMIUM_REQUIRED"))) {
            throw new AssertionError("REPORT_CHROMIUM_REQUIRED=1 but there is no chromium on PATH");
        }
        Assumptions.assumeTrue(found.isPresent(), "no chromium on PATH (apt-get install chromium)");
        chromium = found.get();
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(File.pathSeparator))
                .splitAsStream(path)
                .toList()) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Test
    void theReportRendersOfflineWithItsNotesRunsAndScreenshot() throws Exception {
        TestSession s = SessionReportTest.session(dir);
        Path html = dir.resolve("report.html");
        s.exportReport(html, SessionReportTest.EVIL_CHARTER, SessionReportTest.EVIL_NOTES, p -> {});

        String dom = run("--dump-dom", html.toUri().toString());

        assertThat(dom)
                .contains("<section class=\"run\" id=\"run-1\">", "<section class=\"run\" id=\"run-2\">")
                .contains("MAPI_E_CALL_FAILED", "IUnknown::Release", "Findings (1)", "Leaks (1)")
                .contains("--fault IMAPISession::Logoff=MAPI_E_CALL_FAILED --logoff now")
                // the typed text is text in the browser too: escaped again when the DOM is written out
                .contains("Logoff hangs &lt;/title&gt;&lt;script&gt;alert('charter')&lt;/script&gt;")
                .contains("Step 1 \"&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
                .contains(
                        "<img alt=\"Screenshot 1: automatic: the run ended with errors", "src=\"data:image/png;base64,")
                .doesNotContain("<script", "<img src=\"x\"", "<b>bold");

        Path picture = dir.resolve("rendered.png");
        run(
                "--screenshot=" + picture,
                "--window-size=1280,6000",
                "--hide-scrollbars",
                html.toUri().toString());
        BufferedImage shot = ImageIO.read(picture.toFile());
        assertThat(shot).as("chromium wrote a screenshot").isNotNull();
        // the embedded 200x120 red screenshot was decoded and painted (not a broken-image icon)
        assertThat(redPixels(shot)).isGreaterThan(200 * 120 / 2);
    }

    private static int redPixels(BufferedImage img) {
        int red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r > 230 && g < 30 && b < 30) {
                    red++;
                }
            }
        }
        return red;
    }

    /** Runs headless Chromium with no network; returns its standard output. */
    private String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (canUnshareNetwork()) {
            cmd.addAll(List.of("unshare", "-rn"));
        }
        cmd.addAll(List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--proxy-server=http://127.0.0.1:9",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + dir.resolve("chromium-profile")));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
        }
        assertThat(p.exitValue())
                .as("chromium's exit status; stderr: %s", Files.readString(err))
                .isZero();
        return Files.readString(out);
    }

    private static boolean canUnshareNetwork() {
        try {
            Process p = new ProcessBuilder("unshare", "-rn", "true")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
