package dev.mapiworkbench.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** C/C++ in: the seeds' style parsed into trace calls; unreadable code named by line and column. */
class CppTraceParserTest {

    static final String SEED_STYLE = """
            #include <mapix.h>
            HRESULT hr = S_OK;
            LPMAPISESSION pSession = NULL;
            LPMDB lpMDB = NULL;
            ULONG ulFlags = LOGOFF_NO_WAIT;
            ULONG_PTR ulConnection = 0;
            hr = MAPIInitialize(NULL);
            if (FAILED(hr)) return hr;
            hr = MAPILogonEx(0, NULL, NULL, MAPI_EXTENDED | MAPI_USE_DEFAULT, (LPMAPISESSION *)&pSession);
            hr = pSession->OpenMsgStore(0, 0, NULL, NULL, MAPI_BEST_ACCESS | MDB_NO_DIALOG, &lpMDB);
            hr = lpMDB->Advise(0, NULL, fnevNewMail, lpSink, &ulConnection);
            /* teardown */
            lpMDB->Unadvise(ulConnection);
            lpMDB->StoreLogoff(&ulFlags);
            lpMDB->Release();
            lpMDB = NULL;
            MAPIFreeBuffer(lpEntryID);
            if (pSession) {
                pSession->Logoff(0, 0, 0);
                pSession->Release();
            }
            MAPIUninitialize();
            """;

    private static List<String> apis(Trace t) {
        return t.calls().stream().map(c -> (c.synthetic() ? "~" : "") + c.api()).toList();
    }

    @Test
    void theSeedsStyleBecomesTraceCalls() {
        CppTraceParser.Result r = CppTraceParser.parse("snippet.cpp", SEED_STYLE);
        assertThat(apis(r.trace()))
                .containsExactly(
                        "~HrAllocAdviseSink",
                        "~MAPIAllocateBuffer",
                        "MAPIInitialize",
                        "MAPILogonEx",
                        "IMAPISession::OpenMsgStore",
                        "IMsgStore::Advise",
                        "IMsgStore::Unadvise",
                        "IMsgStore::StoreLogoff",
                        "IMsgStore::Release",
                        "MAPIFreeBuffer",
                        "IMAPISession::Logoff",
                        "IMAPISession::Release",
                        "MAPIUninitialize");
        TraceCall logon = r.trace().calls().get(3);
        assertThat(logon.args()).containsEntry("ulFlags", "MAPI_EXTENDED|MAPI_USE_DEFAULT");
        assertThat(logon.out()).containsEntry("lppSession", "obj:1");
        assertThat(logon.line()).isEqualTo(9);
        TraceCall advise = r.trace().calls().get(5);
        assertThat(advise.out()).containsEntry("lpulConnection", 1L);
        assertThat(advise.args()).containsEntry("lpAdviseSink", "obj:3");
        assertThat(r.trace().calls().get(6).args()).containsEntry("ulConnection", 1L);
        assertThat(r.trace().calls().get(7).args()).containsEntry("lpulFlags", "LOGOFF_NO_WAIT");
        assertThat(r.trace().calls().get(8).self()).isEqualTo("obj:2");
        assertThat(r.unknown()).isEmpty();
        // it is a valid trace: written and read back unchanged
        Trace back = TraceReader.parse("x.jsonl", TraceWriter.toText(r.trace()));
        assertThat(apis(back)).isEqualTo(apis(r.trace()));
    }

    @Test
    void aSnippetFromTheMiddleOfASessionDeclaresWhatItHeld() {
        CppTraceParser.Result r = CppTraceParser.parse(
                "s.cpp", "lpSession->Logoff(0, MAPI_LOGOFF_UI, 0); lpMDB->Release(); MAPIUninitialize();");
        assertThat(apis(r.trace()))
                .containsExactly(
                        "~MAPIInitialize",
                        "~MAPILogonEx",
                        "~IMAPISession::OpenEntry",
                        "IMAPISession::Logoff",
                        "IUnknown::Release",
                        "MAPIUninitialize");
        assertThat(r.trace().calls().get(3).args()).containsEntry("ulFlags", "MAPI_LOGOFF_UI");
        assertThat(r.trace().calls().get(1).labels()).containsValue("IMAPISession lpSession");
    }

    @Test
    void unknownCallsAreListedNotDropped() {
        CppTraceParser.Result r = CppTraceParser.parse(
                "s.cpp", "DoSomething(1);\nlpFolder->CopyTo(0, NULL, NULL, 0, NULL, NULL, NULL);\nMAPIUninitialize();");
        assertThat(r.unknown())
                .extracting(u -> u.line() + ":" + u.column() + " " + u.text())
                .containsExactly("1:1 DoSomething(…)", "2:11 lpFolder->CopyTo(…)");
    }

    @Test
    void functionsControlFlowAndCastsAreRead() {
        String src = """
                static HRESULT Teardown(LPMAPISESSION lpSession, IMsgStore *lpStore)
                {
                    ULONG ul = 0;
                    for (int i = 0; i < 2; i++) { }
                    do { } while (0);
                    if (lpStore != NULL) { lpStore->StoreLogoff(&ul); } else { ; }
                    lpStore ? lpStore->Release() : 0;
                Cleanup:
                    return lpSession->Logoff(0, (ULONG)MAPI_LOGOFF_SHARED, 0);
                }
                """;
        CppTraceParser.Result r = CppTraceParser.parse("f.cpp", src);
        assertThat(apis(r.trace()))
                .containsExactly(
                        "~MAPILogonEx",
                        "~IUnknown::QueryInterface",
                        "IMsgStore::StoreLogoff",
                        "IMsgStore::Release",
                        "IMAPISession::Logoff");
        assertThat(r.trace().calls().get(4).args()).containsEntry("ulFlags", "MAPI_LOGOFF_SHARED");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "lpSession->Logoff(0, 0, 0)|1|27|expected ';'",
                "lpSession->Logoff(0, 0, 0;|1|26|expected ',' or ')'",
                "x = MAPIInitialize(NULL));|1|25|expected ';'",
                "lpSession->(0);|1|12|expected a method name",
                "{ MAPIUninitialize();|1|22|missing '}'",
                "}|1|1|'}' without",
                "MAPILogonEx(0, NULL, NULL, MAPI_NOPE, &lpS);|1|28|unknown flag 'MAPI_NOPE'",
                "/* never closed|1|1|unterminated /* comment",
                "x = \"abc;|1|5|unterminated string",
                "x = 12ab;|1|5|not a whole number",
                "x = @;|1|5|unexpected character '@'",
                "else x();|1|1|'else' without 'if'",
            })
    void unreadableCodeNamesLineAndColumn(String src, int line, int col, String problem) {
        assertThatThrownBy(() -> CppTraceParser.parse("bad.cpp", src))
                .isInstanceOf(CppTraceParser.CppSyntaxException.class)
                .hasMessageStartingWith("bad.cpp:" + line + ":" + col + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void theLineCountsNewlinesAndComments() {
        assertThatThrownBy(() -> CppTraceParser.parse("bad.cpp", "/* a\n b */ MAPIUninitialize(\n  ;"))
                .hasMessageStartingWith("bad.cpp:3:3: expected an expression");
    }

    @Test
    void mangledInputFailsOnlyWithASyntaxError() {
        Random random = new Random(15);
        String alphabet = "();,{}&|*->=\"'/#\n abcNULL0x1";
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder(SEED_STYLE);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> sb.setLength(at);
                }
            }
            String src = sb.toString();
            try {
                CppTraceParser.Result r = CppTraceParser.parse("m.cpp", src);
                // whatever it read is a valid trace
                TraceReader.parse("m.jsonl", TraceWriter.toText(r.trace()));
            } catch (CppTraceParser.CppSyntaxException ex) {
                assertThat(ex.line()).as(src).isBetween(1, (int) src.lines().count() + 1);
                assertThat(ex.column()).isPositive();
            }
        }
    }
}
