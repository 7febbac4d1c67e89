package dev.mapiworkbench.ui;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A control's tooltip, made the first time the mouse enters the control instead of when the window is built
 * (issue 12, decision 0630: the first {@link Tooltip} loads and initialises a popup window's classes on the FX
 * thread, and the window's first frame needed none of them). Until then the text is the control's
 * {@linkplain Control#accessibleHelpProperty() accessible help}, which is what a screen reader reads for a
 * control's tooltip anyway ({@code AccessibleAttribute.HELP}: the accessible help, else the tooltip's text), so
 * the text is reachable before the first hover; {@link #text} reads it for tests. The tooltip, once made,
 * follows the text.
 */
public final class LazyTooltip {

    /** Marks a control whose mouse-entered hook is installed. */
    private static final Object HOOKED = new Object();

    private LazyTooltip() {}

    /** Gives {@code control} the tooltip {@code text} (null or empty: no tooltip). */
    public static void set(Control control, String text) {
        control.setAccessibleHelp(text);
        if (text == null || text.isEmpty()) {
            if (control.getTooltip() != null) {
                control.setTooltip(null);
            }
            return;
        }
        hook(control);
        if (control.isHover()) { // the text came while the mouse is over it (a table cell updated in place)
            install(control);
        }
    }

    /** Gives {@code control} a tooltip that follows {@code text}. */
    public static void bind(Control control, ObservableValue<String> text) {
        control.accessibleHelpProperty().bind(text);
        hook(control);
    }

    /** The text {@code control}'s tooltip shows, or will show once the mouse enters it; "" for none. */
    public static String text(Control control) {
        String help = control.getAccessibleHelp();
        if (help != null && !help.isEmpty()) {
            return help;
        }
        Tooltip t = control.getTooltip();
        return t == null || t.getText() == null ? "" : t.getText();
    }

    private static void hook(Control control) {
        if (control.getProperties().putIfAbsent(HOOKED, true) == null) {
            control.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> install(control));
        }
    }

    /**
     * Makes the tooltip: the tooltip's own handlers then see the mouse moves that follow (its show delay runs from
     * the first one, as for a tooltip installed at build time).
     */
    private static void install(Control control) {
        String help = control.getAccessibleHelp();
        if (control.getTooltip() == null && help != null && !help.isEmpty()) {
            Tooltip t = new Tooltip();
            t.textProperty().bind(control.accessibleHelpProperty());
            control.setTooltip(t);
        }
    }
}
