package dev.mapiworkbench.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.FlagSet;
import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.teardown.Transcript;
import dev.mapiworkbench.teardown.TranscriptJson;
import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.trace.TraceCall;
import dev.mapiworkbench.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw flags in the run record (issue #14 item 5, decision 0211): --init-flags, --logon-flags and --logoff-flags are
 * recorded in the transcript's run section and its options, so Copy as command and a replay pass them again; and
 * the own trace's MAPIInitialize and MAPILogonEx carry the flags the Workbench really passed.
 */
class RawFlagsRunRecordTest {

    private static final String LOGON = "MAPI_EXTENDED|MAPI_USE_DEFAULT|MAPI_NEW_SESSION";

    @TempDir
    Path dir;

    @Test
    void rawFlagsAreRecordedReplayedAndInTheCommand() throws Exception {
        Path profile = Files.createDirectory(dir.resolve("p"));
        Path first = dir.resolve("first.json");
        HeadlessRun r1 = HeadlessRun.of(
                "--headless",
                "--profile",
                profile.toString(),
                "--transcript",
                first.toString(),
                "--init-flags",
                "MAPI_MULTITHREAD_NOTIFICATIONS",
                "--logon-flags",
                LOGON,
                "--logoff-flags",
                "MAPI_LOGOFF_UI");
        assertThat(first).as(r1.stderr()).exists();
        Transcript recorded = TranscriptJson.read(first);
        String init = HResult.hex(FlagSet.INIT.parse("MAPI_MULTITHREAD_NOTIFICATIONS"));
        String logon = HResult.hex(FlagSet.LOGON.parse(LOGON));
        String logoff = HResult.hex(FlagSet.LOGOFF.parse("MAPI_LOGOFF_UI"));
        assertThat(recorded.run().initFlags()).isEqualTo(init);
        assertThat(recorded.run().logonFlags()).isEqualTo(logon);
        assertThat(recorded.run().logoffFlags()).isEqualTo(logoff);
        assertThat(recorded.run().options())
                .containsSubsequence("--init-flags", init)
                .containsSubsequence("--logon-flags", logon)
                .containsSubsequence("--logoff-flags", logoff);
        assertThat(Replays.command(recorded.run()))
                .contains("--init-flags " + init, "--logon-flags " + logon, "--logoff-flags " + logoff);

        Path second = dir.resolve("second.json");
        HeadlessRun r2 = HeadlessRun.of("--headless", "--replay", first.toString(), "--transcript", second.toString());
        assertThat(r2.stderr()).contains("replay: the same steps, calls and HRESULTs");
        Transcript replayed = TranscriptJson.read(second);
        assertThat(replayed.run().initFlags()).isEqualTo(init);
        assertThat(replayed.run().logonFlags()).isEqualTo(logon);
        assertThat(replayed.run().logoffFlags()).isEqualTo(logoff);
        assertThat(replayed.flags().value())
                .as("the replay's Logoff got the raw flags again")
                .isEqualTo(recorded.flags().value())
                .isEqualTo(FlagSet.LOGOFF.parse("MAPI_LOGOFF_UI"));
    }

    @Test
    void aRunWithComputedFlagsRecordsNone() throws Exception {
        Path t = dir.resolve("t.json");
        HeadlessRun.of("--headless", "--profile", dir.resolve("q").toString(), "--transcript", t.toString());
        Transcript.Run run = TranscriptJson.read(t).run();
        assertThat(run.initFlags()).isNull();
        assertThat(run.logonFlags()).isNull();
        assertThat(run.logoffFlags()).isNull();
        assertThat(run.options()).doesNotContain("--init-flags", "--logon-flags", "--logoff-flags");
        assertThat(Files.readString(t)).doesNotContain("\"logonFlags\"");
    }

    @Test
    void theOwnTracesLogonAndInitialiseCarryTheFlagsPassed() throws Exception {
        Path trace = dir.resolve("trace.json");
        HeadlessRun r = HeadlessRun.of(
                "--headless",
                "--profile",
                dir.resolve("r").toString(),
                "--trace",
                trace.toString(),
                "--init-flags",
                "0",
                "--logon-flags",
                LOGON);
        assertThat(trace).as(r.stderr()).exists();
        Trace t = TraceReader.read(trace);
        TraceCall logonEx = t.calls().stream()
                .filter(c -> c.api().equals("MAPILogonEx"))
                .findFirst()
                .orElseThrow();
        assertThat(logonEx.flagArg("ulFlags")).isEqualTo(FlagSet.LOGON.parse(LOGON));
        TraceCall initialize = t.calls().stream()
                .filter(c -> c.api().equals("MAPIInitialize"))
                .findFirst()
                .orElseThrow();
        assertThat(initialize.args()).containsKey("lpMapiInit");
        assertThat(initialize.flagArg("lpMapiInit")).isZero();

        Path computed = dir.resolve("computed.json");
        HeadlessRun.of(
                "--headless", "--profile", dir.resolve("s").toString(), "--trace", computed.toString(), "--shared");
        TraceCall shared = TraceReader.read(computed).calls().stream()
                .filter(c -> c.api().equals("MAPILogonEx"))
                .findFirst()
                .orElseThrow();
        assertThat(shared.flagArg("ulFlags") & FlagSet.LOGON.parse("MAPI_ALLOW_OTHERS"))
                .as("the computed flags, MAPI_ALLOW_OTHERS for --shared")
                .isNotZero();
    }
}
