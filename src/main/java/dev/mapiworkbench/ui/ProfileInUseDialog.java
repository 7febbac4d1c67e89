package dev.mapiworkbench.ui;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * The logon was refused because another process holds the profile (decision 0120): the dialog says who holds
 * it and since when, and offers a way on: log on to another profile folder (typed in the field, where a bare
 * name is a new profile beside this one, or picked with "Choose another profile…"), Quit, or Close (stay,
 * not logged on). Keyboard: the field has the focus with a free sibling folder suggested; Enter logs on to it
 * (the default button), Alt+Q quits, Esc closes. Ids: {@code profileInUseDialog}, {@code otherProfileField},
 * {@code chooseProfileButton}, {@code useProfileButton}, {@code quitButton}, {@code closeProfileInUseButton}.
 */
public final class ProfileInUseDialog extends Dialog<ProfileInUseDialog.Choice> {

    /**
     * What the person chose: {@link #profile} to log on to another profile folder, {@link #quit} to quit, or
     * neither (stay, not logged on).
     */
    public record Choice(Path profile, boolean quit) {
        /** Close: stay in the window, not logged on. */
        public static final Choice STAY = new Choice(null, false);
        /** Quit the application. */
        public static final Choice QUIT = new Choice(null, true);

        /** Log on to {@code profile}. */
        public static Choice use(Path profile) {
            return new Choice(profile, false);
        }
    }

    private final Path current;
    private final TextField field = new TextField();

    /**
     * @param message the refusal as the logon gave it ("the profile … is in use by process N … since …")
     * @param current the profile folder that is in use (a bare name typed in the field is a folder beside it)
     */
    public ProfileInUseDialog(String message, Path current) {
        this.current = current.toAbsolutePath().normalize();
        setTitle("MAPI Logoff Workbench");
        setHeaderText("The profile is in use");
        DialogPane pane = getDialogPane();
        pane.setId("profileInUseDialog");
        pane.setPrefWidth(FxDialogService.ERROR_WIDTH);

        Label refusal = new Label("Logon failed: " + message);
        refusal.setId("profileInUseMessage");
        refusal.setWrapText(true);
        Label prompt = new Label("_Another profile folder (a name is a new profile beside this one):");
        prompt.setMnemonicParsing(true);
        prompt.setLabelFor(field);
        prompt.setWrapText(true);
        field.setId("otherProfileField");
        field.setText(suggestion(this.current));
        field.setAccessibleText("Another profile folder");
        Button choose = new Button("_Choose another profile…");
        choose.setId("chooseProfileButton");
        choose.setMnemonicParsing(true);
        choose.setOnAction(e -> chooseFolder());
        HBox row = new HBox(8, field, choose);
        HBox.setHgrow(field, Priority.ALWAYS);
        pane.setContent(new VBox(10, refusal, prompt, row));

        ButtonType use = new ButtonType("_Log on to that profile", ButtonData.OK_DONE);
        ButtonType quit = new ButtonType("_Quit", ButtonData.OTHER);
        ButtonType close = new ButtonType("Close", ButtonData.CANCEL_CLOSE);
        pane.getButtonTypes().setAll(use, quit, close);
        Button useButton = (Button) pane.lookupButton(use);
        useButton.setId("useProfileButton");
        useButton.setDefaultButton(true);
        useButton
                .disableProperty()
                .bind(javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> target(field.getText()) == null, field.textProperty()));
        pane.lookupButton(quit).setId("quitButton");
        Button closeButton = (Button) pane.lookupButton(close);
        closeButton.setId("closeProfileInUseButton");
        closeButton.setCancelButton(true);
        setResultConverter(b -> {
            if (b == use) {
                Path p = target(field.getText());
                return p == null ? Choice.STAY : Choice.use(p);
            }
            return b == quit ? Choice.QUIT : Choice.STAY;
        });
        // after the dialog's own focus handling (its default button), as the other dialogs do
        setOnShown(e -> javafx.application.Platform.runLater(() -> {
            field.requestFocus();
            field.selectAll();
        }));
    }

    /**
     * The profile folder {@code text} names: an absolute path as it is, a bare name or relative path beside the
     * profile in use; null when empty, not a path, or the profile in use itself.
     */
    Path target(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Path p;
        try {
            Path typed = Path.of(text.strip());
            p = typed.isAbsolute() ? typed : parent(current).resolve(typed);
        } catch (InvalidPathException e) {
            return null;
        }
        p = p.normalize();
        return p.equals(current) ? null : p;
    }

    /** The first free {@code <name>-N} beside {@code profile}: a new profile the person can take with Enter. */
    static String suggestion(Path profile) {
        String name = profile.getFileName() == null
                ? "profile"
                : profile.getFileName().toString();
        Path dir = parent(profile);
        for (int n = 2; n < 1000; n++) {
            if (!Files.exists(dir.resolve(name + "-" + n))) {
                return name + "-" + n;
            }
        }
        return name + "-new";
    }

    private static Path parent(Path p) {
        Path parent = p.getParent();
        return parent == null ? p : parent;
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose another profile folder");
        Path start = parent(current);
        if (Files.isDirectory(start)) {
            chooser.setInitialDirectory(start.toFile());
        }
        java.io.File picked = chooser.showDialog(getDialogPane().getScene().getWindow());
        if (picked != null) {
            field.setText(picked.getAbsolutePath());
        }
    }
}
