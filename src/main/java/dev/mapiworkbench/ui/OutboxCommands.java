package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import dev.mapiworkbench.ui.SessionGateway.Snapshot;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Outbox queue's row actions, each off the FX thread: Submit or Delete of a draft (decision 0121), Retry
 * of a failed message, IMsgStore::AbortSubmit and Delete of failed mail (IMAPIFolder::DeleteMessages). The
 * last action's outcome with its HRESULT is {@link #outboxActionResultProperty()}.
 */
final class OutboxCommands {

    private final ViewModelContext ctx;
    private final StringProperty outboxActionResult = new SimpleStringProperty(this, "outboxActionResult", "");

    OutboxCommands(ViewModelContext ctx) {
        this.ctx = ctx;
    }

    /** The last Outbox action's outcome with its HRESULT ("AbortSubmit \"x\": S_OK …"). */
    StringProperty outboxActionResultProperty() {
        return outboxActionResult;
    }

    /** Submits (true) or deletes (false) a draft left in the Outbox, in the background. */
    void resolveDraft(OutboxInfo draft, boolean submit) {
        if (!ctx.loggedOn().get() || draft == null) {
            return;
        }
        String verb = submit ? "Submit" : "Delete";
        ctx.executor()
                .submit(
                        verb.toLowerCase(Locale.ROOT) + " draft",
                        () -> {
                            if (submit) {
                                ctx.gateway().submitDraft(draft.key());
                            } else {
                                ctx.gateway().deleteDraft(draft.key());
                            }
                            return ctx.gateway().snapshot();
                        },
                        snapshot -> {
                            ctx.apply(snapshot);
                            ctx.log(verb + " draft '" + draft.subject() + "'");
                        },
                        error -> ctx.dialogs().showError(verb + " draft failed: " + error.getMessage(), error));
    }

    /** Retry of a failed Outbox message: submitted again, off the FX thread. */
    void retry(OutboxInfo message) {
        if (!ctx.sessionOn() || message == null) {
            return;
        }
        ctx.executor()
                .submit(
                        "retry",
                        () -> {
                            ctx.gateway().resubmit(message.key());
                            return ctx.gateway().snapshot();
                        },
                        snapshot -> {
                            ctx.apply(snapshot);
                            ctx.log("Retry: \"" + message.subject() + "\" submitted again");
                        },
                        error -> ctx.dialogs()
                                .showError(
                                        "Could not retry \"" + message.subject() + "\": " + error.getMessage(), error));
    }

    /**
     * IMsgStore::AbortSubmit on a queued or stuck Outbox message, off the FX thread; the HRESULT goes to
     * {@link #outboxActionResultProperty()} and the log (MAPI_E_UNABLE_TO_ABORT once the spooler holds it).
     */
    void abortSubmit(OutboxInfo message) {
        if (!ctx.sessionOn() || message == null) {
            return;
        }
        ctx.executor()
                .submit(
                        "abort submit",
                        () -> {
                            HResult hr = ctx.gateway().abortSubmit(message.key());
                            return new Aborted(hr, ctx.gateway().snapshot());
                        },
                        (Aborted a) -> {
                            ctx.apply(a.snapshot());
                            String line = "AbortSubmit \"" + message.subject() + "\": " + a.hresult()
                                    + abortMeaning(a.hresult());
                            outboxActionResult.set(line);
                            ctx.log(line);
                        },
                        error -> ctx.dialogs()
                                .showError(
                                        "Could not abort \"" + message.subject() + "\": " + error.getMessage(), error));
    }

    private record Aborted(HResult hresult, Snapshot snapshot) {}

    /** What an AbortSubmit result means for the message, in words. */
    static String abortMeaning(HResult hr) {
        if (hr.succeeded()) {
            return " — taken out of the outgoing queue; it stays in the Outbox as a draft";
        }
        if (hr.equals(HResult.MAPI_E_UNABLE_TO_ABORT)) {
            return " — the spooler holds it (SUBMITFLAG_LOCKED) and is sending it";
        }
        if (hr.equals(HResult.MAPI_E_NOT_IN_QUEUE)) {
            return " — it is no longer in the outgoing queue";
        }
        return "";
    }

    /**
     * Delete of failed mail in the Outbox (IMAPIFolder::DeleteMessages), after the person confirmed it;
     * off the FX thread. Only a failed message is deleted this way (queued mail: Abort submit first).
     */
    void deleteFailed(OutboxInfo message) {
        if (!ctx.sessionOn() || message == null || !message.state().startsWith("failed")) {
            return;
        }
        if (!ctx.dialogs()
                .confirm(
                        "Delete failed message",
                        "Delete \"" + message.subject() + "\" from the Outbox?",
                        String.join(
                                System.lineSeparator(),
                                "To: " + message.to(),
                                message.state(),
                                "IMAPIFolder::DeleteMessages removes it for good; it is not moved to Deleted Items."),
                        "_Delete")) {
            ctx.log("Delete of \"" + message.subject() + "\" cancelled; it stays in the Outbox");
            return;
        }
        ctx.executor()
                .submit(
                        "delete",
                        () -> {
                            ctx.gateway().deleteOutboxMessage(message.key());
                            return ctx.gateway().snapshot();
                        },
                        snapshot -> {
                            ctx.apply(snapshot);
                            String line = "Deleted the failed message \"" + message.subject()
                                    + "\" from the Outbox (IMAPIFolder::DeleteMessages -> S_OK)";
                            outboxActionResult.set(line);
                            ctx.log(line);
                        },
                        error -> ctx.dialogs()
                                .showError(
                                        "Could not delete \"" + message.subject() + "\": " + error.getMessage(),
                                        error));
    }
}
