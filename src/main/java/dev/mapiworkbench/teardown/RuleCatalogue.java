package dev.mapiworkbench.teardown;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every linter rule with its id, severity, one-line statement, the documents it comes from and the seed
 * step it belongs to (docs/rules.md has the quotes). The ids are a contract (decisions 0032 and 0131):
 * never renamed, new ones may be added. A {@link Profile documentation profile} chooses which sources
 * apply: {@code seed-8-steps} keeps only the rules the seeds' pages support, {@code outlook-2010+} (the
 * default) keeps every rule.
 */
public final class RuleCatalogue {

    /** A document a rule comes from: its title and where to find it (URL or header file:line). */
    public record Source(String title, String location, boolean seedPage) {
        /** {@code title — location}. */
        public String text() {
            return title + " — " + location;
        }
    }

    /**
     * One rule.
     *
     * @param id        the stable id
     * @param severity  the severity of its findings (subsystem-fault: error when the fault is fatal)
     * @param statement the rule in one line
     * @param sources   the documents it comes from, the main one first
     * @param seedStep  the desktop seed step it belongs to (0 when none)
     * @param stepId    the plan step it is about, or null
     */
    public record Rule(
            String id, Severity severity, String statement, List<Source> sources, int seedStep, StepId stepId) {
        public Rule {
            sources = List.copyOf(sources);
        }

        /** True when a source of the rule is one of the seeds' pages (or the rule is the Workbench's own). */
        public boolean inSeedProfile() {
            return sources.isEmpty() || sources.stream().anyMatch(Source::seedPage);
        }
    }

    /** The documentation profiles. */
    public enum Profile {
        /** Only the page the seeds quote ("Ending a MAPI Session", desktop and CE). */
        SEED_8_STEPS("seed-8-steps"),
        /** Every source: the seeds plus the Logoff page, fast shutdown, threads, notifications (default). */
        OUTLOOK_2010("outlook-2010+");

        private final String id;

        Profile(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** True when the rule applies under this profile. */
        public boolean includes(Rule rule) {
            return this == OUTLOOK_2010 || rule.inSeedProfile();
        }

        /** Parses {@code seed-8-steps} / {@code outlook-2010+} (case-insensitive). */
        public static Profile parse(String text) {
            for (Profile p : values()) {
                if (p.id.equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return p;
                }
            }
            throw new IllegalArgumentException(
                    "unknown profile '" + text + "' (expected seed-8-steps or outlook-2010+)");
        }
    }

    // ---- sources (docs/rules.md quotes each) ---------------------------------------------------------

    static final Source ENDING_DESKTOP = new Source(
            "Ending a MAPI Session (seed 000)",
            "https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/ending-a-mapi-session",
            true);
    static final Source ENDING_CE = new Source(
            "How to: End a MAPI Session, Windows Mobile (seed 002)",
            "https://learn.microsoft.com/en-us/previous-versions/bb415507(v=msdn.10)",
            true);
    static final Source LOGOFF_PAGE = new Source(
            "IMAPISession::Logoff",
            "https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapisession-logoff",
            false);
    static final Source MAPI_UNINIT_PAGE = new Source(
            "MAPIUninitialize",
            "https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/mapiuninitialize",
            false);
    static final Source PYWIN32_2196 = new Source(
            "pywin32 pull request #2196, Add missing Mapi call " + "PyIMsgStore.StoreLogoff",
            "https://github.com/mhammond/pywin32/pull/2196",
            false);
    static final Source MFCMAPI_PROCESSOR = new Source(
            "MFCMAPI mailbox processor, StoreLogoff before Release",
            "microsoft/mfcmapi core/mapi/processor/mapiProcessor.cpp:80,120,148 (commit c004a21)",
            false);
    static final Source FAST_SHUTDOWN_BEST = new Source(
            "Best Practices for Fast Shutdown",
            "https://learn.microsoft.com/en-us/previous-versions/office/developer/office-2010/dd941346(v=office.14)",
            false);
    static final Source DO_FAST_SHUTDOWN = new Source(
            "IMAPIClientShutdown::DoFastShutdown",
            "https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/imapiclientshutdown-dofastshutdown",
            false);
    static final Source FAST_SHUTDOWN_OVERVIEW = new Source(
            "Fast Shutdown Overview",
            "https://learn.microsoft.com/en-us/previous-versions/office/developer/office-2010/dd941344(v=office.14)",
            false);
    static final Source GRIFFIN_THREADS = new Source(
            "Stephen Griffin, MAPI Multithreading Rules (2004)",
            "https://blogs.msdn.microsoft.com/stephen_griffin/2004/09/24/mapi-multithreading-rules/",
            false);
    static final Source THREAD_SAFE = new Source(
            "Using Thread-Safe Objects",
            "https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/using-thread-safe-objects",
            false);
    static final Source TIMING = new Source(
            "Timing a Notification",
            "https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/timing-a-notification",
            false);

    // ---- rule ids (a contract) -------------------------------------------------------------------

    public static final String STORE_RELEASED_WITHOUT_STORELOGOFF = "store-released-without-storelogoff";
    public static final String FAST_SHUTDOWN_NOT_GATED = "fast-shutdown-not-gated";
    public static final String CALL_AFTER_FAST_SHUTDOWN = "call-after-fast-shutdown";
    public static final String THREAD_UNINIT_WITHOUT_INIT = "thread-uninitialize-without-initialize";
    public static final String THREAD_EXITED_INITIALIZED = "thread-exited-initialized";
    public static final String FIRST_THREAD_UNINIT_EARLY = "first-thread-uninitialized-early";
    public static final String SINK_RELEASED_WHILE_REFERENCED = "sink-released-while-referenced";

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        add(
                OrderLinter.OBJECTS_OPEN_AT_LOGOFF,
                Severity.ERROR,
                "Every object but the session is released before " + "IMAPISession::Logoff.",
                2,
                StepId.RELEASE_OBJECTS,
                ENDING_DESKTOP);
        add(
                OrderLinter.ADVISE_NOT_CANCELLED,
                Severity.ERROR,
                "Every advise connection is cancelled with Unadvise " + "before Logoff.",
                1,
                StepId.UNADVISE,
                ENDING_DESKTOP);
        add(
                OrderLinter.BUFFERS_NOT_FREED,
                Severity.ERROR,
                "Every cached MAPI buffer is freed with MAPIFreeBuffer.",
                3,
                StepId.FREE_BUFFERS,
                ENDING_DESKTOP);
        add(
                OrderLinter.OLE_AFTER_MAPI_UNINIT,
                Severity.ERROR,
                "OleUninitialize comes before MAPIUninitialize.",
                7,
                StepId.MAPI_UNINITIALIZE,
                ENDING_DESKTOP);
        add(
                OrderLinter.DEINIT_WITHOUT_INIT,
                Severity.ERROR,
                "Only a client that called ScInitMapiUtil calls " + "DeinitMapiUtil.",
                8,
                StepId.DEINIT_MAPI_UTIL,
                ENDING_DESKTOP);
        add(
                OrderLinter.CALL_AFTER_LOGOFF,
                Severity.ERROR,
                "After Logoff no method but IUnknown::Release is called on " + "the session or its objects.",
                4,
                StepId.LOGOFF,
                ENDING_DESKTOP,
                LOGOFF_PAGE);
        add(
                OrderLinter.UNBALANCED_MAPI_INIT,
                Severity.ERROR,
                "MAPIInitialize and MAPIUninitialize calls are balanced " + "(every path, error paths included).",
                7,
                StepId.MAPI_UNINITIALIZE,
                ENDING_DESKTOP,
                ENDING_CE,
                MAPI_UNINIT_PAGE);
        add(
                OrderLinter.LOGOFF_SHARED_PASSED,
                Severity.WARNING,
                "MAPI_LOGOFF_SHARED is never passed on Outlook 2007 SP2 " + "and later.",
                4,
                StepId.LOGOFF,
                LOGOFF_PAGE);
        add(
                OrderLinter.LOGOFF_NOT_CALLED,
                Severity.ERROR,
                "A session is logged off with IMAPISession::Logoff before " + "it is released or the run ends.",
                4,
                StepId.LOGOFF,
                ENDING_DESKTOP,
                ENDING_CE);
        add(
                OrderLinter.OLE_NOT_UNINIT,
                Severity.ERROR,
                "A client that called OleInitialize calls OleUninitialize.",
                6,
                StepId.OLE_UNINITIALIZE,
                ENDING_DESKTOP);
        add(
                OrderLinter.MAPI_UTIL_NOT_DEINIT,
                Severity.WARNING,
                "A client that called ScInitMapiUtil calls " + "DeinitMapiUtil.",
                8,
                StepId.DEINIT_MAPI_UTIL,
                ENDING_DESKTOP);
        add(
                OrderLinter.STEP_OUT_OF_ORDER,
                Severity.WARNING,
                "The teardown steps run in the seed's order.",
                0,
                null,
                ENDING_DESKTOP,
                ENDING_CE);
        add(
                OrderLinter.SUBSYSTEM_FAULT,
                Severity.ERROR,
                "The MAPI subsystem reported no fault during the run (error " + "when fatal, else warning).",
                0,
                null);
        add(
                STORE_RELEASED_WITHOUT_STORELOGOFF,
                Severity.WARNING,
                "Every message store is logged off with " + "IMsgStore::StoreLogoff before its last Release.",
                0,
                StepId.STORE_LOGOFF,
                PYWIN32_2196,
                MFCMAPI_PROCESSOR);
        add(
                FAST_SHUTDOWN_NOT_GATED,
                Severity.ERROR,
                "NotifyProcessShutdown and DoFastShutdown are called only after " + "QueryFastShutdown returned S_OK.",
                0,
                null,
                FAST_SHUTDOWN_BEST,
                DO_FAST_SHUTDOWN);
        add(
                CALL_AFTER_FAST_SHUTDOWN,
                Severity.ERROR,
                "After a successful DoFastShutdown no MAPI call is made, not even " + "MAPIUninitialize.",
                0,
                null,
                FAST_SHUTDOWN_OVERVIEW,
                DO_FAST_SHUTDOWN);
        add(
                THREAD_UNINIT_WITHOUT_INIT,
                Severity.ERROR,
                "No thread calls MAPIUninitialize without having called " + "MAPIInitialize.",
                0,
                null,
                GRIFFIN_THREADS);
        add(
                THREAD_EXITED_INITIALIZED,
                Severity.ERROR,
                "Every thread that initialised MAPI calls MAPIUninitialize " + "before it ends.",
                0,
                null,
                GRIFFIN_THREADS,
                THREAD_SAFE);
        add(
                FIRST_THREAD_UNINIT_EARLY,
                Severity.ERROR,
                "Without MAPI_MULTITHREAD_NOTIFICATIONS the first thread to " + "initialise MAPI uninitialises last.",
                0,
                null,
                GRIFFIN_THREADS);
        add(
                SINK_RELEASED_WHILE_REFERENCED,
                Severity.WARNING,
                "An advise sink is released only when no advise " + "connection still uses it.",
                2,
                StepId.RELEASE_OBJECTS,
                TIMING);
    }

    private RuleCatalogue() {}

    private static void add(String id, Severity sev, String statement, int seedStep, StepId stepId, Source... sources) {
        RULES.put(id, new Rule(id, sev, statement, List.of(sources), seedStep, stepId));
    }

    /** Every rule, in catalogue order. */
    public static List<Rule> rules() {
        return List.copyOf(RULES.values());
    }

    /** The rules a profile applies. */
    public static List<Rule> rules(Profile profile) {
        return RULES.values().stream().filter(profile::includes).toList();
    }

    /** The ids a profile applies. */
    public static Set<String> ids(Profile profile) {
        return Set.copyOf(rules(profile).stream().map(Rule::id).toList());
    }

    /** The rule with this id. */
    public static Optional<Rule> rule(String id) {
        return Optional.ofNullable(RULES.get(id));
    }

    /** The rule's main source as text, or null. */
    public static String primarySource(String id) {
        Rule r = RULES.get(id);
        return r == null || r.sources().isEmpty() ? null : r.sources().get(0).text();
    }

    /** The rule's sources as one line ({@code a; b}), or null. */
    public static String sourcesText(String id) {
        Rule r = RULES.get(id);
        return r == null || r.sources().isEmpty()
                ? null
                : String.join("; ", r.sources().stream().map(Source::text).toList());
    }
}
