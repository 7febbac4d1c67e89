package dev.mapiworkbench.ui;

import dev.mapiworkbench.ui.SessionGateway.FolderInfo;
import dev.mapiworkbench.ui.SessionGateway.MessageInfo;
import dev.mapiworkbench.ui.SessionGateway.ObjectInfo;
import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import dev.mapiworkbench.ui.teardown.TeardownPanel;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;

/**
 * The main window "MAPI Logoff Workbench": menu, toolbar (Log on, New message, Send/Receive, Log
 * off), folder tree, message list, the Outbox queue, the open objects, the notification log, the
 * transport panel, the status bar, and the teardown panel over the mail views while a session
 * ends. Binds to a {@link MainViewModel}; every interactive node has a stable id (docs/automation.md).
 */
public final class MainView {

    private final MainViewModel model;
    private final BorderPane root = new BorderPane();
    private final CheckMenuItem darkTheme = new CheckMenuItem("_Dark theme");

    public MainView(MainViewModel model) {
        this.model = model;
        root.setId("mainRoot");
        root.getStylesheets().add(StyleClasses.appStylesheet());
        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(body());
        root.setBottom(statusBar());
        darkTheme.selectedProperty().addListener((obs, old, dark) -> {
            if (dark) {
                root.getStylesheets().add(StyleClasses.darkStylesheet());
            } else {
                root.getStylesheets().remove(StyleClasses.darkStylesheet());
            }
        });
    }

    public Parent root() {
        return root;
    }

    /** Switches the dark theme on or off (also the View menu). */
    public void setDarkTheme(boolean dark) {
        darkTheme.setSelected(dark);
    }

    private MenuBar menuBar() {
        MenuItem logon = item("Log _on", "logonMenuItem", model::logon);
        MenuItem compose = item("_New message…", "newMessageMenuItem", model::compose);
        compose.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        MenuItem sendReceive = item("Send/_Receive", "sendReceiveMenuItem", model::sendReceive);
        sendReceive.setAccelerator(new KeyCodeCombination(KeyCode.F9));
        MenuItem logoff = item("Log o_ff…", "logoffMenuItem", model::requestLogoff);
        MenuItem exit = item("E_xit", "exitMenuItem", model::requestExit);
        exit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        logon.disableProperty().bind(model.loggedOnProperty().or(model.busyProperty()).or(model.tearingDownProperty()));
        var sessionOff = model.loggedOnProperty().not().or(model.tearingDownProperty());
        compose.disableProperty().bind(sessionOff);
        sendReceive.disableProperty().bind(sessionOff);
        logoff.disableProperty().bind(sessionOff);
        Menu file = new Menu("_File", null, logon, compose, sendReceive, logoff, new SeparatorMenuItem(), exit);

        CheckMenuItem allowUi = new CheckMenuItem("_Ask before logging off (allow logoff UI)");
        allowUi.setId("allowUiPreferenceItem");
        allowUi.selectedProperty().bindBidirectional(model.allowUiPreferenceProperty());
        MenuItem critical = item("Inject a _critical error (fnevCriticalError)", "injectCriticalErrorMenuItem",
                model::injectCriticalError);
        critical.disableProperty().bind(sessionOff);
        Menu session = new Menu("_Session", null, allowUi, new SeparatorMenuItem(), critical);

        darkTheme.setId("darkThemeMenuItem");
        Menu view = new Menu("_View", null, darkTheme);
        MenuBar bar = new MenuBar(file, session, view);
        bar.setId("mainMenuBar");
        return bar;
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    private ToolBar toolBar() {
        Button logon = toolButton("Log _on", "logonButton", "icon-logon", "Log on to the profile", model::logon);
        Button compose = toolButton("_New message", "newMessageButton", "icon-new", "Compose a new message",
                model::compose);
        Button sendReceive = toolButton("Send/_Receive", "sendReceiveButton", "icon-sendreceive",
                "Send and receive: flush the Outbox", model::sendReceive);
        Button logoff = toolButton("Log o_ff", "logoffButton", "icon-logoff", "Log off and end the MAPI session",
                model::requestLogoff);
        logon.disableProperty().bind(model.loggedOnProperty().or(model.busyProperty()).or(model.tearingDownProperty()));
        var sessionOff = model.loggedOnProperty().not().or(model.tearingDownProperty());
        compose.disableProperty().bind(sessionOff);
        sendReceive.disableProperty().bind(sessionOff);
        logoff.disableProperty().bind(sessionOff);
        ToolBar bar = new ToolBar(logon, compose, sendReceive, logoff);
        bar.setId("mainToolBar");
        bar.getStyleClass().add(StyleClasses.MAIN_TOOLBAR);
        return bar;
    }

    private static Button toolButton(String text, String id, String icon, String accessible, Runnable action) {
        Region graphic = new Region();
        graphic.getStyleClass().addAll(StyleClasses.TOOLBAR_ICON, icon);
        Button b = new Button(text, graphic);
        b.setId(id);
        b.setAccessibleText(accessible);
        b.setTooltip(new javafx.scene.control.Tooltip(accessible));
        b.setOnAction(e -> action.run());
        return b;
    }

    private Parent body() {
        TreeView<String> tree = folderTree();
        VBox folderPane = titled("Folders", tree);
        folderPane.setMinWidth(160);

        TableView<MessageInfo> messages = new TableView<>(model.visibleMessages());
        messages.setId("messageTable");
        messages.getColumns().setAll(List.of(
                column("Folder", MessageInfo::folder, 100),
                column("Subject", MessageInfo::subject, 220),
                column("To", MessageInfo::to, 180),
                column("State", MessageInfo::state, 90),
                column("Time", MessageInfo::time, 130)));
        messages.setPlaceholder(new Label("No messages."));
        messages.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableView<OutboxInfo> outbox = new TableView<>(model.outbox());
        outbox.setId("outboxTable");
        TableColumn<OutboxInfo, String> state = column("State", OutboxInfo::state, 110);
        state.setCellFactory(c -> styledCell("outbox-state-"));
        outbox.getColumns().setAll(List.of(
                column("Subject", OutboxInfo::subject, 220),
                column("To", OutboxInfo::to, 180),
                state));
        outbox.setPlaceholder(new Label("The Outbox is empty."));
        outbox.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        Label outboxTitle = new Label();
        outboxTitle.getStyleClass().add(StyleClasses.PANE_TITLE);
        outboxTitle.textProperty().bind(Bindings.concat("Outbox queue (", model.pendingCountProperty(), " pending)"));
        VBox outboxPane = new VBox(outboxTitle, outbox);
        VBox.setVgrow(outbox, javafx.scene.layout.Priority.ALWAYS);

        SplitPane mail = new SplitPane(titled("Messages", messages), outboxPane);
        mail.setOrientation(Orientation.VERTICAL);
        mail.setDividerPositions(0.5);

        SplitPane upper = new SplitPane(folderPane, mail);
        upper.setDividerPositions(0.2);
        SplitPane.setResizableWithParent(folderPane, false);

        // while a session ends the panel covers folders and mail (both empty after Logoff) and gets
        // more height; the open-objects table stays visible below it
        TeardownPanel panel = new TeardownPanel(model.teardown());
        panel.visibleProperty().bind(model.teardownVisibleProperty());
        upper.visibleProperty().bind(model.teardownVisibleProperty().not());
        StackPane top = new StackPane(upper, panel);

        SplitPane all = new SplitPane(top, tabs());
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.66);
        model.teardownVisibleProperty().addListener((obs, was, shown) -> all.setDividerPositions(shown ? 0.78 : 0.66));
        return all;
    }

    private TreeView<String> folderTree() {
        TreeView<String> tree = new TreeView<>();
        tree.setId("folderTree");
        tree.setShowRoot(true);
        Runnable rebuild = () -> {
            String selected = model.selectedFolderProperty().get();
            TreeItem<String> rootItem = null;
            for (FolderInfo f : model.folders()) {
                String label = f.count() > 0 ? f.name() + " (" + f.count() + ")" : f.name();
                TreeItem<String> item = new TreeItem<>(label);
                item.setExpanded(true);
                if (f.depth() == 0 || rootItem == null) {
                    rootItem = item;
                } else {
                    rootItem.getChildren().add(item);
                }
            }
            tree.setRoot(rootItem);
            if (rootItem != null && selected != null) {
                for (TreeItem<String> c : rootItem.getChildren()) {
                    if (c.getValue().startsWith(selected)) {
                        tree.getSelectionModel().select(c);
                    }
                }
            }
        };
        model.folders().addListener((ListChangeListener<FolderInfo>) c -> rebuild.run());
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null) {
                String v = item.getValue();
                int paren = v.lastIndexOf(" (");
                model.selectedFolderProperty().set(paren > 0 ? v.substring(0, paren) : v);
            }
        });
        rebuild.run();
        return tree;
    }

    private TabPane tabs() {
        TableView<ObjectInfo> objects = new TableView<>(model.openObjects());
        objects.setId("openObjectsTable");
        TableColumn<ObjectInfo, String> state = column("State", ObjectInfo::state, 80);
        state.setCellFactory(c -> styledCell("open-object-state-"));
        objects.getColumns().setAll(List.of(
                column("Kind", ObjectInfo::kind, 130),
                column("Name", ObjectInfo::name, 260),
                column("Ref count", o -> Integer.toString(o.refCount()), 80),
                column("Advise connections", o -> Integer.toString(o.adviseConnections()), 130),
                state));
        objects.setPlaceholder(new Label("Nothing is open."));
        objects.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        ListView<String> log = new ListView<>(model.notifications());
        log.setId("notificationLog");
        log.getStyleClass().add(StyleClasses.NOTIFICATION_LOG);
        log.setPlaceholder(new Label("No notifications yet."));
        model.notifications().addListener((ListChangeListener<String>) c -> {
            if (!model.notifications().isEmpty()) {
                log.scrollTo(model.notifications().size() - 1);
            }
        });

        Tab objectsTab = new Tab("Open objects", objects);
        objectsTab.setId("openObjectsTab");
        Tab logTab = new Tab("Notifications", log);
        logTab.setId("notificationsTab");
        Tab transportTab = new Tab("Transport", new VBox(new TransportPanel(model.transport(), model::applyTransport)));
        transportTab.setId("transportTab");
        Tab faultsTab = new Tab("Faults", new FaultsPanel(model.faults()));
        faultsTab.setId("faultsTab");
        TabPane tabs = new TabPane(objectsTab, logTab, transportTab, faultsTab);
        tabs.setId("detailTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("statusBar");
        bar.textProperty().bind(model.sessionStateProperty());
        Label backend = statusItem("statusBackend");
        backend.textProperty().bind(Bindings.concat("Backend: ", model.backendNameProperty()));
        Label spooler = statusItem("statusSpooler");
        spooler.textProperty().bind(Bindings.concat("Spooler: ", model.spoolerStateProperty()));
        Label pending = statusItem("statusPending");
        pending.textProperty().bind(Bindings.concat("Pending: ", model.pendingCountProperty()));
        bar.getRightItems().setAll(backend, spooler, pending);
        bar.setAccessibleText("Status");
        return bar;
    }

    private static Label statusItem(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(StyleClasses.STATUS_ITEM);
        return l;
    }

    private static VBox titled(String title, javafx.scene.Node content) {
        Label l = new Label(title);
        l.getStyleClass().add(StyleClasses.PANE_TITLE);
        VBox box = new VBox(l, content);
        VBox.setVgrow(content, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> (ObservableValue<String>) new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static <T> TableCell<T, String> styledCell(String prefix) {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith(prefix));
                if (empty || item == null) {
                    setText(null);
                } else {
                    setText(item);
                    String word = item.split("[: ]")[0];
                    getStyleClass().add(prefix + word);
                }
            }
        };
    }

    private static final class List {
        @SafeVarargs
        static <T> java.util.List<T> of(T... items) {
            return java.util.List.of(items);
        }
    }
}
