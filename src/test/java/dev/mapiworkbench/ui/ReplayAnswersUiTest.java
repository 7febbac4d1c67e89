package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.ReplayAtStartUiTest.planNote;
import static dev.mapiworkbench.ui.ReplayAtStartUiTest.recordedHeadless;
import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.app.scenario.AskingLogoff;
import dev.mapiworkbench.mapi.ProviderUiHost;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A replay in the window answers the provider's questions by itself with the recorded answers (issue #13 item 4):
 * the log says "answered from the transcript: …" and no question reaches the person; a question the transcript has
 * no answer for is asked in the dialog, and the log says so.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 180)
class ReplayAnswersUiTest {

    /** The fixture's dialogs, recording each provider question that reaches the person (answered "Finish sending"). */
    static final class Dialogs extends FixtureDialogs {
        final List<String> asked = new CopyOnWriteArrayList<>();

        Dialogs(Supplier<Window> owner) {
            super(owner);
        }

        @Override
        public String askProvider(ProviderUiHost.Request request) {
            asked.add(request.question());
            return "Finish sending";
        }
    }

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(Dialogs::new);

    @TempDir
    Path dir;

    /**
     * A headless run whose Logoff (MAPI_LOGOFF_UI) finds a message in flight and is answered "Finish sending": the
     * store's Release blocks for a second first, so the spooler holds the message (3 s per message) by then.
     */
    private Path answeredFinishSending() throws Exception {
        Path t = recordedHeadless(dir, "answered.json", AskingLogoff.options("--answer", "Finish sending"));
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(t.toFile());
        assertThat(root.path("prompts").get(0).path("answer").asText()).isEqualTo("Finish sending");
        assertThat(root.path("run").path("answers").toString()).isEqualTo("[\"Finish sending\"]");
        return t;
    }

    /** The same run with nobody answering (no {@code --answer}): the question's default, recorded as defaulted. */
    private Path defaulted() throws Exception {
        Path t = recordedHeadless(dir, "defaulted.json", AskingLogoff.options());
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(t.toFile());
        assertThat(root.path("prompts").get(0).path("defaulted").asBoolean()).isTrue();
        return t;
    }

    private List<String> log(Workbench wb) {
        return fx(() -> List.copyOf(wb.model().notifications()));
    }

    @Test
    void theReplayAnswersTheProvidersQuestionWithTheRecordedAnswerAndNoDialogOpens(FxRobot robot) throws Exception {
        Path transcript = answeredFinishSending();
        Workbench wb = app.openWithoutWaiting("--replay", transcript.toString());
        Dialogs dialogs = app.dialogs(Dialogs.class);

        waitUntil(() -> planNote(robot).contains("reproduced") || !dialogs.errors.isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(planNote(robot)).startsWith("Replay of answered.json: reproduced");
        assertThat(dialogs.asked).as("no provider question reached the person").isEmpty();
        assertThat(log(wb))
                .anyMatch(l -> l.contains("Simulated SMTP Transport asked")
                        && l.contains("answered from the transcript: Finish sending"));
        assertThat(WindowActions.text(robot, "#promptLine-0")).endsWith("answer: Finish sending");
        // "Finish sending": the message went before Logoff returned
        assertThat(fx(() -> wb.model().teardown().resultTextProperty().get())).doesNotContain("abandoned");
        WindowActions.awaitTestSessionWrites(wb);
    }

    @Test
    void aQuestionTheTranscriptHasNoAnswerForIsAskedAndTheLogSaysSo(FxRobot robot) throws Exception {
        Path recorded = answeredFinishSending();
        // the same recording without its answers
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(recorded.toFile());
        ObjectNode run = (ObjectNode) root.get("run");
        run.set("answers", json.createArrayNode());
        ArrayNode options = (ArrayNode) run.get("options");
        ArrayNode kept = json.createArrayNode();
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).asText().equals("--answer")) {
                i++;
            } else {
                kept.add(options.get(i));
            }
        }
        run.set("options", kept);
        Path edited = dir.resolve("unanswered.json");
        json.writeValue(edited.toFile(), root);

        Workbench wb = app.openWithoutWaiting("--replay", edited.toString());
        Dialogs dialogs = app.dialogs(Dialogs.class);
        waitUntil(() -> !dialogs.asked.isEmpty() || !dialogs.errors.isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.asked).hasSize(1).allMatch(q -> q.startsWith("Finish sending '"));
        waitUntil(() -> wb.model().notifications().stream()
                .anyMatch(l -> l.contains("the transcript has no answer for it; asking you")));
        waitUntil(() -> planNote(robot).contains("reproduced"));
        assertThat(log(wb)).noneMatch(l -> l.contains("answered from the transcript"));
        WindowActions.awaitTestSessionWrites(wb);
    }

    @Test
    void aRecordedDefaultIsReplayedAsADefaultNotAsTheAnswerOfAPerson(FxRobot robot) throws Exception {
        Path transcript = defaulted();
        Workbench wb = app.openWithoutWaiting("--replay", transcript.toString());
        Dialogs dialogs = app.dialogs(Dialogs.class);

        waitUntil(() -> planNote(robot).contains("reproduced") || !dialogs.errors.isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.asked).as("no provider question reached the person").isEmpty();
        assertThat(log(wb))
                .anyMatch(l -> l.contains("Simulated SMTP Transport asked")
                        && l.contains("answered from the transcript: its default (Leave in Outbox)"));
        // the replayed run says what the recording said: nobody answered, the default was taken
        assertThat(WindowActions.text(robot, "#promptLine-0"))
                .endsWith("answer: Leave in Outbox (its default: nobody answered)");
        WindowActions.awaitTestSessionWrites(wb);
    }
}
