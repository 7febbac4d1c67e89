package dev.mapiworkbench.ui;

import java.util.function.Supplier;
import javafx.beans.InvalidationListener;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * A split pane's wanted divider positions, kept apart from the positions its layout was forced to (issue 10 item 2,
 * decision 0701). A window made smaller than its parts' minimum sizes moves the dividers, and JavaFX keeps those
 * moved positions when the window grows again; with this, every change of the pane's size sets the wanted positions
 * again, and the layout moves them only as far as the minimum sizes need. The wanted positions are the default, the
 * remembered ones ({@code WindowState}) or where the person last dragged a divider; they are what the window saves.
 *
 * <p>A layout of the moment ({@link #hold}: the steps' height while a teardown is shown) is set the same way on
 * every resize until {@link #release}, without becoming the wanted position; a drag while it holds moves only it.
 */
public final class DividerMemory {

    private static final String KEY = "mapiworkbench.dividerMemory";

    private double[] wanted;
    private Supplier<double[]> held;
    private boolean dragging;

    private DividerMemory(double[] wanted) {
        this.wanted = wanted.clone();
    }

    /** Keeps {@code pane}'s wanted positions from now on, starting with its current ones. */
    public static void install(SplitPane pane) {
        DividerMemory m = new DividerMemory(pane.getDividerPositions());
        pane.getProperties().put(KEY, m);
        InvalidationListener resized = o -> m.apply(pane);
        pane.widthProperty().addListener(resized);
        pane.heightProperty().addListener(resized);
        // a divider dragged with the mouse: a press on one of this pane's own dividers (not a nested pane's)
        pane.addEventFilter(
                MouseEvent.MOUSE_PRESSED,
                e -> m.dragging = ownDivider(pane, e.getPickResult().getIntersectedNode()));
        pane.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (m.dragging) {
                m.dragging = false;
                double[] now = pane.getDividerPositions();
                if (m.held == null) {
                    m.wanted = now;
                } else {
                    m.held = () -> now;
                }
            }
        });
    }

    private static boolean ownDivider(SplitPane pane, Node picked) {
        for (Node n = picked; n != null && n != pane; n = n.getParent()) {
            if (n.getStyleClass().contains("split-pane-divider") && n.getParent() == pane) {
                return true;
            }
        }
        return false;
    }

    private static DividerMemory of(SplitPane pane) {
        return pane.getProperties().get(KEY) instanceof DividerMemory m ? m : null;
    }

    /** The positions {@code pane} should have when it is large enough: the wanted ones, or its current ones. */
    public static double[] wanted(SplitPane pane) {
        DividerMemory m = of(pane);
        return m == null || m.wanted.length != pane.getDividers().size()
                ? pane.getDividerPositions()
                : m.wanted.clone();
    }

    /** Sets {@code pane}'s wanted positions (a remembered layout) and its dividers to them. */
    public static void want(SplitPane pane, double... positions) {
        DividerMemory m = of(pane);
        if (m != null) {
            m.wanted = positions.clone();
            if (m.held != null) {
                return;
            }
        }
        pane.setDividerPositions(positions);
    }

    /** Until {@link #release}: the positions {@code layout} says, set now and on every resize; not the wanted ones. */
    public static void hold(SplitPane pane, Supplier<double[]> layout) {
        DividerMemory m = of(pane);
        if (m != null) {
            m.held = layout;
        }
        pane.setDividerPositions(layout.get());
    }

    /** Ends {@link #hold}: the dividers go back to the wanted positions. */
    public static void release(SplitPane pane) {
        DividerMemory m = of(pane);
        if (m != null) {
            m.held = null;
            m.apply(pane);
        }
    }

    private void apply(SplitPane pane) {
        if (dragging) {
            return;
        }
        double[] target = held != null ? held.get() : wanted;
        if (target.length == pane.getDividers().size()) {
            pane.setDividerPositions(target);
        }
    }
}
