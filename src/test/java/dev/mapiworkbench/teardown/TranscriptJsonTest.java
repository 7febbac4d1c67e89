package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptJsonTest {

    static Transcript sample() {
        CallRecord unadvise =
                new CallRecord("IMsgStore::Unadvise", "Mailbox", Map.of("ulConnection", "0x3"), "S_OK", 0, 12, null, 1);
        StepRecord s1 = new StepRecord(
                1,
                StepId.UNADVISE,
                "Cancel every notification registration",
                1,
                StepStatus.DONE,
                null,
                12,
                List.of(unadvise));
        StepRecord s2 = new StepRecord(
                2,
                StepId.OLE_UNINITIALIZE,
                "Uninitialize OLE",
                6,
                StepStatus.SKIPPED,
                "OleInitialize was never called",
                0,
                List.of());
        return new Transcript(
                Transcript.SCHEMA,
                "now",
                "desktop",
                "sim",
                "2026-11-22T13:00:00Z",
                42,
                "logged-off",
                new Transcript.Flags(2, List.of("MAPI_LOGOFF_UI")),
                Transcript.WhatIfRecord.of(WhatIf.none()),
                List.of(s1, s2),
                new Transcript.Outbox(2, 0),
                List.of(),
                List.of(),
                List.of(),
                List.of(new Transcript.Leak("BUFFER", "0x7F00", "32 bytes")),
                List.of(),
                List.of(new Finding(
                        OrderLinter.BUFFERS_NOT_FREED,
                        Severity.ERROR,
                        "1 cached buffer never freed",
                        3,
                        Plan.DESKTOP.seed(),
                        StepId.FREE_BUFFERS)),
                Transcript.ERRORS,
                List.of(),
                null,
                List.of());
    }

    @Test
    void theJsonHasEveryFieldTheIssueNamesSpelledExactly() throws Exception {
        JsonNode n = new ObjectMapper().readTree(TranscriptJson.toJson(sample()));

        assertThat(n.get("schema").asText()).isEqualTo("mapi-workbench/transcript/v1");
        assertThat(n.get("mode").asText()).isEqualTo("now");
        assertThat(n.get("plan").asText()).isEqualTo("desktop");
        assertThat(n.get("flags").get("value").asInt()).isEqualTo(2);
        assertThat(n.get("flags").get("names").get(0).asText()).isEqualTo("MAPI_LOGOFF_UI");
        JsonNode step = n.get("steps").get(0);
        assertThat(step.get("index").asInt()).isEqualTo(1);
        assertThat(step.get("id").asText()).isEqualTo("unadvise");
        assertThat(step.has("title")).isTrue();
        assertThat(step.get("status").asText()).isEqualTo("done");
        assertThat(step.has("reason")).isTrue();
        assertThat(step.get("durationMicros").asLong()).isEqualTo(12);
        JsonNode call = step.get("calls").get(0);
        assertThat(call.get("api").asText()).isEqualTo("IMsgStore::Unadvise");
        assertThat(call.get("args").get("ulConnection").asText()).isEqualTo("0x3");
        assertThat(call.get("hresult").asText()).isEqualTo("S_OK");
        assertThat(call.get("hresultValue").asInt()).isZero();
        assertThat(n.get("steps").get(1).get("status").asText()).isEqualTo("skipped");
        assertThat(n.get("steps").get(1).get("reason").asText()).isEqualTo("OleInitialize was never called");
        assertThat(n.get("outbox").get("before").asInt()).isEqualTo(2);
        assertThat(n.get("outbox").get("after").asInt()).isZero();
        assertThat(n.get("leaks").get(0).get("kind").asText()).isEqualTo("BUFFER");
        assertThat(n.get("leaks").get(0).has("name")).isTrue();
        JsonNode finding = n.get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("buffers-not-freed");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.has("message")).isTrue();
        assertThat(finding.get("seedStep").asInt()).isEqualTo(3);
        assertThat(n.get("result").asText()).isEqualTo("errors");
        assertThat(n.fieldNames().next()).isEqualTo("schema");
    }

    @Test
    void aTranscriptSurvivesARoundTripThroughAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/t.json");
        TranscriptJson.write(sample(), file);

        assertThat(TranscriptJson.read(file)).isEqualTo(sample());
    }

    @Test
    void unknownNewerFieldsAreIgnoredButAnotherSchemaIsRefused() {
        String json = TranscriptJson.toJson(sample());
        String extended = json.replaceFirst("\\{", "{\"futureField\": 1,");
        assertThat(TranscriptJson.fromJson(extended).steps()).hasSize(2);

        String other = json.replace("mapi-workbench/transcript/v1", "something/else");
        assertThatThrownBy(() -> TranscriptJson.fromJson(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("something/else");
        assertThatThrownBy(() -> TranscriptJson.fromJson("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTextFormShowsStepsCallsReasonsFindingsAndResult() {
        String text = TranscriptText.format(sample());

        assertThat(text)
                .contains(" 1. unadvise")
                .contains("IMsgStore::Unadvise(ulConnection=0x3) on Mailbox -> S_OK")
                .contains(" 2. ole-uninitialize")
                .contains("skipped: OleInitialize was never called")
                .contains("0x2 (MAPI_LOGOFF_UI)")
                .contains("ERROR buffers-not-freed (seed step 3)")
                .contains("Result: errors");
        assertThat(text.indexOf("unadvise")).isLessThan(text.indexOf("ole-uninitialize"));
    }

    @Test
    void exitCodesFollowTheResult() {
        assertThat(sample().exitCode()).isEqualTo(2);
    }
}
