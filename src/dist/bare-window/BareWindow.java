import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The yardstick for src/dist/measure-startup.sh: a bare JavaFX window with one Label (so it loads
 * the controls and their default stylesheet, as issue 12 describes the yardstick), started the way
 * the app is started (a plain main class on the class path), printing the same
 * {@code STARTUP_MS=<n>} line (JVM start to the first frame shown) and exiting, like the app's
 * {@code --print-startup-time --exit-after-shown}. Compiled by the script, not by Maven. With
 * {@code -Dworkbench.startup.phases=true} it prints the same {@code STARTUP_PHASES} line as the app
 * (main, start, built, css, layout, shown: ms from JVM start / classes loaded / process CPU ms; nodes).
 */
public final class BareWindow {

    private static final boolean PHASES = Boolean.getBoolean("workbench.startup.phases");
    private static final StringBuilder MARKS = new StringBuilder();

    private BareWindow() {
    }

    static void mark(String name) {
        if (PHASES) {
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
            MARKS.append(MARKS.length() == 0 ? "" : " ").append(name).append('=').append(ms).append('/')
                    .append(classes).append('/').append(processCpuMs());
        }
    }

    /** The process's CPU ms so far (user + system, /proc/self/stat), as the app's StartupPhases gives it; -1 if none. */
    static long processCpuMs() {
        try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/self/stat")) {
            String stat = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    static int nodes(javafx.scene.Node n) {
        int count = 1;
        if (n instanceof javafx.scene.Parent) {
            for (javafx.scene.Node c : ((javafx.scene.Parent) n).getChildrenUnmodifiable()) {
                count += nodes(c);
            }
        }
        return count;
    }

    public static void main(String[] args) {
        mark("main");
        Application.launch(App.class, args);
    }

    /** The window: one Label. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            mark("start");
            stage.setTitle("bare");
            stage.setScene(new Scene(new StackPane(new Label("bare")), 640, 400));
            showAndReport(stage);
        }

        /** Marks "built", (with phases) runs and marks the CSS and layout passes, shows the stage and reports. */
        static void showAndReport(Stage stage) {
            mark("built");
            if (PHASES) {
                stage.getScene().getRoot().applyCss();
                mark("css");
                stage.getScene().getRoot().layout();
                mark("layout");
            }
            stage.setOnShown(e -> {
                mark("shown");
                if (PHASES) {
                    System.out.println("STARTUP_PHASES " + MARKS + " nodes=" + nodes(stage.getScene().getRoot()));
                }
                long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println("STARTUP_MS=" + ms);
                Platform.runLater(Platform::exit);
            });
            stage.show();
        }
    }
}
