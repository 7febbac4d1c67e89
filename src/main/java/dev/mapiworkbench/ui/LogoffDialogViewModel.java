package dev.mapiworkbench.ui;

import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.TeardownRequest;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The logoff dialog's state: the pending Outbox messages, MAPI_LOGOFF_UI (checked by default),
 * MAPI_LOGOFF_SHARED (offered only when the session is shared and this client owns it), the plan
 * and step-through. {@link #decide} turns a button into the {@link TeardownRequest} the engine runs.
 */
public final class LogoffDialogViewModel {

    /** The warning of the IMAPISession::Logoff page, shown next to the shared-logoff check box. */
    public static final String SHARED_WARNING = "Microsoft's IMAPISession::Logoff page: because of the fast shutdown "
            + "behaviour of Outlook 2007 SP2, Outlook 2010 and later, clients should never pass MAPI_LOGOFF_SHARED. "
            + "It makes every MAPI client of the shared session begin shutting down, with unexpected results.";

    private final ObservableList<String> pendingMessages = FXCollections.observableArrayList();
    private final boolean sharedAndOwned;
    private final BooleanProperty allowProviderUi = new SimpleBooleanProperty(this, "allowProviderUi", true);
    private final BooleanProperty logoffShared = new SimpleBooleanProperty(this, "logoffShared", false);
    private final BooleanProperty stepThrough = new SimpleBooleanProperty(this, "stepThrough", false);
    private final ObjectProperty<Plan> plan = new SimpleObjectProperty<>(this, "plan", Plan.DESKTOP);
    private final StringBinding nowExplanation;
    private final javafx.beans.binding.BooleanBinding ceIgnoresFlags;
    private final StringBinding planNote;
    private ObservableList<String> live;

    /**
     * The CE plan (seed 002) passes no flags and has no step that unadvises or releases anything but
     * the session; this client opens its session desktop-style (store, folders, tables, advise
     * sinks, OLE and MAPIUtil initialised), so those stay behind.
     */
    public static final String CE_NOTE = "The Windows CE plan calls IMAPISession::Logoff(0, 0, 0): no MAPI_LOGOFF_UI, "
            + "no MAPI_LOGOFF_SHARED, so those options do not apply. It has no Unadvise or Release steps, so the "
            + "store, folders, tables and advise sinks this desktop-style session opened end as leaks.";

    /**
     * @param pending one line per pending message: "subject — to: recipients — state"
     * @param sharedAndOwned whether the session is a shared one this client owns
     */
    public LogoffDialogViewModel(List<String> pending, boolean sharedAndOwned) {
        this.pendingMessages.setAll(pending);
        this.sharedAndOwned = sharedAndOwned;
        nowExplanation = Bindings.createStringBinding(() -> explainNow(pendingMessages.size()), pendingMessages);
        ceIgnoresFlags = plan.isEqualTo(Plan.CE);
        planNote = Bindings.createStringBinding(() -> plan.get() == Plan.CE ? CE_NOTE : "", plan);
    }

    /**
     * A live view of the Outbox: {@code pending} is the window's list of pending lines, kept current
     * while the dialog is open (issue 10, item 11); {@link #dispose()} lets go of it.
     */
    public LogoffDialogViewModel(ObservableList<String> pending, boolean sharedAndOwned) {
        this(List.copyOf(pending), sharedAndOwned);
        live = pending;
        Bindings.bindContent(pendingMessages, pending);
    }

    /** Stops following the window's Outbox (the dialog closed). */
    public void dispose() {
        if (live != null) {
            Bindings.unbindContent(pendingMessages, live);
            live = null;
        }
    }

    /** True while the CE plan is chosen: it calls Logoff(0, 0, 0), so the flag options do not apply. */
    public javafx.beans.binding.BooleanBinding ceIgnoresFlagsProperty() {
        return ceIgnoresFlags;
    }

    /** Why the options are off and why the CE plan leaks, in words; empty for the desktop plan. */
    public StringBinding planNoteProperty() {
        return planNote;
    }

    /** What "Log off now" means for the pending mail, in words. */
    public static String explainNow(int pending) {
        if (pending == 0) {
            return "The Outbox is empty: logging off now loses nothing.";
        }
        String n = pending == 1 ? "this message stays" : "these " + pending + " messages stay";
        return "Log off now: " + n + " in the Outbox until the next logon, and " + (pending == 1 ? "is" : "are")
                + " sent then. Log off after sending waits until " + (pending == 1 ? "it has" : "they have")
                + " gone.";
    }

    public ObservableList<String> pendingMessages() {
        return pendingMessages;
    }

    public boolean isSharedAndOwned() {
        return sharedAndOwned;
    }

    public BooleanProperty allowProviderUiProperty() {
        return allowProviderUi;
    }

    public BooleanProperty logoffSharedProperty() {
        return logoffShared;
    }

    public BooleanProperty stepThroughProperty() {
        return stepThrough;
    }

    public ObjectProperty<Plan> planProperty() {
        return plan;
    }

    public StringBinding nowExplanationProperty() {
        return nowExplanation;
    }

    /**
     * The request for the button pressed; MAPI_LOGOFF_SHARED only when offered and checked. (The request
     * applies the critical-error and CE rules itself.)
     */
    public TeardownRequest decide(Mode mode) {
        return TeardownRequest.of(plan.get(), mode)
                .withAllowUi(allowProviderUi.get())
                .withLogoffShared(sharedAndOwned && logoffShared.get())
                .withStepThrough(stepThrough.get());
    }
}
