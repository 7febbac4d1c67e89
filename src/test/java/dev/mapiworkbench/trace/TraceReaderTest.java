package dev.mapiworkbench.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trace format: what it accepts, and for every kind of malformed trace the line and the problem. */
class TraceReaderTest {

    private static final String HEADER = "{\"schema\": \"mapi-workbench/trace/v1\", \"source\": \"unit\"}";

    @Test
    void readsTheIssuesExampleWithNamesCommentsAndBlankLines() {
        Trace t = TraceReader.parse(
                "x.jsonl",
                "// a comment before the header\n\n" + HEADER + "\n"
                        + "  // indented comment\n\n"
                        + "{\"seq\": 7, \"thread\": 1, \"api\": \"IMAPISession::OpenMsgStore\", \"this\": \"obj:1\", "
                        + "\"args\": {\"ulUIParam\": 0, \"ulFlags\": \"MAPI_BEST_ACCESS|MDB_NO_DIALOG\"}, "
                        + "\"out\": {\"lppMDB\": \"obj:2\"}, \"hr\": \"S_OK\"}\n"
                        + "{\"api\": \"IMsgStore::Release\", \"this\": \"obj:2\", \"ret\": 0, \"hr\": \"0x8004010F\", "
                        + "\"aFutureField\": true}\n");

        assertThat(t.source()).isEqualTo("unit");
        assertThat(t.calls()).hasSize(2);
        TraceCall open = t.calls().get(0);
        assertThat(open.seq()).isEqualTo(7);
        assertThat(open.line()).isEqualTo(6);
        assertThat(open.flagArg("ulFlags")).isEqualTo(0x10 | 0x1);
        assertThat(open.out()).containsEntry("lppMDB", "obj:2");
        TraceCall release = t.calls().get(1);
        assertThat(release.seq()).isEqualTo(8); // default: after the previous call
        assertThat(release.thread()).isEqualTo(1);
        assertThat(release.hr()).isEqualTo(0x8004010F);
        assertThat(release.ret()).isZero();
        assertThat(release.iface()).isEqualTo("IMsgStore");
        assertThat(release.method()).isEqualTo("Release");
    }

    @Test
    void writerAndReaderRoundTrip() {
        Trace t = TraceReader.parse(
                "x",
                HEADER + "\n"
                        + "{\"api\": \"MAPIInitialize\", \"args\": {\"lpMapiInit\": {\"ulVersion\": 0, \"ulFlags\": 1}}}\n"
                        + "{\"api\": \"MAPILogonEx\", \"out\": {\"lppSession\": \"obj:1\"}, \"labels\": {\"obj:1\": \"s\"}}\n"
                        + "{\"api\": \"IMAPISession::Logoff\", \"this\": \"obj:1\", \"hr\": \"MAPI_E_CALL_FAILED\", "
                        + "\"step\": \"logoff\", \"thread\": 3}\n");
        String text = TraceWriter.toText(t);
        Trace back = TraceReader.parse("y", text);

        assertThat(back.calls())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("line")
                .isEqualTo(t.calls());
        assertThat(text.lines().skip(3).findFirst().orElseThrow()).contains("\"hr\":\"MAPI_E_CALL_FAILED\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON                 | {"api": "MAPIInitialize"                                  | 3 | not a JSON object
            an array                 | [1, 2]                                                    | 3 | not a JSON object
            trailing text            | {"api": "MAPIInitialize"} x                               | 3 | not a JSON object
            duplicate field          | {"api": "MAPIInitialize", "api": "MAPIUninitialize"}      | 3 | Duplicate field
            missing api              | {"hr": "S_OK"}                                            | 3 | missing "api"
            api not a string         | {"api": 3}                                                | 3 | "api" must be
            bad method name          | {"api": "IMsgStore::", "this": "obj:1"}                   | 3 | is not Interface::Method
            method without this      | {"api": "IMsgStore::Release"}                             | 3 | missing "this"
            this not a handle        | {"api": "IMsgStore::Release", "this": "store"}            | 3 | "this" must be an object handle
            malformed handle in args | {"api": "MAPIFreeBuffer", "args": {"lpBuffer": "buf:x"}}  | 3 | is not a handle
            args not an object       | {"api": "MAPIFreeBuffer", "args": [1]}                    | 3 | "args" must be an object
            out not a handle         | {"api": "MAPILogonEx", "out": {"lppSession": "session"}}  | 3 | must be obj:<n>, buf:<n>
            unknown flag             | {"api": "MAPILogonEx", "args": {"ulFlags": "MAPI_NOPE"}}  | 3 | unknown flag 'MAPI_NOPE'
            unknown HRESULT          | {"api": "MAPILogonEx", "hr": "MAPI_E_NOPE"}               | 3 | unknown HRESULT 'MAPI_E_NOPE'
            bad hex HRESULT          | {"api": "MAPILogonEx", "hr": "0xZZ"}                      | 3 | bad HRESULT
            hr of the wrong type     | {"api": "MAPILogonEx", "hr": true}                        | 3 | "hr" must be
            negative ret             | {"api": "IMsgStore::Release", "this": "obj:1", "ret": -1} | 3 | "ret" must be
            seq not a number         | {"api": "MAPILogonEx", "seq": "one"}                      | 3 | "seq" must be
            thread not a number      | {"api": "MAPILogonEx", "thread": "main"}                  | 3 | "thread" must be
            second header            | {"schema": "mapi-workbench/trace/v1"}                     | 3 | a second header
            labels not an object     | {"api": "MAPILogonEx", "labels": "x"}                     | 3 | "labels" must be
            synthetic not a boolean  | {"api": "MAPILogonEx", "synthetic": "yes"}                | 3 | "synthetic" must be
            """)
    void malformedCallLinesNameTheirLine(String kind, String line, int lineNo, String problem) {
        String text = HEADER + "\n// ok so far\n" + line + "\n{\"api\": \"MAPIUninitialize\"}\n";
        assertThatThrownBy(() -> TraceReader.parse("bad.jsonl", text))
                .isInstanceOfSatisfying(TraceFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo("bad.jsonl");
                    assertThat(e.line()).isEqualTo(lineNo);
                    assertThat(e.getMessage())
                            .startsWith("bad.jsonl:" + lineNo + ": ")
                            .contains(problem);
                });
    }

    @Test
    void seqMustGoForward() {
        String text =
                HEADER + "\n{\"seq\": 5, \"api\": \"MAPIInitialize\"}\n\n{\"seq\": 5, \"api\": \"MAPIUninitialize\"}\n";
        assertThatThrownBy(() -> TraceReader.parse("s.jsonl", text))
                .hasMessage(
                        "s.jsonl:4: \"seq\" 5 is not after the previous call's 5 (calls are in the order the client made them)");
    }

    @Test
    void theHeaderIsRequiredAndChecked() {
        assertThatThrownBy(() -> TraceReader.parse("h.jsonl", "\n{\"api\": \"MAPIInitialize\"}\n"))
                .hasMessageStartingWith("h.jsonl:2: the first line must be the header");
        assertThatThrownBy(() -> TraceReader.parse("h.jsonl", "{\"schema\": \"mapi-workbench/trace/v9\"}\n"))
                .hasMessage(
                        "h.jsonl:1: unsupported schema 'mapi-workbench/trace/v9' (expected mapi-workbench/trace/v1)");
        assertThatThrownBy(() -> TraceReader.parse("h.jsonl", "// only a comment\n\n"))
                .hasMessageStartingWith("h.jsonl:2: empty trace");
        assertThatThrownBy(() -> TraceReader.parse("h.jsonl", "")).hasMessageStartingWith("h.jsonl:1: empty trace");
    }

    @Test
    void notUtf8NamesTheLine() {
        byte[] bytes = (HEADER + "\n{\"api\": \"MAPIInitialize\"}\n{\"api\": \"MAPI\u00e9\"}\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> TraceReader.read("l1.jsonl", new ByteArrayInputStream(bytes)))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("l1.jsonl:")
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void writesAtomicallyToAFile() throws IOException {
        Path dir = Files.createTempDirectory("trace");
        Path file = dir.resolve("sub/run.jsonl");
        Trace t = TraceReader.parse("x", HEADER + "\n{\"api\": \"MAPIInitialize\"}\n");
        TraceWriter.write(t, file);
        assertThat(TraceReader.read(file).calls()).hasSize(1);
        try (var s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("run.jsonl");
        }
    }
}
