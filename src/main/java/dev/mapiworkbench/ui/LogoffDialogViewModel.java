package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.FlagSet;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.StepDefinition;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.WhatIf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
 * MAPI_LOGOFF_SHARED (offered only when the session is shared and this client owns it), "strict 8 steps",
 * the after-sending timeout, the plan and step-through; under "Advanced" the raw Logoff flags and the
 * command line's what-ifs (skip / move / force a step, {@link WhatIf}). {@link #decide} turns a button into
 * the {@link TeardownRequest} the engine runs; {@link #problemProperty()} says why it cannot (bad flags, a
 * what-if the plan cannot run) and the log-off buttons are off meanwhile.
 */
public final class LogoffDialogViewModel {

    /** The warning of the IMAPISession::Logoff page, shown next to the shared-logoff check box. */
    public static final String SHARED_WARNING = "Microsoft's IMAPISession::Logoff page: because of the fast shutdown "
            + "behaviour of Outlook 2007 SP2, Outlook 2010 and later, clients should never pass MAPI_LOGOFF_SHARED. "
            + "It makes every MAPI client of the shared session begin shutting down, with unexpected results.";

    /** The pending lines: a copy, or the window's live (paged) list followed while the dialog is open. */
    private final FollowingList<String> pendingMessages;

    private final boolean sharedAndOwned;
    private final BooleanProperty allowProviderUi = new SimpleBooleanProperty(this, "allowProviderUi", true);
    private final BooleanProperty logoffShared = new SimpleBooleanProperty(this, "logoffShared", false);
    private final BooleanProperty stepThrough = new SimpleBooleanProperty(this, "stepThrough", false);
    private final ObjectProperty<Plan> plan = new SimpleObjectProperty<>(this, "plan", Plan.DESKTOP);
    private final StringBinding nowExplanation;
    private final javafx.beans.binding.BooleanBinding ceIgnoresFlags;
    private final StringBinding planNote;
    private final BooleanProperty strict8Steps = new SimpleBooleanProperty(this, "strict8Steps", false);
    /** The after-sending wait in whole seconds (the spinner's value). */
    private final ObjectProperty<Integer> timeoutSeconds = new SimpleObjectProperty<>(this, "timeoutSeconds", 300);

    private final BooleanProperty rawFlags = new SimpleBooleanProperty(this, "rawFlags", false);
    /** The typed Logoff flags; null while the text does not parse. */
    private final ObjectProperty<Integer> rawFlagsValue = new SimpleObjectProperty<>(this, "rawFlagsValue", 0);

    private final BooleanProperty advancedExpanded = new SimpleBooleanProperty(this, "advancedExpanded", false);
    private final ObservableList<WhatIfRow> whatIfs = FXCollections.observableArrayList();
    private final StringBinding problem;
    private final javafx.beans.binding.BooleanBinding planHasStoreLogoff;
    private final javafx.beans.binding.BooleanBinding flagOptionsOff;

    /** Largest timeout the spinner takes: 365 days (the command line saturates there too). */
    public static final int MAX_TIMEOUT_SECONDS = 365 * 24 * 3600;

    /** One what-if of the Advanced section: the command line's --what-if-skip / -move / -force. */
    public record WhatIfRow(Kind kind, StepId step, StepId after) {

        /** What the what-if does to its step. */
        public enum Kind {
            SKIP("skip"),
            MOVE("move after"),
            FORCE("force");

            private final String label;

            Kind(String label) {
                this.label = label;
            }

            @Override
            public String toString() {
                return label;
            }
        }

        /** {@code skip logoff}, {@code move logoff after release-session}, {@code force mapi-uninitialize}. */
        @Override
        public String toString() {
            return kind == Kind.MOVE ? "move " + step.id() + " after " + after.id() : kind.label + " " + step.id();
        }
    }

    /**
     * The CE plan (seed 002) passes no flags and has no step that unadvises or releases anything but
     * the session; this client opens its session desktop-style (store, folders, tables, advise
     * sinks, OLE and MAPIUtil initialised), so those stay behind.
     */
    public static final String CE_NOTE = "The Windows CE plan calls IMAPISession::Logoff(0, 0, 0): no MAPI_LOGOFF_UI, "
            + "no MAPI_LOGOFF_SHARED and no raw flags, and it has no store-logoff step for \"strict 8 steps\" to leave "
            + "out, so those options do not apply. It has no Unadvise or Release steps, so the "
            + "store, folders, tables and advise sinks this desktop-style session opened end as leaks.";

    /**
     * @param pending one line per pending message: "subject — to: recipients — state"
     * @param sharedAndOwned whether the session is a shared one this client owns
     */
    public LogoffDialogViewModel(List<String> pending, boolean sharedAndOwned) {
        this(FXCollections.observableArrayList(pending), sharedAndOwned);
    }

    /**
     * A live view of the Outbox: {@code pending} is the window's list of pending lines, kept current
     * while the dialog is open (issue 10, item 11); {@link #dispose()} lets go of it. Nothing is copied: the
     * window's list is paged (decision 0640), and the dialog's list reads only the rows it draws.
     */
    public LogoffDialogViewModel(ObservableList<String> pending, boolean sharedAndOwned) {
        this.pendingMessages = new FollowingList<>(pending);
        this.sharedAndOwned = sharedAndOwned;
        nowExplanation = Bindings.createStringBinding(() -> explainNow(pendingMessages.size()), pendingMessages);
        ceIgnoresFlags = plan.isEqualTo(Plan.CE);
        planNote = Bindings.createStringBinding(() -> plan.get() == Plan.CE ? CE_NOTE : "", plan);
        planHasStoreLogoff = Bindings.createBooleanBinding(
                () -> plan.get() != null && plan.get().steps().stream().anyMatch(st -> st.id() == StepId.STORE_LOGOFF),
                plan);
        // the raw flags replace MAPI_LOGOFF_UI / MAPI_LOGOFF_SHARED; the CE plan ignores all of them
        flagOptionsOff = ceIgnoresFlags.or(rawFlags);
        problem = Bindings.createStringBinding(
                this::findProblem, plan, strict8Steps, rawFlags, rawFlagsValue, whatIfs, timeoutSeconds);
    }

    /**
     * The defaults the window was started with ({@code --strict-8-steps}, {@code --timeout},
     * {@code --logoff-flags}): the dialog opens with them.
     */
    public LogoffDialogViewModel withDefaults(TeardownRequest template) {
        if (template != null) {
            strict8Steps.set(template.strict8Steps());
            // --shared (or a shared scenario) logs off with MAPI_LOGOFF_SHARED on the command line; the window's
            // dialog starts the same, the warning beside the check box says why not on Outlook (decision 0710)
            logoffShared.set(sharedAndOwned && template.logoffShared());
            timeoutSeconds.set(
                    (int) Math.min(MAX_TIMEOUT_SECONDS, template.timeout().toSeconds()));
            if (template.rawLogoffFlags() != null) {
                rawFlags.set(true);
                rawFlagsValue.set(template.rawLogoffFlags());
                initialRawFlags = template.rawLogoffFlags();
            }
        }
        return this;
    }

    /** What the raw flags field starts with: --logoff-flags, else what the check boxes compute. */
    public int initialRawFlags() {
        return initialRawFlags != null ? initialRawFlags : computedFlags();
    }

    private Integer initialRawFlags;

    /** "Log off with flags…": the Advanced section open, raw flags on. */
    public LogoffDialogViewModel withRawFlagsOpen() {
        rawFlags.set(true);
        advancedExpanded.set(true);
        return this;
    }

    /** Why the buttons are off, or "" when the request can run. */
    private String findProblem() {
        if (plan.get() != Plan.CE && rawFlags.get() && rawFlagsValue.get() == null) {
            return "The Logoff flags do not parse: type hex (0x3), decimal or flag names joined with |.";
        }
        if (timeoutSeconds.get() == null) {
            return "Type the after-sending timeout in seconds (0 or more).";
        }
        try {
            decide(Mode.NOW).validate();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The steps a what-if can name for the chosen plan (strict 8 steps applied), in plan order. */
    public List<StepId> planSteps() {
        List<StepId> ids = new ArrayList<>();
        for (StepDefinition st : plan.get().steps()) {
            if (!(strict8Steps.get() && st.id() == StepId.STORE_LOGOFF)) {
                ids.add(st.id());
            }
        }
        return ids;
    }

    /** The what-ifs as the engine takes them (the same record the command line builds). */
    public WhatIf whatIf() {
        Set<StepId> skip = EnumSet.noneOf(StepId.class);
        Set<StepId> force = EnumSet.noneOf(StepId.class);
        List<WhatIf.Move> moves = new ArrayList<>();
        for (WhatIfRow r : whatIfs) {
            switch (r.kind()) {
                case SKIP -> skip.add(r.step());
                case FORCE -> force.add(r.step());
                case MOVE -> moves.add(new WhatIf.Move(r.step(), r.after()));
            }
        }
        return new WhatIf(skip, moves, force);
    }

    /** Stops following the window's Outbox (the dialog closed). */
    public void dispose() {
        pendingMessages.detach();
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
        boolean ce = plan.get() == Plan.CE;
        Integer seconds = timeoutSeconds.get();
        return TeardownRequest.of(plan.get(), mode)
                .withAllowUi(allowProviderUi.get())
                .withLogoffShared(sharedAndOwned && logoffShared.get())
                .withStepThrough(stepThrough.get())
                .withStrict8Steps(!ce && strict8Steps.get())
                .withTimeout(Duration.ofSeconds(seconds == null ? 0 : seconds))
                .withRawLogoffFlags(!ce && rawFlags.get() ? rawFlagsValue.get() : null)
                .withWhatIf(whatIf());
    }

    /** "Strict 8 steps (leave out StoreLogoff)". */
    public BooleanProperty strict8StepsProperty() {
        return strict8Steps;
    }

    /** True when the chosen plan has a store-logoff step (strict 8 steps can leave it out). */
    public javafx.beans.binding.BooleanBinding planHasStoreLogoffProperty() {
        return planHasStoreLogoff;
    }

    /** The after-sending timeout in seconds; null while the spinner's text is not a number. */
    public ObjectProperty<Integer> timeoutSecondsProperty() {
        return timeoutSeconds;
    }

    /** Pass the typed Logoff flags instead of the computed ones. */
    public BooleanProperty rawFlagsProperty() {
        return rawFlags;
    }

    /** The typed Logoff flags (null while they do not parse). */
    public ObjectProperty<Integer> rawFlagsValueProperty() {
        return rawFlagsValue;
    }

    /** The flags the check boxes compute (the raw field starts from them). */
    public int computedFlags() {
        return TeardownRequest.of(Plan.DESKTOP, Mode.NOW)
                .withAllowUi(allowProviderUi.get())
                .withLogoffShared(logoffShared.get())
                .logoffFlags(sharedAndOwned);
    }

    /** True while MAPI_LOGOFF_UI / MAPI_LOGOFF_SHARED do not apply: the CE plan, or raw flags typed. */
    public javafx.beans.binding.BooleanBinding flagOptionsOffProperty() {
        return flagOptionsOff;
    }

    public BooleanProperty advancedExpandedProperty() {
        return advancedExpanded;
    }

    /** The what-ifs, in the order added. */
    public ObservableList<WhatIfRow> whatIfs() {
        return whatIfs;
    }

    /** Why the request cannot run ("" when it can). */
    public StringBinding problemProperty() {
        return problem;
    }

    /** The flag names the raw field knows (mapi-reference.md §2.1). */
    public static FlagSet logoffFlagSet() {
        return FlagSet.LOGOFF;
    }
}
