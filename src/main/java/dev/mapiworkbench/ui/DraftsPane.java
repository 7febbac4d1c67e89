package dev.mapiworkbench.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Drafts left in the Outbox (saved but never submitted, e.g. by a process killed between
 * SaveChanges and SubmitMessage): a short list above the Outbox queue with Submit and Delete for the
 * selected draft; hidden while there are none (decision 0121), and built when the first one shows up. Ids: {@code draftsPane},
 * {@code draftsList}, {@code submitDraftButton}, {@code deleteDraftButton}.
 */
public final class DraftsPane extends VBox {

    public DraftsPane(MainViewModel model) {
        setId("draftsPane");
        setSpacing(4);
        getStyleClass().add("drafts-pane");
        visibleProperty().bind(Bindings.isNotEmpty(model.drafts()));
        managedProperty().bind(visibleProperty());
        // the list and its buttons are built when the first draft shows up (issue 12: not in the first frame)
        if (isVisible()) {
            build(model);
        } else {
            visibleProperty().addListener(new javafx.beans.InvalidationListener() {
                @Override
                public void invalidated(javafx.beans.Observable o) {
                    if (isVisible()) {
                        visibleProperty().removeListener(this);
                        build(model);
                    }
                }
            });
        }
    }

    private void build(MainViewModel model) {
        Label title = new Label();
        title.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            int n = model.drafts().size();
                            return n + (n == 1 ? " draft" : " drafts") + " left in the Outbox (saved, never submitted)";
                        },
                        model.drafts()));
        ListView<SessionGateway.OutboxInfo> list = new ListView<>(model.drafts());
        list.setId("draftsList");
        list.setPrefHeight(72);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(SessionGateway.OutboxInfo item, boolean empty) {
                super.updateItem(item, empty);
                setText(
                        empty || item == null
                                ? null
                                : item.subject() + (item.to().isEmpty() ? "" : " — " + item.to()));
            }
        });
        model.drafts().addListener((ListChangeListener<SessionGateway.OutboxInfo>) c -> {
            if (list.getSelectionModel().isEmpty() && !model.drafts().isEmpty()) {
                list.getSelectionModel().selectFirst();
            }
        });
        Button submit = new Button("Su_bmit");
        submit.setId("submitDraftButton");
        submit.setMnemonicParsing(true);
        submit.setOnAction(e -> model.resolveDraft(list.getSelectionModel().getSelectedItem(), true));
        Button delete = new Button("Delete");
        delete.setId("deleteDraftButton");
        delete.setMnemonicParsing(false);
        delete.setOnAction(e -> model.resolveDraft(list.getSelectionModel().getSelectedItem(), false));
        submit.disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull());
        delete.disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull());
        getChildren().setAll(title, list, new HBox(6, submit, delete));
        if (list.getSelectionModel().isEmpty() && !model.drafts().isEmpty()) {
            list.getSelectionModel().selectFirst();
        }
    }
}
