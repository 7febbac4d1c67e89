package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.ViewParts.column;

import dev.mapiworkbench.ui.SessionGateway.FolderInfo;
import dev.mapiworkbench.ui.SessionGateway.MessageInfo;
import dev.mapiworkbench.ui.teardown.TeardownPanel;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;

/**
 * The main window "MAPI Logoff Workbench": the layout of menu and toolbar ({@link MainMenus}), folder
 * tree, message list, the Outbox queue ({@link OutboxPane}), the tabs under them ({@link DetailTabs}:
 * open objects, notification log, transport, faults, peers, history), the status bar, and the teardown
 * panel over the mail views while a session ends. Binds to a {@link MainViewModel}; every interactive node has a stable id (docs/automation.md).
 */
public final class MainView {

    private final MainViewModel model;
    private final BorderPane root = new BorderPane();
    private final CheckMenuItem darkTheme = new CheckMenuItem("_Dark theme");
    /** The tab strip above a tab's content, with the split divider (px). */
    private static final double TAB_HEADER_HEIGHT = 40;
    /** The tabs' least height (px) beside the mail views: the tab strip and the Transport tab's three rows. */
    private static final double DETAIL_TABS_MIN_HEIGHT = 136;
    /**
     * The key under which each split pane's {@link SplitPane#getProperties() properties} hold its default divider
     * positions ({@code double[]}): the window state falls back to them when it remembers none, instead of to
     * positions a first layout at a smaller size moved (decision 0602).
     */
    public static final String DEFAULT_DIVIDERS = "mapiworkbench.defaultDividers";
    /** The first split's default: message list above, Outbox queue below (decision 0602). */
    static final double MAIL_DIVIDER = 0.45;
    /** The default split between the mail views and the tabs under them (decision 0602). */
    static final double DETAILS_DIVIDER = 0.66;

    private final java.util.Map<String, SplitPane> splitPanes = new java.util.LinkedHashMap<>();
    private final javafx.scene.control.MenuBar menuBar;
    private TeardownPanel teardownPanel;

    public MainView(MainViewModel model) {
        this.model = model;
        root.setId("mainRoot");
        root.getStylesheets().add(StyleClasses.appStylesheet());
        MainMenus menus = new MainMenus(model, darkTheme);
        menuBar = menus.menuBar();
        root.setTop(new VBox(menuBar, menus.toolBar()));
        root.setCenter(body());
        root.setBottom(statusBar());
        // Take screenshot (Notes tab): the whole window's scene
        model.notes()
                .setCamera(
                        () -> root.getScene() == null ? null : root.getScene().snapshot(null));
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
    public void addFileMenuItems(java.util.List<javafx.scene.control.MenuItem> items) {
        javafx.scene.control.Menu file = menu("fileMenu");
        int exit = file.getItems().size() - 1;
        file.getItems().add(exit, new javafx.scene.control.SeparatorMenuItem());
        file.getItems().addAll(exit, items);
    }

    private javafx.scene.control.Menu menu(String id) {
        return menuBar.getMenus().stream()
                .filter(m -> id.equals(m.getId()))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Builds and styles the hidden teardown panel's skin now instead of at the first teardown (the window's
     * idle-time warm-up, decision 0631); returns whether it was still to build.
     */
    public boolean buildTeardownPanel() {
        boolean todo = !teardownPanel.skinBuilt();
        teardownPanel.buildSkin();
        return todo;
    }

    /** Switches the dark theme on or off (also the View menu). */
    public void setDarkTheme(boolean dark) {
        darkTheme.setSelected(dark);
    }

    private Parent body() {
        TreeView<String> tree = folderTree();
        tree.setAccessibleText("Folders of the message store");
        VBox folderPane = ViewParts.titled("Fol_ders", tree);
        folderPane.setMinWidth(160);

        TableView<MessageInfo> messages = new TableView<>(model.visibleMessages());
        messages.setId("messageTable");
        ViewParts.columns(
                messages,
                column("Folder", MessageInfo::folder, 100),
                column("Subject", MessageInfo::subject, 220),
                column("To", MessageInfo::to, 180),
                column("State", MessageInfo::state, 90),
                column("Time", MessageInfo::time, 130));
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

        VBox outboxPane = OutboxPane.build(model);

        SplitPane mail = new SplitPane(ViewParts.titled("_Messages", messages), outboxPane);
        mail.setOrientation(Orientation.VERTICAL);
        // the queue table under the message list gets the larger part: at 1180×760 both show five rows or more
        // (decision 0602; the person's own position is remembered, WindowState)
        mail.setDividerPositions(MAIL_DIVIDER);

        SplitPane upper = new SplitPane(folderPane, mail);
        upper.setDividerPositions(0.2);
        SplitPane.setResizableWithParent(folderPane, false);

        // while a session ends the panel covers folders and mail (both empty after Logoff) and gets
        // more height; the open-objects table stays visible below it
        TeardownPanel panel = new TeardownPanel(model.teardown());
        teardownPanel = panel;
        panel.visibleProperty().bind(model.teardownVisibleProperty());
        VBox teardownArea = new VBox(panel, OutboxPane.teardownRetryNow(model));
        VBox.setVgrow(panel, javafx.scene.layout.Priority.ALWAYS);
        teardownArea.visibleProperty().bind(model.teardownVisibleProperty());
        upper.visibleProperty().bind(model.teardownVisibleProperty().not());
        StackPane top = new StackPane(upper, teardownArea);

        TabPane detailTabs = DetailTabs.build(model);
        DetailTabKeys.addTo(menu("viewMenu"), detailTabs);
        // never so low that a tab's form is cut (the Transport tab's three rows down to Apply, decision 0512); while
        // a teardown is shown the steps come first (the fit below), and its keys reach the tab's controls
        detailTabs
                .minHeightProperty()
                .bind(Bindings.when(model.teardownVisibleProperty())
                        .then(javafx.scene.layout.Region.USE_COMPUTED_SIZE)
                        .otherwise(DETAIL_TABS_MIN_HEIGHT));
        SplitPane all = new SplitPane(top, detailTabs);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(DETAILS_DIVIDER);
        // the steps get more height while a teardown is shown, but never so much that the selected tab
        // (the Transport controls, the Faults table) is cut off: the way out of a blocked teardown must
        // stay reachable at 800×550 (issue 10 item 6); the person's own position comes back after
        // (a layout of the moment: the divider the person wants comes back when the teardown is closed, decision 0701)
        java.util.function.Supplier<double[]> fit = () -> {
            double wanted = DividerMemory.wanted(all)[0];
            double h = all.getHeight();
            Tab selected = detailTabs.getSelectionModel().getSelectedItem();
            if (h <= 0 || selected == null || selected.getContent() == null) {
                return new double[] {Math.max(wanted, 0.78)};
            }
            // its minimum, not its preferred height: a table prefers ~400 px and would take the steps' room
            double need = selected.getContent().minHeight(all.getWidth()) + TAB_HEADER_HEIGHT;
            double pos = Math.min(Math.max(wanted, 0.78), 1 - need / h);
            return new double[] {Math.max(0.35, pos)};
        };
        model.teardownVisibleProperty().addListener((obs, was, shown) -> {
            if (shown) {
                DividerMemory.hold(all, fit);
            } else {
                DividerMemory.release(all);
            }
        });
        detailTabs.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (model.teardownVisibleProperty().get()) {
                DividerMemory.hold(all, fit);
            }
        });
        // the mail views' dividers come back to their share when a window made small grows again (decision 0701);
        // the folder pane keeps its width instead (not resizable with the window)
        DividerMemory.install(mail);
        DividerMemory.install(all);
        splitPanes.put("folders", upper);
        splitPanes.put("mail", mail);
        splitPanes.put("details", all);
        splitPanes.values().forEach(p -> p.getProperties().put(DEFAULT_DIVIDERS, p.getDividerPositions()));
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

    private StatusBar statusBar() {
        // ControlsFX's own style sheet for it, as a binary style sheet (no CSS parser in the first frame, decision
        // 0821)
        StatusBar bar = new StatusBar() {
            @Override
            public String getUserAgentStylesheet() {
                return StyleClasses.statusBarStylesheet();
            }
        };
        bar.setId("statusBar");
        bar.textProperty().bind(model.sessionStateProperty());
        Label backend = statusItem("statusBackend");
        backend.textProperty().bind(Bindings.concat("Backend: ", model.backendNameProperty()));
        Label spooler = statusItem("statusSpooler");
        spooler.textProperty().bind(Bindings.concat("Spooler: ", model.spoolerStateProperty()));
        Label pending = statusItem("statusPending");
        pending.textProperty().bind(Bindings.concat("Pending: ", model.pendingCountProperty()));
        bar.getRightItems().setAll(backend, spooler, pending);
        // the session state on the left gives way (its whole text in the tooltip); the items on the right never
        // shrink to "Backend: Si…" (issue 10 item 16, decision 0512)
        LazyTooltip.bind(bar, model.sessionStateProperty());
        bar.setAccessibleText("Status");
        return bar;
    }

    private static Label statusItem(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(StyleClasses.STATUS_ITEM);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
