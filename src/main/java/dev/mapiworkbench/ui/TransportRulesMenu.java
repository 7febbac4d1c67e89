package dev.mapiworkbench.ui;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;

/**
 * Puts the transport rules into the main window without changing its layout (issue #13 item 1): Session ›
 * Transport rules… (Alt+S, R; id {@code transportRulesMenuItem}) after Transport settings…, and the status bar's
 * {@code statusGreylisted} item, "Greylisted: 'subject' — retry in N s", which counts down once a second while
 * mail a 4xx rule deferred waits, and is hidden (no timer running) otherwise (decision 0610).
 */
public final class TransportRulesMenu {

    private TransportRulesMenu() {}

    /** Adds the menu item to {@code bar}'s Session menu and the status item once the window has its status bar. */
    public static void install(MenuBar bar, TransportRulesViewModel model) {
        Menu session = bar.getMenus().stream()
                .filter(m -> "sessionMenu".equals(m.getId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the window has no Session menu"));
        MenuItem item = new MenuItem("Transport _rules…");
        item.setId("transportRulesMenuItem");
        TransportRulesDialog[] dialog = {null};
        item.setOnAction(e -> {
            if (dialog[0] == null) {
                dialog[0] = new TransportRulesDialog(
                        model, bar.getScene() == null ? null : bar.getScene().getWindow());
            }
            model.attach();
            dialog[0].show(model);
        });
        int at = session.getItems().size();
        for (int i = 0; i < session.getItems().size(); i++) {
            if ("transportSettingsMenuItem".equals(session.getItems().get(i).getId())) {
                at = i + 1;
            }
        }
        session.getItems().add(at, item);

        Timeline tick = new Timeline(
                new KeyFrame(Duration.seconds(1), e -> model.nowProperty().set(java.time.Instant.now())));
        tick.setCycleCount(Animation.INDEFINITE);
        model.greylisted().addListener((ListChangeListener<Object>) c -> {
            if (model.greylisted().isEmpty()) {
                tick.stop();
            } else if (tick.getStatus() != Animation.Status.RUNNING) {
                tick.play();
            }
        });
        bar.sceneProperty().addListener((o, old, scene) -> addStatusItem(scene, model));
        addStatusItem(bar.getScene(), model);
    }

    private static void addStatusItem(Scene scene, TransportRulesViewModel model) {
        if (scene == null
                || scene.getRoot() == null
                || scene.getRoot().lookup("#statusGreylisted") != null
                || !(scene.getRoot().lookup("#statusBar") instanceof StatusBar status)) {
            return;
        }
        Label grey = new Label();
        grey.setId("statusGreylisted");
        grey.getStyleClass().add(StyleClasses.STATUS_ITEM);
        grey.textProperty()
                .bind(Bindings.createStringBinding(model::greylistLine, model.greylisted(), model.nowProperty()));
        grey.visibleProperty().bind(grey.textProperty().isNotEmpty());
        grey.managedProperty().bind(grey.visibleProperty());
        grey.setAccessibleText("Mail a greylisting transport rule deferred, and when it is tried again");
        status.getLeftItems().add(grey);
    }
}
