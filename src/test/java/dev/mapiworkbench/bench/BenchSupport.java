package dev.mapiworkbench.bench;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.Ledger;
import dev.mapiworkbench.mapi.EventType;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiTable;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** What the bench mains and the screenshot tool share: a 10k-object ledger, FX calls, polling waits. */
public final class BenchSupport {

    private BenchSupport() {}

    /** A bench main's body. */
    public interface Body {
        void run(String[] args) throws Exception;
    }

    /** Runs a bench main's body; a failure is printed and exits 1 (the FX thread would keep the JVM up). */
    public static void runMain(String name, Body body, String[] args) {
        try {
            body.run(args);
        } catch (Exception | Error e) {
            System.err.println(name + " failed: " + e);
            e.printStackTrace(System.err); // a bench main's own output
            System.exit(1);
        }
    }

    /** Starts the JavaFX toolkit: headless Monocle with the software pipeline unless {@code -Dgui}. */
    public static void startToolkit() throws Exception {
        if (System.getProperty("gui") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        CompletableFuture<Void> up = new CompletableFuture<>();
        Platform.startup(() -> up.complete(null));
        up.get(30, TimeUnit.SECONDS);
    }

    /** Builds the real window with {@code options} on the FX thread and shows it (the caller logs on and times it). */
    public static dev.mapiworkbench.app.Workbench shownWindow(dev.mapiworkbench.app.GuiOptions options)
            throws Exception {
        return fx(
                () -> {
                    var w = dev.mapiworkbench.app.Workbench.create(
                            new javafx.stage.Stage(), options, dev.mapiworkbench.ui.FxDialogService::new, () -> {});
                    w.stage().show();
                    return w;
                },
                120);
    }

    /**
     * The window probes' options: a fresh temporary profile, no transport latency, no logon at start
     * (the probe logs on itself) and no logoff dialog.
     */
    public static dev.mapiworkbench.app.GuiOptions probeOptions(String profilePrefix) throws java.io.IOException {
        java.nio.file.Path profile = java.nio.file.Files.createTempDirectory(profilePrefix);
        return dev.mapiworkbench.app.GuiOptions.parse(
                "--profile", profile.toString(), "--transport-latency", "0", "--no-logon", "--no-logoff-ui");
    }

    /**
     * Logs the window on as its Log on button does (on the FX thread) and waits until the window says logged on
     * and the client is; returns the nanoseconds from the call to then.
     */
    public static long logOnAndWait(dev.mapiworkbench.app.Workbench wb) throws Exception {
        long t0 = System.nanoTime();
        fx(
                () -> {
                    wb.model().logon();
                    return null;
                },
                60);
        waitFor(
                () -> fx(() -> wb.model().loggedOnProperty().get(), 60)
                        && wb.client().state() == dev.mapiworkbench.client.SessionState.LOGGED_ON,
                300_000,
                5,
                "the logon");
        return System.nanoTime() - t0;
    }

    /** A condition polled by {@link #waitFor}. */
    public interface Check {
        boolean ok() throws Exception;
    }

    /** Opens {@code n} extra objects (advising every tenth) and caches n/10 buffers, all in the ledger. */
    public static void fill(ClientSession session, int n, String bufferLabel) {
        Ledger ledger = session.ledger();
        MapiFolder outbox =
                (MapiFolder) ledger.byRole(Ledger.Role.OUTBOX).orElseThrow().object();
        for (int i = 0; i < n; i++) {
            MapiTable table = outbox.getContentsTable(0);
            Ledger.ObjectRecord rec = ledger.opened(table, Ledger.Role.OTHER);
            if (i % 10 == 0) {
                long conn = table.advise(EventType.fnevTableModified, list -> 0);
                ledger.advised(rec, "IMAPITable::Unadvise", conn, EventType.fnevTableModified, table::unadvise);
                MapiBuffer b = session.runtime().mapiAllocateBuffer(16);
                ledger.allocated(bufferLabel + " " + i, b);
            }
        }
    }

    /** Runs {@code c} on the FX thread and waits at most {@code seconds} for its result. */
    public static <T> T fx(Callable<T> c, long seconds) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(seconds, TimeUnit.SECONDS);
    }

    /** Polls {@code check} every {@code pollMillis} until it holds; fails after {@code timeoutMillis}. */
    public static void waitFor(Check check, long timeoutMillis, long pollMillis, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(pollMillis);
        }
    }
}
