package dev.mapiworkbench.ui;

import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.Workbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Open the Workbench on a temp profile", once for every UI test (issue 10). Register it beside TestFX's
 * {@code ApplicationExtension} (which must come first, so the primary stage exists):
 *
 * <pre>{@code
 * @ExtendWith(ApplicationExtension.class)
 * class FooTest {
 *     @RegisterExtension
 *     final WorkbenchFixture app = new WorkbenchFixture();
 *
 *     @Test
 *     void something(FxRobot robot) throws Exception {
 *         Workbench wb = app.open("--fault", "IMAPISession::Logoff=block"); // logged on, zero latency
 *         robot.clickOn("#logoffButton");
 *         WorkbenchFixture.waitUntil(() -> wb.model().tearingDownProperty().get());
 *     }
 * }
 * }</pre>
 *
 * Each test gets a fresh temp profile; after it the window is hidden and closed and the profile deleted.
 */
public final class WorkbenchFixture implements BeforeEachCallback, AfterEachCallback {

    /** Seconds any single wait may take (a shared, busy machine logs on slowly; a wait ends as soon as it holds). */
    public static final int TIMEOUT = 60;

    /**
     * How long the teardown waits for the window's background writers after closing it (a write takes
     * milliseconds; work stuck behind a blocked MAPI call is no writer, and must not hold every such test up).
     */
    private static final java.time.Duration WRITERS_WAIT = java.time.Duration.ofSeconds(10);

    private Function<Supplier<Window>, DialogService> dialogFactory = FixtureDialogs::new;
    private Path profile;
    private Stage stage;
    private Workbench wb;
    private DialogService dialogs;
    private final AtomicInteger exits = new AtomicInteger();

    /** The dialogs the window gets (default {@link FixtureDialogs}); call before {@link #open}. */
    public WorkbenchFixture dialogs(Function<Supplier<Window>, DialogService> factory) {
        this.dialogFactory = factory;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        profile = Files.createTempDirectory("workbench-profile");
        stage = FxToolkit.registerPrimaryStage();
        exits.set(0);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        boolean writersDone = true;
        try {
            if (wb != null) {
                Workbench w = wb;
                WaitForAsyncUtils.asyncFx(() -> w.stage().hide()).get(TIMEOUT, TimeUnit.SECONDS);
                WaitForAsyncUtils.waitForFxEvents();
                w.close(); // waits for the history saves of finished runs (decision 0841)
                // the app's writers into the profile (the Notes tab's test session, screenshots) end before it is
                // deleted: deleting under them gave DirectoryNotEmptyException (session 7's closing note)
                writersDone = w.awaitClosed(WRITERS_WAIT);
            }
        } finally {
            wb = null;
            deleteTree(profile, writersDone);
        }
    }

    /**
     * Opens the window on the temp profile with these options ({@code --transport-latency 0} unless given),
     * shows it and, unless {@code --no-logon}, waits for the logon.
     */
    public Workbench open(String... extra) throws Exception {
        return open(w -> {}, extra);
    }

    /** The same, running {@code beforeShow} on the FX thread between building the window and showing it. */
    public Workbench open(Consumer<Workbench> beforeShow, String... extra) throws Exception {
        Workbench w = show(beforeShow, extra);
        if (!List.of(extra).contains("--no-logon")) {
            waitUntil(() -> wb.model().loggedOnProperty().get());
        }
        return w;
    }

    /** Builds and shows the window like {@link #open} but does not wait for the logon (a logon that must fail). */
    public Workbench openWithoutWaiting(String... extra) throws Exception {
        return show(w -> {}, extra);
    }

    private Workbench show(Consumer<Workbench> beforeShow, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--profile", profile.toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--transport-latency")) {
            args.addAll(List.of("--transport-latency", "0"));
        }
        GuiOptions options = GuiOptions.parse(args.toArray(String[]::new));
        WaitForAsyncUtils.asyncFx(() -> {
                    wb = Workbench.create(
                            stage, options, owner -> dialogs = dialogFactory.apply(owner), exits::incrementAndGet);
                    beforeShow.accept(wb);
                    stage.show();
                    stage.requestFocus();
                })
                .get(TIMEOUT, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return wb;
    }

    /** The open window (null before {@link #open}). */
    public Workbench wb() {
        return wb;
    }

    /** The window's dialogs, as the factory made them. */
    public <D extends DialogService> D dialogs(Class<D> type) {
        return type.cast(dialogs);
    }

    /** How often the window asked the app to exit. */
    public int exits() {
        return exits.get();
    }

    /** This test's profile directory. */
    public Path profile() {
        return profile;
    }

    /** The stage the window is on. */
    public Stage stage() {
        return stage;
    }

    /** Runs {@code c} on the FX thread and returns its value. */
    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(TIMEOUT, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits (up to {@value #TIMEOUT} s) until {@code condition}, evaluated on the FX thread, holds. */
    public static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT, TimeUnit.SECONDS, () -> fx(condition));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Deletes {@code dir} and everything in it. A file that appears while it is deleted (a writer of the app that
     * has not ended: {@code writersDone} false) makes it walk again, a few times; if the folder is still there then,
     * the failure names what is left and whether the app's background work had ended, so a writer that keeps going
     * after the window closed is a failure, not a leftover folder.
     */
    static void deleteTree(Path dir, boolean writersDone) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (dir == null || !Files.exists(dir)) {
                return;
            }
            try {
                deleteOnce(dir);
                return;
            } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
                last = e; // something was written (or removed) under the walk: walk again
            } catch (java.io.UncheckedIOException e) {
                last = e.getCause();
            }
            WaitForAsyncUtils.waitForFxEvents();
        }
        List<String> left = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(p -> left.add(dir.relativize(p).toString()));
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // the listing is only for the message
        }
        throw new IOException(
                "the test profile " + dir + " could not be deleted; still there: " + left
                        + (writersDone
                                ? ""
                                : " (the window's background work had not ended " + WRITERS_WAIT.toSeconds()
                                        + " s after it closed)"),
                last);
    }

    private static void deleteOnce(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
