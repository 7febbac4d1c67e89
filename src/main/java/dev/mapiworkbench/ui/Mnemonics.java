package dev.mapiworkbench.ui;

import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Alt+letter in every window of the app, the main window and every dialog alike: one installer for the three
 * ways JavaFX 21's own mnemonic handling failed under a window manager (decision 0800, which joins 0700, 0511/0790
 * and 0711).
 *
 * <ul>
 *   <li><b>Empty entries</b> (decision 0700): JavaFX keeps one entry per mnemonic key in {@link
 *       Scene#getMnemonics()} and leaves it in place, empty, once its last control is gone (a label's text changed).
 *       {@code "_T"} and {@code "_t"} are two entries that both match Alt+T, and the scene's key handling stops at
 *       the first that matches, in the hash map's order: when that is the empty one, Alt+T does nothing (about
 *       every second start under Openbox). The table is tidied on every key press, on the window, before the
 *       scene's key handling sees the key.
 *   <li><b>Menus</b> (decision 0511): under GTK the menu bar's own mnemonics only underline their letters. Alt with
 *       a menu's letter shows that menu (the menus' letters come first, decision 0510).
 *   <li><b>Labels and check boxes</b> (decision 0711): a form label's letter focuses its field, a check box's
 *       letter ticks or unticks it (JavaFX only focused it), while the control is shown and enabled; buttons keep
 *       JavaFX's own mnemonics.
 *   <li><b>A chord is no lone Alt</b> (decision 0790): under GTK a mnemonic consumes its letter before anything
 *       else sees it, so a menu bar saw "Alt pressed, Alt released" and took it for a lone Alt (the next Down
 *       opened File). The release of an Alt during which a menu opened, an action fired or the focus moved is
 *       consumed.
 * </ul>
 *
 * <p>{@link #installOnEveryWindow()} puts it on every stage the app shows, so that no dialog can go without it;
 * popups (menus, tooltips) keep their own keys.
 */
public final class Mnemonics {

    /** The window's {@link State} in its properties: installed once. */
    private static final Object STATE = new Object();

    private static boolean everywhere;

    private Mnemonics() {}

    /** Installs on every stage shown now and from now on ({@link Window#getWindows()}); FX thread, once. */
    public static void installOnEveryWindow() {
        if (everywhere) {
            return;
        }
        everywhere = true;
        Window.getWindows().addListener((ListChangeListener<Window>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(Mnemonics::install);
            }
        });
        Window.getWindows().forEach(Mnemonics::install);
    }

    /** Installs on {@code window} (a stage; popups are left alone), following its scene; once per window. */
    public static void install(Window window) {
        if (!(window instanceof Stage) || window.getProperties().containsKey(STATE)) {
            return;
        }
        State state = new State();
        window.getProperties().put(STATE, state);
        // ahead of the scene's own mnemonic handling, which runs before any filter of the scene or its nodes
        window.addEventFilter(KeyEvent.KEY_PRESSED, e -> state.pressed(window.getScene(), e));
        ChangeListener<Scene> onScene = (o, old, scene) -> {
            if (old != null) {
                old.removeEventFilter(KeyEvent.KEY_RELEASED, state.released);
                old.removeEventFilter(ActionEvent.ACTION, state.action);
                old.focusOwnerProperty().removeListener(state.focus);
            }
            if (scene != null) {
                // on the scene, after its own handling: the Alt's release still hides the underlined letters
                scene.addEventFilter(KeyEvent.KEY_RELEASED, state.released);
                scene.addEventFilter(ActionEvent.ACTION, state.action);
                scene.focusOwnerProperty().addListener(state.focus);
            }
        };
        window.sceneProperty().addListener(onScene);
        onScene.changed(null, null, window.getScene());
    }

    /** The Alt key's state in one window. */
    private static final class State {
        /** An Alt is held. */
        private boolean altHeld;
        /** The Alt held now opened a menu, fired an action or moved the focus: no lone Alt. */
        private boolean chord;

        private final javafx.event.EventHandler<KeyEvent> released = e -> {
            if (e.getCode() == KeyCode.ALT) {
                altHeld = false;
                if (chord) {
                    chord = false;
                    e.consume();
                }
            }
        };
        private final javafx.event.EventHandler<ActionEvent> action = e -> chord |= altHeld;
        private final ChangeListener<Node> focus = (o, was, now) -> chord |= altHeld;

        void pressed(Scene scene, KeyEvent e) {
            if (scene == null) {
                return;
            }
            prune(scene);
            if (e.getCode() == KeyCode.ALT) {
                altHeld = true;
                chord = false;
                return;
            }
            if (!e.isAltDown() || e.isControlDown() || e.isShiftDown() || e.isMetaDown()) {
                return;
            }
            if (!e.getCode().isLetterKey() && !e.getCode().isDigitKey()) {
                return;
            }
            if (scene.getRoot() != null && press(scene.getRoot(), e.getCode().getChar())) {
                e.consume();
                chord = true;
            }
        }
    }

    /**
     * Alt+{@code letter} in {@code root}: shows a menu bar's menu, or ticks a check box, or focuses a label's field
     * (in that order), whichever shown and enabled control has that letter; false when none does (the key goes on
     * to JavaFX's own mnemonics, the buttons').
     */
    private static boolean press(Node root, String letter) {
        for (Node n : root.lookupAll(".menu-bar")) {
            if (n instanceof MenuBar bar && shown(bar) && !bar.isDisabled()) {
                for (Menu m : bar.getMenus()) {
                    if (m.isVisible() && !m.isDisable() && letter.equalsIgnoreCase(mnemonicOf(m.getText()))) {
                        m.show();
                        return true;
                    }
                }
            }
        }
        // a check box's own letter ticks or unticks it, as on every desktop; JavaFX only focused it, so
        // "Alt+T (step through), Alt+N (log off now)" ran without the pauses (walk of 2026-12-02)
        for (Node n : root.lookupAll(".check-box")) {
            if (n instanceof CheckBox c
                    && c.isMnemonicParsing()
                    && letter.equalsIgnoreCase(mnemonicOf(c.getText()))
                    && shown(c)
                    && !c.isDisabled()) {
                c.requestFocus();
                c.fire();
                return true;
            }
        }
        for (Node n : root.lookupAll(".label")) {
            if (n instanceof Label l
                    && l.isMnemonicParsing()
                    && l.getLabelFor() != null
                    && letter.equalsIgnoreCase(mnemonicOf(l.getText()))
                    && shown(l)
                    && shown(l.getLabelFor())
                    && !l.getLabelFor().isDisabled()) {
                l.getLabelFor().requestFocus();
                return true;
            }
        }
        return false;
    }

    /** Removes the entries without a control from {@code scene}'s mnemonic table; returns how many. */
    public static int prune(Scene scene) {
        int before = scene.getMnemonics().size();
        scene.getMnemonics()
                .entrySet()
                .removeIf(e -> e.getValue() == null || e.getValue().isEmpty());
        return before - scene.getMnemonics().size();
    }

    /** The letter after the first single '_' of a mnemonic text ("S_ubject:" → "u"), or "" when none. */
    static String mnemonicOf(String text) {
        if (text == null) {
            return "";
        }
        for (int i = 0; i + 1 < text.length(); i++) {
            if (text.charAt(i) == '_') {
                if (text.charAt(i + 1) == '_') {
                    i++; // "__" is a literal underscore
                    continue;
                }
                return String.valueOf(text.charAt(i + 1));
            }
        }
        return "";
    }

    /** Shown: neither it nor a parent hidden, nor inside a collapsed section (the logoff dialog's Advanced part). */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible() || (n != node && n instanceof TitledPane t && !t.isExpanded())) {
                return false;
            }
        }
        return node.getScene() != null;
    }
}
