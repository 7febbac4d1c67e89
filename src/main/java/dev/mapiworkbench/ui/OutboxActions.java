package dev.mapiworkbench.ui;

import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableObjectValue;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Outbox queue's row actions besides Retry: "Abort submit" (IMsgStore::AbortSubmit on a queued or stuck
 * message, the HRESULT shown in the line under the buttons) and "Delete…" (failed mail, after a
 * confirmation, IMAPIFolder::DeleteMessages), as buttons, in the table's context menu and by key (Delete
 * on a selected failed message). Ids: {@code outboxAbortSubmitButton}, {@code outboxDeleteButton},
 * {@code outboxActionResult}, {@code outboxContextMenu} with {@code outboxRetryMenuItem},
 * {@code outboxAbortSubmitMenuItem}, {@code outboxDeleteMenuItem}.
 */
final class OutboxActions {

    private OutboxActions() {}

    /** Queued ("queued") or in the spooler's hands ("sending"): AbortSubmit applies. */
    static boolean abortable(OutboxInfo o) {
        return o != null && o.pending();
    }

    /** Failed mail: Delete applies. */
    static boolean deletable(OutboxInfo o) {
        return o != null && o.state().startsWith("failed");
    }

    /**
     * Installs the context menu and the Delete key on {@code outbox} and returns the buttons and the result
     * line to put beside Retry.
     */
    static VBox install(
            TableView<OutboxInfo> outbox, MainViewModel model, ObservableBooleanValue sessionOff, Button retry) {
        ObservableObjectValue<OutboxInfo> selected = outbox.getSelectionModel().selectedItemProperty();
        BooleanBinding noAbort = Bindings.createBooleanBinding(() -> !abortable(selected.get()), selected)
                .or(sessionOff);
        BooleanBinding noDelete = Bindings.createBooleanBinding(() -> !deletable(selected.get()), selected)
                .or(sessionOff);

        // no mnemonic on these two: A and L belong to the tabs below (Apply, Add, Latency, Release); the context
        // menu (its own Alt+A / Alt+L) and the Delete key reach them by keyboard (decision 0510)
        Button abort = new Button("Abort submit");
        abort.setId("outboxAbortSubmitButton");
        abort.setMnemonicParsing(false);
        abort.setAccessibleText("Abort the submission of the selected queued message (IMsgStore::AbortSubmit)");
        LazyTooltip.set(
                abort,
                "IMsgStore::AbortSubmit: take the selected queued message out of the outgoing"
                        + " queue. Fails with MAPI_E_UNABLE_TO_ABORT once the spooler holds it.");
        abort.disableProperty().bind(noAbort);
        abort.setOnAction(e -> model.abortSubmit(selected.get()));

        Button delete = new Button("Delete…");
        delete.setId("outboxDeleteButton");
        delete.setMnemonicParsing(false);
        delete.setAccessibleText("Delete the selected failed message from the Outbox (asks first)");
        LazyTooltip.set(
                delete,
                "Delete the selected failed message (IMAPIFolder::DeleteMessages); asks first." + " Key: Delete");
        delete.disableProperty().bind(noDelete);
        delete.setOnAction(e -> model.deleteFailed(selected.get()));

        for (Button b : new Button[] {abort, delete}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setMaxWidth(Double.MAX_VALUE);
        }
        retry.setMaxWidth(Double.MAX_VALUE);

        MenuItem retryItem = new MenuItem("Re_try");
        retryItem.setId("outboxRetryMenuItem");
        retryItem.disableProperty().bind(retry.disableProperty());
        retryItem.setOnAction(e -> retry.fire());
        MenuItem abortItem = new MenuItem("_Abort submit");
        abortItem.setId("outboxAbortSubmitMenuItem");
        abortItem.disableProperty().bind(noAbort);
        abortItem.setOnAction(e -> model.abortSubmit(selected.get()));
        MenuItem deleteItem = new MenuItem("De_lete…");
        deleteItem.setId("outboxDeleteMenuItem");
        deleteItem.disableProperty().bind(noDelete);
        deleteItem.setOnAction(e -> model.deleteFailed(selected.get()));
        ContextMenu menu = new ContextMenu(retryItem, abortItem, deleteItem);
        menu.setId("outboxContextMenu");
        outbox.setContextMenu(menu);

        outbox.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DELETE && !noDelete.get()) {
                e.consume();
                model.deleteFailed(selected.get());
            }
        });

        Label result = new Label();
        result.setId("outboxActionResult");
        result.setWrapText(true);
        result.setMaxWidth(260);
        result.textProperty().bind(model.outboxActionResultProperty());
        result.setAccessibleText("The last Outbox action and its HRESULT");
        VBox box = new VBox(4, retry, abort, delete, result);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }
}
