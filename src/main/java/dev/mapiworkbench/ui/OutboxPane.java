package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.ViewParts.column;

import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Outbox queue's pane in the main window: its heading with the pending count, the drafts, the queue table,
 * and under it the selected message in full with Retry, Retry now and the row actions ({@link OutboxActions});
 * also the "Retry now" bar under the teardown panel while the after-sending wait runs.
 */
final class OutboxPane {

    private OutboxPane() {}

    /** The pane; {@code outboxTable} in it. */
    static VBox build(MainViewModel model) {
        TableView<OutboxInfo> outbox = new TableView<>(model.outbox());
        outbox.setId("outboxTable");
        TableColumn<OutboxInfo, String> state = column("State", OutboxInfo::state, 110);
        state.setCellFactory(c -> ViewParts.styledCell("outbox-state-"));
        TableColumn<OutboxInfo, String> reply = column("Server reply", o -> o.reply() == null ? "" : o.reply(), 160);
        ViewParts.columns(
                outbox, column("Subject", OutboxInfo::subject, 220), column("To", OutboxInfo::to, 180), state, reply);
        // the rows are paged in as the table scrolls (decision 0530): the table shows them in the queue's order
        outbox.getColumns().forEach(c -> c.setSortable(false));
        outbox.setPlaceholder(new Label("The Outbox is empty."));
        outbox.setAccessibleText("Outbox queue");
        outbox.getSelectionModel()
                .selectedItemProperty()
                .addListener((obs, was, o) -> model.selectedMessageProperty()
                        .set(o == null ? null : new MainViewModel.MessageRef(o.key(), o.subject())));
        outbox.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        followReplacedSelection(outbox);
        firstArrowSelectsTheFocusedRow(outbox);

        Label outboxTitle = new Label();
        outboxTitle.getStyleClass().add(StyleClasses.PANE_TITLE);
        outboxTitle.setLabelFor(outbox);
        outboxTitle.setId("outboxQueueTitle");
        // failed mail stays in the Outbox (Retry / Delete), so the folder tree's count can be larger than the
        // pending count, and sent mail stays listed in the queue but is no longer in the Outbox folder: the heading
        // counts what the tree counts and names the sent rows apart, so that the two agree (issue 10 item 16)
        outboxTitle
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> queueTitle(
                                model.outboxUnsent().size(),
                                model.pendingCountProperty().get(),
                                model.outbox().size() - model.outboxUnsent().size()),
                        model.outbox(),
                        model.outboxUnsent(),
                        model.pendingCountProperty()));
        VBox outboxPane = new VBox(outboxTitle, new DraftsPane(model), outbox, outboxDetails(model, outbox));
        VBox.setVgrow(outbox, Priority.ALWAYS);
        return outboxPane;
    }

    /**
     * "Outbox queue (N pending)", or "(M messages, N pending)" when some of the Outbox folder's {@code inOutbox}
     * messages are not pending (failed mail), each followed by ", K sent" when the queue still lists {@code sent}
     * messages that have left the folder.
     */
    static String queueTitle(int inOutbox, int pending, int sent) {
        String counts = inOutbox <= pending
                ? pending + " pending"
                : inOutbox + (inOutbox == 1 ? " message, " : " messages, ") + pending + " pending";
        return "Outbox queue (" + counts + (sent > 0 ? ", " + sent + " sent" : "") + ")";
    }

    /**
     * Down or Up on the table while nothing is selected selects the focused row: Tab leaves the focus on a row
     * without selecting it, and JavaFX's Down then moved past it, or on the only row did nothing (the keyboard walk
     * of 2026-12-02: Retry and Delete had no message until Space).
     */
    private static void firstArrowSelectsTheFocusedRow(TableView<OutboxInfo> table) {
        table.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            boolean arrow =
                    e.getCode() == javafx.scene.input.KeyCode.DOWN || e.getCode() == javafx.scene.input.KeyCode.UP;
            int focused = table.getFocusModel().getFocusedIndex();
            if (arrow
                    && !e.isShiftDown()
                    && !e.isControlDown()
                    && !e.isAltDown()
                    && !e.isMetaDown()
                    && table.getSelectionModel().isEmpty()
                    && focused >= 0
                    && focused < table.getItems().size()) {
                e.consume();
                table.getSelectionModel().clearAndSelect(focused);
            }
        });
    }

    /**
     * When the selected row is replaced in place (its page arrived and the placeholder gave way to the message, or
     * the message changed state), the selection is made again so that everything following the selected item — the
     * details, the row actions, File › Export — sees the row as it is now (decision 0530).
     */
    private static void followReplacedSelection(TableView<OutboxInfo> table) {
        table.getItems().addListener((javafx.collections.ListChangeListener<OutboxInfo>) c -> {
            var sm = table.getSelectionModel();
            int at = sm.getSelectedIndex();
            while (c.next()) {
                if (c.wasReplaced() && at >= c.getFrom() && at < c.getTo()) {
                    OutboxInfo now = table.getItems().get(at);
                    if (!now.equals(sm.getSelectedItem())) {
                        sm.clearAndSelect(at);
                    }
                    return;
                }
            }
        });
    }

    /**
     * Under the Outbox queue: the selected message in full (subject, recipients, state with the
     * whole failure reason, selectable) and Retry for a failed one.
     */
    private static Node outboxDetails(MainViewModel model, TableView<OutboxInfo> outbox) {
        var selected = outbox.getSelectionModel().selectedItemProperty();
        Button retry = new Button("Re_try");
        retry.setId("outboxRetryButton");
        retry.setAccessibleText("Submit the selected failed message again");
        LazyTooltip.set(retry, "Submit the selected failed message again");
        retry.disableProperty()
                .bind(Bindings.createBooleanBinding(
                                () -> selected.get() == null
                                        || !selected.get().state().startsWith("failed"),
                                selected)
                        .or(MainMenus.sessionOff(model)));
        retry.setOnAction(e -> model.retry(selected.get()));
        retry.setMinWidth(Region.USE_PREF_SIZE);
        Button retryNow = retryNowButton(model, "outboxRetryNowButton");
        // Abort submit, Delete…, the context menu and the Delete key (OutboxActions); Retry now after Retry
        VBox actions = OutboxActions.install(outbox, model, MainMenus.sessionOff(model), retry);
        actions.getChildren().add(actions.getChildren().indexOf(retry) + 1, retryNow);
        HBox box = new HBox(6, twoByTwo(actions));
        detailsOnFirstSelection(box, selected);
        box.setId("outboxDetailsPane");
        box.setPadding(new Insets(4));
        return box;
    }

    /** The details' prompt while no message is selected. */
    private static final String DETAILS_PROMPT = "Select a message to see it in full.";

    /**
     * Until the first message is selected the details are a plain label with the text area's prompt: a text area's
     * skin (its scroll pane, caret, text nodes and their CSS) is the costliest control of the first frame, and it
     * shows nothing then (issue 12, decision 0630). The first selection puts the text area in its place for good.
     */
    private static void detailsOnFirstSelection(HBox box, ObservableValue<OutboxInfo> selected) {
        Label hint = new Label(DETAILS_PROMPT);
        hint.setId("outboxDetailsHint");
        hint.getStyleClass().add(StyleClasses.DETAILS_HINT);
        hint.setAccessibleText("The selected Outbox message in full: none selected");
        hint.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        hint.setAlignment(Pos.TOP_LEFT);
        hint.setWrapText(true);
        HBox.setHgrow(hint, Priority.ALWAYS);
        box.getChildren().add(0, hint);
        selected.addListener(new ChangeListener<OutboxInfo>() {
            @Override
            public void changed(ObservableValue<? extends OutboxInfo> obs, OutboxInfo was, OutboxInfo now) {
                if (now != null) {
                    selected.removeListener(this);
                    TextArea details = detailsArea(selected);
                    HBox.setHgrow(details, Priority.ALWAYS);
                    box.getChildren().set(box.getChildren().indexOf(hint), details);
                }
            }
        });
    }

    /** The selected message in full: subject, recipients, state with the whole failure reason; selectable. */
    private static TextArea detailsArea(ObservableValue<OutboxInfo> selected) {
        TextArea details = new TextArea();
        details.setId("outboxDetails");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(2);
        details.setAccessibleText("The selected Outbox message in full");
        details.setPromptText(DETAILS_PROMPT);
        details.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            OutboxInfo o = selected.getValue();
                            return o == null
                                    ? ""
                                    : o.subject() + "\nTo: " + o.to() + "\nState: " + o.state()
                                            + (o.reply() == null ? "" : "\nServer: " + o.reply());
                        },
                        selected));
        return details;
    }

    /**
     * The four row buttons two by two, the result line under them (shown only when it says something): one button
     * per row made this pane ~130 px high and left the queue table one or two rows at 1180×760 (decision 0602).
     */
    private static GridPane twoByTwo(VBox actions) {
        java.util.List<Node> nodes = new java.util.ArrayList<>(actions.getChildren());
        actions.getChildren().clear();
        GridPane grid = new GridPane();
        grid.setId("outboxActionsPane");
        grid.setHgap(4);
        grid.setVgap(4);
        int buttons = 0;
        for (Node n : nodes) {
            if (n instanceof Button b) {
                b.setMaxWidth(Double.MAX_VALUE);
                GridPane.setFillWidth(b, true);
                grid.add(b, buttons % 2, buttons / 2);
                buttons++;
            } else if (n instanceof Label result) {
                result.managedProperty().bind(result.textProperty().isNotEmpty());
                result.visibleProperty().bind(result.managedProperty());
                grid.add(result, 0, (buttons + 1) / 2, 2, 1);
            } else {
                grid.add(n, 0, (buttons + 1) / 2, 2, 1);
            }
        }
        grid.setMinWidth(Region.USE_PREF_SIZE);
        return grid;
    }

    /**
     * "Retry now" (Alt+W): mail the SMTP server deferred (4xx) or could not be reached for is tried at
     * once instead of after its backoff (decision 0161); enabled while such a message waits.
     */
    private static Button retryNowButton(MainViewModel model, String id) {
        Button b = new Button("Retry no_w");
        b.setId(id);
        String what = "Try the mail the server deferred again now, without waiting for the next retry";
        b.setAccessibleText(what);
        LazyTooltip.set(b, what);
        b.disableProperty().bind(model.retryNowAvailableProperty().not());
        b.setOnAction(e -> model.retryNow());
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /**
     * Under the teardown panel while the after-sending wait runs: "Retry now" for deferred mail, with
     * the server's reply per message in the wait list (TeardownEventBridge).
     */
    static Node teardownRetryNow(MainViewModel model) {
        Label note = new Label(
                "The SMTP server deferred some mail or could not be reached; it is retried with" + " a growing pause.");
        note.setWrapText(true);
        HBox bar = new HBox(8, retryNowButton(model, "waitRetryNowButton"), note);
        bar.setId("waitRetryNowPane");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.visibleProperty().bind(model.teardown().waitPhaseProperty().and(model.retryNowAvailableProperty()));
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }
}
