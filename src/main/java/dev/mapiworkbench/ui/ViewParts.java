package dev.mapiworkbench.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The main window's small building blocks: pane headings, text columns, state cells styled by their first word. */
final class ViewParts {

    private ViewParts() {}

    /** A pane heading over {@code content}; the heading is its label (mnemonic: Alt+letter focuses it). */
    static VBox titled(String title, Node content) {
        Label l = new Label(title);
        l.getStyleClass().add(StyleClasses.PANE_TITLE);
        l.setMnemonicParsing(true);
        l.setLabelFor(content);
        VBox box = new VBox(l, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    /** A form's text field with its automation id and a prompt (the dialogs' forms, docs/automation.md). */
    static TextField textField(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    /**
     * A form label for {@code target}: its mnemonic (Alt+letter) focuses the target, and it is never narrower
     * than its text (a form label elided to "…" hides what the field is for; issue 10, item 3).
     */
    static Label fieldLabel(String text, Node target) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /**
     * Alt+letter (no other modifier) focuses the field of the form label in {@code root} whose mnemonic is that
     * letter, and the key goes no further (decision 0711). Under Openbox JavaFX's own label mnemonics did
     * nothing in the compose dialog (its buttons' did; the cause is not pinned down — its To field carries a
     * ControlsFX decoration, which the other dialogs lack) and the letters went on into the focused field.
     * A check box's letter toggles it (and focuses it). Buttons keep JavaFX's mnemonics: only a letter a label
     * or a check box holds is taken, and only while its control is shown and enabled.
     */
    static void focusByLabelMnemonic(Node root) {
        javafx.event.EventHandler<javafx.scene.input.KeyEvent> keys = mnemonicKeys(root);
        // on the window, ahead of the scene's own mnemonics: those come before any filter of the dialog's nodes,
        // and for a check box they only focus it. The dialog's scene may be re-rooted (ControlsFX decorations),
        // so the filter follows root's scene and that scene's window.
        javafx.beans.value.ChangeListener<javafx.stage.Window> onWindow = (o, old, w) -> {
            if (old != null) {
                old.removeEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, keys);
            }
            if (w != null) {
                w.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, keys);
            }
        };
        javafx.beans.value.ChangeListener<javafx.scene.Scene> onScene = (o, old, scene) -> {
            if (old != null) {
                old.windowProperty().removeListener(onWindow);
                onWindow.changed(null, old.getWindow(), null);
            }
            if (scene != null) {
                scene.windowProperty().addListener(onWindow);
                onWindow.changed(null, null, scene.getWindow());
            }
        };
        root.sceneProperty().addListener(onScene);
        onScene.changed(null, null, root.getScene());
    }

    private static javafx.event.EventHandler<javafx.scene.input.KeyEvent> mnemonicKeys(Node root) {
        return e -> {
            if (!e.isAltDown() || e.isControlDown() || e.isShiftDown() || e.isMetaDown()) {
                return;
            }
            if (!e.getCode().isLetterKey() && !e.getCode().isDigitKey()) {
                return;
            }
            String letter = e.getCode().getChar();
            // a check box's own letter ticks or unticks it, as on every desktop; JavaFX only focused it, so
            // "Alt+T (step through), Alt+N (log off now)" ran without the pauses (walk of 2026-12-02)
            for (Node n : root.lookupAll(".check-box")) {
                if (n instanceof javafx.scene.control.CheckBox c
                        && c.isMnemonicParsing()
                        && letter.equalsIgnoreCase(mnemonicOf(c.getText()))
                        && shown(c)
                        && !c.isDisabled()) {
                    e.consume();
                    c.requestFocus();
                    c.fire();
                    return;
                }
            }
            for (Node n : root.lookupAll(".label")) {
                if (n instanceof Label l
                        && l.isMnemonicParsing()
                        && l.getLabelFor() != null
                        && letter.equalsIgnoreCase(mnemonicOf(l.getText()))
                        && shown(l.getLabelFor())
                        && !l.getLabelFor().isDisabled()) {
                    e.consume();
                    l.getLabelFor().requestFocus();
                    return;
                }
            }
        };
    }

    /** The letter after the first single '_' of a mnemonic text ("S_ubject:" → "u"), or "" when none. */
    static String mnemonicOf(String text) {
        if (text == null) {
            return "";
        }
        for (int i = 0; i + 1 < text.length(); i++) {
            if (text.charAt(i) == '_') {
                if (text.charAt(i + 1) == '_') {
                    i++; // "__" is a literal underscore
                    continue;
                }
                return String.valueOf(text.charAt(i + 1));
            }
        }
        return "";
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible() || (n != node && n instanceof javafx.scene.control.TitledPane t && !t.isExpanded())) {
                return false; // hidden, or in a collapsed section (the Advanced part of the logoff dialog)
            }
        }
        return node.getScene() != null;
    }

    /** A read-only text column. */
    static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> (ObservableValue<String>) new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** Sets {@code table}'s columns. */
    @SafeVarargs
    static <T> void columns(TableView<T> table, TableColumn<T, ?>... columns) {
        List<TableColumn<T, ?>> all = new ArrayList<>(columns.length);
        for (TableColumn<T, ?> c : columns) {
            all.add(c);
        }
        table.getColumns().setAll(all);
    }

    /**
     * A cell styled {@code prefix + first word} of its text ("outbox-state-failed"), with the whole text as its
     * tooltip (a failure reason is longer than the column).
     */
    static <T> TableCell<T, String> styledCell(String prefix) {
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
                LazyTooltip.set(this, empty ? null : item);
            }
        };
    }
}
