package dev.mapiworkbench.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application (issue 4 builds the real window). */
public class WorkbenchApp extends Application {

    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("MAPI Logoff Workbench");
        stage.setScene(new Scene(new Label("MAPI Logoff Workbench"), 640, 400));
        stage.show();
    }
}
