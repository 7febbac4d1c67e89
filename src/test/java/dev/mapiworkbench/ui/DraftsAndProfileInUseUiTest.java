package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.SimClients;
import dev.mapiworkbench.mapi.TransportSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Issue 11 in the window: drafts left in the Outbox are listed with Submit and Delete (item 8), and
 * a logon refused because the profile is held says who holds it (item 1).
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 120)
class DraftsAndProfileInUseUiTest {

    private Workbench wb;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /** Records error dialogs instead of showing them (the headline is what a person reads first). */
    final class RecordingDialogs extends FxDialogService {
        RecordingDialogs(java.util.function.Supplier<Window> owner) {
            super(owner);
        }

        @Override
        public void showError(String headline, Throwable error) {
            errors.add(headline);
        }

        @Override
        public ProfileInUseDialog.Choice askProfileInUse(String message, Path profile, Throwable error) {
            errors.add("Logon failed: " + message);
            return ProfileInUseDialog.Choice.STAY;
        }

        @Override
        public Optional<Path> chooseTranscriptFile(String suggestedName) {
            return Optional.empty();
        }
    }

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(RecordingDialogs::new);

    /** Shows the window; the tests wait for what they expect (a refused logon too). */
    private void open() throws Exception {
        wb = app.openWithoutWaiting();
    }

    @Test
    void draftsLeftInTheOutboxCanBeSubmittedAndDeletedFromTheWindow(FxRobot robot) throws Exception {
        ClientSession earlier =
                SimClients.open(app.profile(), TransportSettings.instant().withOffline(true));
        earlier.logon(LogonOptions.defaults());
        earlier.compose(SimClients.draft("left draft A"));
        earlier.compose(SimClients.draft("left draft B"));
        ProfileHolder.logOffNow(earlier);

        open();
        waitUntil(() -> wb.model().loggedOnProperty().get());
        waitUntil(() -> robot.lookup("#draftsPane").query().isVisible());
        ListView<?> list = robot.lookup("#draftsList").queryAs(ListView.class);
        assertThat(fx(() -> list.getItems().size())).isEqualTo(2);
        assertThat(fx(() -> robot.lookup("#draftsPane")
                        .lookup(".label")
                        .queryAs(Label.class)
                        .getText()))
                .isEqualTo("2 drafts left in the Outbox (saved, never submitted)");

        robot.clickOn("#draftsList").type(KeyCode.HOME);
        String first =
                fx(() -> ((SessionGateway.OutboxInfo) list.getSelectionModel().getSelectedItem()).subject());
        robot.clickOn("#submitDraftButton");
        waitUntil(() -> list.getItems().size() == 1);
        waitUntil(() -> wb.model().outbox().stream()
                .noneMatch(o -> o.subject().equals(first) && o.state().equals("draft")));

        // the other one: select the remaining draft, then Delete
        robot.clickOn("#draftsList").type(KeyCode.HOME);
        waitUntil(() -> list.getSelectionModel().getSelectedItem() != null
                && !robot.lookup("#deleteDraftButton").queryButton().isDisabled());
        robot.clickOn("#deleteDraftButton");
        waitUntil(() -> !robot.lookup("#draftsPane").query().isVisible());
        assertThat(fx(() -> wb.model().outbox().stream()
                        .map(SessionGateway.OutboxInfo::subject)
                        .toList()))
                .doesNotContain("left draft A".equals(first) ? "left draft B" : "left draft A");
        assertThat(errors).isEmpty();
        assertThat(fx(() ->
                        robot.lookup("#submitDraftButton").queryAs(Button.class).isDisabled()))
                .isTrue();
    }

    @Test
    void aProfileHeldElsewhereSaysWhoHoldsIt(FxRobot robot) throws Exception {
        ClientSession holder = SimClients.open(app.profile(), TransportSettings.instant());
        holder.logon(LogonOptions.defaults());
        try {
            open();
            waitUntil(() -> !errors.isEmpty());
            assertThat(errors)
                    .singleElement()
                    .satisfies(
                            e -> assertThat(e).contains("Logon failed", "in use by another session of this process"));
            String status = fx(() -> wb.model().sessionStateProperty().get());
            assertThat(status)
                    .startsWith("Profile in use by another session of this process (pid "
                            + ProcessHandle.current().pid() + ")")
                    .contains(" since ");
            assertThat(fx(() -> robot.lookup("#statusBar").query().isVisible())).isTrue();
        } finally {
            ProfileHolder.logOffNow(holder);
        }
    }
}
