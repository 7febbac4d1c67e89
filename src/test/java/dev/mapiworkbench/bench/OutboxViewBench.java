package dev.mapiworkbench.bench;

import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import java.nio.file.Path;
import java.util.Locale;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * Issue 12's "the window's Outbox view shows them ≤ 1 s after logon" with N queued (decision 0530): the real
 * window (headless Monocle unless {@code -Dgui}) on a profile whose Outbox already holds N queued messages (made
 * by {@code ClientScaleBench fill N DIR}; use a copy, the run changes it), the transport offline. Times, from
 * the logon's start: the logon; the queue table drawing its first rows (real subjects, not placeholders); the
 * window's count "Outbox queue (N pending)" reaching N; End in the table drawing the last message. Then the
 * heap in use. Run it with {@code -Xmx256m}:
 *
 * <pre>
 * java -Xmx256m -cp $CP dev.mapiworkbench.bench.OutboxViewBench 100000 target/cs100k-copy
 * </pre>
 */
public final class OutboxViewBench {

    private OutboxViewBench() {}

    public static void main(String[] args) {
        BenchSupport.runMain("OutboxViewBench", OutboxViewBench::run, args);
    }

    private static void run(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        System.out.printf(
                Locale.ROOT,
                "OutboxViewBench: %,d queued in %s, max heap %d MB, %d cores, JDK %s%n",
                n,
                dir,
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        BenchSupport.startToolkit();
        GuiOptions options = GuiOptions.parse(
                "--profile",
                dir.toString(),
                "--transport-latency",
                "0",
                "--transport-offline",
                "--no-logon",
                "--no-logoff-ui");
        Workbench wb = BenchSupport.shownWindow(options);
        @SuppressWarnings("unchecked")
        TableView<OutboxInfo> table = (TableView<OutboxInfo>)
                BenchSupport.fx(() -> wb.stage().getScene().lookup("#outboxTable"), 60);
        long t0 = System.nanoTime();
        long logon = BenchSupport.logOnAndWait(wb);
        BenchSupport.waitFor(() -> BenchSupport.fx(() -> drawn(table, 0), 60), 300_000, 5, "the first rows");
        long firstRows = System.nanoTime() - t0;
        BenchSupport.waitFor(
                () -> BenchSupport.fx(
                        () -> wb.model().pendingCountProperty().get() >= n
                                && table.getItems().size() >= n,
                        60),
                600_000,
                5,
                "all of the queue in the view");
        long all = System.nanoTime() - t0;
        long e0 = System.nanoTime();
        BenchSupport.fx(
                () -> {
                    table.requestFocus();
                    table.getSelectionModel().select(table.getItems().size() - 1);
                    table.scrollTo(table.getItems().size() - 1);
                    return null;
                },
                60);
        int last = n - 1;
        BenchSupport.waitFor(() -> BenchSupport.fx(() -> drawn(table, last), 60), 300_000, 5, "the last row");
        long end = System.nanoTime() - e0;
        System.gc();
        Runtime r = Runtime.getRuntime();
        long used = (r.totalMemory() - r.freeMemory()) >> 20;
        System.out.printf(
                Locale.ROOT,
                "logon %.0f ms; first rows drawn %.0f ms after the logon began (target: <= 1 s after logon: %.0f ms"
                        + " after it); all %,d in the view and its count %.0f ms; End draws the last row %.0f ms;"
                        + " heap used after GC %d MB%n",
                logon / 1e6,
                firstRows / 1e6,
                (firstRows - logon) / 1e6,
                n,
                all / 1e6,
                end / 1e6,
                used);
        // -Doutboxview.holdSeconds=N keeps the window up N more seconds (for jcmd GC.class_histogram)
        long hold = Long.getLong("outboxview.holdSeconds", 0L);
        if (hold > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "holding %d s (pid %d)%n",
                    hold,
                    ProcessHandle.current().pid());
            java.util.concurrent.TimeUnit.SECONDS.sleep(hold);
        }
        Platform.exit();
        System.exit(0);
    }

    /** True when the table draws row {@code index} with its message (not a placeholder). */
    private static boolean drawn(TableView<OutboxInfo> table, int index) {
        for (Node node : table.lookupAll(".table-row-cell")) {
            if (node instanceof TableRow<?> row
                    && row.isVisible()
                    && row.getIndex() == index
                    && row.getItem() instanceof OutboxInfo o
                    && !o.key().isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
