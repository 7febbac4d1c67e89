package dev.mapiworkbench.teardown;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One teardown, as a document: schema {@value #SCHEMA}, documented field by field in docs/transcript.md.
 * Field names are a public contract: new fields may be added, none is ever renamed or removed.
 * Written by {@link TranscriptJson} and {@link TranscriptText}.
 *
 * <p>Size: over 400 lines because the record is the document's schema: one component per documented field,
 * each with its Javadoc, and the small nested records of its parts (steps, leaks, peers, …); reading and
 * writing are in the two classes above, so what is left here is the contract itself.
 *
 * @param schema       always {@value #SCHEMA}
 * @param mode         now, after-sending, critical-error
 * @param plan         desktop, ce
 * @param backend      backend id (sim, win32)
 * @param startedAt    ISO-8601 instant
 * @param engineMicros wall time of the run without step-through pauses and the after-sending wait
 * @param outcome      {@code logged-off}, {@code cancelled} (the caller cancelled the logoff while waiting or
 *                     before a step-through's first call) or {@code abandoned} (given up while a call was blocked)
 * @param flags        the flags passed to IMAPISession::Logoff
 * @param whatIf       the deliberate deviations of this run
 * @param steps        every step in executed order, skipped ones included
 * @param outbox       queued messages before and after
 * @param waits        per-message outcomes of the after-sending wait
 * @param prompts      provider questions answered during Logoff (MAPI_LOGOFF_UI)
 * @param peers        shared-session peers and how they ended
 * @param leaks        what the subsystem reports as leaked by this run (charged to it: a run with a leak is never
 *                     {@value #CLEAN})
 * @param faults       faults the subsystem reported (e.g. ungraceful termination)
 * @param findings     order-linter findings
 * @param result       clean (no findings, no failed step, no leak), warnings, errors
 * @param carriedOver  leaks the subsystem reported during this run that an earlier session of the process caused
 *                     (e.g. its buffers, still allocated at this run's last MAPIUninitialize); not charged to this
 *                     run (decision 0071)
 * @param run          how the run was set up, everything needed to run it again (issue #13 item 4; null in
 *                     transcripts written before it, and when the caller did not say)
 * @param threads      the scenario's extra client threads and the calls each made (decision 0550; added field,
 *                     empty when the run had none)
 */
@JsonPropertyOrder({
    "schema",
    "mode",
    "plan",
    "backend",
    "startedAt",
    "engineMicros",
    "outcome",
    "flags",
    "whatIf",
    "steps",
    "outbox",
    "waits",
    "prompts",
    "peers",
    "leaks",
    "faults",
    "findings",
    "result",
    "carriedOver",
    "run",
    "threads"
})
public record Transcript(
        String schema,
        String mode,
        String plan,
        String backend,
        String startedAt,
        long engineMicros,
        String outcome,
        Flags flags,
        WhatIfRecord whatIf,
        List<StepRecord> steps,
        Outbox outbox,
        List<Wait> waits,
        List<Prompt> prompts,
        List<Peer> peers,
        List<Leak> leaks,
        List<Fault> faults,
        List<Finding> findings,
        String result,
        List<Leak> carriedOver,
        Run run,

        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<ThreadRun> threads) {

    /** The schema id; a reader checks it before trusting the rest. */
    public static final String SCHEMA = "mapi-workbench/transcript/v1";

    @JsonCreator
    public Transcript {
        carriedOver = carriedOver == null ? List.of() : List.copyOf(carriedOver);
        steps = List.copyOf(steps);
        waits = List.copyOf(waits);
        prompts = List.copyOf(prompts);
        peers = List.copyOf(peers);
        leaks = List.copyOf(leaks);
        faults = List.copyOf(faults);
        findings = List.copyOf(findings);
        threads = threads == null ? List.of() : List.copyOf(threads);
    }

    /** This transcript with how the run was set up ({@link Run}). */
    public Transcript withRun(Run setup) {
        return new Transcript(
                schema,
                mode,
                plan,
                backend,
                startedAt,
                engineMicros,
                outcome,
                flags,
                whatIf,
                steps,
                outbox,
                waits,
                prompts,
                peers,
                leaks,
                faults,
                findings,
                result,
                carriedOver,
                setup,
                threads);
    }

    /**
     * A scenario thread (decision 0550): its name, its number in the records and traces, its definition as
     * {@code --thread} takes it, how it ended ({@code uninitialized}, {@code exited-initialized},
     * {@code never-initialized}, {@code stuck}) and its calls in order.
     */
    public record ThreadRun(String name, int thread, String spec, String state, List<ThreadCall> calls) {
        public ThreadRun {
            calls = calls == null ? List.of() : List.copyOf(calls);
        }

        /** One line: {@code thread 'worker' (101): before-logon MAPIInitialize -> S_OK, …; uninitialized}. */
        public String describe() {
            StringBuilder sb = new StringBuilder("thread '")
                    .append(name)
                    .append("' (")
                    .append(thread)
                    .append("): ");
            String phase = null;
            for (int i = 0; i < calls.size(); i++) {
                ThreadCall c = calls.get(i);
                sb.append(i == 0 ? "" : ", ");
                if (!c.phase().equals(phase)) {
                    sb.append(c.phase()).append(' ');
                    phase = c.phase();
                }
                sb.append(c.api()).append(" -> ").append(c.hresult());
            }
            return sb.append(calls.isEmpty() ? "" : "; ").append(state).toString();
        }
    }

    /**
     * A call of a scenario thread: the phase of the run it was made in ({@code before-logon},
     * {@code after-logon}, {@code before-teardown}, {@code after-teardown}), the call, its HRESULT and, for a
     * failure, the message.
     */
    public record ThreadCall(
            String phase,
            String api,
            java.util.Map<String, String> args,
            String hresult,
            int hresultValue,
            long durationMicros,
            String detail) {
        public ThreadCall {
            args = args == null || args.isEmpty()
                    ? java.util.Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        }

        /** The call as the teardown's records write calls, made on thread {@code thread}. */
        public CallRecord toCallRecord(int thread) {
            return new CallRecord(api, null, args, hresult, hresultValue, durationMicros, null, thread);
        }
    }

    /** Logoff flags: the value and the names of the bits. */
    public record Flags(int value, List<String> names) {
        public Flags {
            names = List.copyOf(names);
        }
    }

    /** The what-if options of the run. */
    public record WhatIfRecord(List<StepId> skip, List<WhatIf.Move> moves, List<StepId> force) {
        public WhatIfRecord {
            skip = List.copyOf(skip);
            moves = List.copyOf(moves);
            force = force == null ? List.of() : List.copyOf(force);
        }

        private static final java.util.Comparator<StepId> BY_WIRE_ID = java.util.Comparator.comparing(StepId::id);

        static WhatIfRecord of(WhatIf w) {
            // sorted by wire id, as the transcript always listed them
            return new WhatIfRecord(
                    w.skip().stream().sorted(BY_WIRE_ID).toList(),
                    w.moves(),
                    w.force().stream().sorted(BY_WIRE_ID).toList());
        }
    }

    /**
     * Queued (submitted or locked) messages when the run started and when it ended, and the subjects
     * of the drafts (saved in the Outbox, never submitted) found when it started (decision 0121).
     */
    public record Outbox(int before, int after, List<String> drafts) {
        public Outbox {
            drafts = drafts == null ? List.of() : List.copyOf(drafts);
        }

        public Outbox(int before, int after) {
            this(before, after, List.of());
        }
    }

    /**
     * A message's end state in the after-sending wait: sent, failed (with reason) or left queued;
     * {@code reply} is the destination server's last reply to it (SMTP transport only, else null).
     */
    public record Wait(String id, String subject, String state, String reason, long elapsedMillis, String reply) {

        /** A wait entry without a server reply. */
        public Wait(String id, String subject, String state, String reason, long elapsedMillis) {
            this(id, subject, state, reason, elapsedMillis, null);
        }
    }

    /** A provider question answered during Logoff. */
    public record Prompt(String provider, String question, List<String> choices, String answer, boolean defaulted) {
        public Prompt {
            choices = List.copyOf(choices);
        }
    }

    /**
     * A shared-session peer after the run.
     *
     * @param state    {@code logged-on}, {@code logged-off} or {@code failed} (added field; older files: derived)
     * @param received the notifications the peer received (e.g. fnevCriticalError after MAPI_LOGOFF_SHARED);
     *                 added field, empty in older files
     */
    public record Peer(String name, boolean loggedOn, String logoffReason, String state, List<String> received) {
        public Peer {
            received = received == null ? List.of() : List.copyOf(received);
            state = state != null ? state : loggedOn ? "logged-on" : "logged-off";
        }

        /** A peer as older transcripts recorded it. */
        public Peer(String name, boolean loggedOn, String logoffReason) {
            this(name, loggedOn, logoffReason, null, List.of());
        }

        /** What the peer did, for people: "still logged on", "logged off (reason)", "logoff failed (reason)". */
        public String did() {
            return switch (state) {
                case "logged-on" -> "still logged on";
                case "failed" -> "logoff failed (" + logoffReason + ")";
                default -> "logged off (" + logoffReason + ")";
            };
        }
    }

    /** A leak the subsystem reported. {@code kind} is an object kind or {@code BUFFER}. */
    public record Leak(String kind, String name, String detail) {}

    /** A fault the subsystem reported. */
    public record Fault(String id, String message, boolean fatal) {}

    /**
     * How a run was set up: everything a replay needs (docs/transcript.md, "run"). Written by the app (the
     * headless command and the window), read by {@code --replay}.
     *
     * @param appVersion the workbench version that ran it
     * @param backend    the backend id (a replay always runs on {@code sim})
     * @param profile    the profile folder it ran on
     * @param scenario   the scenario it started from, embedded as the scenario file's JSON object, or null
     * @param logon      the logon options: shared session and peers, OLE, MAPI util
     * @param queued     the messages the run queued before logging off (a replay queues as many)
     * @param transport  the simulated transport's settings when the teardown started
     * @param faults     the faults in force when the teardown started ({@code API=ACTION} each)
     * @param timeoutSeconds the after-sending wait's timeout
     * @param allowUi    whether MAPI_LOGOFF_UI was asked for
     * @param answers    the answers given to provider questions, in the order asked; a question nobody answered
     *                   (its default taken, {@link Prompt#defaulted}) is {@value #DEFAULTED_ANSWER} (decision 0840)
     * @param options    the headless options that reproduce the run (without --profile and --transcript)
     * @param initFlags  MAPIINIT_0.ulFlags as given (--init-flags, Log on with flags…; {@code 0x…}), or null: the
     *                   default (added field)
     * @param logonFlags MAPILogonEx ulFlags as given (--logon-flags), or null: computed (added field)
     * @param logoffFlags IMAPISession::Logoff ulFlags as given (--logoff-flags, Log off with flags…), or null:
     *                   computed (added field)
     * @param threads    the scenario's extra client threads as --thread values (decision 0550; added field)
     */
    public record Run(
            String appVersion,
            String backend,
            String profile,
            com.fasterxml.jackson.databind.JsonNode scenario,
            Logon logon,
            int queued,
            TransportRecord transport,
            List<String> faults,
            double timeoutSeconds,
            boolean allowUi,
            List<String> answers,
            List<String> options,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String initFlags,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String logonFlags,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String logoffFlags,

            @com.fasterxml.jackson.annotation.JsonInclude(
                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
            List<String> threads) {
        /**
         * The answer of a question nobody answered, in {@link #answers} and as an {@code --answer} value: a replay
         * takes the question's default again, and records it as defaulted (decision 0840). Never a provider's
         * choice: a question whose choices do not include an answer gets its default.
         */
        public static final String DEFAULTED_ANSWER = "(default)";

        @JsonCreator
        public Run {
            faults = faults == null ? List.of() : List.copyOf(faults);
            answers = answers == null ? List.of() : List.copyOf(answers);
            options = options == null ? List.of() : List.copyOf(options);
            logon = logon == null ? new Logon(false, 0, false, false) : logon;
            threads = threads == null ? List.of() : List.copyOf(threads);
            // a run without a scenario is written "scenario": null, which reads back as a NullNode
            scenario = scenario == null || scenario.isNull() ? null : scenario;
        }
    }

    /** The logon options of a run. */
    public record Logon(boolean shared, int peers, boolean ole, boolean mapiUtil) {}

    /**
     * The simulated transport's settings of a run ({@code rules} are the scenario's per-message rules, as
     * their JSON objects).
     */
    public record TransportRecord(
            long latencyMs,
            int failEvery,
            boolean hang,
            boolean offline,
            List<com.fasterxml.jackson.databind.JsonNode> rules) {
        public TransportRecord {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /** The outcome values. */
    public static final String LOGGED_OFF = "logged-off";

    public static final String CANCELLED = "cancelled";

    /**
     * The person abandoned the run while a call was blocked: the step with status {@code abandoned} names the
     * call and its object; the calls after it were never made (decision 0200).
     */
    public static final String ABANDONED = "abandoned";

    /** The result values. */
    public static final String CLEAN = "clean";

    public static final String WARNINGS = "warnings";
    public static final String ERRORS = "errors";

    /** The process exit status for this result: 0 clean, 1 warnings, 2 errors. */
    public int exitCode() {
        return switch (result) {
            case CLEAN -> 0;
            case WARNINGS -> 1;
            default -> 2;
        };
    }

    /** The step with this id, if it is in the transcript. */
    public java.util.Optional<StepRecord> step(StepId id) {
        return steps.stream().filter(s -> s.id() == id).findFirst();
    }
}
