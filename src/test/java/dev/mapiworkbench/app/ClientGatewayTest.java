package dev.mapiworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.client.LogonOptions;
import dev.mapiworkbench.client.SimClients;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.teardown.Finding;
import dev.mapiworkbench.teardown.Mode;
import dev.mapiworkbench.teardown.Plan;
import dev.mapiworkbench.teardown.StepId;
import dev.mapiworkbench.teardown.StepStatus;
import dev.mapiworkbench.teardown.TeardownEngine;
import dev.mapiworkbench.teardown.TeardownRequest;
import dev.mapiworkbench.teardown.TimeoutChoice;
import dev.mapiworkbench.teardown.TranscriptJson;
import dev.mapiworkbench.ui.TeardownGateway;
import dev.mapiworkbench.ui.TeardownGateway.PlannedStep;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway as the window uses it, without the toolkit. */
class ClientGatewayTest {

    @TempDir
    Path dir;

    private ClientGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** The window's side: what it is told, and the end. */
    private static final class Events implements TeardownGateway.TeardownEvents {
        final List<StepId> finishedSteps = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> result = new CompletableFuture<>();

        @Override
        public void planned(String heading, List<PlannedStep> steps) {}

        @Override
        public void stepStarted(StepId stepId, String title) {}

        @Override
        public void calls(StepId stepId, List<String> firstCalls, int total) {}

        @Override
        public void stepFinished(StepId stepId, String title, StepStatus status, String reason, long micros) {
            finishedSteps.add(stepId);
        }

        @Override
        public void paused(StepId nextStepId) {}

        @Override
        public void waitProgress(String key, String subject, String state, double fraction) {}

        @Override
        public void waitEnded(String summary) {}

        @Override
        public CompletionStage<TimeoutChoice> askTimeout(int pending, long waitedSeconds) {
            return CompletableFuture.completedFuture(TimeoutChoice.LOG_OFF_NOW);
        }

        /** The history files that existed when the window heard of the end. */
        volatile List<Path> historyAtFinish = List.of();

        Path historyDir;

        /** Runs when the window hears of the end, on the engine's thread (what the window does then). */
        volatile Runnable atFinish = () -> {};

        @Override
        public void finished(String r, List<String> leaks, List<Finding> findings, boolean cancelled) {
            historyAtFinish = history(historyDir);
            atFinish.run();
            result.complete(r);
        }

        @Override
        public void failed(Throwable error) {
            result.completeExceptionally(error);
        }
    }

    /** The files in {@code historyDir} now (none when it does not exist). */
    static List<Path> history(Path historyDir) {
        if (historyDir == null || !Files.isDirectory(historyDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(historyDir)) {
            return s.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ClientGateway gateway(AtomicInteger afterLogon) {
        ClientSession client = SimClients.open(dir.resolve("profile"), TransportSettings.instant());
        gateway = new ClientGateway(
                client,
                new TeardownEngine(),
                LogonOptions.defaults(),
                c -> afterLogon.incrementAndGet(),
                dir.resolve("profile/history"));
        return gateway;
    }

    private TeardownGateway.RunningTeardown logOffNow(Events events) throws Exception {
        TeardownGateway.RunningTeardown running =
                gateway.startTeardown(TeardownRequest.of(Plan.DESKTOP, Mode.NOW), events);
        assertThat(events.result.get(20, TimeUnit.SECONDS)).isEqualTo("clean");
        return running;
    }

    @Test
    void logonRunsTheAfterLogonHookAndTheTeardownSpeaksTheEnginesSteps() throws Exception {
        AtomicInteger hook = new AtomicInteger();
        gateway(hook).logon();
        assertThat(hook).hasValue(1);
        assertThat(gateway.isLoggedOn()).isTrue();
        assertThat(gateway.backendName()).isEqualTo("Simulated");

        Events events = new Events();
        logOffNow(events);

        assertThat(events.finishedSteps)
                .containsExactlyElementsOf(
                        Plan.DESKTOP.steps().stream().map(s -> s.id()).toList());
        assertThat(gateway.isLoggedOn()).isFalse();
    }

    @Test
    void aScenarioRunsStrictThreadRulesEndWithItsLogoffNotWithTheWindowsSession() throws Exception {
        gateway(new AtomicInteger());
        dev.mapiworkbench.mapi.RuleSwitches sim = gateway.client()
                .capability(dev.mapiworkbench.mapi.RuleSwitches.class)
                .orElseThrow();
        assertThat(sim.ruleSettings().strictThreads()).isFalse();
        // as File › Open scenario does for a scenario with threads (WindowScenarios)
        dev.mapiworkbench.client.ScenarioThreads threads = new dev.mapiworkbench.client.ScenarioThreads(
                List.of(dev.mapiworkbench.client.ThreadSpec.parse("poller:uninit=after")));
        gateway.setScenarioThreads(threads);
        threads.beforeLogon(gateway.client());
        gateway.logon();
        threads.afterLogon();
        assertThat(sim.ruleSettings().strictThreads())
                .as("during the scenario's run")
                .isTrue();

        logOffNow(new Events());
        assertThat(gateway.scenarioThreads()).as("the logoff ended the threads").isNull();
        assertThat(sim.ruleSettings().strictThreads())
                .as("the rest of the window's session is under the rules it asked for")
                .isFalse();
        gateway.logon();
        assertThat(gateway.isLoggedOn()).isTrue();
        assertThat(sim.ruleSettings().strictThreads()).isFalse();
    }

    @Test
    void strictThreadRulesTheSessionAskedForStayOnAfterAScenarioRun() throws Exception {
        ClientSession client = dev.mapiworkbench.client.ClientSessions.open(new dev.mapiworkbench.client.ClientConfig(
                "sim",
                dir.resolve("profile"),
                TransportSettings.instant(),
                java.util.Map.of(dev.mapiworkbench.mapi.RuleSwitches.THREAD_RULES, "strict")));
        gateway = new ClientGateway(client, new TeardownEngine(), LogonOptions.defaults());
        dev.mapiworkbench.client.ScenarioThreads threads = new dev.mapiworkbench.client.ScenarioThreads(
                List.of(dev.mapiworkbench.client.ThreadSpec.parse("poller:uninit=after")));
        gateway.setScenarioThreads(threads);
        threads.beforeLogon(client);
        gateway.logon();
        threads.afterLogon();
        logOffNow(new Events());
        assertThat(client.capability(dev.mapiworkbench.mapi.RuleSwitches.class)
                        .orElseThrow()
                        .ruleSettings()
                        .strictThreads())
                .as("sim.threadRules=strict was the session's own")
                .isTrue();
    }

    @Test
    void theWindowsExportWritesAtomicallyWithTheCommandLinesPermissionsAndFormatRule() throws Exception {
        Assumptions.assumeTrue(
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        gateway(new AtomicInteger()).logon();
        TeardownGateway.RunningTeardown running = logOffNow(new Events());
        Path out = Files.createDirectories(dir.resolve("out"));
        Path probe = Files.createFile(out.resolve("probe"));
        Set<PosixFilePermission> umask = Files.getPosixFilePermissions(probe);
        Files.delete(probe);

        running.exportTranscript(out.resolve("t.json"));
        running.exportTranscript(out.resolve("t.txt"));

        assertThat(Files.getPosixFilePermissions(out.resolve("t.json"))).isEqualTo(umask);
        assertThat(Files.getPosixFilePermissions(out.resolve("t.txt"))).isEqualTo(umask);
        assertThat(TranscriptJson.read(out.resolve("t.json")).result()).isEqualTo("clean");
        assertThat(out.resolve("t.txt")).content().startsWith("Teardown transcript (");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("t.json", "t.txt");
        }
    }

    @Test
    void theWindowHearsOfTheEndFirstThenTheTranscriptIsSavedToTheProfilesHistory() throws Exception {
        gateway(new AtomicInteger()).logon();
        Events events = new Events();
        events.historyDir = dir.resolve("profile/history");

        TeardownGateway.RunningTeardown running = logOffNow(events);

        // the end reached the window before the JSON was written (decision 0841): it did not wait for the file
        assertThat(events.historyAtFinish).isEmpty();
        Path saved =
                running.saved().toCompletableFuture().get(20, TimeUnit.SECONDS).orElseThrow();
        assertThat(history(events.historyDir)).containsExactly(saved);
        assertThat(saved.getParent()).isEqualTo(dir.resolve("profile/history"));
        assertThat(TranscriptJson.read(saved).result()).isEqualTo("clean");
    }

    @Test
    void closingTheGatewayRightAfterTheEndWaitsForTheHistorySave() throws Exception {
        gateway(new AtomicInteger()).logon();
        Events events = new Events();
        events.historyDir = dir.resolve("profile/history");
        // the window hears of the end and closes at once (Exit when it ends, the close box): the close starts
        // before the save, which runs on the engine's thread once this returns
        java.util.concurrent.atomic.AtomicReference<Thread> closer =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean closedBeforeTheSave = new java.util.concurrent.atomic.AtomicBoolean();
        events.atFinish = () -> {
            Thread t = new Thread(gateway::close, "closer");
            closer.set(t);
            t.start();
            // until the close waits (for the save) or has returned without waiting
            while (t.isAlive() && t.getState() != Thread.State.TIMED_WAITING && t.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            closedBeforeTheSave.set(!t.isAlive() && history(events.historyDir).isEmpty());
        };

        gateway.startTeardown(TeardownRequest.of(Plan.DESKTOP, Mode.NOW), events);
        assertThat(events.result.get(20, TimeUnit.SECONDS)).isEqualTo("clean");
        closer.get().join(TimeUnit.SECONDS.toMillis(30));

        assertThat(closedBeforeTheSave)
                .as("the close returned before the transcript was saved")
                .isFalse();
        assertThat(closer.get().isAlive()).isFalse();
        assertThat(history(events.historyDir)).hasSize(1);
        gateway = null; // closed
    }

    @Test
    void theOwnTraceOfAWindowsTeardownStartsWithTheLogonAsTheRunFoundIt() throws Exception {
        gateway(new AtomicInteger()).logon();
        Events events = new Events();

        TeardownGateway.RunningTeardown running = logOffNow(events);

        // the logon part is read on the run's thread as it starts (decision 0844), not by startTeardown's caller
        List<String> apis = running.ownTrace().orElseThrow().calls().stream()
                .map(dev.mapiworkbench.trace.TraceCall::api)
                .toList();
        assertThat(apis).startsWith("MAPIInitialize", "MAPILogonEx");
        assertThat(apis).containsSubsequence("IMAPISession::OpenMsgStore", "IMAPISession::Logoff", "MAPIUninitialize");
    }
}
