package dev.mapiworkbench.ui;

import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tool (not a test): opens the real window on a fresh demo profile, queues two messages on a
 * slow transport and takes scene snapshots of the main window, the logoff dialog and the teardown
 * panel mid-run (the after-sending wait) and finished. Run it on a display (Xvfb):
 * {@code xvfb-run -a -s "-screen 0 1400x900x24" mvn -q -B test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.mapiworkbench.ui.UiScreenshots -Dexec.args=assets/screenshots}.
 */
public final class UiScreenshots {

    private static final Logger LOG = LoggerFactory.getLogger(UiScreenshots.class);

    private UiScreenshots() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets/screenshots");
        Files.createDirectories(out);
        Path profile = Files.createTempDirectory("workbench-shots");
        boolean dark = args.length > 1 && args[1].equals("--dark");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);

        GuiOptions options =
                GuiOptions.parse("--profile", profile.toString(), "--transport-latency", "4000", "--mapi-util");
        TeardownRequest afterSending =
                TeardownRequest.of(Plan.DESKTOP, Mode.AFTER_SENDING).withAllowUi(true);
        Workbench wb = fx(() -> {
            Stage stage = new Stage();
            Workbench w = Workbench.create(
                    stage,
                    options,
                    owner -> new FxDialogService(owner) {
                        @Override
                        public Optional<TeardownRequest> askLogoff(LogoffDialogViewModel model) {
                            return Optional.of(afterSending);
                        }
                    },
                    () -> {});
            w.view().setDarkTheme(dark);
            stage.show();
            return w;
        });
        waitFor(() -> fx(() -> wb.model().loggedOnProperty().get()));
        wb.gateway().send(List.of("alice@example.com"), "Quarterly report", "Numbers attached.");
        wb.gateway().send(List.of("bob@example.org", "carol@example.net"), "Lunch on Friday?", "12:30?");
        waitFor(() -> fx(() ->
                wb.model().outbox().size() == 2 && wb.model().notifications().size() > 3));
        String suffix = dark ? "-dark" : "";
        shoot(wb.stage().getScene(), out.resolve("main-window" + suffix + ".png"));

        // the logoff dialog as the person would see it now
        Scene dialogScene = fx(() -> {
            List<String> pending = wb.model().outbox().stream()
                    .filter(SessionGateway.OutboxInfo::pending)
                    .map(SessionGateway.OutboxInfo::display)
                    .toList();
            LogoffDialog d = new LogoffDialog(new LogoffDialogViewModel(pending, false));
            d.initOwner(wb.stage());
            d.show();
            return d.getDialogPane().getScene();
        });
        settle();
        shoot(dialogScene, out.resolve("logoff-dialog" + suffix + ".png"));
        fx(() -> {
            ((Stage) dialogScene.getWindow()).close();
            return null;
        });

        fx(() -> {
            wb.model().requestLogoff();
            return null;
        });
        waitFor(() -> fx(() -> wb.model().teardown().waitPhaseProperty().get()
                && wb.model().teardown().waitItems().size() == 2));
        settle();
        shoot(wb.stage().getScene(), out.resolve("teardown-running" + suffix + ".png"));
        waitFor(() -> fx(() -> wb.model().teardown().finishedProperty().get()));
        settle();
        shoot(wb.stage().getScene(), out.resolve("teardown-finished" + suffix + ".png"));
        LOG.info("screenshots written to {}", out.toAbsolutePath());
        Platform.exit();
        System.exit(0);
    }

    private static void shoot(Scene scene, Path file) throws Exception {
        var image = fx(() -> scene.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        LOG.info("wrote {}", file);
    }

    /** Lets a few pulses pass so layout and CSS settle. */
    private static void settle() throws Exception {
        for (int i = 0; i < 5; i++) {
            fx(() -> null);
            TimeUnit.MILLISECONDS.sleep(60);
        }
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return dev.mapiworkbench.bench.BenchSupport.fx(c, 30);
    }

    private static void waitFor(dev.mapiworkbench.bench.BenchSupport.Check check) throws Exception {
        dev.mapiworkbench.bench.BenchSupport.waitFor(check, 60_000, 50, "the window");
    }
}
