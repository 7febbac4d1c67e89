package dev.mapiworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.controlsfx.control.StatusBar;

/**
 * The File menu's scenario items (decision 0311; ids in docs/automation.md): Open scenario… (Ctrl+O), Open
 * recent (newest first; a file that is gone is shown disabled, "Remove missing" prunes them), Built-in
 * scenarios; and the status bar's "Scenario: …". Installed into the window's menu bar after it is built,
 * so the main view needs no change.
 */
public final class ScenarioMenu {

    private ScenarioMenu() {}

    /** Adds the items to {@code root}'s File menu (before Import .eml…) and the label to its status bar. */
    public static void install(Parent root, ScenarioViewModel model) {
        MenuBar bar = (MenuBar) root.lookup("#mainMenuBar");
        Menu file = bar.getMenus().stream()
                .filter(m -> "fileMenu".equals(m.getId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the window has no File menu"));
        MenuItem open = new MenuItem("Open _scenario…");
        open.setId("openScenarioMenuItem");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> model.chooseAndOpen());
        open.disableProperty().bind(model.unavailable());

        Menu recent = new Menu("Open rece_nt");
        recent.setId("recentScenariosMenu");
        recent.disableProperty().bind(model.unavailable());
        // rebuilt each time the File menu opens (before the submenu has nodes): a file deleted meanwhile
        // shows as missing
        file.addEventHandler(Menu.ON_SHOWING, e -> fillRecent(recent, model));
        fillRecent(recent, model);

        Menu builtin = new Menu("_Built-in scenarios");
        builtin.setId("builtinScenariosMenu");
        builtin.disableProperty().bind(model.unavailable());
        for (String name : model.gateway().builtinNames()) {
            MenuItem i = new MenuItem(name);
            i.setMnemonicParsing(false);
            i.setId("builtinScenario-" + name);
            i.setOnAction(e -> model.open(RecentScenarios.BUILTIN + name));
            builtin.getItems().add(i);
        }

        int at = indexOf(file, "importEmlMenuItem");
        file.getItems()
                .addAll(at < 0 ? file.getItems().size() : at, List.of(open, recent, builtin, new SeparatorMenuItem()));

        if (root.lookup("#statusBar") instanceof StatusBar status) {
            Label current = new Label();
            current.setId("statusScenario");
            current.getStyleClass().add(StyleClasses.STATUS_ITEM);
            current.textProperty().bind(model.currentProperty().map(s -> s.isEmpty() ? "" : "Scenario: " + s));
            current.visibleProperty().bind(model.currentProperty().isNotEmpty());
            current.managedProperty().bind(current.visibleProperty());
            status.getLeftItems().add(current);
        }
    }

    private static int indexOf(Menu menu, String id) {
        for (int i = 0; i < menu.getItems().size(); i++) {
            if (id.equals(menu.getItems().get(i).getId())) {
                return i;
            }
        }
        return -1;
    }

    private static void fillRecent(Menu recent, ScenarioViewModel model) {
        List<MenuItem> items = new ArrayList<>();
        List<String> entries = model.recent().entries();
        boolean anyMissing = false;
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            boolean missing = RecentScenarios.missing(entry);
            anyMissing |= missing;
            MenuItem item =
                    new MenuItem((i < 9 ? "_" + (i + 1) + "  " : "") + label(entry) + (missing ? "  (missing)" : ""));
            item.setId("recentScenario-" + i);
            item.setDisable(missing);
            item.setOnAction(e -> model.open(entry));
            items.add(item);
        }
        if (items.isEmpty()) {
            MenuItem none = new MenuItem("No recent scenarios");
            none.setId("recentScenariosNone");
            none.setDisable(true);
            items.add(none);
        }
        if (anyMissing) {
            MenuItem prune = new MenuItem("_Remove missing");
            prune.setId("pruneRecentScenariosMenuItem");
            prune.setOnAction(e -> {
                model.recent().pruneMissing();
                fillRecent(recent, model);
            });
            items.add(new SeparatorMenuItem());
            items.add(prune);
        }
        recent.getItems().setAll(items);
    }

    /** "slow.json — /tmp/x" for a file, "built-in: NAME" for a built-in. */
    static String label(String entry) {
        if (entry.startsWith(RecentScenarios.BUILTIN)) {
            return "built-in: " + entry.substring(RecentScenarios.BUILTIN.length());
        }
        try {
            Path p = Path.of(entry);
            Path parent = p.toAbsolutePath().getParent();
            return p.getFileName() + (parent == null ? "" : " — " + parent);
        } catch (RuntimeException e) {
            return entry;
        }
    }
}
