package dev.mapiworkbench.ui;

import javafx.scene.Parent;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;

/**
 * File › Replay… (issue #13 item 4; id {@code replayMenuItem} in docs/automation.md): installed into the window's
 * File menu after the scenario items, so the main view needs no change. Alt+F, Y from the keyboard.
 */
public final class ReplayMenu {

    private ReplayMenu() {}

    /** Adds the item to {@code root}'s File menu, after Built-in scenarios (or at the end). */
    public static void install(Parent root, ReplayViewModel model) {
        MenuBar bar = (MenuBar) root.lookup("#mainMenuBar");
        Menu file = bar.getMenus().stream()
                .filter(m -> "fileMenu".equals(m.getId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the window has no File menu"));
        MenuItem replay = new MenuItem("Repla_y…");
        replay.setId("replayMenuItem");
        replay.setOnAction(e -> model.chooseAndReplay());
        replay.disableProperty().bind(model.unavailable());
        int at = file.getItems().size();
        for (int i = 0; i < file.getItems().size(); i++) {
            if ("builtinScenariosMenu".equals(file.getItems().get(i).getId())) {
                at = i + 1;
            }
        }
        file.getItems().add(at, replay);
    }
}
