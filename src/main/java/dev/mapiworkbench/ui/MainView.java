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
    private Menu fileMenu;
    /** The tab strip above a tab's content, with the split divider (px). */
    private static final double TAB_HEADER_HEIGHT = 40;

    private final java.util.Map<String, SplitPane> splitPanes = new java.util.LinkedHashMap<>();

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

    /**
     * The split panes whose dividers the window remembers, by name: {@code folders} (folder tree |
     * mail), {@code mail} (messages / Outbox), {@code details} (mail views / tabs).
     */
    public java.util.Map<String, SplitPane> splitPanes() {
        return java.util.Collections.unmodifiableMap(splitPanes);
    }

    /** Adds items to the File menu, after a separator, before Exit (ui.trace.TraceActions: Open trace…, Paste C++…). */
    public void addFileMenuItems(java.util.List<MenuItem> items) {
        int exit = fileMenu.getItems().size() - 1;
        fileMenu.getItems().add(exit, new SeparatorMenuItem());
        fileMenu.getItems().addAll(exit, items);
    }

    /** Switches the dark theme on or off (also the View menu). */
    public void setDarkTheme(boolean dark) {
        darkTheme.setSelected(dark);
    }

    /**
     * The menu bar: one method per menu, so a menu gets new items in one place (File › Open trace…,
     * scenarios, Transport settings are planned).
     */
    private MenuBar menuBar() {
        MenuBar bar = new MenuBar(fileMenu(), sessionMenu(), viewMenu(), helpMenu());
        bar.setId("mainMenuBar");
        return bar;
    }

    private Menu fileMenu() {
        MenuItem logon = item("Log _on", "logonMenuItem", model::logon);
        MenuItem compose = item("_New message…", "newMessageMenuItem", model::compose);
        compose.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        MenuItem sendReceive = item("Send/_Receive", "sendReceiveMenuItem", model::sendReceive);
        sendReceive.setAccelerator(new KeyCodeCombination(KeyCode.F9));
        MenuItem logoff = item("Log o_ff…", "logoffMenuItem", model::requestLogoff);
        MenuItem importEml = item("_Import .eml…", "importEmlMenuItem", model::importEml);
        MenuItem exportEml = item("_Export as .eml…", "exportEmlMenuItem", model::exportEml);
        MenuItem logoffWithFlags =
                item("Log off with f_lags…", "logoffWithFlagsMenuItem", model::requestLogoffWithFlags);
        MenuItem exit = item("E_xit", "exitMenuItem", model::requestExit);
        exit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        logon.disableProperty()
                .bind(model.loggedOnProperty().or(model.busyProperty()).or(model.tearingDownProperty()));
        var sessionOff = sessionOff();
        compose.disableProperty().bind(sessionOff);
        sendReceive.disableProperty().bind(sessionOff);
        logoff.disableProperty().bind(sessionOff);
        importEml.disableProperty().bind(sessionOff);
        exportEml
                .disableProperty()
                .bind(sessionOff.or(model.selectedMessageProperty().isNull()));
        logoffWithFlags.disableProperty().bind(sessionOff);
        Menu file = new Menu(
                "_File",
                null,
                logon,
                compose,
                sendReceive,
                logoff,
                logoffWithFlags,
                new SeparatorMenuItem(),
                importEml,
                exportEml,
                new SeparatorMenuItem(),
                exit);
        file.setId("fileMenu");
        fileMenu = file;
        return file;
    }

    private Menu sessionMenu() {
        CheckMenuItem allowUi = new CheckMenuItem("_Ask before logging off (allow logoff UI)");
        allowUi.setId("allowUiPreferenceItem");
        allowUi.selectedProperty().bindBidirectional(model.allowUiPreferenceProperty());
        MenuItem critical = item(
                "Inject a _critical error (fnevCriticalError)",
                "injectCriticalErrorMenuItem",
                model::injectCriticalError);
        critical.disableProperty().bind(sessionOff());
        MenuItem transportSettings =
                item("_Transport settings…", "transportSettingsMenuItem", model::editTransportSettings);
        Menu session = new Menu("_Session", null, allowUi, transportSettings, new SeparatorMenuItem(), critical);
        session.setId("sessionMenu");
        return session;
    }

    private Menu viewMenu() {
        darkTheme.setId("darkThemeMenuItem");
        Menu view = new Menu("_View", null, darkTheme);
        view.setId("viewMenu");
        return view;
    }

    private Menu helpMenu() {
        MenuItem shortcuts = item("_Keyboard shortcuts", "shortcutsMenuItem", model::showShortcuts);
        shortcuts.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        MenuItem recorder = item("_Record your own client…", "recorderMenuItem", model::showRecorderHelp);
        MenuItem about = item("_About MAPI Logoff Workbench", "aboutMenuItem", model::showAbout);
        Menu help = new Menu("_Help", null, shortcuts, recorder, new SeparatorMenuItem(), about);
        help.setId("helpMenu");
        return help;
    }

    /** True while no session is open or one is being torn down: the session actions are off. */
    private javafx.beans.binding.BooleanBinding sessionOff() {
        return model.loggedOnProperty().not().or(model.tearingDownProperty());
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    private ToolBar toolBar() {
        Button logon = toolButton("Log _on", "logonButton", "icon-logon", "Log on to the profile", model::logon);
        Button compose =
                toolButton("_New message", "newMessageButton", "icon-new", "Compose a new message", model::compose);
        Button sendReceive = toolButton(
                "Send/_Receive",
                "sendReceiveButton",
                "icon-sendreceive",
                "Send and receive: flush the Outbox",
                model::sendReceive);
        // Lo_g off: Alt+F is the File menu
        Button logoff = toolButton(
                "Lo_g off", "logoffButton", "icon-logoff", "Log off and end the MAPI session", model::requestLogoff);
        logon.disableProperty()
                .bind(model.loggedOnProperty().or(model.busyProperty()).or(model.tearingDownProperty()));
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
        tree.setAccessibleText("Folders of the message store");
        VBox folderPane = titled("Fol_ders", tree);
        folderPane.setMinWidth(160);

        TableView<MessageInfo> messages = new TableView<>(model.visibleMessages());
        messages.setId("messageTable");
        messages.getColumns()
                .setAll(List.of(
                        column("Folder", MessageInfo::folder, 100),
                        column("Subject", MessageInfo::subject, 220),
                        column("To", MessageInfo::to, 180),
                        column("State", MessageInfo::state, 90),
                        column("Time", MessageInfo::time, 130)));
        messages.setPlaceholder(new Label("No messages."));
        messages.setAccessibleText("Messages of the selected folder");
        messages.getSelectionModel()
                .selectedItemProperty()
                .addListener((obs, was, m) -> model.selectedMessageProperty()
                        .set(
                                m == null || m.key().isEmpty()
                                        ? null
                                        : new MainViewModel.MessageRef(m.key(), m.subject())));
        messages.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableView<OutboxInfo> outbox = new TableView<>(model.outbox());
        outbox.setId("outboxTable");
        TableColumn<OutboxInfo, String> state = column("State", OutboxInfo::state, 110);
        state.setCellFactory(c -> styledCell("outbox-state-"));
        TableColumn<OutboxInfo, String> reply = column("Server reply", o -> o.reply() == null ? "" : o.reply(), 160);
        outbox.getColumns()
                .setAll(List.of(
                        column("Subject", OutboxInfo::subject, 220), column("To", OutboxInfo::to, 180), state, reply));
        outbox.setPlaceholder(new Label("The Outbox is empty."));
        outbox.setAccessibleText("Outbox queue");
        outbox.getSelectionModel()
                .selectedItemProperty()
                .addListener((obs, was, o) -> model.selectedMessageProperty()
                        .set(o == null ? null : new MainViewModel.MessageRef(o.key(), o.subject())));
        outbox.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        Label outboxTitle = new Label();
        outboxTitle.getStyleClass().add(StyleClasses.PANE_TITLE);
        outboxTitle.setLabelFor(outbox);
        outboxTitle.textProperty().bind(Bindings.concat("Outbox queue (", model.pendingCountProperty(), " pending)"));
        VBox outboxPane = new VBox(outboxTitle, new DraftsPane(model), outbox, outboxDetails(outbox));
        VBox.setVgrow(outbox, javafx.scene.layout.Priority.ALWAYS);

        SplitPane mail = new SplitPane(titled("_Messages", messages), outboxPane);
        mail.setOrientation(Orientation.VERTICAL);
        mail.setDividerPositions(0.5);

        SplitPane upper = new SplitPane(folderPane, mail);
        upper.setDividerPositions(0.2);
        SplitPane.setResizableWithParent(folderPane, false);

        // while a session ends the panel covers folders and mail (both empty after Logoff) and gets
        // more height; the open-objects table stays visible below it
        TeardownPanel panel = new TeardownPanel(model.teardown());
        panel.visibleProperty().bind(model.teardownVisibleProperty());
        VBox teardownArea = new VBox(panel, teardownRetryNow());
        VBox.setVgrow(panel, javafx.scene.layout.Priority.ALWAYS);
        teardownArea.visibleProperty().bind(model.teardownVisibleProperty());
        upper.visibleProperty().bind(model.teardownVisibleProperty().not());
        StackPane top = new StackPane(upper, teardownArea);

        TabPane detailTabs = tabs();
        SplitPane all = new SplitPane(top, detailTabs);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.66);
        // the steps get more height while a teardown is shown, but never so much that the selected tab
        // (the Transport controls, the Faults table) is cut off: the way out of a blocked teardown must
        // stay reachable at 800×550 (issue 10 item 6); the person's own position comes back after
        double[] before = {0.66};
        Runnable fit = () -> {
            double h = all.getHeight();
            Tab selected = detailTabs.getSelectionModel().getSelectedItem();
            if (h <= 0 || selected == null || selected.getContent() == null) {
                all.setDividerPositions(Math.max(before[0], 0.78));
                return;
            }
            // its minimum, not its preferred height: a table prefers ~400 px and would take the steps' room
            double need = selected.getContent().minHeight(all.getWidth()) + TAB_HEADER_HEIGHT;
            double pos = Math.min(Math.max(before[0], 0.78), 1 - need / h);
            all.setDividerPositions(Math.max(0.35, pos));
        };
        model.teardownVisibleProperty().addListener((obs, was, shown) -> {
            if (shown) {
                before[0] = all.getDividerPositions()[0];
                fit.run();
            } else {
                all.setDividerPositions(before[0]);
            }
        });
        detailTabs.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (model.teardownVisibleProperty().get()) {
                fit.run();
            }
        });
        splitPanes.put("folders", upper);
        splitPanes.put("mail", mail);
        splitPanes.put("details", all);
        return all;
    }

    /**
     * Under the Outbox queue: the selected message in full (subject, recipients, state with the
     * whole failure reason, selectable) and Retry for a failed one.
     */
    private javafx.scene.Node outboxDetails(TableView<OutboxInfo> outbox) {
        var selected = outbox.getSelectionModel().selectedItemProperty();
        javafx.scene.control.TextArea details = new javafx.scene.control.TextArea();
        details.setId("outboxDetails");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(2);
        details.setAccessibleText("The selected Outbox message in full");
        details.setPromptText("Select a message to see it in full.");
        details.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            OutboxInfo o = selected.get();
                            return o == null
                                    ? ""
                                    : o.subject() + "\nTo: " + o.to() + "\nState: " + o.state()
                                            + (o.reply() == null ? "" : "\nServer: " + o.reply());
                        },
                        selected));
        Button retry = new Button("Re_try");
        retry.setId("outboxRetryButton");
        retry.setAccessibleText("Submit the selected failed message again");
        retry.setTooltip(new javafx.scene.control.Tooltip("Submit the selected failed message again"));
        retry.disableProperty()
                .bind(Bindings.createBooleanBinding(
                                () -> selected.get() == null
                                        || !selected.get().state().startsWith("failed"),
                                selected)
                        .or(sessionOff()));
        retry.setOnAction(e -> model.retry(selected.get()));
        retry.setMinWidth(Region.USE_PREF_SIZE);
        Button retryNow = retryNowButton("outboxRetryNowButton");
        // Abort submit, Delete…, the context menu and the Delete key (OutboxActions); Retry now after Retry
        VBox actions = OutboxActions.install(outbox, model, sessionOff(), retry);
        actions.getChildren().add(actions.getChildren().indexOf(retry) + 1, retryNow);
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(6, details, actions);
        javafx.scene.layout.HBox.setHgrow(details, javafx.scene.layout.Priority.ALWAYS);
        box.setId("outboxDetailsPane");
        box.setPadding(new javafx.geometry.Insets(4));
        return box;
    }

    /**
     * "Retry now" (Alt+W): mail the SMTP server deferred (4xx) or could not be reached for is tried at
     * once instead of after its backoff (decision 0161); enabled while such a message waits.
     */
    private Button retryNowButton(String id) {
        Button b = new Button("Retry no_w");
        b.setId(id);
        String what = "Try the mail the server deferred again now, without waiting for the next retry";
        b.setAccessibleText(what);
        b.setTooltip(new javafx.scene.control.Tooltip(what));
        b.disableProperty().bind(model.retryNowAvailableProperty().not());
        b.setOnAction(e -> model.retryNow());
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /**
     * Under the teardown panel while the after-sending wait runs: "Retry now" for deferred mail, with
     * the server's reply per message in the wait list (TeardownEventBridge).
     */
    private javafx.scene.Node teardownRetryNow() {
        Label note = new Label(
                "The SMTP server deferred some mail or could not be reached; it is retried with" + " a growing pause.");
        note.setWrapText(true);
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(8, retryNowButton("waitRetryNowButton"), note);
        bar.setId("waitRetryNowPane");
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new javafx.geometry.Insets(4, 8, 4, 8));
        bar.visibleProperty().bind(model.teardown().waitPhaseProperty().and(model.retryNowAvailableProperty()));
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
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

    private final boolean[] historyLoaded = {false};

    /** The Peers tab: each peer client of the shared session, its state, what it received and what it did. */
    private TableView<SessionGateway.PeerInfo> peersTable() {
        TableView<SessionGateway.PeerInfo> peers = new TableView<>(model.peers());
        peers.setId("peersTable");
        TableColumn<SessionGateway.PeerInfo, String> state = column("State", SessionGateway.PeerInfo::state, 100);
        state.setCellFactory(c -> styledCell("peer-state-"));
        peers.getColumns()
                .setAll(List.of(
                        column("Peer client", SessionGateway.PeerInfo::name, 160),
                        state,
                        column("Received", SessionGateway.PeerInfo::received, 280),
                        column("Did", SessionGateway.PeerInfo::did, 300)));
        peers.setPlaceholder(new Label("No peer clients: log on with a shared session (--shared, --peers N)."));
        peers.setAccessibleText("Peer clients of the shared session");
        peers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return peers;
    }

    private TabPane tabs() {
        TableView<ObjectInfo> objects = new TableView<>(model.openObjects());
        objects.setId("openObjectsTable");
        TableColumn<ObjectInfo, String> state = column("State", ObjectInfo::state, 80);
        state.setCellFactory(c -> styledCell("open-object-state-"));
        objects.getColumns()
                .setAll(List.of(
                        column("Kind", ObjectInfo::kind, 130),
                        column("Name", ObjectInfo::name, 260),
                        column("Ref count", o -> Integer.toString(o.refCount()), 80),
                        column("Advise connections", o -> Integer.toString(o.adviseConnections()), 130),
                        state));
        objects.setPlaceholder(new Label("Nothing is open."));
        objects.setAccessibleText("Open MAPI objects");
        objects.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        ListView<String> log = new ListView<>(model.notifications());
        log.setId("notificationLog");
        log.getStyleClass().add(StyleClasses.NOTIFICATION_LOG);
        log.setPlaceholder(new Label("No notifications yet."));
        log.setAccessibleText("Notification log");
        followNewEntries(log);

        Tab objectsTab = new Tab("Open objects", objects);
        objectsTab.setId("openObjectsTab");
        Tab logTab = new Tab("Notifications", log);
        logTab.setId("notificationsTab");
        Label destination = new Label();
        destination.setId("transportDestination");
        destination.setWrapText(true);
        destination.textProperty().bind(model.transportDestinationProperty());
        Button settings = new Button("Transport s_ettings…");
        settings.setId("transportSettingsButton");
        settings.setAccessibleText("Simulated transport or an SMTP server, for this profile");
        settings.setOnAction(e -> model.editTransportSettings());
        settings.setMinWidth(Region.USE_PREF_SIZE);
        // beside the knobs, not above them: at 800x550 with the teardown panel shown the tab has no height
        // to spare, and Apply must stay on screen
        VBox smtpBox = new VBox(6, settings, destination);
        smtpBox.setPadding(new javafx.geometry.Insets(8));
        javafx.scene.layout.HBox.setHgrow(smtpBox, javafx.scene.layout.Priority.ALWAYS);
        Tab transportTab = new Tab(
                "Transport",
                new javafx.scene.layout.HBox(8, new TransportPanel(model.transport(), model::applyTransport), smtpBox));
        transportTab.setId("transportTab");
        Tab faultsTab = new Tab("Faults", new FaultsPanel(model.faults()));
        faultsTab.setId("faultsTab");
        Tab historyTab = new Tab("History", new HistoryPanel(model.history()));
        historyTab.setId("historyTab");
        // the saved runs are read the first time the tab is shown, off the FX thread
        historyTab.setOnSelectionChanged(e -> {
            if (historyTab.isSelected() && !historyLoaded[0]) {
                historyLoaded[0] = true;
                model.history().load();
            }
        });
        Tab peersTab = new Tab("Peers", peersTable());
        peersTab.setId("peersTab");
        TabPane tabs = new TabPane(objectsTab, logTab, transportTab, faultsTab, peersTab, historyTab);
        tabs.setId("detailTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    /**
     * The log follows new entries while its end is in view. Whether it is is decided after the
     * person's own scrolling (wheel, keys, the scroll bar), not per entry: a burst of entries in one
     * pulse must not look like "scrolled up" just because the view has not been laid out yet. Once
     * the person scrolls up it stays where it is; scrolling back to the end follows again.
     */
    private static void followNewEntries(ListView<String> log) {
        boolean[] follow = {true};
        Runnable decide = () -> javafx.application.Platform.runLater(() -> {
            log.layout();
            javafx.scene.control.skin.VirtualFlow<?> flow =
                    (javafx.scene.control.skin.VirtualFlow<?>) log.lookup(".virtual-flow");
            javafx.scene.control.IndexedCell<?> last = flow == null ? null : flow.getLastVisibleCell();
            follow[0] = last == null || last.getIndex() >= log.getItems().size() - 1;
        });
        log.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> decide.run());
        log.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> decide.run());
        log.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> decide.run());
        log.getItems().addListener((ListChangeListener<String>) c -> {
            if (follow[0] && !log.getItems().isEmpty()) {
                log.scrollTo(log.getItems().size() - 1);
            }
        });
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

    /** A pane heading over {@code content}; the heading is its label (mnemonic: Alt+letter focuses it). */
    private static VBox titled(String title, javafx.scene.Node content) {
        Label l = new Label(title);
        l.getStyleClass().add(StyleClasses.PANE_TITLE);
        l.setMnemonicParsing(true);
        l.setLabelFor(content);
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
                    String word = item.split("[: ]", -1)[0];
                    getStyleClass().add(prefix + word);
                }
                // the whole text (a failure reason is longer than the column) on hover
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item));
            }
        };
    }

    private static final class List {
        @SafeVarargs
        static <T> java.util.List<T> of(T... items) {
            java.util.List<T> out = new java.util.ArrayList<>(items.length);
            for (T item : items) {
                out.add(item);
            }
            return java.util.Collections.unmodifiableList(out);
        }
    }
}
