package dev.mapiworkbench.ui;

import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Region;

/**
 * The main window's menu bar (File, Session, View, Help: one method per menu, so a menu gets new items in one
 * place) and its toolbar (Log on, New message, Send/Receive, Log off). Ids: docs/automation.md.
 */
final class MainMenus {

    private final MainViewModel model;
    private final CheckMenuItem darkTheme;

    /** {@code darkTheme}: the View menu's item, which the window listens to. */
    MainMenus(MainViewModel model, CheckMenuItem darkTheme) {
        this.model = model;
        this.darkTheme = darkTheme;
    }

    MenuBar menuBar() {
        MenuBar bar = new MenuBar(fileMenu(), sessionMenu(), viewMenu(), helpMenu());
        bar.setId("mainMenuBar");
        TransportRulesMenu.install(bar, model.transportRules()); // Session › Transport rules… (decision 0610)
        // Alt+F / Alt+S / Alt+V / Alt+H open their menus on every platform: the app's one mnemonic installer
        // (Mnemonics, decisions 0511 and 0800)
        return bar;
    }

    private Menu fileMenu() {
        MenuItem logon = item("Log _on", "logonMenuItem", model::logon);
        MenuItem logonWithFlags = item("Log on with fla_gs…", "logonWithFlagsMenuItem", model::logonWithFlags);
        MenuItem compose = item("_New message…", "newMessageMenuItem", model::compose);
        compose.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        MenuItem sendReceive = item("Send/_Receive", "sendReceiveMenuItem", model::sendReceive);
        sendReceive.setAccelerator(new KeyCodeCombination(KeyCode.F9));
        MenuItem logoff = item("Log o_ff…", "logoffMenuItem", model::requestLogoff);
        MenuItem importEml = item("_Import .eml…", "importEmlMenuItem", model::importEml);
        MenuItem exportEml = item("_Export as .eml…", "exportEmlMenuItem", model::exportEml);
        MenuItem logoffWithFlags =
                item("Log off with f_lags…", "logoffWithFlagsMenuItem", model::requestLogoffWithFlags);
        MenuItem exportReport = item("Export re_port…", "exportReportMenuItem", model.notes()::exportReport);
        exportReport
                .disableProperty()
                .bind(model.notes().availableProperty().not().or(model.notes().exportingProperty()));
        MenuItem exit = item("E_xit", "exitMenuItem", model::requestExit);
        exit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        logon.disableProperty()
                .bind(model.loggedOnProperty().or(model.busyProperty()).or(model.tearingDownProperty()));
        logonWithFlags.disableProperty().bind(logon.disableProperty());
        var sessionOff = sessionOff(model);
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
                logonWithFlags,
                compose,
                sendReceive,
                logoff,
                logoffWithFlags,
                new SeparatorMenuItem(),
                importEml,
                exportEml,
                new SeparatorMenuItem(),
                exportReport,
                new SeparatorMenuItem(),
                exit);
        file.setId("fileMenu");
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
        critical.disableProperty().bind(sessionOff(model));
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
    static BooleanBinding sessionOff(MainViewModel model) {
        return model.loggedOnProperty().not().or(model.tearingDownProperty());
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    ToolBar toolBar() {
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
        var sessionOff = sessionOff(model);
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
        LazyTooltip.set(b, accessible);
        b.setOnAction(e -> action.run());
        return b;
    }
}
