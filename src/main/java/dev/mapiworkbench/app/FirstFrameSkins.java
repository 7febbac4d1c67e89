package dev.mapiworkbench.app;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Skin;
import javafx.scene.control.SkinBase;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TreeView;
import javafx.scene.control.skin.ListViewSkin;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.TreeTableViewSkin;
import javafx.scene.control.skin.TreeViewSkin;

/**
 * The window's tables, lists and trees that have nothing to show when it opens (before the logon every one is
 * empty) are drawn in the first frame as their own empty, styled box, without their skins; the skins — column
 * headers, the virtual flow, scroll bars, cells, and the behaviours' input maps, several hundred classes — are made
 * right after the first frame (issue 12 item 4, decision 0720). A control that has items, or a skin already, is left
 * alone.
 */
final class FirstFrameSkins {

    /**
     * The skin a deferred control has until {@link #restore()}: the control's own placeholder ("No messages.") in its
     * middle, as its real skin shows it when empty, and nothing else to build or style.
     */
    static final class Deferred extends SkinBase<Control> {
        Deferred(Control control, Node placeholder) {
            super(control);
            if (placeholder != null) {
                getChildren().add(placeholder);
            }
        }

        /** Gives the placeholder back (the real skin puts it in its own place). */
        void release() {
            getChildren().clear();
        }
    }

    private static final java.util.Set<Class<?>> KINDS =
            java.util.Set.of(TableView.class, ListView.class, TreeView.class, TreeTableView.class);

    private final List<Control> deferred;

    private FirstFrameSkins(List<Control> deferred) {
        this.deferred = deferred;
    }

    /** Gives every empty table, list and tree under {@code root} a {@link Deferred} skin; call before the first CSS pass. */
    static FirstFrameSkins deferEmpty(Node root) {
        List<Control> found = new ArrayList<>();
        walk(root, found);
        for (Control c : found) {
            c.setSkin(new Deferred(c, placeholder(c)));
        }
        return new FirstFrameSkins(found);
    }

    /** How many controls wait for their skins. */
    int size() {
        return deferred.size();
    }

    /** Gives the deferred controls their real skins (styled and laid out by the next pulse); once. FX thread. */
    void restore() {
        for (Control c : deferred) {
            if (c.getSkin() instanceof Deferred d) {
                d.release();
                c.setSkin(realSkin(c));
            }
        }
        deferred.clear();
    }

    /**
     * Visits {@code n} and what it will show: a parent's children, and the content of the containers whose children
     * only their skins make (tab panes, split panes, scroll panes, titled panes).
     */
    private static void walk(Node n, List<Control> into) {
        if (n == null) {
            return;
        }
        if (empty(n)) {
            into.add((Control) n);
            return;
        }
        if (n instanceof TabPane tabs) {
            for (Tab t : tabs.getTabs()) {
                walk(t.getContent(), into);
            }
        } else if (n instanceof SplitPane split) {
            for (Node item : split.getItems()) {
                walk(item, into);
            }
        } else if (n instanceof ScrollPane scroll) {
            walk(scroll.getContent(), into);
        } else if (n instanceof TitledPane titled) {
            walk(titled.getContent(), into);
        } else if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, into);
            }
        }
    }

    private static Node placeholder(Control c) {
        if (c instanceof TableView<?> t) {
            return t.getPlaceholder();
        }
        if (c instanceof ListView<?> l) {
            return l.getPlaceholder();
        }
        return c instanceof TreeTableView<?> t ? t.getPlaceholder() : null;
    }

    /** An empty table, list or tree with no skin yet (of the JavaFX classes themselves: a subclass may skin itself). */
    private static boolean empty(Node n) {
        if (!(n instanceof Control c) || c.getSkin() != null || !KINDS.contains(n.getClass())) {
            return false;
        }
        if (n instanceof TableView<?> t) {
            return t.getItems() == null || t.getItems().isEmpty();
        }
        if (n instanceof ListView<?> l) {
            return l.getItems() == null || l.getItems().isEmpty();
        }
        if (n instanceof TreeView<?> t) {
            return t.getRoot() == null;
        }
        if (n instanceof TreeTableView<?> t) {
            return t.getRoot() == null;
        }
        return false;
    }

    /** The skin the control would have made itself (its class's default skin). */
    private static Skin<?> realSkin(Control c) {
        if (c instanceof TableView<?> t) {
            return tableSkin(t);
        }
        if (c instanceof ListView<?> l) {
            return listSkin(l);
        }
        if (c instanceof TreeView<?> t) {
            return treeSkin(t);
        }
        return treeTableSkin((TreeTableView<?>) c);
    }

    private static <T> Skin<?> tableSkin(TableView<T> t) {
        return new TableViewSkin<>(t);
    }

    private static <T> Skin<?> listSkin(ListView<T> l) {
        return new ListViewSkin<>(l);
    }

    private static <T> Skin<?> treeSkin(TreeView<T> t) {
        return new TreeViewSkin<>(t);
    }

    private static <T> Skin<?> treeTableSkin(TreeTableView<T> t) {
        return new TreeTableViewSkin<>(t);
    }
}
