package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.TimeoutChoice;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.controlsfx.dialog.ExceptionDialog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real dialogs, owned by the main window. Tests subclass it to bypass the file chooser
 * ({@link #chooseTranscriptFile}) while driving every other dialog with the robot.
 */
public class FxDialogService implements DialogService {

    private static final Logger LOG = LoggerFactory.getLogger(FxDialogService.class);

    /** The error dialog's width: long messages wrap in it (a one-line 1,400 px dialog is unreadable). */
    static final double ERROR_WIDTH = 640;

    private final Supplier<Window> owner;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    private <T> Dialog<T> owned(Dialog<T> dialog) {
        Window w = owner.get();
        if (w != null) {
            dialog.initOwner(w);
            themed(dialog, w);
        }
        dialog.initModality(Modality.WINDOW_MODAL);
        return dialog;
    }

    /**
     * Gives the dialog the owner's stylesheets (the app's, and the dark theme's when it is on), so
     * that every dialog follows the window's theme (issue 10, item 17).
     */
    static void themed(Dialog<?> dialog, Window owner) {
        if (owner.getScene() == null || owner.getScene().getRoot() == null) {
            return;
        }
        var sheets = dialog.getDialogPane().getStylesheets();
        for (String sheet : owner.getScene().getRoot().getStylesheets()) {
            if (!sheets.contains(sheet)) {
                sheets.add(sheet);
            }
        }
    }

    @Override
    public Optional<TeardownRequest> askLogoff(LogoffDialogViewModel model) {
        return owned(new LogoffDialog(model)).showAndWait();
    }

    /**
     * A confirmation: {@code okLabel} is the default button (Enter), Cancel the Esc button. Ids:
     * {@code confirmDialog}, {@code confirmOkButton}, {@code confirmCancelButton}.
     */
    @Override
    public boolean confirm(String title, String question, String details, String okLabel) {
        ButtonType ok = new ButtonType(okLabel, ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType("Cancel", ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, details, ok, cancel);
        alert.setTitle(title);
        alert.setHeaderText(question);
        alert.getDialogPane().setId("confirmDialog");
        alert.getDialogPane().lookupButton(ok).setId("confirmOkButton");
        alert.getDialogPane().lookupButton(cancel).setId("confirmCancelButton");
        return owned(alert).showAndWait().filter(ok::equals).isPresent();
    }

    @Override
    public Optional<ComposeViewModel.Draft> compose(ComposeViewModel model) {
        return owned(new ComposeDialog(model)).showAndWait();
    }

    @Override
    public String askProvider(ProviderUiHost.Request request) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.setTitle(request.provider());
        alert.setHeaderText(request.provider() + " asks");
        alert.setContentText(request.question());
        alert.getDialogPane().setId("providerQuestionDialog");
        alert.getDialogPane().getStylesheets().add(StyleClasses.appStylesheet());
        List<ButtonType> buttons = request.choices().stream()
                .map(c -> new ButtonType(c, c.equals(request.defaultChoice()) ? ButtonData.OK_DONE : ButtonData.OTHER))
                .toList();
        alert.getButtonTypes().setAll(buttons);
        for (int i = 0; i < buttons.size(); i++) {
            alert.getDialogPane().lookupButton(buttons.get(i)).setId("providerChoice" + i);
        }
        // closed by Esc: no answer, so the default is taken as defaulted (decision 0840), not as the person's choice
        return owned(alert).showAndWait().map(ButtonType::getText).orElse(null);
    }

    @Override
    public TimeoutChoice askTimeout(int pending, long waitedSeconds) {
        int answer = safeQuestion(
                "waitTimeoutDialog",
                "The Outbox has not drained",
                "The Outbox has not drained", // not the bare "Warning" the Alert shows without a header
                pending + " message(s) are still in the Outbox after "
                        + waitedSeconds
                        + " s. Keep waiting, log off now (they stay in the Outbox until the next logon), "
                        + "or cancel the logoff?",
                new Choice("_Keep waiting", "timeoutKeepWaitingButton"),
                List.of(
                        new Choice("Log off _now", "timeoutLogoffNowButton"),
                        new Choice("_Cancel logoff", "timeoutCancelLogoffButton")),
                Region.USE_COMPUTED_SIZE);
        return switch (answer) {
            case 1 -> TimeoutChoice.LOG_OFF_NOW;
            case 2 -> TimeoutChoice.CANCEL_LOGOFF;
            default -> TimeoutChoice.KEEP_WAITING;
        };
    }

    /**
     * Exit while a teardown runs (decision 0600): "Keep the window" is the default, the focused button and the
     * Esc button, so Enter, Esc and closing the dialog lose nothing; "Exit when it ends" (Alt+E) and, while a
     * call is blocked, "Abandon and exit" (Alt+A). Ids: {@code exitDuringTeardownDialog},
     * {@code exitKeepWindowButton}, {@code exitWhenEndedButton}, {@code exitAbandonButton}.
     */
    @Override
    public ExitChoice askExitDuringTeardown(String state, boolean canAbandon) {
        List<Choice> others =
                new java.util.ArrayList<>(List.of(new Choice("_Exit when it ends", "exitWhenEndedButton")));
        if (canAbandon) {
            others.add(new Choice("_Abandon and exit", "exitAbandonButton"));
        }
        int answer = safeQuestion(
                "exitDuringTeardownDialog",
                "A teardown is running",
                "Exit while the teardown runs?",
                (state.isBlank() ? "The teardown is still running." : state + ".")
                        + (canAbandon
                                ? " Exit once it ends (it may never end while the call stays blocked), abandon it"
                                        + " now and exit (the saved transcript names the blocked call), or keep"
                                        + " the window?"
                                : " Exit once it ends (its transcript is saved first), or keep the window?"),
                new Choice("_Keep the window", "exitKeepWindowButton"),
                others,
                ERROR_WIDTH);
        return switch (answer) {
            case 1 -> ExitChoice.EXIT_WHEN_ENDED;
            case 2 -> ExitChoice.ABANDON_AND_EXIT;
            default -> ExitChoice.KEEP_WINDOW;
        };
    }

    /** One answer of {@link #safeQuestion}: the button's text (with its mnemonic) and its automation id. */
    private record Choice(String label, String id) {}

    /**
     * A warning question whose first answer, {@code safe}, loses nothing: it is the default, the focused button
     * and the Esc button, so Enter, Esc and closing the dialog all do what it says (issue 10, item 7); the
     * {@code others} follow it. Returns the index of the answer: 0 for {@code safe}, 1… for the others.
     */
    private int safeQuestion(
            String dialogId,
            String title,
            String header,
            String text,
            Choice safe,
            List<Choice> others,
            double minWidth) {
        ButtonType safeType = new ButtonType(safe.label(), ButtonData.CANCEL_CLOSE);
        List<ButtonType> types = new java.util.ArrayList<>(List.of(safeType));
        for (Choice c : others) {
            types.add(new ButtonType(c.label(), ButtonData.OTHER));
        }
        Alert alert = new Alert(Alert.AlertType.WARNING, text, types.toArray(ButtonType[]::new));
        alert.setTitle(title);
        if (header != null) {
            alert.setHeaderText(header);
        }
        alert.getDialogPane().setId(dialogId);
        focusedDefault(alert, safeType, safe.id());
        for (int i = 0; i < others.size(); i++) {
            alert.getDialogPane()
                    .lookupButton(types.get(i + 1))
                    .setId(others.get(i).id());
        }
        alert.getDialogPane().setMinWidth(minWidth);
        ButtonType answer = owned(alert).showAndWait().orElse(safeType);
        return Math.max(0, types.indexOf(answer));
    }

    /**
     * {@code type}'s button in {@code alert} gets {@code id} and becomes the default button, focused once the
     * dialog is shown: Enter, Esc (when it is the cancel button) and closing the dialog all do what it says.
     */
    private static void focusedDefault(Alert alert, ButtonType type, String id) {
        javafx.scene.control.Button b =
                (javafx.scene.control.Button) alert.getDialogPane().lookupButton(type);
        b.setId(id);
        b.setDefaultButton(true);
        alert.setOnShown(e -> javafx.application.Platform.runLater(b::requestFocus));
    }

    /** Opens a document link; the app sets the platform's (HostServices) opener. */
    private volatile java.util.function.Consumer<String> documentOpener = doc -> LOG.info("documentation: {}", doc);

    /** How About's links open a document (WorkbenchApp: HostServices::showDocument). */
    public void setDocumentOpener(java.util.function.Consumer<String> opener) {
        this.documentOpener = opener;
    }

    @Override
    public void showAbout(AboutInfo info) {
        owned(HelpDialogs.about(info, doc -> documentOpener.accept(doc))).showAndWait();
    }

    @Override
    public void showShortcuts() {
        owned(HelpDialogs.shortcuts()).showAndWait();
    }

    @Override
    public void showRecorderHelp() {
        owned(HelpDialogs.recorder()).showAndWait();
    }

    @Override
    public Optional<Path> chooseTranscriptFile(String suggestedName) {
        return chooseSaveFile(
                "Export transcript",
                suggestedName,
                new FileChooser.ExtensionFilter("Transcript (JSON)", "*.json"),
                new FileChooser.ExtensionFilter("Transcript (text)", "*.txt"));
    }

    @Override
    public Optional<Path> chooseTraceSaveFile(String suggestedName) {
        return chooseSaveFile(
                "Export as trace", suggestedName, new FileChooser.ExtensionFilter("Trace (JSON Lines)", "*.jsonl"));
    }

    @Override
    public Optional<Path> chooseReportFile(String suggestedName) {
        return chooseSaveFile(
                "Export the test session report",
                suggestedName,
                new FileChooser.ExtensionFilter("Report (HTML, with a .zip beside it)", "*.html"));
    }

    private Optional<Path> chooseSaveFile(String title, String suggestedName, FileChooser.ExtensionFilter... filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().addAll(filters);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(java.io.File::toPath);
    }

    @Override
    public Optional<TransportSettingsViewModel.Result> transportSettings(TransportSettingsViewModel model) {
        return owned(new TransportSettingsDialog(model)).showAndWait();
    }

    @Override
    public Optional<Path> chooseScenarioFile() {
        return chooseJson("Open scenario", "Scenario (*.json)");
    }

    @Override
    public Optional<Path> chooseTranscriptToReplay() {
        return chooseJson("Replay a run", "Transcript (*.json)");
    }

    private Optional<Path> chooseJson(String title, String what) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters()
                .setAll(
                        new FileChooser.ExtensionFilter(what, "*.json"),
                        new FileChooser.ExtensionFilter("All files", "*"));
        return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(java.io.File::toPath);
    }

    @Override
    public Optional<LogonFlags> logonFlags(LogonFlags initial) {
        return owned(new LogonFlagsDialog(initial)).showAndWait();
    }

    @Override
    public Optional<Path> chooseEmlToImport() {
        FileChooser chooser = emlChooser("Import .eml into the Outbox");
        return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(java.io.File::toPath);
    }

    @Override
    public Optional<Path> chooseEmlExportFile(String suggestedName) {
        FileChooser chooser = emlChooser("Export as .eml");
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(java.io.File::toPath);
    }

    @Override
    public Optional<Path> chooseTraceFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open trace");
        chooser.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter(
                                "Traces and C/C++ code", "*.jsonl", "*.json", "*.trace", "*.c", "*.cpp", "*.cc", "*.h"),
                        new FileChooser.ExtensionFilter("Traces (mapi-workbench/trace/v1)", "*.jsonl", "*.json"),
                        new FileChooser.ExtensionFilter("C/C++ code", "*.c", "*.cpp", "*.cc", "*.cxx", "*.h", "*.hpp"),
                        new FileChooser.ExtensionFilter("All files", "*"));
        return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(java.io.File::toPath);
    }

    private static FileChooser emlChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter("Internet message (*.eml)", "*.eml"),
                        new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    @Override
    public ProfileInUseDialog.Choice askProfileInUse(String message, Path profile, Throwable error) {
        LOG.warn("logon failed: {}", message);
        return owned(new ProfileInUseDialog(message, profile)).showAndWait().orElse(ProfileInUseDialog.Choice.STAY);
    }

    @Override
    public void showError(String headline, Throwable error) {
        LOG.error("{}", headline, error);
        ExceptionDialog dialog = new ExceptionDialog(error);
        dialog.setTitle("MAPI Logoff Workbench");
        dialog.setHeaderText(headline);
        String message = error.getMessage();
        if (message == null || headline.contains(message)) {
            // the headline already quotes the message: saying it twice only pushes the buttons away
            dialog.setContentText(
                    "Show Details gives the whole error (" + error.getClass().getSimpleName() + ").");
        }
        DialogPane pane = dialog.getDialogPane();
        pane.setId("errorDialog");
        // a long message wraps at a readable width instead of stretching the dialog across the screen
        double screen = Screen.getPrimary().getVisualBounds().getWidth();
        pane.setPrefWidth(Math.min(ERROR_WIDTH, screen - 40));
        pane.setMaxWidth(screen - 40);
        owned(dialog).show();
    }
}
