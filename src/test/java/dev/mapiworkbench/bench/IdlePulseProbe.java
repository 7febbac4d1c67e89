package dev.mapiworkbench.bench;

import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.ui.FxDialogService;
import java.lang.reflect.Field;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.stage.Stage;

/**
 * Probe (issue 12, not a timed test): does the idle window pulse? Opens the real window on a fresh
 * profile (headless Monocle unless {@code -Dgui}), logs on, opens N extra objects (default 12,000)
 * so the open-objects table is full, waits until it shows them, then watches the window for a few
 * seconds with nothing happening: counts the pulses (scene post-layout listener) and, at each
 * pulse, lists the nodes the pulse found dirty (JavaFX's private {@code Node.dirtyBits}, read by
 * reflection: a diagnostic only), so the cause of an idle redraw can be named.
 *
 * <pre>mvn -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.mapiworkbench.bench.IdlePulseProbe
 *     [-Dexec.args="12000 3"]   (objects, seconds watched)</pre>
 */
public final class IdlePulseProbe {

    private IdlePulseProbe() {}

    public static void main(String[] args) {
        BenchSupport.runMain("IdlePulseProbe", IdlePulseProbe::run, args);
    }

    private static void run(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 12_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        BenchSupport.startToolkit();
        GuiOptions options = BenchSupport.probeOptions("idle-pulse-probe");
        Field dirtyBits = Node.class.getDeclaredField("dirtyBits");
        dirtyBits.setAccessible(true);
        Map<String, Integer> dirty = new TreeMap<>();
        long[] pulses = {0};
        boolean[] armed = {false};
        Workbench wb = BenchSupport.fx(
                () -> {
                    Workbench w = Workbench.create(new Stage(), options, FxDialogService::new, () -> {});
                    w.stage().show();
                    return w;
                },
                120);
        BenchSupport.logOnAndWait(wb);
        BenchSupport.fill(wb.client(), objects, "idle probe buffer");
        int expected = wb.client().ledgerSnapshot().size();
        BenchSupport.waitFor(
                () -> BenchSupport.fx(() -> wb.model().openObjects().size() == expected, 60),
                120_000,
                20,
                "the open-objects view");
        TimeUnit.SECONDS.sleep(2); // let the last snapshot land
        BenchSupport.fx(
                () -> {
                    // before the pulse's sync, the nodes that asked for it still carry their dirty bits
                    wb.stage().getScene().addPostLayoutPulseListener(() -> {
                        if (!armed[0]) {
                            return;
                        }
                        pulses[0]++;
                        collect(wb.stage().getScene().getRoot(), dirtyBits, dirty, "");
                    });
                    armed[0] = true;
                    return null;
                },
                60);
        TimeUnit.SECONDS.sleep(seconds);
        BenchSupport.fx(
                () -> {
                    armed[0] = false;
                    return null;
                },
                60);
        System.out.printf(
                Locale.ROOT,
                "IdlePulseProbe: %d rows shown, %d pulses in %d s with nothing happening (%.1f per second)%n",
                expected,
                pulses[0],
                seconds,
                pulses[0] / (double) seconds);
        dirty.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(25)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5d  %s%n", e.getValue(), e.getKey()));
        Platform.exit();
        System.exit(0);
    }

    private static void collect(Node node, Field dirtyBits, Map<String, Integer> dirty, String path) {
        String here = path + "/" + describe(node);
        try {
            if (dirtyBits.getInt(node) != 0) {
                dirty.merge(here, 1, Integer::sum);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, dirtyBits, dirty, node.getId() != null ? "#" + node.getId() : path);
            }
        }
    }

    private static String describe(Node node) {
        String id = node.getId() != null ? "#" + node.getId() : "";
        return node.getClass().getSimpleName() + id + node.getStyleClass();
    }
}
