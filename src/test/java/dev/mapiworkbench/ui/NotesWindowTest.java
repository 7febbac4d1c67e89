package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Notes tab of the real window (docs/report.md): a tester types a charter and notes (saved as typed), takes
 * a screenshot, logs off into a failing Logoff (the run joins the session with an automatic screenshot), then
 * File › Export report… writes the HTML and the .zip (the file chooser stubbed through the DialogService seam).
 */
class NotesWindowTest extends WindowTest {

    private static final String CHARTER = "Logoff <b>fails</b> & the session leaks";
    private static final String NOTES = "Tried Logoff with a fault";

    private volatile Path reportTo;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private final class Dialogs extends FxDialogService {
        Dialogs(java.util.function.Supplier<javafx.stage.Window> owner) {
            super(owner);
        }

        @Override
        public Optional<Path> chooseReportFile(String suggestedName) {
            assertThat(suggestedName).startsWith("test-session-").endsWith(".html");
            return Optional.ofNullable(reportTo);
        }

        @Override
        public void showError(String headline, Throwable error) {
            errors.add(headline);
        }
    }

    private List<String> items() {
        return WorkbenchFixture.fx(() -> List.copyOf(wb.model().notes().items()));
    }

    private void waitFor(java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(
                    "timed out; notes status: "
                            + WorkbenchFixture.fx(
                                    () -> wb.model().notes().statusProperty().get()),
                    e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Path sessionFile() throws Exception {
        try (Stream<Path> s = Files.list(profile.resolve("sessions"))) {
            return s.findFirst().orElseThrow().resolve("session.json");
        }
    }

    @Test
    void typeNotesTakeAScreenshotRunAndExportTheReportFromTheFileMenu(FxRobot robot) throws Exception {
        open(Dialogs::new, "--no-logoff-ui", "--fault", "IMAPISession::Logoff=MAPI_E_CALL_FAILED");

        robot.clickOn("#notesTab");
        waitFor(() -> !robot.lookup("#sessionCharterField").query().isDisabled());
        robot.clickOn("#sessionCharterField").write(CHARTER);
        robot.clickOn("#sessionNotesArea").write(NOTES);
        assertThat(robot.lookup("#sessionCharterField")
                        .queryAs(TextInputControl.class)
                        .getText())
                .isEqualTo(CHARTER);
        // saved as typed: the session file on disk has all of it (no Save button, nothing lost in a crash)
        waitFor(() -> {
            try {
                String json = Files.readString(sessionFile());
                return json.contains("\"notes\" : \"" + NOTES + "\"") && json.contains("Logoff <b>fails</b>");
            } catch (java.io.IOException | java.util.NoSuchElementException e) {
                return false;
            }
        });

        robot.clickOn("#takeScreenshotButton");
        waitFor(() -> items().stream().anyMatch(l -> l.startsWith("Screenshot shots/shot-001.png")));
        Path shots = sessionFile().resolveSibling("shots");
        assertThat(Files.readAllBytes(shots.resolve("shot-001.png"))).startsWith(0x89, 'P', 'N', 'G');

        // a run that ends with errors joins the session, with an automatic screenshot
        robot.clickOn("#logoffButton");
        waitFor(() -> items().stream().anyMatch(l -> l.startsWith("Run ") && l.contains("errors"))
                && items().stream().filter(l -> l.startsWith("Screenshot")).count() == 2);
        assertThat(items()).anySatisfy(l -> assertThat(l).contains("automatic: the run ended with errors"));

        reportTo = profile.resolve("out/session report.html");
        robot.clickOn("#fileMenu");
        robot.clickOn("#exportReportMenuItem");
        waitFor(() -> Files.isRegularFile(reportTo)
                || robot.lookup("#notesStatus").queryLabeled().getText().startsWith("The report was not"));
        waitFor(() -> robot.lookup("#notesStatus").queryLabeled().getText().startsWith("Report written to"));
        assertThat(errors).isEmpty();

        String html = Files.readString(reportTo);
        assertThat(html)
                .contains("Logoff &lt;b&gt;fails&lt;/b&gt; &amp; the session leaks", NOTES)
                .contains("id=\"run-1\"", "MAPI_E_CALL_FAILED", "<pre class=\"command\">java -jar mapi-workbench.jar")
                .contains("--fault IMAPISession::Logoff=MAPI_E_CALL_FAILED")
                .contains("id=\"shot-1\"", "id=\"shot-2\"", "data:image/png;base64,")
                .doesNotContain("<b>fails");
        List<String> entries = new ArrayList<>();
        try (ZipInputStream z = new ZipInputStream(
                Files.newInputStream(profile.resolve("out/session report.zip")), StandardCharsets.UTF_8)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertThat(entries).contains("session.json", "notes.txt").anyMatch(n -> n.startsWith("transcripts/"));
        assertThat(robot.lookup("#reportProgress").query().isVisible()).isFalse();
    }

    @Test
    void aReportThatCannotBeWrittenSaysWhyAndTheNotesStay(FxRobot robot) throws Exception {
        open(Dialogs::new, "--no-logoff-ui");
        robot.clickOn("#notesTab");
        waitFor(() -> !robot.lookup("#sessionCharterField").query().isDisabled());
        robot.clickOn("#sessionCharterField").write("kept");
        // the report's folder is a file: nothing can be written there
        Path blocker = profile.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        reportTo = blocker.resolve("report.html");

        robot.clickOn("#exportReportButton");

        waitFor(() -> !errors.isEmpty());
        assertThat(errors.get(0)).startsWith("Could not write the report to " + reportTo);
        assertThat(robot.lookup("#notesStatus").queryLabeled().getText()).isEqualTo("The report was not written.");
        assertThat(robot.lookup("#sessionCharterField")
                        .queryAs(TextInputControl.class)
                        .getText())
                .isEqualTo("kept");
        assertThat(robot.lookup("#exportReportButton").query().isDisabled()).isFalse();
    }
}
