package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiworkbench.app.Workbench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * File › Replay… (issue #13 item 4), driven with the mouse and the file chooser as a person does: a run the
 * window recorded runs again in the window (the teardown panel shows the run and says whether it
 * reproduced the recording's steps, calls and HRESULTs, or lists what differs); a bad transcript is one error
 * naming the file and changes nothing.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayMenuUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(ScenarioMenuUiTest.Dialogs::new);

    @TempDir
    Path dir;

    /**
     * A run recorded in the window, as a tester makes one: started with {@code --scenario NAME}, logged off from
     * the File menu; its transcript is the one file in the profile's history.
     */
    private Path recordedInTheWindow(FxRobot robot, String scenario) throws Exception {
        Workbench wb = app.open("--no-logoff-ui", "--scenario", scenario);
        robot.clickOn("#fileMenu");
        robot.clickOn("#logoffMenuItem");
        Path history = app.profile().resolve("history");
        waitUntil(() -> !wb.model().tearingDownProperty().get()
                && !wb.model().loggedOnProperty().get()
                && Files.isDirectory(history)
                && historyFiles().size() == 1);
        return historyFiles().get(0);
    }

    private List<Path> historyFiles() throws Exception {
        try (var files = Files.list(app.profile().resolve("history"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String planNote(FxRobot robot) {
        return fx(() -> robot.lookup("#teardownPlanNote").queryLabeled().getText());
    }

    private void replayFromTheMenu(FxRobot robot, Path transcript) {
        app.dialogs(ScenarioMenuUiTest.Dialogs.class).transcript = transcript;
        robot.clickOn("#fileMenu");
        robot.clickOn("#replayMenuItem");
    }

    @Test
    void aRecordedRunIsReplayedInTheWindowAndSaysItReproducedTheRecording(FxRobot robot) throws Exception {
        Path transcript = recordedInTheWindow(robot, "logoff-fails");
        Workbench wb = app.wb();
        wb.gateway().faultControl().orElseThrow().clear(); // the replay puts the recorded fault back

        replayFromTheMenu(robot, transcript);
        // logged on with the recorded fault, then the recorded logoff in the panel, then the comparison
        waitUntil(() -> planNote(robot).contains("reproduced"));
        String name = transcript.getFileName().toString();
        assertThat(planNote(robot))
                .startsWith("Replay of " + name + ": reproduced — the same steps, calls and HRESULTs");
        assertThat(ScenarioMenuUiTest.faults(wb)).containsExactly("IMAPISession::Logoff=MAPI_E_CALL_FAILED");
        assertThat(fx(() -> wb.model().teardown().headingProperty().get()))
                .startsWith("Replay of " + name + " — Teardown");
        assertThat(robot.lookup("#step-logoff").tryQuery()).isPresent();
        assertThat(fx(() -> List.copyOf(wb.model().notifications())))
                .anyMatch(l -> l.contains("Replay: the same steps, calls and HRESULTs as " + transcript));
        assertThat(historyFiles()).hasSize(2);
    }

    @Test
    void aReplayThatDiffersListsTheDifferences(FxRobot robot) throws Exception {
        Path transcript = recordedInTheWindow(robot, "logoff-fails");
        // the same recording, with its fault taken out of the recorded options: the replay's Logoff returns S_OK
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(transcript.toFile());
        ArrayNode options = (ArrayNode) root.path("run").path("options");
        ArrayNode kept = json.createArrayNode();
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).asText().equals("--fault")) {
                i++;
            } else {
                kept.add(options.get(i));
            }
        }
        ((ObjectNode) root.get("run")).set("options", kept);
        Path edited = dir.resolve("edited.json");
        json.writeValue(edited.toFile(), root);
        Workbench wb = app.wb();

        replayFromTheMenu(robot, edited);
        waitUntil(() -> planNote(robot).contains("not reproduced"));
        assertThat(planNote(robot))
                .contains("Replay of edited.json: not reproduced")
                .contains("difference(s) from the recording")
                .containsPattern("IMAPISession::Logoff returned MAPI_E_CALL_FAILED.* in the recording, S_OK");
        assertThat(ScenarioMenuUiTest.faults(wb)).isEmpty();
    }

    @Test
    void aBadTranscriptIsRefusedNamingTheFileAndNothingChanges(FxRobot robot) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n  \"schema\": \"mapi-workbench/transcript/v0\"\n}\n", StandardCharsets.UTF_8);
        Workbench wb = app.open();
        ScenarioMenuUiTest.Dialogs dialogs = app.dialogs(ScenarioMenuUiTest.Dialogs.class);

        replayFromTheMenu(robot, bad);
        waitUntil(() -> !dialogs.errors.isEmpty());
        assertThat(dialogs.errors.get(0)).startsWith("Cannot replay the transcript: " + bad + ":");
        assertThat(robot.lookup("#confirmDialog").tryQuery()).isEmpty();
        assertThat(wb.model().loggedOnProperty().get()).isTrue();
        assertThat(wb.model().teardownVisibleProperty().get()).isFalse();
        assertThat(ScenarioMenuUiTest.faults(wb)).isEmpty();
        assertThat(wb.scenarios().recent().entries()).isEmpty();
    }
}
