package dev.mapiworkbench.ui;

import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;

/**
 * Keeps a scene's mnemonic table free of empty entries, so that Alt+letter always reaches the control that shows
 * that letter underlined (issue 10 item 6, decision 0700).
 *
 * <p>JavaFX 21 keeps one entry per mnemonic key in {@link Scene#getMnemonics()} and leaves the entry in place,
 * empty, when its last control goes (a label's text changes, its mnemonic parsing is switched off). The keys of
 * {@code "_T"} and {@code "_t"} are two entries, both matching Alt+T, and the scene's key handling stops at the first
 * entry that matches, in the hash map's order. When that is the empty one, Alt+T does nothing: under Openbox about
 * every second start, "Abandon _teardown" did not answer Alt+T. The key handling runs before the scene's own event
 * filters, so the table is tidied on every key press, the modifier's own press included: by the time the letter
 * comes, the empty entries are gone.
 */
public final class MnemonicRepair {

    private static final Object INSTALLED = new Object();

    private MnemonicRepair() {}

    /** Tidies {@code scene}'s mnemonic table on every key press (once per scene; null is ignored). */
    public static void install(Scene scene) {
        if (scene == null || scene.getProperties().containsKey(INSTALLED)) {
            return;
        }
        scene.getProperties().put(INSTALLED, true);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> prune(scene));
    }

    /** Removes the entries without a control from {@code scene}'s mnemonic table; returns how many. */
    public static int prune(Scene scene) {
        int before = scene.getMnemonics().size();
        scene.getMnemonics()
                .entrySet()
                .removeIf(e -> e.getValue() == null || e.getValue().isEmpty());
        return before - scene.getMnemonics().size();
    }
}
