package dev.mapiworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mapiworkbench.app.GuiOptions;
import dev.mapiworkbench.app.HeadlessMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 14 items 2 and 5 on the command line: --strict-8-steps, --logoff-flags, --logon-flags, --init-flags. */
class RawFlagsAndStrictCliTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private Run run(String... more) {
        List<String> a = new ArrayList<>(
                List.of("--headless", "--profile", dir.resolve("profile").toString(), "--transport-latency", "0"));
        a.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HeadlessMain.run(
                a.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(Run r) throws Exception {
        return new ObjectMapper().readTree(r.out());
    }

    private static List<String> stepIds(JsonNode t) {
        List<String> ids = new ArrayList<>();
        t.get("steps").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    private static JsonNode call(JsonNode t, String api) {
        for (JsonNode s : t.get("steps")) {
            for (JsonNode c : s.get("calls")) {
                if (c.get("api").asText().equals(api)) {
                    return c;
                }
            }
        }
        throw new AssertionError("no call " + api + " in " + t);
    }

    @Test
    void strict8StepsLeavesOutStoreLogoffAndTheDefaultRunsIt() throws Exception {
        Run strict = run("--strict-8-steps", "--transcript", "-");
        assertThat(strict.exit()).isZero();
        assertThat(stepIds(json(strict))).hasSize(8).doesNotContain("store-logoff");
        assertThat(strict.err()).contains("strict 8 steps (no store-logoff)");

        Run normal = run("--transcript", "-");
        assertThat(stepIds(json(normal))).hasSize(9).contains("store-logoff");
    }

    @Test
    void rawLogoffFlagsArePassedAsGivenUnknownBitsIncluded() throws Exception {
        Run r = run("--logoff-flags", "MAPI_LOGOFF_UI|0x100", "--transcript", "-");
        // passed as given; the simulator refuses the unknown bit (decision 0341), so the run has errors
        assertThat(r.exit()).isEqualTo(2);
        JsonNode logoff = call(json(r), "IMAPISession::Logoff");
        assertThat(logoff.get("args").get("ulFlags").asText()).startsWith("0x102");
        assertThat(logoff.toString()).contains("MAPI_E_UNKNOWN_FLAGS");
        assertThat(r.err()).contains("Logoff flags 0x00000102 (MAPI_LOGOFF_UI | unknown 0x00000100) as given");

        Run hex = run("--logoff-flags", "0x3", "--shared", "--transcript", "-");
        assertThat(call(json(hex), "IMAPISession::Logoff")
                        .get("args")
                        .get("ulFlags")
                        .asText())
                .startsWith("0x3");
    }

    @Test
    void rawInitAndLogonFlagsReachMapiInitializeAndMapiLogonEx() {
        Run r = run("--init-flags", "0x1", "--logon-flags", "MAPI_EXTENDED|MAPI_NEW_SESSION|0x4000000");
        assertThat(r.exit()).isZero();
        assertThat(r.err())
                .contains("MAPIInitialize flags 0x00000001 (MAPI_MULTITHREAD_NOTIFICATIONS)")
                .contains("MAPILogonEx flags 0x04000022 (MAPI_NEW_SESSION | MAPI_EXTENDED | unknown 0x04000000)");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--logoff-flags MAPI_LOGOFF_NOW|--logoff-flags: 'MAPI_LOGOFF_NOW' is not a IMAPISession::Logoff flag",
                "--logon-flags 0xZZ|--logon-flags: '0xZZ' is not a number",
                "--init-flags 0x1FFFFFFFF|--init-flags: '0x1FFFFFFFF' does not fit",
                "--logoff-flags 0x2 --plan ce|--logoff-flags: the CE plan calls IMAPISession::Logoff(0, 0, 0)",
                "--logoff-flags 0x2 --logoff critical-error|--logoff-flags: a critical error logs off with 0",
                "--strict-8-steps --plan ce|--strict-8-steps: the CE plan has no store-logoff step",
            })
    void badFlagsExit64WithOneLineNamingTheOption(String args, String message) {
        Run r = run(args.split(" "));
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theWindowTakesTheSameFlagOptions() {
        GuiOptions o = GuiOptions.parse(
                "--logoff-flags", "0x3", "--init-flags", "MAPI_NO_COINIT", "--logon-flags", "0x20", "--strict-8-steps");
        assertThat(o.common().logoffFlags()).isEqualTo(3);
        assertThat(o.common().strict8Steps()).isTrue();
        assertThat(o.common().logonOptions().logonFlags()).isEqualTo(0x20);
        assertThat(o.common().logonOptions().initFlags()).isEqualTo(dev.mapiworkbench.mapi.MapiFlags.MAPI_NO_COINIT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GuiOptions.parse("--logoff-flags", "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--logoff-flags: 'nope'");
    }
}
