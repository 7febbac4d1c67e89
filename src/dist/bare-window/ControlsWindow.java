import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The second yardstick for src/dist/measure-startup.sh (decision 0920): the controls of the app's first frame and
 * nothing else, in plain JavaFX — a menu bar of four menus, a tool bar of four buttons, the folder tree, the message
 * table, the Outbox table with its buttons, the tab pane of seven tabs with the open-objects table, a status line, in
 * three split panes, at the app's first size (1180×760); no app code, no app style sheet, no model, no bindings. It
 * answers how much of the app's start-up is the cost of these JavaFX controls themselves. Same output as BareWindow
 * ({@code STARTUP_MS=<n>}; with {@code -Dworkbench.startup.phases=true} a {@code STARTUP_PHASES} line).
 * {@code -Dyardstick.omit=table,tree,tabs,menu} leaves out those control types (tables become labels, the tree an empty
 * pane, the tab pane a label, no menu bar): the first-use cost of each type.
 */
public final class ControlsWindow {

    private static final String OMIT = System.getProperty("yardstick.omit", "");

    private ControlsWindow() {
    }

    public static void main(String[] args) {
        BareWindow.mark("main");
        Application.launch(App.class, args);
    }

    private static boolean omit(String what) {
        return OMIT.contains(what);
    }

    private static Node table(String placeholder, String... columns) {
        if (omit("table")) {
            return new Label(placeholder);
        }
        TableView<String> table = new TableView<>();
        for (String c : columns) {
            TableColumn<String, String> column = new TableColumn<>(c);
            column.setCellValueFactory(f -> new SimpleStringProperty(f.getValue()));
            column.setPrefWidth(120);
            table.getColumns().add(column);
        }
        table.setPlaceholder(new Label(placeholder));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    private static Menu menu(String name, int items) {
        Menu menu = new Menu(name);
        for (int i = 0; i < items; i++) {
            menu.getItems().add(new MenuItem("Item _" + i));
        }
        return menu;
    }

    private static VBox titled(String title, Node content) {
        Label label = new Label(title);
        label.setLabelFor(content);
        VBox box = new VBox(label, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    /** The window. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            BareWindow.mark("start");
            ToolBar tools = new ToolBar();
            for (String s : new String[] {"Log _on", "_New message", "Send/_Receive", "Log o_ff"}) {
                Button b = new Button(s);
                Region icon = new Region();
                icon.setPrefSize(16, 16);
                b.setGraphic(icon);
                tools.getItems().add(b);
            }
            VBox top = omit("menu")
                    ? new VBox(tools)
                    : new VBox(new MenuBar(menu("_File", 12), menu("_Session", 5), menu("_View", 10), menu("_Help", 4)),
                            tools);
            Node tree = omit("tree") ? new Pane() : new TreeView<String>();
            Node outboxTable = table("The Outbox is empty.", "Subject", "To", "State", "Server reply");
            GridPane actions = new GridPane();
            actions.add(new Button("_Retry"), 0, 0);
            actions.add(new Button("Retry _now"), 1, 0);
            actions.add(new Button("Abort submit"), 0, 1);
            actions.add(new Button("Delete…"), 1, 1);
            VBox outbox = new VBox(new Label("Outbox queue (0 pending)"), outboxTable,
                    new HBox(new Label("Select a message to see it in full."), actions));
            VBox.setVgrow(outboxTable, Priority.ALWAYS);
            SplitPane mail = new SplitPane(
                    titled("_Messages", table("No messages.", "Folder", "Subject", "To", "State", "Time")), outbox);
            mail.setOrientation(Orientation.VERTICAL);
            SplitPane upper = new SplitPane(titled("Fol_ders", tree), mail);
            upper.setDividerPositions(0.2);
            Node objects = table("Nothing is open.", "Kind", "Name", "Ref count", "Advise connections", "State");
            Node details;
            if (omit("tabs")) {
                details = objects;
            } else {
                TabPane tabs = new TabPane(new Tab("Open objects", objects), new Tab("Notifications"),
                        new Tab("Transport"), new Tab("Faults"), new Tab("Peers"), new Tab("History"), new Tab("Notes"));
                tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
                details = tabs;
            }
            SplitPane all = new SplitPane(new StackPane(upper), details);
            all.setOrientation(Orientation.VERTICAL);
            all.setDividerPositions(0.66);
            HBox status = new HBox(12, new Label("Logged off"), new Label("Backend: Simulated"),
                    new Label("Spooler: stopped"), new Label("Pending: 0"));
            BorderPane root = new BorderPane(all, top, null, status, null);
            stage.setTitle("controls");
            stage.setScene(new Scene(root, 1180, 760));
            BareWindow.App.showAndReport(stage);
        }
    }
}
