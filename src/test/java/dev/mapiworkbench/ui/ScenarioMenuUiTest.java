package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.mapi.FaultControl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * File › Open scenario…, Open recent and Built-in scenarios (issue #13 item 1, decision 0311), driven with the
 * mouse and the keyboard: a logged-on window logs off and logs on again with the scenario; a bad file is one
 * error naming file, line and field and changes nothing; the recent list persists and shows missing files
 * disabled.
 */
@ExtendWith(ApplicationExtension.class)
class ScenarioMenuUiTest {

    /**
     * The fixture's dialogs, with the scenario file chooser answering {@link #scenario} and the replay file chooser
     * {@link #transcript} (ReplayMenuUiTest).
     */
    static final class Dialogs extends FixtureDialogs {
        volatile Path scenario;
        volatile Path transcript;

        Dialogs(Supplier<Window> owner) {
            super(owner);
        }

        @Override
        public Optional<Path> chooseScenarioFile() {
            return Optional.ofNullable(scenario);
        }

        @Override
        public Optional<Path> chooseTranscriptToReplay() {
            return Optional.ofNullable(transcript);
        }

        @Override
        public void showError(String headline, Throwable error) {
            errors.add(headline); // no modal dialog: the test reads the headline
        }
    }

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(Dialogs::new);

    @TempDir
    Path dir;

    private Path scenarioFile(String name, String body) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, body, StandardCharsets.UTF_8);
        return f;
    }

    static List<String> faults(Workbench wb) {
        return wb.gateway().faultControl().orElseThrow().faults().stream()
                .map(FaultControl.ActiveFault::spec)
                .map(Object::toString)
                .toList();
    }

    /**
     * File › Built-in scenarios › {@code name} with the mouse, as a person picks it: the submenu opened, the pointer
     * through another entry first (the submenu's first hover), then the entry.
     */
    static void openBuiltinScenario(FxRobot robot, String name) throws Exception {
        robot.clickOn("#fileMenu");
        WorkbenchFixture.waitUntil(() -> robot.lookup("#builtinScenariosMenu")
                .match((javafx.scene.Node n) -> n.getScene() != null)
                .tryQuery()
                .isPresent());
        robot.clickOn(shown(robot, "#builtinScenariosMenu"));
        WorkbenchFixture.waitUntil(() -> robot.lookup("#builtinScenario-" + name)
                .match((javafx.scene.Node n) -> n.getScene() != null)
                .tryQuery()
                .isPresent());
        robot.moveTo(shown(robot, "#builtinScenario-slow-transport-pending"));
        robot.clickOn(shown(robot, "#builtinScenario-" + name));
    }

    /** The node of a menu item in the popup on screen (a rebuilt popup may leave detached ones). */
    static javafx.scene.Node shown(FxRobot robot, String query) {
        return robot.lookup(query)
                .match((javafx.scene.Node n) -> n.getScene() != null)
                .query();
    }

    /** The menu item with this id, anywhere in the menu bar. */
    static MenuItem item(Workbench wb, String id) {
        MenuBar bar = (MenuBar) wb.view().root().lookup("#mainMenuBar");
        return bar.getMenus().stream()
                .flatMap(m -> items(m).stream())
                .filter(i -> id.equals(i.getId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no menu item " + id));
    }

    private static List<MenuItem> items(Menu m) {
        List<MenuItem> all = new java.util.ArrayList<>();
        for (MenuItem i : m.getItems()) {
            all.add(i);
            if (i instanceof Menu sub) {
                all.addAll(items(sub));
            }
        }
        return all;
    }

    @Test
    void openingAScenarioInALoggedOnWindowLogsOffThenLogsOnWithIt(FxRobot robot) throws Exception {
        Path f = scenarioFile("offline-two.json", """
                {
                  "schema": "mapi-workbench/scenario/v1",
                  "name": "offline-two",
                  "purpose": "Two messages on an offline transport.",
                  "watchFor": "They stay queued.",
                  "start": { "queued": 2 },
                  "transport": { "offline": true },
                  "faults": [ "IMsgStore::Release=leak" ],
                  "logoff": { "timeoutSeconds": 7 }
                }
                """);
        Workbench wb = app.open("--no-logoff-ui");
        app.dialogs(Dialogs.class).scenario = f;

        robot.clickOn("#fileMenu");
        robot.clickOn("#openScenarioMenuItem");
        waitUntil(() -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#confirmDialog .header-panel .label")
                        .queryLabeled()
                        .getText()))
                .contains("Log off and open scenario 'offline-two'?");
        robot.push(KeyCode.ENTER);

        // logged off the usual way (a teardown ran), then logged on again with the scenario in force
        waitUntil(() -> wb.model().loggedOnProperty().get()
                && !wb.model().tearingDownProperty().get()
                && wb.model().pendingCountProperty().get() == 2);
        // the run's transcript is saved after the window heard of its end (decision 0841)
        waitUntil(() -> {
            if (!Files.isDirectory(app.profile().resolve("history"))) {
                return false;
            }
            try (var runs = Files.list(app.profile().resolve("history"))) {
                return runs.anyMatch(h -> h.toString().endsWith(".json"));
            }
        });
        try (var runs = Files.list(app.profile().resolve("history"))) {
            assertThat(runs.count()).isEqualTo(1);
        }
        assertThat(faults(wb)).containsExactly("IMsgStore::Release=leak");
        assertThat(wb.gateway().transportSettings().orElseThrow().offline()).isTrue();
        assertThat(wb.model().logoffDefaultsProperty().get().timeout().toSeconds())
                .isEqualTo(7);
        waitUntil(() -> robot.lookup("#statusScenario").queryAs(Label.class).isVisible());
        assertThat(fx(() -> robot.lookup("#statusScenario").queryAs(Label.class).getText()))
                .isEqualTo("Scenario: offline-two — Two messages on an offline transport.");
        assertThat(wb.scenarios().recent().entries()).containsExactly(f.toString());
    }

    @Test
    void aBadScenarioFileIsRefusedNamingFileLineAndFieldAndNothingChanges(FxRobot robot) throws Exception {
        Path bad = scenarioFile("bad.json", """
                {
                  "schema": "mapi-workbench/scenario/v1",
                  "name": "bad",
                  "faults": [ "IMsgStore::Release=leak" ],
                  "start": {
                    "queued": -1
                  }
                }
                """);
        Workbench wb = app.open();
        Dialogs dialogs = app.dialogs(Dialogs.class);
        dialogs.scenario = bad;

        robot.clickOn("#messageTable");
        robot.press(KeyCode.CONTROL).press(KeyCode.O).release(KeyCode.O).release(KeyCode.CONTROL);
        waitUntil(() -> !dialogs.errors.isEmpty());
        assertThat(dialogs.errors.get(0)).contains("bad.json:6: start.queued: queued must be 0..100000, not -1");
        // nothing asked, nothing logged off, no fault added, not in the recent list
        assertThat(robot.lookup("#confirmDialog").tryQuery()).isEmpty();
        assertThat(wb.model().loggedOnProperty().get()).isTrue();
        assertThat(wb.model().teardownVisibleProperty().get()).isFalse();
        assertThat(faults(wb)).isEmpty();
        assertThat(wb.scenarios().recent().entries()).isEmpty();
    }

    @Test
    void openRecentIsRememberedShowsMissingFilesDisabledAndOpensABuiltin(FxRobot robot) throws Exception {
        Path kept = scenarioFile("kept.json", "{\"schema\": \"mapi-workbench/scenario/v1\", \"name\": \"kept\"}");
        Path gone = dir.resolve("gone.json");
        Path recentFile = dir.resolve("recent-scenarios.txt");
        Files.write(recentFile, List.of(kept.toString(), gone.toString(), "builtin:leaky-client"));
        Workbench wb = app.open(w -> w.rememberRecentScenariosIn(recentFile), "--no-logon");

        robot.clickOn("#fileMenu");
        robot.clickOn("#recentScenariosMenu");
        waitUntil(() -> robot.lookup("#recentScenario-1").tryQuery().isPresent());
        assertThat(fx(() -> item(wb, "recentScenario-0").isDisable())).isFalse();
        assertThat(fx(() -> item(wb, "recentScenario-1").isDisable())).isTrue();
        assertThat(fx(() -> item(wb, "recentScenario-1").getText())).contains("gone.json", "(missing)");
        // into the submenu along its first row, then down: a diagonal path would cross the File menu's next
        // items and close the submenu
        robot.moveTo(shown(robot, "#recentScenario-0"));
        robot.clickOn(shown(robot, "#pruneRecentScenariosMenuItem"));
        assertThat(Files.readAllLines(recentFile)).containsExactly(kept.toString(), "builtin:leaky-client");
        robot.push(KeyCode.ESCAPE).push(KeyCode.ESCAPE);

        // the built-in, from the list, in a window that is logged off: it logs on with the scenario's fault
        robot.clickOn("#fileMenu");
        robot.clickOn("#recentScenariosMenu");
        waitUntil(() -> robot.lookup("#recentScenario-1").tryQuery().isPresent());
        robot.moveTo(shown(robot, "#recentScenario-0"));
        robot.clickOn(shown(robot, "#recentScenario-1"));
        waitUntil(() -> wb.model().loggedOnProperty().get());
        assertThat(faults(wb)).containsExactly("IMsgStore::Release=leak");
        assertThat(Files.readAllLines(recentFile)).containsExactly("builtin:leaky-client", kept.toString());
    }
}
