package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Peers tab and the transcript: the peer client, what it received on MAPI_LOGOFF_SHARED and what it did. */
class PeersWindowTest extends WindowTest {

    @Test
    void thePeerIsListedAndAfterASharedLogoffShowsTheCriticalErrorItReceivedAndThatItLoggedOff(FxRobot robot)
            throws Exception {
        open("--shared");
        robot.clickOn("#peersTab");
        TableView<SessionGateway.PeerInfo> peers = robot.lookup("#peersTable").queryTableView();
        WaitForAsyncUtils.waitFor(
                TIMEOUT, TimeUnit.SECONDS, () -> !peers.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(peers.getItems().get(0).state()).isEqualTo("logged-on");
        assertThat(peers.getItems().get(0).received()).isEmpty();

        robot.clickOn("#logoffButton");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#logoffSharedCheck");
        robot.clickOn("#logoffNowButton");

        WaitForAsyncUtils.waitFor(
                TIMEOUT,
                TimeUnit.SECONDS,
                () -> !peers.getItems().isEmpty()
                        && peers.getItems().get(0).state().equals("logged-off"));
        WaitForAsyncUtils.waitForFxEvents();
        SessionGateway.PeerInfo peer = peers.getItems().get(0);
        assertThat(peer.name()).isEqualTo("Peer client 1");
        assertThat(peer.received()).startsWith("fnevCriticalError");
        assertThat(peer.did()).startsWith("logged off (fnevCriticalError");

        // the transcript saved in the history has the same (fields state and received)
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> historyFiles() > 0);
        Path saved;
        try (Stream<Path> s = Files.list(profile.resolve("history"))) {
            saved = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Transcript t = TranscriptJson.read(saved);
        assertThat(t.peers()).hasSize(1);
        assertThat(t.peers().get(0).state()).isEqualTo("logged-off");
        assertThat(t.peers().get(0).received()).anyMatch(r -> r.startsWith("fnevCriticalError"));
        assertThat(Files.readString(saved)).contains("\"received\"").contains("\"state\"");
    }

    private long historyFiles() throws java.io.IOException {
        Path h = profile.resolve("history");
        if (!Files.isDirectory(h)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(h)) {
            return s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }
}
