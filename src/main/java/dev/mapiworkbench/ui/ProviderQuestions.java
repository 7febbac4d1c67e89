package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.ProviderUiHost;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's question (ProviderUiHost) asked on the MAPI thread, answered in a dialog on the UI thread; the
 * MAPI thread waits for the answer. Interrupted or failed: the question's default answer.
 */
final class ProviderQuestions implements ProviderUiHost.ProviderUi {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderQuestions.class);

    private final UiThread uiThread;
    private final DialogService dialogs;

    ProviderQuestions(UiThread uiThread, DialogService dialogs) {
        this.uiThread = uiThread;
        this.dialogs = dialogs;
    }

    @Override
    public String ask(ProviderUiHost.Request request) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        uiThread.runLater(() -> {
            try {
                answer.complete(dialogs.askProvider(request));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return request.defaultChoice();
        } catch (ExecutionException e) {
            LOG.warn("provider question failed, using its default answer", e.getCause());
            return request.defaultChoice();
        }
    }
}
