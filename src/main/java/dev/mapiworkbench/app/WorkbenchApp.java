package dev.mapiworkbench.app;

import dev.mapiworkbench.client.ClientSession;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    /**
     * The logger, made on first use: SLF4J's set-up (the provider found by a ServiceLoader scan of the class
     * path, then Logback configured) runs on the start-up thread while the toolkit starts, not on the main
     * thread before it ({@link #prepare}, decision 0520).
     */
    private static Logger log() {
        return LoggerFactory.getLogger(WorkbenchApp.class);
    }

    /** Exit status for a bad argument, as the headless command line uses it. */
    public static final int EXIT_BAD_ARGUMENTS = 64;

    private static volatile int exitStatus;

    private Workbench workbench;

    /** Options parsed and client session opened on a background thread while the toolkit starts. */
    @SuppressWarnings("ArrayRecordComponent") // a hand-over between two threads, never compared
    private record Early(
            String[] args, CompletableFuture<GuiOptions> options, CompletableFuture<ClientSession> client) {}

    private static volatile Early early;

    /**
     * {@code -Dworkbench.startup.sequential=true}: the start-up order before decisions 0064/0065
     * (options parsed and the session opened on the FX thread, logon started at once), kept only
     * so that src/dist/measure-startup.sh can compare both orders on one app-image.
     */
    static final boolean SEQUENTIAL_STARTUP = Boolean.getBoolean("workbench.startup.sequential");

    /** The standard dialogs, with About's links opened by the platform (HostServices). */
    private dev.mapiworkbench.ui.DialogService dialogs(java.util.function.Supplier<javafx.stage.Window> owner) {
        dev.mapiworkbench.ui.FxDialogService d = new dev.mapiworkbench.ui.FxDialogService(owner);
        d.setDocumentOpener(getHostServices()::showDocument);
        return d;
    }

    /**
     * {@code -Dworkbench.startup.phases=true}: prints one {@code STARTUP_PHASES} line (ms from JVM start and
     * classes loaded at main, start(), window built, first CSS pass, first layout, first frame shown), for
     * src/dist/measure-startup.sh's phase split; the CSS and layout passes are then run before
     * {@code show()} instead of inside the first pulse (the same work, timed apart).
     */
    private static final StartupPhases PHASES = StartupPhases.PROCESS;

    private static final boolean PRINT_PHASES = PHASES.enabled();

    public static void main(String[] args) {
        early = SEQUENTIAL_STARTUP ? null : prepare(args);
        launch(args);
        System.exit(exitStatus);
    }

    @Override
    public void start(Stage stage) {
        PHASES.mark("start");
        installUncaughtHandler();
        String[] args = getParameters().getRaw().toArray(String[]::new);
        Early prepared = early;
        early = null;
        if (prepared != null && !Arrays.equals(prepared.args(), args)) {
            prepared = null;
        }
        GuiOptions options;
        try {
            options = prepared != null ? join(prepared.options()) : GuiOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("mapi-workbench: " + e.getMessage());
            exitStatus = EXIT_BAD_ARGUMENTS;
            Platform.exit();
            return;
        }
        Runnable onExit = () -> {
            stage.hide();
            Platform.exit();
        };
        if (SEQUENTIAL_STARTUP) {
            workbench = Workbench.create(stage, options, this::dialogs, onExit);
            rememberWindow(workbench, options);
            showAndReport(stage, options, null);
            return;
        }
        PHASES.mark("options");
        ClientSession preparedClient = prepared != null ? join(prepared.client()) : null;
        PHASES.mark("client");
        Workbench wb = prepared != null
                ? Workbench.createWithoutLogon(stage, options, preparedClient, this::dialogs, onExit)
                : Workbench.createWithoutLogon(stage, options, this::dialogs, onExit);
        workbench = wb;
        rememberWindow(wb, options);
        showAndReport(stage, options, wb);
    }

    /**
     * The window state is the person's: a run that only measures or trains the start-up
     * ({@code --exit-after-shown}) neither reads nor writes it.
     */
    private static void rememberWindow(Workbench wb, GuiOptions options) {
        if (!options.exitAfterShown()) {
            wb.rememberWindowIn(WindowState.defaultFile());
            wb.rememberRecentScenariosIn(WindowState.defaultFile().resolveSibling("recent-scenarios.txt"));
        }
    }

    /** Shows the stage; on its first "shown": reports the start-up time, starts the logon if {@code wb} is given. */
    private static void showAndReport(Stage stage, GuiOptions options, Workbench logonAfterFirstFrame) {
        PHASES.mark("built");
        if (PRINT_PHASES) {
            stage.getScene().getRoot().applyCss();
            PHASES.mark("css");
            stage.getScene().getRoot().layout();
            PHASES.mark("layout");
        }
        stage.setOnShown(e -> {
            PHASES.mark("shown");
            if (PRINT_PHASES) {
                System.out.println("STARTUP_PHASES " + PHASES + " nodes="
                        + nodes(stage.getScene().getRoot()));
            }
            if (logonAfterFirstFrame != null) {
                logonAfterFirstPulse(logonAfterFirstFrame);
            }
            long ms = System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime();
            log().info("first frame shown {} ms after process start", ms);
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

    /** The nodes in the scene graph under {@code n}, {@code n} included (skins' nodes too). */
    private static int nodes(javafx.scene.Node n) {
        int count = 1;
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                count += nodes(c);
            }
        }
        return count;
    }

    /**
     * Parses the options and opens the client session on a daemon thread, so that this work (picocli,
     * the backend look-up and the simulated runtime) uses the second core while the JavaFX toolkit
     * starts on the first (decision 0065). {@link #start} takes the results, or does the same
     * itself when it was launched some other way.
     */
    private static Early prepare(String[] args) {
        CompletableFuture<GuiOptions> options = new CompletableFuture<>();
        CompletableFuture<ClientSession> client = options.thenApply(Workbench::openClient);
        Thread t = new Thread(
                () -> {
                    // logging set up here, on the second core, while the main thread starts the toolkit
                    LoggerFactory.getILoggerFactory();
                    try {
                        options.complete(GuiOptions.parse(args));
                    } catch (RuntimeException e) {
                        options.completeExceptionally(e);
                    }
                },
                "startup-prepare");
        t.setDaemon(true);
        t.start();
        return new Early(args.clone(), options, client);
    }

    /** The future's value; its failure rethrown as it was thrown. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
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
            Platform.runLater(() -> {
                wb.afterFirstFrame();
                wb.logonUnlessDisabled();
                wb.warmUpWhenIdle();
            });
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
            log().error("uncaught exception on {}", thread.getName(), error);
            if (Platform.isFxApplicationThread()) {
                try {
                    new dev.mapiworkbench.ui.FxDialogService(() -> null)
                            .showError("Something went wrong: " + error.getMessage(), error);
                } catch (RuntimeException nested) {
                    log().error("could not show the error", nested);
                }
            }
        });
    }
}
