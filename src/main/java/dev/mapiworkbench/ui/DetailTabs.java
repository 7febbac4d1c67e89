package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.ViewParts.column;

import dev.mapiworkbench.ui.SessionGateway.ObjectInfo;
import dev.mapiworkbench.ui.SessionGateway.PeerInfo;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * The tabs under the mail views ({@code detailTabs}): Open objects, Notifications (the log that follows new
 * entries), Transport (the knobs beside the SMTP settings), Faults, Peers and History (read the first time it
 * is shown), Notes (the test session: charter, notes, screenshots, docs/report.md). Only the first tab's
 * content is built with the window; each other tab's is built when the tab is first selected.
 */
final class DetailTabs {

    private DetailTabs() {}

    static TabPane build(MainViewModel model) {
        // the first tab is shown in the first frame; the others get their content when first selected
        // (issue 12: the first CSS pass styled all seven tabs' controls, most of the start-up's FX time)
        Tab objectsTab = new Tab("Open objects", openObjectsTable(model));
        objectsTab.setId("openObjectsTab");
        Tab logTab = new Tab("Notifications");
        logTab.setId("notificationsTab");
        logTab.getProperties().put(CONTENT_MAKER, (Supplier<Node>) () -> notificationLog(model, logTab));
        Tab transportTab = lazyTab("Transport", "transportTab", () -> transport(model));
        Tab faultsTab = lazyTab("Faults", "faultsTab", () -> new FaultsPanel(model.faults()));
        // the saved runs are read the first time the tab is shown, off the FX thread
        Tab historyTab = lazyTab("History", "historyTab", () -> {
            HistoryPanel history = new HistoryPanel(model.history());
            model.history().load();
            return history;
        });
        Tab peersTab = lazyTab("Peers", "peersTab", () -> peersTable(model));
        Tab notesTab = lazyTab("Notes", "notesTab", () -> new dev.mapiworkbench.ui.report.NotesPane(model.notes()));
        TabPane tabs = new TabPane(objectsTab, logTab, transportTab, faultsTab, peersTab, historyTab, notesTab);
        tabs.setId("detailTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        buildOnSelection(tabs);
        return tabs;
    }

    /** A lazy tab's content maker, in the tab's properties until the tab is first selected. */
    private static final Object CONTENT_MAKER = new Object();

    /** A tab whose content is built the first time it is selected ({@link #buildOnSelection}). */
    private static Tab lazyTab(String text, String id, Supplier<Node> content) {
        Tab tab = new Tab(text);
        tab.setId(id);
        tab.getProperties().put(CONTENT_MAKER, content);
        return tab;
    }

    /**
     * Builds a lazy tab's content when the tab is selected: this listener is the pane's first, so the
     * listeners added after it (the teardown layout fits the divider to the selected tab's minimum height)
     * and whoever selected the tab (View › Ctrl+2 … focuses its first control) find the content, its ids
     * (docs/automation.md) and its skin at once.
     */
    private static void buildOnSelection(TabPane tabs) {
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, was, tab) -> {
            if (tab != null && tab.getProperties().remove(CONTENT_MAKER) instanceof Supplier<?> maker) {
                Node built = (Node) maker.get();
                tab.setContent(built);
                if (built.getScene() != null) {
                    built.applyCss();
                }
            }
        });
    }

    private static TableView<ObjectInfo> openObjectsTable(MainViewModel model) {
        TableView<ObjectInfo> objects = new TableView<>(model.openObjects());
        objects.setId("openObjectsTable");
        TableColumn<ObjectInfo, String> state = column("State", ObjectInfo::state, 80);
        state.setCellFactory(c -> ViewParts.styledCell("open-object-state-"));
        ViewParts.columns(
                objects,
                column("Kind", ObjectInfo::kind, 130),
                column("Name", ObjectInfo::name, 260),
                column("Ref count", o -> Integer.toString(o.refCount()), 80),
                column("Advise connections", o -> Integer.toString(o.adviseConnections()), 130),
                state);
        objects.setPlaceholder(new Label("Nothing is open."));
        objects.setAccessibleText("Open MAPI objects");
        objects.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return objects;
    }

    /** The notification log, in {@code tab}: it catches up on the lines added while the tab was hidden. */
    private static ListView<String> notificationLog(MainViewModel model, Tab tab) {
        ListView<String> log = new ListView<>(model.notifications());
        log.setId("notificationLog");
        log.getStyleClass().add(StyleClasses.NOTIFICATION_LOG);
        log.setPlaceholder(new Label("No notifications yet."));
        log.setAccessibleText("Notification log");
        followNewEntries(log, tab);
        return log;
    }

    /** The Transport tab: the knobs, Transport settings… and, on the right, where mail goes and what runs. */
    private static TransportPanel transport(MainViewModel model) {
        return new TransportPanel(
                model.transport(),
                model::applyTransport,
                model.transportDestinationProperty(),
                model::editTransportSettings);
    }

    /** The Peers tab: each peer client of the shared session, its state, what it received and what it did. */
    private static TableView<PeerInfo> peersTable(MainViewModel model) {
        TableView<PeerInfo> peers = new TableView<>(model.peers());
        peers.setId("peersTable");
        TableColumn<PeerInfo, String> state = column("State", PeerInfo::state, 100);
        state.setCellFactory(c -> ViewParts.styledCell("peer-state-"));
        ViewParts.columns(
                peers,
                column("Peer client", PeerInfo::name, 160),
                state,
                column("Received", PeerInfo::received, 280),
                column("Did", PeerInfo::did, 300));
        peers.setPlaceholder(new Label("No peer clients: log on with a shared session (--shared, --peers N)."));
        peers.setAccessibleText("Peer clients of the shared session");
        peers.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return peers;
    }

    /**
     * The log follows new entries while its end is in view. Whether it is is decided after the
     * person's own scrolling (wheel, keys, the scroll bar), not per entry: a burst of entries in one
     * pulse must not look like "scrolled up" just because the view has not been laid out yet. Once
     * the person scrolls up it stays where it is; scrolling back to the end follows again. It opens at
     * its end, and lines added while its tab was hidden are scrolled to when the tab is shown again
     * (issue 10 item 13; the keyboard walk of 2026-12-02 found both missing).
     */
    private static void followNewEntries(ListView<String> log, Tab tab) {
        boolean[] follow = {true};
        Runnable decide = () -> Platform.runLater(() -> {
            log.layout();
            VirtualFlow<?> flow = (VirtualFlow<?>) log.lookup(".virtual-flow");
            IndexedCell<?> last = flow == null ? null : flow.getLastVisibleCell();
            follow[0] = last == null || last.getIndex() >= log.getItems().size() - 1;
        });
        log.addEventFilter(ScrollEvent.SCROLL, e -> decide.run());
        log.addEventFilter(KeyEvent.KEY_PRESSED, e -> decide.run());
        log.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> decide.run());
        Runnable toEnd = () -> {
            if (follow[0] && !log.getItems().isEmpty()) {
                log.scrollTo(log.getItems().size() - 1);
            }
        };
        log.getItems().addListener((ListChangeListener<String>) c -> toEnd.run());
        // built when its tab is first shown, with the lines so far: it opens at the newest, and catches up on the
        // lines added while the tab was hidden (its scrollTo then had no laid-out view to move)
        tab.selectedProperty().addListener((obs, was, selected) -> {
            if (selected) {
                toEnd.run();
            }
        });
        toEnd.run();
    }
}
