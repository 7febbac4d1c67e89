package dev.mapiworkbench.app;

import dev.mapiworkbench.ui.DividerMemory;
import dev.mapiworkbench.ui.MainView;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's size, position, maximised state and split positions, remembered per user
 * (not per profile) in {@code ~/.mapi-workbench/window.properties} (decision 0100).
 *
 * <p>Sizes are set on the stage explicitly before it is shown: under a window manager JavaFX's
 * GTK glass otherwise maps the window at its 200×200 default before the scene's size reaches it
 * (issue 10, item 2). The size is clamped to the visual bounds of the screen it opens on, and a
 * remembered position that is no longer on any screen is replaced by a centred one.
 * {@link #defaults()} has no file: the same sizing, nothing saved.
 */
public final class WindowState {

    private static final Logger LOG = LoggerFactory.getLogger(WindowState.class);

    /** The size a first start asks for (the layout the screenshots show). */
    public static final double DEFAULT_WIDTH = 1180;

    public static final double DEFAULT_HEIGHT = 760;
    /** The smallest size at which nothing that matters is elided (issue 10, item 16). */
    public static final double MIN_WIDTH = 800;

    public static final double MIN_HEIGHT = 550;

    private final Path file;
    private final Properties values = new Properties();
    /** The bounds {@link #applyTo(Stage)} asked for (null before). */
    private Rectangle2D asked;

    private WindowState(Path file) {
        this.file = file;
    }

    /** Defaults only, never saved (tests and embedders that do not want a file). */
    public static WindowState defaults() {
        return new WindowState(null);
    }

    /** System property that moves the file (automation that must not touch the home folder). */
    public static final String FILE_PROPERTY = "mapi.workbench.windowState";

    /** The per-user file: {@code ~/.mapi-workbench/window.properties}, or {@value #FILE_PROPERTY}. */
    public static Path defaultFile() {
        String override = System.getProperty(FILE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".mapi-workbench", "window.properties");
    }

    /** Reads {@code file}; a missing or unreadable file means "first start" (logged, not fatal). */
    public static WindowState load(Path file) {
        WindowState state = new WindowState(file);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("could not read the window state {}; using the defaults", file, e);
                state.values.clear();
            }
        }
        return state;
    }

    /**
     * Sizes and places {@code stage} (before it is shown) from the remembered values, clamped to
     * the screen; sets the minimum size.
     */
    public void applyTo(Stage stage) {
        double w = number("width", DEFAULT_WIDTH);
        double h = number("height", DEFAULT_HEIGHT);
        double x = number("x", Double.NaN);
        double y = number("y", Double.NaN);
        Rectangle2D screen = screenFor(x, y, w, h);
        Rectangle2D placed = place(screen, x, y, w, h);
        stage.setMinWidth(Math.min(MIN_WIDTH, screen.getWidth()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, screen.getHeight()));
        setBounds(stage, placed);
        asked = placed;
        keepOnScreen(stage);
        boolean maximized = Boolean.parseBoolean(values.getProperty("maximized"));
        if (maximized) {
            stage.setMaximized(true);
        }
        if (!stage.isShowing()) {
            // some window managers answer the first map with a size of their own (GTK's 200×200
            // default, or the minimum size); ask again once, after the window is up
            afterFirstShown(stage, () -> {
                if (!maximized
                        && !stage.isMaximized()
                        && (Math.abs(stage.getWidth() - placed.getWidth()) > 1
                                || Math.abs(stage.getHeight() - placed.getHeight()) > 1)) {
                    LOG.debug(
                            "window came up at {}x{}, asking for {}x{} again",
                            stage.getWidth(),
                            stage.getHeight(),
                            placed.getWidth(),
                            placed.getHeight());
                    setBounds(stage, placed);
                }
            });
        }
    }

    /**
     * Runs {@code action} once, on the FX pulse after the stage first reaches the size {@link #applyTo(Stage)} asked
     * for after being shown at another: under a window manager the window can be mapped smaller and resized only
     * then, and a split pane laid out too small for its parts' minimum sizes moves its dividers (decision 0602).
     * Nothing runs when the stage keeps the size it was given, or is maximised, or once the person has pressed a
     * mouse button in the window.
     */
    public void whenSizedAsAsked(Stage stage, Runnable action) {
        Rectangle2D want = asked;
        if (want == null || stage.isMaximized()) {
            return;
        }
        boolean[] movedAway = {false};
        javafx.beans.InvalidationListener[] listener = {null};
        listener[0] = o -> {
            boolean atSize = Math.abs(stage.getWidth() - want.getWidth()) <= 1
                    && Math.abs(stage.getHeight() - want.getHeight()) <= 1;
            if (!atSize) {
                movedAway[0] = true;
            } else if (movedAway[0] && stage.isShowing()) {
                stage.widthProperty().removeListener(listener[0]);
                stage.heightProperty().removeListener(listener[0]);
                Platform.runLater(action);
            }
        };
        stage.widthProperty().addListener(listener[0]);
        stage.heightProperty().addListener(listener[0]);
        // once the person uses the mouse (a divider is dragged with it), their layout is theirs: no more resets
        stage.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, new EventHandler<>() {
            @Override
            public void handle(javafx.scene.input.MouseEvent e) {
                stage.removeEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, this);
                stage.widthProperty().removeListener(listener[0]);
                stage.heightProperty().removeListener(listener[0]);
            }
        });
    }

    /** The stage's properties key: {@link #keepOnScreen} is installed. */
    private static final Object KEPT_ON_SCREEN = new Object();

    /**
     * Fits {@code stage} to the visual bounds of its screen whenever it becomes larger than them (once per stage):
     * its width and height include the window manager's decorations, which are known only once the window is
     * up. Under Openbox a window asked at the screen's full size (a remembered 1920×1080 on a 1920×1080 screen,
     * {@code xdotool windowsize}) got its title bar on top and the status bar lay below the screen's edge
     * (decision 0801). A window no larger than the screens it lies on is left where the person put it, even
     * partly off them; a maximised or full-screen one is the window manager's.
     */
    static void keepOnScreen(Stage stage) {
        if (stage.getProperties().putIfAbsent(KEPT_ON_SCREEN, true) != null) {
            return;
        }
        boolean[] queued = {false};
        int[] fits = {0};
        javafx.beans.InvalidationListener check = o -> {
            if (queued[0]) {
                return;
            }
            queued[0] = true;
            // once the change is whole: a setter's own bounds reach the window after its listeners have run
            Platform.runLater(() -> {
                queued[0] = false;
                if (!stage.isShowing() || stage.isMaximized() || stage.isFullScreen() || stage.isIconified()) {
                    return;
                }
                Rectangle2D now = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
                Rectangle2D fitted = fit(now, screensOf(now));
                if (fitted.equals(now)) {
                    fits[0] = 0;
                } else if (fits[0]++ < 3) { // a window manager that insists keeps its size: no tug of war
                    LOG.debug("window {} larger than the screen, fitted to {}", now, fitted);
                    setBounds(stage, fitted);
                }
            });
        };
        stage.widthProperty().addListener(check);
        stage.heightProperty().addListener(check);
        stage.showingProperty().addListener(check);
    }

    /**
     * The visual bounds of the screens {@code window} lies on, the one under its centre first (the primary screen
     * when it lies on none).
     */
    private static java.util.List<Rectangle2D> screensOf(Rectangle2D window) {
        java.util.List<Rectangle2D> all = new java.util.ArrayList<>();
        Screen.getScreensForRectangle(
                        window.getMinX() + window.getWidth() / 2, window.getMinY() + window.getHeight() / 2, 1, 1)
                .forEach(s -> all.add(s.getVisualBounds()));
        Screen.getScreensForRectangle(window).stream()
                .map(Screen::getVisualBounds)
                .filter(v -> !all.contains(v))
                .forEach(all::add);
        if (all.isEmpty()) {
            all.add(Screen.getPrimary().getVisualBounds());
        }
        return all;
    }

    /**
     * {@code window} fitted to {@code screens} (visual bounds, the one under its centre first): in each direction
     * in which it is larger than all of them together, it gets the size and place of the first; in the other it
     * stays as it is.
     */
    static Rectangle2D fit(Rectangle2D window, java.util.List<Rectangle2D> screens) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Rectangle2D v : screens) {
            minX = Math.min(minX, v.getMinX());
            minY = Math.min(minY, v.getMinY());
            maxX = Math.max(maxX, v.getMaxX());
            maxY = Math.max(maxY, v.getMaxY());
        }
        Rectangle2D home = screens.get(0);
        double x = window.getMinX();
        double y = window.getMinY();
        double w = window.getWidth();
        double h = window.getHeight();
        if (w > maxX - minX + 0.5) {
            w = home.getWidth();
            x = home.getMinX();
        }
        if (h > maxY - minY + 0.5) {
            h = home.getHeight();
            y = home.getMinY();
        }
        return new Rectangle2D(x, y, w, h);
    }

    /** Runs {@code action} once, on the FX pulse after the stage is first shown. */
    static void afterFirstShown(Stage stage, Runnable action) {
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, new EventHandler<WindowEvent>() {
            @Override
            public void handle(WindowEvent event) {
                stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                Platform.runLater(action);
            }
        });
    }

    private static void setBounds(Stage stage, Rectangle2D placed) {
        stage.setWidth(placed.getWidth());
        stage.setHeight(placed.getHeight());
        stage.setX(placed.getMinX());
        stage.setY(placed.getMinY());
    }

    /**
     * Where a window of {@code w}×{@code h} at ({@code x}, {@code y}) goes on {@code screen}:
     * never larger than the screen, and centred when the position is unknown or off the screen.
     */
    static Rectangle2D place(Rectangle2D screen, double x, double y, double w, double h) {
        double width = Math.min(Math.max(w, MIN_WIDTH), screen.getWidth());
        double height = Math.min(Math.max(h, MIN_HEIGHT), screen.getHeight());
        boolean known = !Double.isNaN(x) && !Double.isNaN(y);
        boolean onScreen = known
                && screen.intersects(x, y, width, height)
                && screen.contains(x + Math.min(width, 100) / 2, y + 10);
        if (!onScreen) {
            x = screen.getMinX() + (screen.getWidth() - width) / 2;
            y = screen.getMinY() + (screen.getHeight() - height) / 2;
        }
        x = Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - width));
        y = Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - height));
        return new Rectangle2D(x, y, width, height);
    }

    private static Rectangle2D screenFor(double x, double y, double w, double h) {
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            var screens = Screen.getScreensForRectangle(x, y, Math.max(1, w), Math.max(1, h));
            if (!screens.isEmpty()) {
                return screens.get(0).getVisualBounds();
            }
        }
        return Screen.getPrimary().getVisualBounds();
    }

    /** Sets the remembered divider positions of {@code panes} (name → split pane). */
    public void applyTo(Map<String, SplitPane> panes) {
        panes.forEach((name, pane) -> {
            // without a remembered position, the view's default: the pane's own may have been moved by a first
            // layout at a smaller size (under a window manager, decision 0602)
            double[] positions = pane.getProperties().get(MainView.DEFAULT_DIVIDERS) instanceof double[] d
                            && d.length == pane.getDividers().size()
                    ? d.clone()
                    : pane.getDividerPositions();
            for (int i = 0; i < positions.length; i++) {
                double p = number("split." + name + "." + i, Double.NaN);
                if (p > 0.02 && p < 0.98) {
                    positions[i] = p;
                }
            }
            // the wanted positions: a smaller window moves the dividers only while it is small (decision 0701)
            DividerMemory.want(pane, positions);
        });
    }

    /** Takes the stage's current bounds (the normal bounds stay when it is maximised) and the dividers. */
    public void capture(Stage stage, Map<String, SplitPane> panes) {
        values.setProperty("maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized() && !stage.isIconified()) {
            values.setProperty("x", Double.toString(stage.getX()));
            values.setProperty("y", Double.toString(stage.getY()));
            values.setProperty("width", Double.toString(stage.getWidth()));
            values.setProperty("height", Double.toString(stage.getHeight()));
        }
        panes.forEach((name, pane) -> {
            // where the person wants them, not where a small window or a teardown moved them (decision 0701)
            double[] positions = DividerMemory.wanted(pane);
            for (int i = 0; i < positions.length; i++) {
                values.setProperty("split." + name + "." + i, Double.toString(positions[i]));
            }
        });
    }

    /** Writes the file (beside it first, then moved into place); a failure is logged, not thrown. */
    public void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "window", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                values.store(out, "MAPI Logoff Workbench: main window (per user)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not save the window state to {}", file, e);
        }
    }

    /** The remembered values (tests). */
    Map<String, String> values() {
        Map<String, String> copy = new LinkedHashMap<>();
        values.stringPropertyNames().stream().sorted().forEach(k -> copy.put(k, values.getProperty(k)));
        return copy;
    }

    private double number(String key, double fallback) {
        String v = values.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
