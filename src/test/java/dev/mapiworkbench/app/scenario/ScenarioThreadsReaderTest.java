package dev.mapiworkbench.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The {@code threads} part of a scenario file (decision 0550): each thread becomes a {@code --thread} option,
 * and a bad value is refused with the file, the line of the value and the field's path.
 */
class ScenarioThreadsReaderTest {

    private static Scenario parse(String threads) throws ScenarioReader.ScenarioException {
        String text = "{\n  \"schema\": \"mapi-workbench/scenario/v1\",\n  \"name\": \"t\",\n  \"threads\": [\n"
                + threads + "\n  ]\n}\n";
        return ScenarioReader.parse("my.json", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachThreadBecomesAThreadOptionWithItsDefaultsLeftOut() throws Exception {
        Scenario s = parse("""
                    { "name": "first", "initFlags": "0x1", "start": "before-logon",
                      "calls": ["MAPIAllocateBuffer", "MAPILogonEx"], "uninitialize": "after" },
                    { "name": "plain" },
                    { "name": "stranger", "initialize": false, "uninitialize": "never" }""");
        assertThat(s.toArguments())
                .containsSubsequence(
                        "--thread",
                        "first:flags=MAPI_MULTITHREAD_NOTIFICATIONS,start=before-logon,"
                                + "calls=MAPIAllocateBuffer+MAPILogonEx,uninit=after",
                        "--thread",
                        "plain",
                        "--thread",
                        "stranger:init=no,uninit=never");
        assertThat(s.toWindowArguments()).contains("--thread", "plain");
        Scenario again =
                ScenarioReader.parse("again.json", ScenarioReader.toJson(s).getBytes(StandardCharsets.UTF_8));
        assertThat(again.toArguments()).isEqualTo(s.toArguments());
    }

    @Test
    void aScenarioWithoutThreadsWritesNoThreadsField() throws Exception {
        Scenario s = ScenarioReader.builtin("logoff-fails");
        assertThat(s.threads()).isEmpty();
        assertThat(ScenarioReader.toJson(s)).doesNotContain("threads");
    }

    @Test
    void badValuesNameTheFileTheLineAndTheField() {
        assertThatThrownBy(() -> parse("""
                    { "name": "a" },
                    { "name": "b",
                      "uninitialize": "later" }"""))
                .hasMessage(
                        "my.json:7: threads[1].uninitialize: uninitialize must be before, after or never, not 'later'");
        assertThatThrownBy(() -> parse("""
                    { "name": "a", "calls": ["MAPIAllocateBuffer",
                       "OpenMsgStore"] }"""))
                .hasMessageStartingWith(
                        "my.json:6: threads[0].calls[1]: a scenario thread can call MAPIAllocateBuffer and"
                                + " MAPILogonEx, not \"OpenMsgStore\"");
        assertThatThrownBy(() -> parse("""
                    { "name": "a", "initFlags": "MAPI_NOPE" }"""))
                .hasMessageStartingWith("my.json:5: threads[0].initFlags: 'MAPI_NOPE' is not a");
        assertThatThrownBy(() -> parse("""
                    { "name": "a", "start": "whenever" }"""))
                .hasMessageContaining("threads[0].start: start must be before-logon or after-logon");
        assertThatThrownBy(() -> parse("""
                    { "name": "Bad Name" }"""))
                .hasMessageContaining("threads[0].name: a thread's name must be 1-32 lower-case letters");
        assertThatThrownBy(() -> parse("""
                    { "name": "a" },
                    { "name": "a" }""")).hasMessageContaining("threads[1].name: two threads are named \"a\"");
        assertThatThrownBy(() -> parse("""
                    { "name": "a", "priority": 3 }""")).hasMessageContaining("priority");
        assertThatThrownBy(() -> parse("""
                    { "initialize": true }""")).hasMessageContaining("name");
    }
}
