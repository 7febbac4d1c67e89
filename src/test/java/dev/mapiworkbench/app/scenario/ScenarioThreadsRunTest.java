package dev.mapiworkbench.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.RuleCatalogue;
import dev.mapiworkbench.teardown.TraceLinter;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptJson;
import dev.mapiworkbench.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario threads on the command line (decision 0550, issue #14 item 1): real extra threads make real calls on
 * the simulator and the consequences of Stephen Griffin's MAPI multithreading rules show in the transcript (its
 * {@code threads}, faults and findings), the own trace and its lint.
 */
class ScenarioThreadsRunTest {

    private static final String EARLY = RuleCatalogue.FIRST_THREAD_UNINIT_EARLY;
    private static final String EXITED = RuleCatalogue.THREAD_EXITED_INITIALIZED;
    private static final String WITHOUT = RuleCatalogue.THREAD_UNINIT_WITHOUT_INIT;

    @TempDir
    Path dir;

    private record Run(HeadlessRun run, Transcript transcript, Path trace, Path file) {}

    private Run run(String... extra) throws Exception {
        Path profile = Files.createTempDirectory(dir, "p");
        Path t = profile.resolve("t.json");
        Path trace = profile.resolve("trace.json");
        List<String> args = new ArrayList<>(List.of(
                "--headless",
                "--profile",
                profile.toString(),
                "--transcript",
                t.toString(),
                "--trace",
                trace.toString()));
        args.addAll(List.of(extra));
        HeadlessRun r = HeadlessRun.of(args.toArray(String[]::new));
        assertThat(t).as(r.stderr()).exists();
        return new Run(r, TranscriptJson.read(t), trace, t);
    }

    private static List<String> rules(Transcript t) {
        return t.findings().stream().map(Finding::rule).toList();
    }

    private static List<String> lintRules(Path trace) throws Exception {
        return new TraceLinter()
                        .lint(TraceReader.read(trace), TraceLinter.Context.forTrace(RuleCatalogue.Profile.OUTLOOK_2010))
                        .stream()
                        .map(Finding::rule)
                        .toList();
    }

    /** The calls of {@code thread} in {@code trace}, which must be {@code apis} in this order. */
    private static List<dev.mapiworkbench.trace.TraceCall> onThread(
            dev.mapiworkbench.trace.Trace trace, int thread, String... apis) {
        List<dev.mapiworkbench.trace.TraceCall> calls =
                trace.calls().stream().filter(c -> c.thread() == thread).toList();
        assertThat(calls)
                .as("thread " + thread)
                .extracting(dev.mapiworkbench.trace.TraceCall::api)
                .containsExactly(apis);
        return calls;
    }

    private static Transcript.ThreadRun thread(Transcript t, String name) {
        return t.threads().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void threadsThatBreakTheRulesShowInTheTranscriptTheFaultsTheFindingsAndTheOwnTrace() throws Exception {
        Run r = run("--scenario", "threads-break-the-rules");
        Transcript t = r.transcript();
        assertThat(r.run().exit()).as(r.run().stderr()).isEqualTo(2);
        assertThat(t.result()).isEqualTo(Transcript.ERRORS);
        assertThat(t.threads())
                .extracting(Transcript.ThreadRun::name)
                .containsExactly("first-worker", "poller", "late-cleanup");
        assertThat(t.threads()).extracting(Transcript.ThreadRun::thread).containsExactly(101, 102, 103);

        Transcript.ThreadRun first = thread(t, "first-worker");
        assertThat(first.state()).isEqualTo("uninitialized");
        assertThat(first.calls())
                .extracting(c -> c.phase() + " " + c.api() + " " + c.hresult())
                .containsExactly(
                        "before-logon MAPIInitialize S_OK",
                        "before-logon MAPIAllocateBuffer S_OK",
                        "before-logon MAPIFreeBuffer S_OK",
                        "before-teardown MAPIUninitialize S_OK");
        assertThat(thread(t, "poller").state()).isEqualTo("exited-initialized");
        assertThat(thread(t, "poller").calls())
                .extracting(Transcript.ThreadCall::api)
                .containsExactly("MAPIInitialize", "MAPILogonEx", "IMAPISession::Logoff", "IUnknown::Release");
        Transcript.ThreadRun late = thread(t, "late-cleanup");
        assertThat(late.calls().get(0).api()).isEqualTo("MAPIAllocateBuffer");
        assertThat(late.calls().get(0).hresult())
                .as("a call on a thread that never initialised fails (Griffin's rule 1)")
                .isEqualTo("MAPI_E_NOT_INITIALIZED");

        // the simulator's consequences: the notification machinery went with the first thread
        assertThat(t.faults()).extracting(Transcript.Fault::id).contains(EARLY, WITHOUT);
        assertThat(t.faults().stream()
                        .filter(f -> f.id().equals(EARLY))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("notifications stop");
        // the linter's findings, each citing Griffin
        assertThat(rules(t)).contains(EARLY, EXITED, WITHOUT);
        assertThat(t.findings().stream()
                        .filter(f -> f.rule().equals(EARLY))
                        .findFirst()
                        .orElseThrow()
                        .source())
                .contains("stephen_griffin");
        assertThat(t.findings().stream()
                        .filter(f -> f.rule().equals(EARLY))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("thread 101");
        // the teardown itself still ran on the session's thread, all done
        assertThat(t.steps()).allSatisfy(s -> assertThat(s.status().id()).isIn("done", "skipped"));
        // the own trace has every thread, and its lint says the same
        assertThat(lintRules(r.trace())).contains(EARLY, EXITED, WITHOUT);
        assertThat(Files.readString(r.trace()))
                .contains("\"thread\":101,\"api\":\"MAPIInitialize\"")
                .contains("\"thread\":103,\"api\":\"MAPIAllocateBuffer\",\"args\":{\"cbSize\":64},"
                        + "\"hr\":\"MAPI_E_NOT_INITIALIZED\"");
        assertThat(r.run().stderr()).contains("thread 'poller' (102): after-logon MAPIInitialize -> S_OK");
    }

    @Test
    void eachSimulatorFaultOfTheThreadsIsOneFindingUnderItsRulesIdNotAlsoASubsystemFault() throws Exception {
        Run r = run("--scenario", "threads-break-the-rules");
        Transcript t = r.transcript();
        assertThat(t.faults()).extracting(Transcript.Fault::id).contains(EARLY, WITHOUT);
        assertThat(rules(t)).doesNotContain(dev.mapiworkbench.teardown.OrderLinter.SUBSYSTEM_FAULT);
        assertThat(rules(t).stream().filter(EARLY::equals))
                .as("first-thread-uninitialized-early")
                .hasSize(1);
        assertThat(rules(t).stream().filter(WITHOUT::equals))
                .as("thread-uninitialize-without-initialize")
                .hasSize(1);
        assertThat(t.result()).isEqualTo(Transcript.ERRORS);
    }

    @Test
    void theOwnTraceRecordsTheThreadsSuccessfulBufferAndLogonCallsAndReadsBackAsCppAndThroughItsLint()
            throws Exception {
        Run r = run("--scenario", "threads-break-the-rules");
        dev.mapiworkbench.trace.Trace own = TraceReader.read(r.trace());
        List<dev.mapiworkbench.trace.TraceCall> first =
                onThread(own, 101, "MAPIInitialize", "MAPIAllocateBuffer", "MAPIFreeBuffer", "MAPIUninitialize");
        Object buffer = first.get(1).out().get("lppBuffer");
        assertThat(buffer).asString().matches("buf:[0-9]+");
        assertThat(first.get(2).args()).containsEntry("lpBuffer", buffer);
        assertThat(first.get(1).args()).containsEntry("cbSize", 64L);

        List<dev.mapiworkbench.trace.TraceCall> poller =
                onThread(own, 102, "MAPIInitialize", "MAPILogonEx", "IMAPISession::Logoff", "IMAPISession::Release");
        Object session = poller.get(1).out().get("lppSession");
        assertThat(session).asString().matches("obj:[0-9]+");
        assertThat(poller.get(2).self()).isEqualTo(session);
        assertThat(poller.get(3).self()).isEqualTo(session);
        assertThat(own.calls().stream()
                        .flatMap(c -> c.out().values().stream())
                        .filter(v -> v.equals(session) || v.equals(buffer)))
                .as("every handle names one thing in the whole trace: each is handed back once")
                .hasSize(2);

        // its lint: the threads rules as the transcript says, and the thread's own session logged on and off
        // cleanly is no reason for a finding about the session the teardown ends
        List<String> lint = lintRules(r.trace());
        assertThat(lint).contains(EARLY, EXITED, WITHOUT);
        assertThat(lint)
                .doesNotContain(
                        dev.mapiworkbench.teardown.OrderLinter.OBJECTS_OPEN_AT_LOGOFF,
                        dev.mapiworkbench.teardown.OrderLinter.ADVISE_NOT_CANCELLED,
                        dev.mapiworkbench.teardown.OrderLinter.CALL_AFTER_LOGOFF,
                        dev.mapiworkbench.teardown.OrderLinter.LOGOFF_NOT_CALLED,
                        dev.mapiworkbench.teardown.OrderLinter.BUFFERS_NOT_FREED);

        // Copy as C++ reads back into the same calls: what each call is on and hands back (C++ source cannot
        // say what a call returned, so a failed call reads back as the call alone)
        String cpp = dev.mapiworkbench.trace.CppEmitter.emit(own);
        dev.mapiworkbench.trace.CppTraceParser.Result back =
                dev.mapiworkbench.trace.CppTraceParser.parse("own.cpp", cpp);
        assertThat(back.unknown()).isEmpty();
        List<dev.mapiworkbench.trace.TraceCall> parsed = back.trace().calls();
        assertThat(parsed).hasSameSizeAs(own.calls());
        for (int i = 0; i < parsed.size(); i++) {
            dev.mapiworkbench.trace.TraceCall o = own.calls().get(i);
            dev.mapiworkbench.trace.TraceCall p = parsed.get(i);
            assertThat(p.api() + " " + p.self()).as("call " + (i + 1)).isEqualTo(o.api() + " " + o.self());
            if (!o.failed()) {
                assertThat(p.out()).as("call " + (i + 1) + " " + o.api()).isEqualTo(o.out());
            }
        }
    }

    @Test
    void aWorkerThreadThatFollowsTheRulesLeavesTheRunClean() throws Exception {
        Run r = run("--scenario", "worker-thread-done-right");
        Transcript t = r.transcript();
        assertThat(r.run().exit()).as(r.run().stderr()).isZero();
        assertThat(t.result()).isEqualTo(Transcript.CLEAN);
        assertThat(t.faults()).isEmpty();
        assertThat(t.threads()).singleElement().satisfies(w -> {
            assertThat(w.state()).isEqualTo("uninitialized");
            assertThat(w.calls()).extracting(Transcript.ThreadCall::hresult).containsOnly("S_OK");
            assertThat(w.calls()).extracting(Transcript.ThreadCall::api).contains("MAPILogonEx", "MAPIAllocateBuffer");
        });
        assertThat(lintRules(r.trace())).doesNotContain(EARLY, EXITED, WITHOUT);
    }

    @Test
    void theSessionsThreadIsTheFirstAndAThreadOutlivingItBreaksRuleFourOnlyWithoutMultithreadNotifications()
            throws Exception {
        Run without = run("--init-flags", "0", "--thread", "outlives:uninit=after");
        assertThat(rules(without.transcript())).contains(EARLY);
        assertThat(without.transcript().findings().stream()
                        .filter(f -> f.rule().equals(EARLY))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("thread 1,");
        assertThat(without.transcript().faults())
                .extracting(Transcript.Fault::id)
                .contains(EARLY);
        assertThat(thread(without.transcript(), "outlives").calls())
                .extracting(c -> c.phase() + " " + c.api())
                .containsExactly("after-logon MAPIInitialize", "after-teardown MAPIUninitialize");

        Run with = run("--thread", "outlives:uninit=after"); // the client passes MAPI_MULTITHREAD_NOTIFICATIONS
        assertThat(rules(with.transcript())).doesNotContain(EARLY, EXITED, WITHOUT);
        assertThat(with.transcript().faults()).isEmpty();
        assertThat(with.transcript().result()).isEqualTo(Transcript.CLEAN);
    }

    @Test
    void aThreadThatNeverUninitialisesIsReportedAndOneThatNeverInitialisedToo() throws Exception {
        Run never = run("--thread", "leaver:uninit=never");
        assertThat(rules(never.transcript())).containsOnly(EXITED);
        assertThat(thread(never.transcript(), "leaver").state()).isEqualTo("exited-initialized");

        Run noInit = run("--thread", "stranger:init=no");
        assertThat(rules(noInit.transcript())).contains(WITHOUT).doesNotContain(EXITED, EARLY);
        assertThat(noInit.transcript().faults())
                .extracting(Transcript.Fault::id)
                .contains(WITHOUT);
    }

    @Test
    void aBadThreadIsRefusedBeforeLogonNamingTheOption() {
        HeadlessRun r = HeadlessRun.of("--headless", "--profile", dir.toString(), "--thread", "w:uninit=later");
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.stderr()).contains("--thread 'w:uninit=later': uninit must be before, after or never");
        HeadlessRun twice =
                HeadlessRun.of("--headless", "--profile", dir.toString(), "--thread", "w", "--thread", "w:init=no");
        assertThat(twice.exit()).isEqualTo(64);
        assertThat(twice.stderr()).contains("two threads are named 'w'");
    }

    @Test
    void aReplayRunsTheThreadsAgainWithTheSameCalls() throws Exception {
        Run r = run("--scenario", "threads-break-the-rules");
        assertThat(r.transcript().run().threads()).hasSize(3);
        assertThat(r.transcript().run().options()).contains("--thread", "poller:calls=MAPILogonEx,uninit=never");
        Path again = dir.resolve("again.json");
        HeadlessRun replay =
                HeadlessRun.of("--headless", "--replay", r.file().toString(), "--transcript", again.toString());
        assertThat(replay.stderr()).contains("replay: the same steps, calls and HRESULTs");
        Transcript replayed = TranscriptJson.read(again);
        assertThat(replayed.threads())
                .extracting(Transcript.ThreadRun::describe)
                .containsExactlyElementsOf(r.transcript().threads().stream()
                        .map(Transcript.ThreadRun::describe)
                        .toList());
        assertThat(rules(replayed)).containsExactlyElementsOf(rules(r.transcript()));
    }
}
