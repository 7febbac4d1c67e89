package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.TimeoutChoice;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Every dialog the app shows goes through here (owner window set, mockable in tests). All methods
 * are called on the FX thread.
 */
public interface DialogService {

    /** The logoff dialog; empty when cancelled (Esc). */
    Optional<TeardownRequest> askLogoff(LogoffDialogViewModel model);

    /** The compose dialog; empty when cancelled. */
    Optional<ComposeViewModel.Draft> compose(ComposeViewModel model);

    /**
     * A provider's question during Logoff (MAPI_LOGOFF_UI); returns one of the request's choices, or null when the
     * dialog was closed without one (Esc): the default is then taken and recorded as defaulted (decision 0840).
     */
    String askProvider(ProviderUiHost.Request request);

    /** The after-sending wait timed out with {@code pending} messages still queued: what now? */
    TimeoutChoice askTimeout(int pending, long waitedSeconds);

    /** Where to export the transcript; ".txt" gives text, anything else JSON. Empty when cancelled. */
    Optional<Path> chooseTranscriptFile(String suggestedName);

    /**
     * Exit (Ctrl+Q, closing the window) while a teardown runs: keep the window, exit when the run ends, or
     * (when {@code canAbandon}: a call is blocked) abandon the run and exit. {@code state} says what the run
     * is doing ("Blocked for 12 s in step 3 …"). Decision 0600.
     */
    default ExitChoice askExitDuringTeardown(String state, boolean canAbandon) {
        return ExitChoice.EXIT_WHEN_ENDED;
    }

    /** Where to export the session's own trace ({@code .jsonl}, docs/trace.md). Empty when cancelled. */
    default Optional<Path> chooseTraceSaveFile(String suggestedName) {
        return Optional.empty();
    }

    /** Session › Transport settings… (decision 0250); empty when cancelled (Esc). */
    default Optional<TransportSettingsViewModel.Result> transportSettings(TransportSettingsViewModel model) {
        return Optional.empty();
    }

    /** File › Log on with flags… (decision 0340); empty when cancelled (Esc). */
    default Optional<LogonFlags> logonFlags(LogonFlags initial) {
        return Optional.empty();
    }

    /** File › Import .eml…: the file to queue in the Outbox; empty when cancelled. */
    default Optional<Path> chooseEmlToImport() {
        return Optional.empty();
    }

    /** File › Export as .eml…: where to write the message; empty when cancelled. */
    default Optional<Path> chooseEmlExportFile(String suggestedName) {
        return Optional.empty();
    }

    /** File › Open trace…: a trace or C/C++ file to open (decision 0330); empty when cancelled. */
    default Optional<Path> chooseTraceFile() {
        return Optional.empty();
    }

    /** File › Open scenario…: a scenario file (docs/scenarios.md); empty when cancelled. */
    default Optional<Path> chooseScenarioFile() {
        return Optional.empty();
    }

    /** File › Replay…: a transcript to replay (docs/scenarios.md "Replay"); empty when cancelled. */
    default Optional<Path> chooseTranscriptToReplay() {
        return Optional.empty();
    }

    /**
     * File › Export report…: where to write the session report (HTML; the .zip goes beside it, docs/report.md).
     * Empty when cancelled.
     */
    default Optional<Path> chooseReportFile(String suggestedName) {
        return Optional.empty();
    }

    /** A short message for the person, the stack trace under "Details". */
    void showError(String headline, Throwable error);

    /**
     * The logon was refused because another process holds {@code profile} (decision 0120): says so and asks
     * for a way on ({@link ProfileInUseDialog}). This default only shows the error and stays.
     */
    default ProfileInUseDialog.Choice askProfileInUse(String message, Path profile, Throwable error) {
        showError("Logon failed: " + message, error);
        return ProfileInUseDialog.Choice.STAY;
    }

    /**
     * Asks before something that cannot be undone (deleting failed mail): true for {@code okLabel}
     * (the default button), false for Cancel or Esc. Without a window to ask in, nothing is done.
     */
    default boolean confirm(String title, String question, String details, String okLabel) {
        return false;
    }

    /** Help › About. */
    default void showAbout(AboutInfo info) {}

    /** Help › Keyboard shortcuts. */
    default void showShortcuts() {}

    /** Help › Record your own client… (the tracing MAPI32.DLL, docs/recorder.md). */
    default void showRecorderHelp() {}

    /** Puts text on the system clipboard (FX thread). */
    default void copyToClipboard(String text) {
        javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
        c.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    }
}
