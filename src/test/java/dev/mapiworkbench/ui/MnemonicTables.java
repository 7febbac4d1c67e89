package dev.mapiworkbench.ui;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.Mnemonic;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;

/**
 * JavaFX 21's empty mnemonic entry, built in a scene (decision 0700): a control whose mnemonic letter is
 * {@code letter} (one case) is laid out in {@code parent}, its text changed and the control removed, which leaves
 * that entry in the scene's table with no control; then the table is grown with entries that never match an
 * Alt+letter until the empty one is iterated first among those that match Alt+{@code letter}. Which comes first is
 * the hash map's order, so the growing is what makes the condition sure.
 */
final class MnemonicTables {

    private MnemonicTables() {}

    /**
     * Leaves an empty entry for {@code letter} (its case as given: "T" and "t" are two entries) in {@code scene}
     * and grows the table until it comes first for Alt+{@code letter}; FX thread. Returns whether it does.
     */
    static boolean emptyEntryFirst(Scene scene, Pane parent, String letter) {
        Button gone = new Button("_" + letter + "emporary");
        parent.getChildren().add(gone);
        parent.applyCss();
        parent.layout();
        gone.setText("x");
        parent.layout();
        parent.getChildren().remove(gone);
        KeyCode key = KeyCode.getKeyCode(letter.toUpperCase(java.util.Locale.ROOT));
        // more entries (never matching Alt+letter: Ctrl+Meta) until the empty one is iterated first
        Rectangle nobody = new Rectangle();
        KeyCode[] codes = java.util.Arrays.stream(KeyCode.values())
                .filter(c -> !c.isModifierKey() && c != KeyCode.UNDEFINED)
                .filter(MnemonicTables::combinable)
                .toArray(KeyCode[]::new);
        for (int i = 0; i < 4000 && !emptyFirst(scene, key); i++) {
            scene.addMnemonic(new Mnemonic(
                    nobody,
                    new KeyCodeCombination(
                            codes[i % codes.length],
                            KeyCombination.CONTROL_DOWN,
                            KeyCombination.META_DOWN,
                            i / codes.length % 2 == 0 ? KeyCombination.SHIFT_ANY : KeyCombination.SHIFT_DOWN,
                            i / codes.length / 2 % 2 == 0 ? KeyCombination.ALT_ANY : KeyCombination.ALT_DOWN,
                            i / codes.length / 4 % 2 == 0
                                    ? KeyCombination.SHORTCUT_ANY
                                    : KeyCombination.SHORTCUT_DOWN)));
        }
        return emptyFirst(scene, key);
    }

    /**
     * Whether a key combination may name this key: KeyCodeCombination also refuses keys whose name is a
     * modifier's ("Command", "Windows"…), which isModifierKey() does not cover (CI failed on one).
     */
    private static boolean combinable(KeyCode code) {
        try {
            new KeyCodeCombination(code);
            return true;
        } catch (IllegalArgumentException notAKey) {
            return false;
        }
    }

    /** Whether the scene's first mnemonic entry matching Alt+{@code key} is an empty one. */
    private static boolean emptyFirst(Scene scene, KeyCode key) {
        KeyEvent alt = new KeyEvent(
                KeyEvent.KEY_PRESSED,
                "",
                key.getChar().toLowerCase(java.util.Locale.ROOT),
                key,
                false,
                false,
                true,
                false);
        for (var e : scene.getMnemonics().entrySet()) {
            if (e.getKey().match(alt)) {
                return e.getValue().isEmpty();
            }
        }
        return false;
    }
}
