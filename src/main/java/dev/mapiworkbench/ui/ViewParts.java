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
