package dev.mapiworkbench.ui.report;

import dev.mapiworkbench.ui.BackgroundExecutor;
import dev.mapiworkbench.ui.DialogService;
import dev.mapiworkbench.ui.FxEventPump;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;

/**
 * The Notes tab's state (docs/report.md, docs/automation.md): the test session's charter and notes (saved
 * in the background after every change, one save at a time, so a crash loses at most the keystroke being
 * saved), its runs and screenshots, Take screenshot, New session and File › Export report… (written off the
 * FX thread with progress). Without a {@link TestSessionStore} (a gateway that keeps no profile folder) it is
 * unavailable. All methods are called on the FX thread.
 */
public final class NotesViewModel {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NotesViewModel.class);

    private final BackgroundExecutor executor;
    private final DialogService dialogs;
    private final FxEventPump pump;

    private final StringProperty charter = new SimpleStringProperty(this, "charter", "");
    private final StringProperty notes = new SimpleStringProperty(this, "notes", "");
    private final ReadOnlyStringWrapper status =
            new ReadOnlyStringWrapper(this, "status", "No test session: this window keeps no profile folder.");
    private final ReadOnlyStringWrapper folder = new ReadOnlyStringWrapper(this, "folder", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(this, "exporting");
    private final ObservableList<String> items = FXCollections.observableArrayList();
    private final Object progressKey = new Object();

    private TestSessionStore store;
    private Supplier<Image> camera = () -> null;
    /** Set while a loaded session fills the fields: that is not typing, nothing to save. */
    private boolean applying;

    private boolean saving;
    private boolean dirty;

    public NotesViewModel(BackgroundExecutor executor, DialogService dialogs, FxEventPump pump) {
        this.executor = executor;
        this.dialogs = dialogs;
        this.pump = pump;
        charter.addListener((obs, was, now) -> changed());
        notes.addListener((obs, was, now) -> changed());
    }

    /** Opens the session {@code sessions} keeps (read in the background); the pane becomes available. */
    public void attach(TestSessionStore sessions) {
        this.store = sessions;
        status.set("Opening the test session…");
        executor.submit("open test session", sessions::load, this::apply, error -> {
            status.set("The test session could not be opened: " + error.getMessage());
            LOG.warn("the test session could not be opened", error);
        });
    }

    /** What takes a screenshot: the main window's scene as an image (null when there is no window). */
    public void setCamera(Supplier<Image> camera) {
        this.camera = camera;
    }

    private void apply(TestSessionStore.Snapshot s) {
        applying = true;
        try {
            charter.set(s.charter());
            notes.set(s.notes());
        } finally {
            applying = false;
        }
        items.setAll(s.items());
        folder.set(s.folder());
        available.set(true);
        status.set("Test session started " + s.startedAt() + ", saved in " + s.folder());
    }

    private void changed() {
        if (applying || store == null) {
            return;
        }
        if (saving) {
            dirty = true;
            return;
        }
        saving = true;
        String c = charter.get();
        String n = notes.get();
        TestSessionStore s = store;
        executor.submit(
                "save notes",
                () -> {
                    s.saveNotes(c, n);
                    return Boolean.TRUE;
                },
                ok -> saved(),
                error -> {
                    saved();
                    status.set("The notes could not be saved: " + error.getMessage());
                    LOG.warn("the test session's notes could not be saved", error);
                });
    }

    private void saved() {
        saving = false;
        if (dirty) {
            dirty = false;
            changed();
        }
    }

    /** Take screenshot: the main window as a PNG in the session folder. */
    public void takeScreenshot() {
        capture("taken with the button");
    }

    /**
     * A run ended: its saved transcript joins the session, and a run that did not end clean (errors, warnings, a
     * leak or a finding) gets a screenshot of the window as it ended.
     */
    public void runFinished(Optional<Path> savedTo, String result, int leaks, int findings) {
        if (store == null) {
            return;
        }
        TestSessionStore s = store;
        savedTo.ifPresent(file -> executor.submit(
                "add run to the test session",
                () -> s.addRun(file),
                items::add,
                error -> status.set("The run was not added to the test session: " + error.getMessage())));
        if (!"clean".equals(result) || leaks > 0 || findings > 0) {
            capture("automatic: the run ended with " + result + ", " + leaks + " leak(s), " + findings + " finding(s)");
        }
    }

    private void capture(String reason) {
        if (store == null) {
            return;
        }
        Image image = camera.get();
        if (image == null) {
            status.set("No window to take a screenshot of.");
            return;
        }
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        PixelReader reader = image.getPixelReader();
        if (w <= 0 || h <= 0 || reader == null) {
            status.set("The screenshot came out empty.");
            return;
        }
        int[] argb = new int[w * h];
        reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        TestSessionStore s = store;
        executor.submit(
                "save screenshot",
                () -> s.addScreenshot(png(argb, w, h), reason),
                line -> {
                    items.add(line);
                    status.set("Screenshot saved (" + reason + ").");
                },
                error -> status.set("The screenshot could not be saved: " + error.getMessage()));
    }

    /** The pixels (ARGB, row by row) as a PNG; any thread. */
    static byte[] png(int[] argb, int w, int h) throws IOException {
        java.awt.image.BufferedImage img =
                new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, argb, 0, w);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!javax.imageio.ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return out.toByteArray();
    }

    /** New session: the current one stays on disk; the fields empty. */
    public void newSession() {
        if (store == null || exporting.get()) {
            return;
        }
        TestSessionStore s = store;
        String c = charter.get();
        String n = notes.get();
        executor.submit(
                "new test session",
                () -> {
                    s.saveNotes(c, n);
                    return s.startNew();
                },
                this::apply,
                error -> status.set("A new test session could not be started: " + error.getMessage()));
    }

    /** File › Export report…: asks where, then writes the HTML and the .zip in the background. */
    public void exportReport() {
        if (store == null || exporting.get()) {
            return;
        }
        String name = "test-session-"
                + LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + ".html";
        Optional<Path> chosen = dialogs.chooseReportFile(name);
        if (chosen.isEmpty()) {
            return;
        }
        Path html = chosen.get();
        TestSessionStore s = store;
        String c = charter.get();
        String n = notes.get();
        exporting.set(true);
        progress.set(0);
        status.set("Writing the report to " + html + "…");
        executor.submit(
                "export report",
                () -> s.exportReport(
                        html,
                        c,
                        n,
                        p -> pump.postLatest(progressKey, () -> {
                            if (exporting.get()) {
                                progress.set(p);
                            }
                        })),
                zip -> {
                    exporting.set(false);
                    progress.set(1);
                    status.set("Report written to " + html + " (raw JSON and notes in " + zip.getFileName() + ")");
                },
                error -> {
                    exporting.set(false);
                    progress.set(0);
                    status.set("The report was not written.");
                    dialogs.showError("Could not write the report to " + html + ": " + error.getMessage(), error);
                });
    }

    public StringProperty charterProperty() {
        return charter;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The session folder ({@code <profile>/sessions/<start>}), "" before it is open. */
    public ReadOnlyStringProperty folderProperty() {
        return folder.getReadOnlyProperty();
    }

    /** 0..1 while a report is written. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** True once a session is open. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** True while a report is written. */
    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    /** The session's runs and screenshots, one line each, in the order they came. */
    public ObservableList<String> items() {
        return items;
    }
}
