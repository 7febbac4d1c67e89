package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WindowActions.choose;
import static dev.mapiworkbench.ui.WindowActions.openLogoffDialog;
import static dev.mapiworkbench.ui.WindowActions.shown;
import static dev.mapiworkbench.ui.WindowActions.text;
import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Issue 10 item 5, as a person meets it: a CE teardown leaves buffers allocated in the process; the next
 * session's critical-error teardown hears the subsystem report them at its MAPIUninitialize. The summary
 * lists them as carried over from the earlier session ({@code #carriedOverLine-<n>}), charges none of them
 * to this run and does not call the run "clean … ended as documented" above them; the exported transcript
 * and its exit code (what the command line returns for it) say the same, and the earlier run that caused
 * the leaks was charged with them (decisions 0071, 0430).
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 180)
class CarriedOverLeaksUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private Transcript export(FxRobot robot, String name) throws Exception {
        Path file = app.profile().resolve(name);
        app.dialogs(FixtureDialogs.class).exportTo = file;
        robot.clickOn("#exportTranscriptButton");
        waitUntil(() -> Files.exists(file) && Files.size(file) > 0);
        return name.endsWith(".json") ? TranscriptJson.read(file) : null;
    }

    private static boolean finished(Workbench wb) {
        return wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get();
    }

    @Test
    void leaksOfAnEarlierSessionAreShownAsCarriedOverAndNotChargedToTheCriticalErrorRun(FxRobot robot)
            throws Exception {
        Workbench wb = app.open();

        // the earlier session: a CE teardown of this desktop-style session leaks, buffers included
        openLogoffDialog(robot);
        choose(robot, "#teardownPlanChoice", Plan.CE);
        robot.clickOn("#logoffNowButton");
        waitUntil(() -> finished(wb));
        Transcript earlier = export(robot, "earlier.json");
        List<String> leakedBuffers = earlier.leaks().stream()
                .filter(l -> l.kind().equals("BUFFER"))
                .map(Transcript.Leak::name)
                .toList();
        assertThat(leakedBuffers).isNotEmpty();
        assertThat(earlier.carriedOver()).isEmpty();
        assertThat(earlier.result()).isNotEqualTo(Transcript.CLEAN);
        assertThat(earlier.exitCode()).isPositive();
        assertThat(shown(robot, "#carriedOverLine-0")).isFalse();
        assertThat(text(robot, "#teardownResult")).doesNotContain("clean", "ended as documented");

        // the next session in the same process ends by a critical error (Session › Inject a critical error)
        robot.clickOn("#logonAgainButton");
        waitUntil(() -> wb.model().loggedOnProperty().get());
        robot.clickOn("#sessionMenu");
        robot.clickOn("#injectCriticalErrorMenuItem");
        waitUntil(() -> finished(wb));
        assertThat(fx(() -> wb.model().teardown().headingProperty().get())).contains("critical error");

        // each buffer the earlier session leaked is listed once, as carried over; none as this run's leak
        for (int i = 0; i < leakedBuffers.size(); i++) {
            assertThat(shown(robot, "#carriedOverLine-" + i)).isTrue();
            assertThat(text(robot, "#carriedOverLine-" + i))
                    .startsWith("Carried over from an earlier session: BUFFER '" + leakedBuffers.get(i) + "'");
        }
        assertThat(robot.lookup("#carriedOverLine-" + leakedBuffers.size()).tryQuery())
                .isEmpty();
        assertThat(robot.lookup("#leakLine-0").tryQuery()).isEmpty();
        // the result line does not say "clean … ended as documented" above a list of leaks
        assertThat(text(robot, "#teardownResult"))
                .doesNotContain("clean", "ended as documented")
                .contains("no leaks of this run's own", leakedBuffers.size() + " leak(s) an earlier session")
                .contains("Leaks: 0.", "Carried over: " + leakedBuffers.size() + ".");

        // the transcript says the same, and so does the exit code the command line gives for it
        Transcript run = export(robot, "critical.json");
        assertThat(run.mode()).isEqualTo("critical-error");
        assertThat(run.leaks()).isEmpty();
        assertThat(run.carriedOver()).extracting(Transcript.Leak::name).containsExactlyElementsOf(leakedBuffers);
        assertThat(run.result()).isEqualTo(Transcript.CLEAN);
        assertThat(run.exitCode()).isZero();
        export(robot, "critical.txt");
        assertThat(Files.readString(app.profile().resolve("critical.txt")))
                .contains("Carried over from an earlier session (not charged to this run):")
                .contains("BUFFER " + leakedBuffers.get(0) + " ")
                .contains("Result: clean");
    }
}
