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
 * {@code --print-startup-time --exit-after-shown}. Compiled by the script, not by Maven.
 */
public final class BareWindow {

    private BareWindow() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The window: one Label. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("bare");
            stage.setScene(new Scene(new StackPane(new Label("bare")), 640, 400));
            stage.setOnShown(e -> {
                long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println("STARTUP_MS=" + ms);
                Platform.runLater(Platform::exit);
            });
            stage.show();
        }
    }
}
