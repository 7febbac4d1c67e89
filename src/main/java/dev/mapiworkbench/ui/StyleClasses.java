package dev.mapiworkbench.ui;

/** Style-class names and stylesheet locations used by the views (kept as constants, never typed twice). */
public final class StyleClasses {

    private StyleClasses() {}

    public static final String MAIN_TOOLBAR = "main-toolbar";
    public static final String TOOLBAR_ICON = "toolbar-icon";
    public static final String PANE_TITLE = "pane-title";
    public static final String STATUS_ITEM = "status-item";
    public static final String NOTIFICATION_LOG = "notification-log";
    public static final String TRANSPORT_PANEL = "transport-panel";
    /** A plain label standing in for a read-only text area until there is something to show. */
    public static final String DETAILS_HINT = "details-hint";

    /** The light theme (looked-up -app-* colours at .root). */
    public static String appStylesheet() {
        return StyleClasses.class.getResource("/dev/mapiworkbench/ui/app.css").toExternalForm();
    }

    /**
     * The status bar's user-agent style sheet: ControlsFX's {@code statusbar.css}, copied so that it ships as a
     * binary style sheet like the others (decision 0821).
     */
    public static String statusBarStylesheet() {
        return StyleClasses.class
                .getResource("/dev/mapiworkbench/ui/controlsfx-statusbar.css")
                .toExternalForm();
    }

    /** The dark theme: swaps only the -app-* colours. */
    public static String darkStylesheet() {
        return StyleClasses.class
                .getResource("/dev/mapiworkbench/ui/app-dark.css")
                .toExternalForm();
    }
}
