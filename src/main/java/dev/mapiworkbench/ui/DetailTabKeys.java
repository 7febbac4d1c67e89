package dev.mapiworkbench.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * View › one item per tab under the mail views, Ctrl+1 … Ctrl+9 (issue 10: driven by the keyboard under a window
 * manager, the tabs could only be reached by clicking them or by a long walk with Tab). Each item shows its tab
 * and moves the focus into it, so its table or its first field takes the next key. Ids: {@code showTab-<tab id>}.
 */
final class DetailTabKeys {

    private DetailTabKeys() {}

    /** Adds a separator and the tabs' items to {@code view}. */
    static void addTo(Menu view, TabPane tabs) {
        List<MenuItem> items = new ArrayList<>();
        items.add(new SeparatorMenuItem());
        for (int i = 0; i < tabs.getTabs().size() && i < 9; i++) {
            Tab tab = tabs.getTabs().get(i);
            MenuItem item = new MenuItem(tab.getText() + " tab");
            item.setMnemonicParsing(false);
            item.setId("showTab-" + tab.getId());
            item.setAccelerator(
                    new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(i + 1)), KeyCombination.SHORTCUT_DOWN));
            item.setOnAction(e -> show(tabs, tab));
            items.add(item);
        }
        view.getItems().addAll(items);
    }

    /** Selects {@code tab} and focuses the first control inside it (the tab strip when it has none). */
    static void show(TabPane tabs, Tab tab) {
        tabs.getSelectionModel().select(tab);
        Node target = firstFocusable(tab.getContent());
        (target == null ? tabs : target).requestFocus();
    }

    private static Node firstFocusable(Node node) {
        if (node == null || !node.isVisible() || node.isDisabled()) {
            return null;
        }
        if (node.isFocusTraversable()) {
            return node;
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                Node found = firstFocusable(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
