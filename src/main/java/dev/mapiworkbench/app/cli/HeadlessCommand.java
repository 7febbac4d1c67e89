package dev.mapiworkbench.app.cli;

import dev.mapiworkbench.app.scenario.Replays;
import dev.mapiworkbench.app.scenario.Scenario;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.ClientSessions;
import dev.mapiworkbench.client.Draft;
import dev.mapiworkbench.client.EmlFiles;
import dev.mapiworkbench.client.OutboxDrafts;
import dev.mapiworkbench.client.OutboxItem;
import dev.mapiworkbench.client.ScenarioThreads;
import dev.mapiworkbench.mapi.FlagSet;
import dev.mapiworkbench.mapi.MapiException;
import dev.mapiworkbench.mapi.ProfileInUseException;
import dev.mapiworkbench.mapi.SharedSessionControl;
import dev.mapiworkbench.teardown.RunTrace;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptFiles;
import dev.mapiworkbench.teardown.TranscriptJson;
import dev.mapiworkbench.trace.TraceWriter;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The headless command: log on to a profile (creating it when absent), queue N messages, log off as
 * asked, write the transcript. Exit status: 0 clean, 1 warnings, 2 errors, 64 bad arguments, 75 profile in use.
 * Progress goes to stderr; {@code --transcript -} writes the JSON transcript to stdout. Documented in
 * docs/cli.md.
 */
@Command(
        name = "mapi-workbench --headless",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Log on, queue mail, log off the documented way, and write the teardown transcript.")
public final class HeadlessCommand implements Callable<Integer> {

    /** Exit status for bad arguments (EX_USAGE). */
    public static final int EXIT_USAGE = 64;
    /** Largest --timeout: 365 days; a larger value (Infinity too) saturates to it (the engine saturates its own arithmetic). */
    public static final double MAX_TIMEOUT_SECONDS = 365 * 24 * 3600;
    /** Exit status when another process holds the profile (EX_TEMPFAIL: try again later; decision 0120). */
    public static final int EXIT_PROFILE_IN_USE = 75;

    @Option(names = "--headless", description = "Run without a window (this command).")
    boolean headless;

    @Mixin
    CommonOptions common = new CommonOptions();

    /** --call-timeout: every run ends (decision 0310). */
    @Mixin
    CallTimeoutOption callTimeout = new CallTimeoutOption();

    @Option(names = "--send", paramLabel = "N", description = "Queue N messages before logging off (default 0).")
    int send;

    @Option(
            names = "--logoff",
            paramLabel = "MODE",
            description = "now | after-sending | critical-error (default now).")
    String logoff = "now";

    @Option(names = "--plan", paramLabel = "PLAN", description = "desktop | ce (default desktop).")
    String plan = "desktop";

    @Option(names = "--allow-ui", description = "Pass MAPI_LOGOFF_UI; provider questions get their default answer.")
    boolean allowUi;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "How long after-sending waits for the Outbox (default 300).")
    double timeoutSeconds = 300;

    @Option(
            names = "--transcript",
            paramLabel = "FILE|-",
            description = "Write the transcript: - for JSON on stdout, FILE.txt for text, any other FILE for JSON.")
    String transcript;

    @Option(
            names = "--trace",
            paramLabel = "FILE",
            description = "Write the whole session as a mapi-workbench/trace/v1 trace (docs/trace.md), for lint.")
    String traceFile;

    @Option(names = "--what-if-skip", paramLabel = "STEP", description = "What-if: skip a step (repeatable).")
    List<String> whatIfSkip = new ArrayList<>();

    @Option(
            names = "--what-if-move",
            paramLabel = "STEP:AFTER",
            description = "What-if: run STEP right after AFTER (repeatable).")
    List<String> whatIfMove = new ArrayList<>();

    @Option(
            names = "--what-if-force",
            paramLabel = "STEP",
            description = "What-if: run a step even when it does not apply (repeatable).")
    List<String> whatIfForce = new ArrayList<>();

    @Option(
            names = "--import-eml",
            paramLabel = "FILE",
            description = "Queue this .eml file in the Outbox after logon (repeatable).")
    List<Path> importEml = new ArrayList<>();

    @Option(
            names = "--export-eml",
            paramLabel = "WHICH",
            description =
                    "Write a message as .eml before logging off: FOLDER:N (inbox, outbox, sent, deleted; 1 = oldest) or an entry id in hex; needs --export-to.")
    String exportEml;

    @Option(names = "--export-to", paramLabel = "FILE", description = "Where --export-eml writes.")
    Path exportTo;

    @Option(
            names = "--answer",
            paramLabel = "CHOICE",
            description = "With --allow-ui: answer the next provider question with CHOICE (repeatable, in order;"
                    + " a question without one, or whose choices do not include it, gets its default;"
                    + " '(default)' takes the default as if nobody answered, as a transcript records it).")
    List<String> answers = new ArrayList<>();

    @Option(
            names = "--replay",
            paramLabel = "TRANSCRIPT",
            description = "Run a recorded run again on the simulator and compare steps, calls and HRESULTs"
                    + " (docs/scenarios.md).")
    Path replay;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Option(names = "--list-scenarios", description = "List the built-in scenarios and exit.")
    boolean listScenarios;

    private Scenario scenario;
    private volatile Transcript lastTranscript;
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private Map<String, String> env = System.getenv();
    private Console console = System.console();

    /** Where the JSON transcript ({@code --transcript -}) and the help go, and where progress goes. */
    public HeadlessCommand streams(PrintStream stdout, PrintStream stderr) {
        this.out = stdout;
        this.err = stderr;
        return this;
    }

    /** The environment ({@value SmtpOptions#PASSWORD_ENV}) as tests give it; no terminal prompt then. */
    public HeadlessCommand environment(Map<String, String> environment) {
        this.env = Map.copyOf(environment);
        this.console = null;
        return this;
    }

    /** The scenario the arguments were expanded from (recorded in the run), or null. */
    public HeadlessCommand scenario(Scenario s) {
        this.scenario = s;
        return this;
    }

    /** The transcript of the run, once it has finished (a replay compares it), or null. */
    public Transcript transcript() {
        return lastTranscript;
    }

    /** The scenario this run came from, or null. */
    public Scenario scenario() {
        return scenario;
    }

    /** Thrown for an argument picocli accepted but the command cannot use; the message names it. */
    static final class BadArgument extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadArgument(String message) {
            super(message);
        }
    }

    /** Validates everything that does not need MAPI, so bad arguments fail before logon ({@link HeadlessArguments}). */
    TeardownRequest buildRequest() {
        return new HeadlessArguments(this, env, console).request();
    }

    @Override
    public Integer call() {
        TeardownRequest req = buildRequest();
        Path profile = common.profile();
        ClientSession session;
        try {
            session = ClientSessions.open(common.clientConfig(profile));
        } catch (RuntimeException e) {
            error("cannot open the backend: " + e.getMessage());
            return 2;
        }
        try {
            String smtpLine = common.smtp().applyTo(session, env, console);
            if (smtpLine != null) {
                progress(smtpLine);
            }
        } catch (RuntimeException e) {
            session.shutdown();
            err.println("error: cannot use the SMTP settings: " + e.getMessage());
            return 2;
        }
        try (ScenarioThreads threads = new ScenarioThreads(common.threads())) {
            return runSession(session, req, profile, threads);
        } finally {
            session.shutdown();
        }
    }

    private int runSession(ClientSession session, TeardownRequest req, Path profile, ScenarioThreads threads) {
        if (scenario != null) {
            progress("scenario " + scenario.name() + (scenario.purpose() == null ? "" : ": " + scenario.purpose()));
        }
        common.faults().forEach(f -> progress("fault in force: " + f));
        progress("logging on to " + profile + " (backend " + session.backendId() + (common.shared() ? ", shared" : "")
                + (common.ole() ? ", OLE" : "") + (common.mapiUtil() ? ", MAPI util" : "")
                + (common.initFlags() == null
                        ? ""
                        : ", MAPIInitialize flags " + FlagSet.INIT.format(common.initFlags()))
                + (common.logonFlags() == null
                        ? ""
                        : ", MAPILogonEx flags " + FlagSet.LOGON.format(common.logonFlags()))
                + ")");
        threads.beforeLogon(session); // decision 0550: threads that initialise MAPI before the session's thread
        if (threads.refusal() != null) {
            progress(threads.refusal());
        }
        try {
            session.logon(common.logonOptions());
        } catch (ProfileInUseException e) {
            error("logon failed: " + e.getMessage());
            return EXIT_PROFILE_IN_USE;
        } catch (MapiException e) {
            error("logon failed: " + e.getMessage());
            return 2;
        }
        progress("logged on to " + session.storeDisplayName() + "; " + session.pendingCount()
                + " message(s) already queued");
        threads.afterLogon();
        List<OutboxItem> drafts = OutboxDrafts.report(session);
        if (!drafts.isEmpty()) {
            progress(OneLine.of(OutboxDrafts.describe(drafts))
                    + "; they stay there (submit or delete them in the window)");
        }
        if (session.isShared()) { // --shared, or MAPI_ALLOW_OTHERS in --logon-flags
            session.capability(SharedSessionControl.class)
                    .ifPresentOrElse(
                            c -> {
                                for (int i = 1; i <= common.peers(); i++) {
                                    SharedSessionControl.Peer peer = c.addPeer("peer-" + i);
                                    progress("simulated peer '" + peer.name() + "' joined the shared session");
                                }
                            },
                            () -> progress("this backend cannot add simulated peers"));
        }
        int queued = send + importEml.size();
        boolean shared = session.isShared(); // read while logged on: the run's record needs it after the logoff
        for (int i = 1; i <= send; i++) {
            OutboxItem item = session.send(new Draft(
                    "Workbench message " + i + " of " + send,
                    "Queued by the headless workbench.",
                    List.of("recipient" + i + "@example.com")));
            progress("queued '" + item.subject() + "'");
        }
        for (Path f : importEml) {
            try {
                String id = EmlFiles.importToOutbox(session, f);
                progress("queued " + f + " in the Outbox (" + id + ")");
            } catch (IOException | RuntimeException e) {
                err.println("error: --import-eml " + f + ": " + e.getMessage());
                return 2;
            }
        }
        if (exportEml != null) {
            try {
                EmlFiles.export(session, EmlFiles.resolve(session, exportEml), exportTo);
                progress("wrote " + exportEml + " to " + exportTo);
            } catch (IOException | RuntimeException e) {
                err.println("error: --export-eml " + exportEml + ": " + e.getMessage());
                return 2;
            }
        }
        TeardownEngine engine = new TeardownEngine();
        engine.setScenarioThreads(threads);
        if (!answers.isEmpty()) {
            java.util.Iterator<String> next = List.copyOf(answers).iterator();
            // no answer left, or "(default)" (a recorded default): null, the question's default, recorded as
            // defaulted (decision 0840), not as an answer given
            engine.setProviderUi(q -> {
                String a = next.hasNext() ? next.next() : null;
                return Transcript.Run.DEFAULTED_ANSWER.equals(a) ? null : a;
            });
        }
        Transcript t;
        RunTrace.Start traceStart = traceFile == null ? null : RunTrace.capture(session);
        try {
            t = new HeadlessTeardown(this::progress, this::error, callTimeout, timeoutSeconds)
                    .run(engine, session, req);
        } catch (RuntimeException e) {
            error("the teardown could not start: " + e.getMessage());
            return 2;
        }
        t = t.withRun(Replays.record(setup(session, profile, queued, shared), t));
        lastTranscript = t;
        t.threads().forEach(r -> progress(r.describe()));
        progress("result: " + t.result() + " (" + t.findings().size() + " finding(s), "
                + t.leaks().size() + " leak(s)); Outbox " + t.outbox().before() + " queued before, "
                + t.outbox().after() + " after");
        if (traceStart != null) {
            try {
                TraceWriter.write(RunTrace.toTrace(traceStart, t), Path.of(traceFile));
                progress("trace written to " + traceFile);
            } catch (IOException | RuntimeException e) {
                err.println("error: cannot write the trace to " + traceFile + ": " + e.getMessage());
                return 2;
            }
        }
        if (transcript != null) {
            try {
                if ("-".equals(transcript)) {
                    out.print(TranscriptJson.toJson(t) + System.lineSeparator());
                    out.flush();
                } else {
                    TranscriptFiles.write(t, Path.of(transcript)); // text for .txt, JSON otherwise
                    progress("transcript written to " + transcript);
                }
            } catch (IOException | RuntimeException e) {
                error("cannot write the transcript to " + transcript + ": " + e.getMessage());
                return 2;
            }
        }
        return t.exitCode();
    }

    /** How this run was set up, for its transcript ({@link Replays#record}). */
    private Replays.Setup setup(ClientSession session, Path profile, int queued, boolean shared) {
        return new Replays.Setup(
                dev.mapiworkbench.app.AppInfo.version(),
                session.backendId(),
                profile,
                scenario,
                shared,
                common.peers(),
                common.ole(),
                common.mapiUtil(),
                queued,
                common.transportSettings(),
                common.transportRules().stream().map(Object::toString).toList(),
                common.faults().stream().map(Object::toString).toList(),
                timeoutSeconds,
                allowUi,
                callTimeout.callTimeoutSeconds,
                common.initFlags(),
                common.logonFlags(),
                common.logoffFlags(),
                common.threads().stream().map(Object::toString).toList());
    }

    /** One error line on stderr (cut to a sane length). */
    private void error(String message) {
        err.println(OneLine.of("error: " + message));
    }

    private void progress(String line) {
        err.println("[workbench] " + line);
    }
}
