package dev.mapiworkbench.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.Transcripts;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Replays#differences} compares the provider's questions and their answers too: a replay that answers a
 * question otherwise, or takes its default where the recording had a person's answer (decision 0840), did not
 * reproduce the run, even when its steps, calls and HRESULTs are the same.
 */
class ReplayDifferencesTest {

    private static final String SMTP = "Simulated SMTP Transport";
    private static final String FINISH = "Finish sending 'Report' before logging off?";
    private static final List<String> CHOICES = List.of("Finish sending", "Leave in Outbox");

    /** The clean run of {@link Transcripts#clean} with these prompts. */
    private static Transcript asked(Transcript.Prompt... prompts) {
        Transcript t = Transcripts.clean("2026-12-02T18:00:00Z");
        return Transcripts.with(t, List.of(prompts), t.findings());
    }

    private static Transcript.Prompt answered(String question, String answer) {
        return new Transcript.Prompt(SMTP, question, CHOICES, answer, false);
    }

    private static Transcript.Prompt defaulted(String question) {
        return new Transcript.Prompt(SMTP, question, CHOICES, "Leave in Outbox", true);
    }

    @Test
    void theSameQuestionsWithTheSameAnswersAreNoDifference() {
        assertThat(Replays.differences(
                        asked(
                                answered(FINISH, "Finish sending"),
                                defaulted("Finish sending 'Memo' before logging off?")),
                        asked(
                                answered(FINISH, "Finish sending"),
                                defaulted("Finish sending 'Memo' before logging off?"))))
                .isEmpty();
        assertThat(Replays.differences(asked(), asked())).isEmpty();
    }

    @Test
    void anotherAnswerIsADifference() {
        assertThat(Replays.differences(
                        asked(answered(FINISH, "Finish sending")), asked(answered(FINISH, "Leave in Outbox"))))
                .containsExactly("prompt 1 " + SMTP + " '" + FINISH + "': answered 'Finish sending' in the recording,"
                        + " answered 'Leave in Outbox' in the replay");
    }

    @Test
    void aDefaultAndAPersonsChoiceOfTheSameTextDiffer() {
        // decision 0840: "nobody answered" is not "the person chose the default"
        assertThat(Replays.differences(asked(defaulted(FINISH)), asked(answered(FINISH, "Leave in Outbox"))))
                .containsExactly("prompt 1 " + SMTP + " '" + FINISH + "': its default 'Leave in Outbox' (nobody"
                        + " answered) in the recording, answered 'Leave in Outbox' in the replay");
    }

    @Test
    void aQuestionMissingAddedOrOtherIsADifference() {
        assertThat(Replays.differences(asked(answered(FINISH, "Finish sending")), asked()))
                .containsExactly("prompt 1 " + SMTP + " '" + FINISH + "': missing from the replay");
        assertThat(Replays.differences(asked(), asked(defaulted(FINISH))))
                .containsExactly("prompt 1 " + SMTP + " '" + FINISH + "': not in the recording");
        String memo = "Finish sending 'Memo' before logging off?";
        assertThat(Replays.differences(
                        asked(answered(FINISH, "Finish sending")), asked(answered(memo, "Finish sending"))))
                .containsExactly(
                        "prompt 1 " + SMTP + " '" + FINISH + "': the replay asked " + SMTP + " '" + memo + "' here");
    }
}
