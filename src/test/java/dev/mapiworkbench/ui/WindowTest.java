package dev.mapiworkbench.ui;

import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.Workbench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window on a temporary profile, for the History, Peers and report tests: {@link #open} builds and
 * shows it and waits for the logon; it is closed after each test.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WindowTest {

    static final long TIMEOUT = 30;

    @TempDir
    Path profile;

    private Stage stage;
    Workbench wb;

    /** The primary stage TestFX set up (a {@code @Start} method in a superclass is not called). */
    @BeforeEach
    void stage() throws Exception {
        this.stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        if (wb != null) {
            WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> wb.stage().hide()));
            WaitForAsyncUtils.waitForFxEvents();
            wb.close();
        }
    }

    /** Opens the window on {@link #profile} with no transport latency and {@code extra} options; waits for logon. */
    void open(DialogFactory dialogs, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--profile", profile.toString(), "--transport-latency", "0"));
        args.addAll(List.of(extra));
        GuiOptions options = GuiOptions.parse(args.toArray(String[]::new));
        WaitForAsyncUtils.asyncFx(() -> {
                    wb = Workbench.create(stage, options, dialogs::create, () -> {});
                    stage.show();
                    stage.requestFocus();
                })
                .get(TIMEOUT, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(
                TIMEOUT, TimeUnit.SECONDS, () -> wb.model().loggedOnProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    void open(String... extra) throws Exception {
        open(FxDialogService::new, extra);
    }

    /** Makes the window's dialog service from its owner. */
    interface DialogFactory {
        DialogService create(java.util.function.Supplier<javafx.stage.Window> owner);
    }
}
