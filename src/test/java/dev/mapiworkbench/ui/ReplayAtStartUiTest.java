package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.HeadlessMain;
import dev.mapiworkbench.app.Workbench;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The window's {@code --replay TRANSCRIPT} (issue #13 item 4, docs/cli.md): started with a transcript the command
 * line wrote, the window makes its first logon with the recorded set-up, runs the recorded logoff in the teardown
 * panel and says whether it reproduced the recording, as File › Replay… does; a transcript that cannot be replayed
 * is the same error dialog naming the file, and the window logs on as usual and stays usable.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 180)
class ReplayAtStartUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    @TempDir
    Path dir;

    /** A headless run's transcript, written to {@code name} in the test's folder. */
    static Path recordedHeadless(Path dir, String name, String... args) throws Exception {
        Path transcript = dir.resolve(name);
        Path profile = Files.createDirectories(dir.resolve("headless-profile-" + name));
        List<String> a = new ArrayList<>(
                List.of("--headless", "--profile", profile.toString(), "--transcript", transcript.toString()));
        a.addAll(List.of(args));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        HeadlessMain.run(
                a.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(transcript).as(err.toString(StandardCharsets.UTF_8)).exists();
        return transcript;
    }

    static String planNote(FxRobot robot) {
        return fx(() -> robot.lookup("#teardownPlanNote")
                .tryQuery()
                .map(n -> ((javafx.scene.control.Labeled) n).getText())
                .orElse(""));
    }

    @Test
    void replayGivenToTheWindowRunsTheRecordedLogoffAndSaysItReproducedTheRecording(FxRobot robot) throws Exception {
        Path transcript = recordedHeadless(dir, "run.json", "--scenario", "logoff-fails");
        Workbench wb = app.openWithoutWaiting("--replay", transcript.toString());

        waitUntil(() -> planNote(robot).contains("reproduced"));
        assertThat(planNote(robot)).startsWith("Replay of run.json: reproduced — the same steps, calls and HRESULTs");
        assertThat(fx(() -> wb.model().teardown().headingProperty().get())).startsWith("Replay of run.json — Teardown");
        assertThat(WindowActions.stepStates(robot, "logoff")).contains("failed");
        assertThat(ScenarioMenuUiTest.faults(wb)).containsExactly("IMAPISession::Logoff=MAPI_E_CALL_FAILED");
        assertThat(fx(() -> List.copyOf(wb.model().notifications())))
                .anyMatch(l -> l.contains("Replaying " + transcript))
                .anyMatch(l -> l.contains("Replay: the same steps, calls and HRESULTs as " + transcript));
        assertThat(app.dialogs(FixtureDialogs.class).errors).isEmpty();
        WindowActions.awaitTestSessionWrites(wb);
    }

    @Test
    void aBadTranscriptGivenToReplayIsOneErrorNamingTheFileAndTheWindowLogsOnAsUsual(FxRobot robot) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n  \"schema\": \"mapi-workbench/transcript/v0\"\n}\n", StandardCharsets.UTF_8);
        Workbench wb = app.openWithoutWaiting("--replay", bad.toString());
        FixtureDialogs dialogs = app.dialogs(FixtureDialogs.class);

        waitUntil(() -> !dialogs.errors.isEmpty());
        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0)).startsWith("Cannot replay the transcript: " + bad + ":");
        waitUntil(() -> robot.lookup("#errorDialog").tryQuery().isPresent());
        // the window logs on as it would have without --replay, and works: a logoff from the keyboard runs
        waitUntil(() -> wb.model().loggedOnProperty().get());
        assertThat(wb.model().teardownVisibleProperty().get()).isFalse();
        assertThat(ScenarioMenuUiTest.faults(wb)).isEmpty();
        robot.clickOn(robot.lookup("#errorDialog .button").queryButton()); // OK
        waitUntil(() -> robot.lookup("#errorDialog").tryQuery().isEmpty());
        robot.clickOn("#folderTree");
        WindowActions.logOffByKeyboard(robot);
        waitUntil(() -> wb.model().teardown().finishedProperty().get());
        assertThat(WindowActions.text(robot, "#teardownResult")).startsWith("Result: clean");
        WindowActions.awaitTestSessionWrites(wb);
    }
}
