package dev.mapiworkbench.app;

import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application "MAPI Logoff Workbench". Takes the same options as the command line
 * ({@link GuiOptions}: --profile, --no-logon, --transport-*, …, plus --print-startup-time and
 * --exit-after-shown). The automation contract is docs/automation.md.
 */
public class WorkbenchApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchApp.class);

    /** Exit status for a bad argument, as the headless command line uses it. */
    public static final int EXIT_BAD_ARGUMENTS = 64;

    private static volatile int exitStatus;

    private Workbench workbench;

    public static void main(String[] args) {
        launch(args);
        System.exit(exitStatus);
    }

    @Override
    public void start(Stage stage) {
        installUncaughtHandler();
        GuiOptions options;
        try {
            options = GuiOptions.parse(getParameters().getRaw().toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            System.err.println("mapi-workbench: " + e.getMessage());
            exitStatus = EXIT_BAD_ARGUMENTS;
            Platform.exit();
            return;
        }
        Workbench wb = Workbench.createWithoutLogon(stage, options, Workbench.standardDialogs(), () -> {
            stage.hide();
            Platform.exit();
        });
        workbench = wb;
        stage.setOnShown(e -> {
            logonAfterFirstPulse(wb);
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            LOG.info("first frame shown {} ms after process start", ms);
            if (options.printStartupTime()) {
                System.out.println("STARTUP_MS=" + ms);
            }
            if (options.exitAfterShown()) {
                Platform.runLater(Platform::exit);
            }
        });
        stage.show();
        stage.requestFocus();
    }

    /**
     * Starts the logon once the pulse that lays out and renders the first frame has run (decision
     * 0064): the scene's post-layout listener fires inside that pulse, and the {@code runLater}
     * from it runs after the pulse has handed the frame to the renderer.
     */
    private static void logonAfterFirstPulse(Workbench wb) {
        javafx.scene.Scene scene = wb.stage().getScene();
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(wb::logonUnlessDisabled);
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.close();
        }
    }

    private static void installUncaughtHandler() {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            LOG.error("uncaught exception on {}", thread.getName(), error);
            if (Platform.isFxApplicationThread()) {
                try {
                    new dev.mapiworkbench.ui.FxDialogService(() -> null).showError("Something went wrong: "
                            + error.getMessage(), error);
                } catch (RuntimeException nested) {
                    LOG.error("could not show the error", nested);
                }
            }
        });
    }
}
