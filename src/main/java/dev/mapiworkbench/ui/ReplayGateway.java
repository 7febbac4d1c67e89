package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.teardown.TeardownRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * What File › Replay… needs from the app (issue #13 item 4, docs/scenarios.md "Replay"): read a transcript for
 * replay (the same refusals as {@code --replay}) and compare the replayed run with its recording, both on a
 * background thread.
 */
public interface ReplayGateway {

    /**
     * A transcript read and checked, ready to be replayed in the window.
     *
     * @param summary  the recording in a few words: its mode, plan and number of steps
     * @param setup    the recorded run's set-up, put in force the way a scenario is (its name is "replay of FILE")
     * @param request  the recorded logoff: mode, plan, what-ifs, timeout, MAPI_LOGOFF_UI
     * @param notes    what the window cannot reproduce exactly (no call watchdog)
     * @param answers  the answers the recording gave the provider's questions, in the order asked: the replay
     *                 answers with them by itself
     * @param compare  what differs between the recording and the run saved to the given file: one line each (the
     *                 steps, calls and HRESULTs, as {@code --replay} compares them); empty when it reproduced the
     *                 recording. Background thread.
     */
    record Prepared(
            Path file,
            String summary,
            ScenarioGateway.Opened setup,
            TeardownRequest request,
            List<String> notes,
            List<String> answers,
            Function<Path, List<String>> compare) {
        public Prepared {
            notes = List.copyOf(notes);
            answers = List.copyOf(answers);
        }
    }

    /**
     * Reads {@code file}. Nothing is changed.
     *
     * @throws IllegalArgumentException naming the file, the line and the field when it cannot be replayed
     */
    Prepared read(Path file);

    /**
     * Who answers the provider's questions from now on (the replay's recorded answers while its logoff runs, then
     * the window's dialog again).
     */
    void setProviderUi(ProviderUiHost.ProviderUi ui);
}
