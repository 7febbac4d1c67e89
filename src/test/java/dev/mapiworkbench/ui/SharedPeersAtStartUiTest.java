package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The built-in {@code shared-session-two-peers} given to the window's {@code --scenario} (issue #13 items 1 and
 * 6): the Peers tab lists both peer clients logged on; the logoff dialog opens with MAPI_LOGOFF_SHARED ticked
 * (as the command line logs off with it, decision 0710); a logoff with it from the keyboard
 * reaches each of them — each received fnevCriticalError and logged off — and the linter warns about the flag.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 180)
class SharedPeersAtStartUiTest {

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture();

    private static List<SessionGateway.PeerInfo> peers(TableView<SessionGateway.PeerInfo> table) {
        return fx(() -> List.copyOf(table.getItems()));
    }

    @Test
    void bothPeersAreListedAndEachReceivesTheCriticalErrorOfASharedLogoff(FxRobot robot) throws Exception {
        Workbench wb = app.open("--scenario", "shared-session-two-peers");
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT5);
        waitUntil(() -> robot.lookup("#peersTable").tryQuery().isPresent());
        TableView<SessionGateway.PeerInfo> table = robot.lookup("#peersTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 2
                && table.getItems().stream().allMatch(p -> p.state().equals("logged-on")));
        assertThat(peers(table))
                .extracting(SessionGateway.PeerInfo::name)
                .containsExactly("Peer client 1", "Peer client 2");
        assertThat(peers(table)).allMatch(p -> p.received().isEmpty());

        // Alt+G: the logoff dialog offers MAPI_LOGOFF_SHARED (the session is shared and this client owns it),
        // already ticked: the scenario logs off with it, as the command line does with --shared (decision 0710)
        robot.push(KeyCode.ALT, KeyCode.G);
        waitUntil(() -> robot.lookup("#logoffSharedCheck").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#logoffSharedCheck")
                        .queryAs(CheckBox.class)
                        .isSelected()))
                .as("the shared scenario's logoff dialog opens with MAPI_LOGOFF_SHARED ticked")
                .isTrue();
        robot.push(KeyCode.ALT, KeyCode.N); // Log off _now
        waitUntil(() -> wb.model().teardown().finishedProperty().get()
                && !wb.model().tearingDownProperty().get());

        waitUntil(() -> table.getItems().stream().allMatch(p -> p.state().equals("logged-off")));
        assertThat(peers(table)).hasSize(2).allSatisfy(p -> {
            assertThat(p.received()).startsWith("fnevCriticalError");
            assertThat(p.did()).startsWith("logged off (fnevCriticalError");
        });
        // what the Peers tab shows is what its rows say
        assertThat(fx(() ->
                        robot
                                .lookup("#peersTable .table-row-cell")
                                .queryAllAs(javafx.scene.control.TableRow.class)
                                .stream()
                                .filter(r -> r.getItem() != null)
                                .count()))
                .isEqualTo(2L);
        assertThat(fx(() -> robot.lookup("#peersTable .table-cell").queryAllAs(Labeled.class).stream()
                        .map(Labeled::getText)
                        .filter(t -> t != null && t.startsWith("fnevCriticalError"))
                        .count()))
                .isEqualTo(2L);
        assertThat(fx(() -> wb.model().teardown().findings()))
                .anyMatch(f -> f.rule().equals("logoff-shared-passed"));
        WindowActions.awaitTestSessionWrites(wb);
    }
}
