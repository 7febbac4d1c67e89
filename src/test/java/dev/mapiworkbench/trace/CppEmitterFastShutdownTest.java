package dev.mapiworkbench.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** mingw-w64's MAPI headers have no IMAPIClientShutdown: a fast shutdown is emitted as comments (decision 0242). */
class CppEmitterFastShutdownTest {

    @Test
    void theClientShutdownCallsAreCommentsNamingWhy() {
        Trace t = TraceReader.parse("fast.jsonl", """
                {"schema": "mapi-workbench/trace/v1", "source": "test"}
                {"api": "MAPIInitialize"}
                {"api": "MAPILogonEx", "out": {"lppSession": "obj:1"}}
                {"api": "IMAPISession::QueryInterface", "this": "obj:1", "args": {"riid": "IID_IMAPIClientShutdown"}, "out": {"ppvObject": "obj:2"}}
                {"api": "IMAPIClientShutdown::QueryFastShutdown", "this": "obj:2"}
                {"api": "IMAPIClientShutdown::NotifyProcessShutdown", "this": "obj:2"}
                {"api": "IMAPIClientShutdown::DoFastShutdown", "this": "obj:2"}
                """);
        String cpp = CppEmitter.emit(t);
        assertThat(cpp)
                .contains("hr = MAPILogonEx(")
                .contains("// not emitted: IMAPISession::QueryInterface (seq 3): mingw-w64's MAPI headers have no "
                        + "IMAPIClientShutdown")
                .contains("// not emitted: IMAPIClientShutdown::DoFastShutdown (seq 6)")
                .doesNotContain("->QueryFastShutdown(")
                .doesNotContain("->QueryInterface(");
    }
}
