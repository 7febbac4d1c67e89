package dev.mapiworkbench.ui;

import dev.mapiworkbench.ui.MainViewModel.MessageRef;
import dev.mapiworkbench.ui.SessionGateway.OutboxInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport and .eml actions (decision 0250), each off the FX thread: the Transport tab's knobs, Session ›
 * Transport settings… (simulated transport or an SMTP server), "Retry now" for deferred mail, and File › Import
 * .eml… / Export as .eml….
 */
final class TransportCommands {

    private static final Logger LOG = LoggerFactory.getLogger(TransportCommands.class);

    private final ViewModelContext ctx;
    private final TransportViewModel transport;
    private final ObservableList<OutboxInfo> outbox;
    private final StringProperty transportDestination = new SimpleStringProperty(this, "transportDestination", "");
    private final ObjectProperty<MessageRef> selectedMessage = new SimpleObjectProperty<>(this, "selectedMessage");

    /** {@code outbox}: the queue, whose last server replies the settings dialog shows. */
    TransportCommands(ViewModelContext ctx, TransportViewModel transport, ObservableList<OutboxInfo> outbox) {
        this.ctx = ctx;
        this.transport = transport;
        this.outbox = outbox;
    }

    StringProperty transportDestinationProperty() {
        return transportDestination;
    }

    ObjectProperty<MessageRef> selectedMessageProperty() {
        return selectedMessage;
    }

    /** Applies the transport panel to the running session. */
    void applyTransport() {
        var settings = transport.toSettings();
        ctx.executor()
                .submit(
                        "transport",
                        () -> {
                            ctx.gateway().applyTransport(settings);
                            return ctx.gateway().transportSettings();
                        },
                        running -> {
                            // show what the transport really runs with now, not what the fields held
                            transport.load(running.orElse(null));
                            ctx.log("Transport: latency " + settings.latencyMillis() + " ms, fail every "
                                    + settings.failEvery() + ", offline " + settings.offline() + ", hang "
                                    + settings.hang());
                        },
                        error -> ctx.dialogs().showError("Could not change the transport", error));
    }

    /** Session › Transport settings…: the dialog, then the profile's transport, both off the FX thread. */
    void editTransportSettings() {
        ctx.executor()
                .submit(
                        "transport settings",
                        ctx.gateway()::smtpState,
                        state -> {
                            if (state.isEmpty()) {
                                transportDestination.set(TransportSettingsViewModel.describe(null));
                                ctx.dialogs()
                                        .showError(
                                                "This backend has no SMTP transport: its own transport sends the mail.",
                                                new UnsupportedOperationException("no SMTP transport in "
                                                        + ctx.gateway().backendName()));
                                return;
                            }
                            List<String> replies = outbox.stream()
                                    .map(OutboxInfo::reply)
                                    .filter(Objects::nonNull)
                                    .toList();
                            ctx.dialogs()
                                    .transportSettings(new TransportSettingsViewModel(state.get(), replies))
                                    .ifPresent(this::applyTransportSettings);
                        },
                        error -> ctx.dialogs()
                                .showError("Could not read the transport settings: " + error.getMessage(), error));
    }

    private void applyTransportSettings(TransportSettingsViewModel.Result r) {
        ctx.executor()
                .submit(
                        "transport settings",
                        () -> {
                            ctx.gateway().useSmtp(r.settings(), r.replacePassword(), r.password());
                            return ctx.gateway().smtpState();
                        },
                        state -> {
                            String line = TransportSettingsViewModel.describe(state.orElse(null));
                            transportDestination.set(line);
                            ctx.log("Transport settings: " + line); // never the password (SmtpSettings.describe)
                        },
                        error -> ctx.dialogs()
                                .showError("Could not change the transport: " + error.getMessage(), error));
    }

    /** Reads where mail goes into {@link #transportDestinationProperty()} (after logon). */
    void refreshTransportDestination() {
        ctx.executor()
                .submit(
                        "transport destination",
                        ctx.gateway()::smtpState,
                        state -> transportDestination.set(TransportSettingsViewModel.describe(state.orElse(null))),
                        error -> LOG.warn("transport settings not read", error));
    }

    /** "Retry now": mail the server deferred (4xx) or could not be reached for is tried at once. */
    void retryNow() {
        ctx.executor()
                .submit(
                        "retry now",
                        () -> {
                            ctx.gateway().retryNow();
                            return null;
                        },
                        ignored -> ctx.log("Retry now: the deferred mail is tried again at once"),
                        error -> ctx.dialogs().showError("Retry now failed: " + error.getMessage(), error));
    }

    /** File › Import .eml…: the chosen file is queued in the Outbox. */
    void importEml() {
        if (!ctx.sessionOn()) {
            return;
        }
        ctx.dialogs()
                .chooseEmlToImport()
                .ifPresent(file -> ctx.executor()
                        .submit(
                                "import .eml",
                                () -> {
                                    ctx.gateway().importEml(file);
                                    return ctx.gateway().snapshot();
                                },
                                snapshot -> {
                                    ctx.apply(snapshot);
                                    ctx.log("Imported " + file.getFileName() + " into the Outbox");
                                },
                                error -> ctx.dialogs()
                                        .showError(
                                                "Could not import " + file.getFileName() + ": " + error.getMessage(),
                                                error)));
    }

    /** File › Export as .eml…: the selected message (message list or Outbox queue) is written as .eml. */
    void exportEml() {
        MessageRef m = selectedMessage.get();
        if (!ctx.sessionOn() || m == null) {
            return;
        }
        ctx.dialogs()
                .chooseEmlExportFile(emlFileName(m.subject()))
                .ifPresent(file -> ctx.executor()
                        .submit(
                                "export .eml",
                                () -> {
                                    ctx.gateway().exportEml(m.key(), file);
                                    return file;
                                },
                                (Path p) -> ctx.log("Exported \"" + m.subject() + "\" to " + p),
                                error -> ctx.dialogs()
                                        .showError(
                                                "Could not export \"" + m.subject() + "\": " + error.getMessage(),
                                                error)));
    }

    /** A file name from a subject: letters, digits, '-', '_' and spaces kept, at most 60 characters. */
    static String emlFileName(String subject) {
        String base = subject == null
                ? ""
                : subject.replaceAll("[^\\p{L}\\p{N} _-]+", "_").trim();
        if (base.length() > 60) {
            base = base.substring(0, 60).trim();
        }
        return (base.isEmpty() ? "message" : base) + ".eml";
    }
}
