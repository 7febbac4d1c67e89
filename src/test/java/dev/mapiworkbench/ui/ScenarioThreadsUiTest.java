package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.mapi.RuleSwitches;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A scenario with threads opened in the window (decision 0550): File › Built-in scenarios ›
 * threads-break-the-rules starts its threads around the logon (the simulator sees them initialise), and the
 * next logoff ends them: the teardown summary lists the threads rules' findings with Griffin as their source,
 * and the saved run records the threads.
 */
@ExtendWith(ApplicationExtension.class)
class ScenarioThreadsUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    @Test
    void theBuiltinWithThreadsRunsItsThreadsAndTheLogoffShowsTheirFindings(FxRobot robot) throws Exception {
        Workbench wb = app.open("--no-logon", "--no-logoff-ui");

        ScenarioMenuUiTest.openBuiltinScenario(robot, "threads-break-the-rules");
        waitUntil(() -> wb.model().loggedOnProperty().get());
        // the window logged on between the threads: first-worker first, then the session's thread, then the others
        RuleSwitches sim = wb.gateway().client().capability(RuleSwitches.class).orElseThrow();
        waitUntil(() -> sim.threadInits().size() == 3);
        assertThat(sim.threadInits().get(0).thread()).contains("first-worker");
        assertThat(sim.threadInits().get(0).first()).isTrue();
        assertThat(sim.ruleSettings().strictThreads()).isTrue();

        robot.clickOn("#logoffButton");
        waitUntil(() -> robot.lookup("#copyCommandButton")
                .tryQuery()
                .map(javafx.scene.Node::isVisible)
                .orElse(false));
        List<String> lines = fx(() -> robot.lookup(".finding-line").queryAllAs(Labeled.class).stream()
                .map(Labeled::getText)
                .toList());
        assertThat(String.join("\n", lines))
                .contains(
                        "first-thread-uninitialized-early",
                        "thread-exited-initialized",
                        "thread-uninitialize-without-initialize");
        assertThat(fx(() -> robot.lookup(".finding-source").queryAllAs(Labeled.class).stream()
                        .map(Labeled::getText)
                        .toList()))
                .anySatisfy(s -> assertThat(s).contains("stephen_griffin"));

        // the run's transcript is saved after the window heard of its end (decision 0841)
        Path history = app.profile().resolve("history");
        waitUntil(() -> {
            if (!Files.isDirectory(history)) {
                return false;
            }
            try (var runs = Files.list(history)) {
                return runs.anyMatch(f -> f.toString().endsWith(".json"));
            }
        });
        Path saved;
        try (var runs = Files.list(history)) {
            saved = runs.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Transcript t = TranscriptJson.read(saved);
        assertThat(t.threads())
                .extracting(Transcript.ThreadRun::name)
                .containsExactly("first-worker", "poller", "late-cleanup");
        assertThat(t.run().options()).contains("--thread", "poller:calls=MAPILogonEx,uninit=never");
        assertThat(wb.gateway().scenarioThreads()).as("the logoff ended them").isNull();
        assertThat(sim.ruleSettings().strictThreads())
                .as("the strict thread rules ended with the scenario's run, not with the window's session")
                .isFalse();
    }
}
