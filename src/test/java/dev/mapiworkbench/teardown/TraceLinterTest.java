package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.trace.Trace;
import dev.mapiworkbench.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule engine over developers' traces: per rule a trace that triggers it and one that does not. */
class TraceLinterTest {

    private static final String HEADER = "{\"schema\": \"mapi-workbench/trace/v1\", \"source\": \"test\"}\n";
    private static final String INIT = "{\"api\": \"MAPIInitialize\", \"args\": {\"lpMapiInit\": {\"ulVersion\": 0, "
            + "\"ulFlags\": \"MAPI_MULTITHREAD_NOTIFICATIONS\"}}}\n";
    private static final String LOGON = "{\"api\": \"MAPILogonEx\", \"out\": {\"lppSession\": \"obj:1\"}}\n";
    private static final String LOGOFF = "{\"api\": \"IMAPISession::Logoff\", \"this\": \"obj:1\"}\n";
    private static final String RELEASE_SESSION = "{\"api\": \"IMAPISession::Release\", \"this\": \"obj:1\"}\n";
    private static final String UNINIT = "{\"api\": \"MAPIUninitialize\"}\n";

    private final TraceLinter linter = new TraceLinter();

    private static Trace trace(String... lines) {
        return TraceReader.parse("t.jsonl", HEADER + String.join("", lines));
    }

    private List<Finding> lint(Trace t) {
        return linter.lint(t, TraceLinter.Context.forTrace(RuleCatalogue.Profile.OUTLOOK_2010));
    }

    private List<String> rules(String... lines) {
        return lint(trace(lines)).stream().map(Finding::rule).toList();
    }

    /** A clean run around {@code middle} (calls between logon and logoff). */
    private List<String> around(String... middle) {
        String[] all = new String[middle.length + 5];
        all[0] = INIT;
        all[1] = LOGON;
        System.arraycopy(middle, 0, all, 2, middle.length);
        all[middle.length + 2] = LOGOFF;
        all[middle.length + 3] = RELEASE_SESSION;
        all[middle.length + 4] = UNINIT;
        return rules(all);
    }

    private static String call(String api, String self, String extra) {
        return "{\"api\": \"" + api + "\"" + (self == null ? "" : ", \"this\": \"" + self + "\"")
                + (extra == null ? "" : ", " + extra) + "}\n";
    }

    @Test
    void theSeedsOwnProceduresAreClean() throws IOException {
        Trace desktop = TraceReader.read(Path.of("docs/examples/seed-000-desktop.jsonl"));
        Trace ce = TraceReader.read(Path.of("docs/examples/seed-002-ce.jsonl"));

        assertThat(linter.lint(desktop, TraceLinter.Context.forTrace(RuleCatalogue.Profile.SEED_8_STEPS)))
                .isEmpty();
        assertThat(linter.lint(ce, TraceLinter.Context.forTrace(RuleCatalogue.Profile.SEED_8_STEPS)))
                .isEmpty();
        assertThat(lint(ce)).isEmpty();
        // the 8-step page never mentions StoreLogoff: outlook-2010+ adds exactly that warning, at the store's Release
        assertThat(lint(desktop)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleCatalogue.STORE_RELEASED_WITHOUT_STORELOGOFF);
            assertThat(f.seq()).isEqualTo(14);
            assertThat(f.source()).contains("https://github.com/mhammond/pywin32/pull/2196");
        });
    }

    @Test
    void publicSamplesThatSkipTheTeardownAreCaught() throws IOException {
        List<Finding> mapisend = lint(TraceReader.read(Path.of("docs/examples/pywin32-mapisend.jsonl")));
        assertThat(mapisend)
                .extracting(Finding::rule)
                .contains(
                        OrderLinter.BUFFERS_NOT_FREED, OrderLinter.UNBALANCED_MAPI_INIT, OrderLinter.LOGOFF_NOT_CALLED);
        assertThat(mapisend)
                .filteredOn(f -> f.rule().equals(OrderLinter.LOGOFF_NOT_CALLED))
                .singleElement()
                .satisfies(f -> assertThat(f.seq()).isEqualTo(2));

        List<Finding> mfcmapi = lint(TraceReader.read(Path.of("docs/examples/mfcmapi-console-logon-failed.jsonl")));
        assertThat(mfcmapi).extracting(Finding::rule).containsExactly(OrderLinter.UNBALANCED_MAPI_INIT);
    }

    @Test
    void logoffNotCalledWhenTheSessionIsReleasedWithoutIt() {
        List<Finding> f = lint(trace(INIT, LOGON, RELEASE_SESSION, UNINIT));
        assertThat(f).extracting(Finding::rule).containsExactly(OrderLinter.LOGOFF_NOT_CALLED);
        assertThat(f.get(0).seq()).isEqualTo(3);
        assertThat(around()).isEmpty();
    }

    @Test
    void unbalancedMapiInitializeOnAnErrorPath() {
        assertThat(rules(INIT, call("MAPILogonEx", null, "\"hr\": \"MAPI_E_LOGON_FAILED\"")))
                .containsExactly(OrderLinter.UNBALANCED_MAPI_INIT);
        assertThat(rules(INIT, call("MAPILogonEx", null, "\"hr\": \"MAPI_E_LOGON_FAILED\""), UNINIT))
                .isEmpty();
    }

    @Test
    void objectsOpenAtLogoffNameTheLogoffCall() {
        List<Finding> f = lint(trace(
                INIT,
                LOGON,
                call("IMAPISession::OpenMsgStore", "obj:1", "\"out\": {\"lppMDB\": \"obj:2\"}"),
                LOGOFF,
                call("IMsgStore::StoreLogoff", "obj:2", null)));
        assertThat(f)
                .extracting(Finding::rule)
                .contains(OrderLinter.OBJECTS_OPEN_AT_LOGOFF, OrderLinter.CALL_AFTER_LOGOFF);
        assertThat(f)
                .filteredOn(x -> x.rule().equals(OrderLinter.OBJECTS_OPEN_AT_LOGOFF))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.seq()).isEqualTo(4);
                    assertThat(x.message()).contains("IMsgStore obj:2 (IMAPISession::OpenMsgStore, seq 3)");
                });
    }

    @Test
    void storeReleasedWithoutStoreLogoff() {
        String open = call("IMAPISession::OpenMsgStore", "obj:1", "\"out\": {\"lppMDB\": \"obj:2\"}");
        assertThat(around(open, call("IUnknown::Release", "obj:2", null)))
                .containsExactly(RuleCatalogue.STORE_RELEASED_WITHOUT_STORELOGOFF);
        assertThat(around(
                        open,
                        call("IMsgStore::StoreLogoff", "obj:2", "\"args\": {\"lpulFlags\": \"LOGOFF_NO_WAIT\"}"),
                        call("IUnknown::Release", "obj:2", null)))
                .isEmpty();
        // a second reference keeps the store open: only the last Release counts
        assertThat(around(
                        open,
                        call("IMsgStore::AddRef", "obj:2", null),
                        call("IMsgStore::Release", "obj:2", null),
                        call("IMsgStore::StoreLogoff", "obj:2", null),
                        call("IMsgStore::Release", "obj:2", null)))
                .isEmpty();
    }

    private static final String QI = call(
            "IMAPISession::QueryInterface",
            "obj:1",
            "\"args\": {\"riid\": \"IID_IMAPIClientShutdown\"}, \"out\": {\"ppvObject\": \"obj:9\"}");

    @Test
    void fastShutdownNotGated() {
        List<String> ungated = rules(
                INIT,
                LOGON,
                QI,
                call("IMAPIClientShutdown::QueryFastShutdown", "obj:9", "\"hr\": \"MAPI_E_NO_SUPPORT\""),
                call("IMAPIClientShutdown::NotifyProcessShutdown", "obj:9", null));
        assertThat(ungated).contains(RuleCatalogue.FAST_SHUTDOWN_NOT_GATED);
        List<String> noQuery = rules(INIT, LOGON, QI, call("IMAPIClientShutdown::DoFastShutdown", "obj:9", null));
        assertThat(noQuery).contains(RuleCatalogue.FAST_SHUTDOWN_NOT_GATED);
        List<String> gated = rules(
                INIT,
                LOGON,
                QI,
                call("IMAPIClientShutdown::QueryFastShutdown", "obj:9", null),
                call("IMAPIClientShutdown::NotifyProcessShutdown", "obj:9", null),
                call("IMAPIClientShutdown::DoFastShutdown", "obj:9", null));
        assertThat(gated).doesNotContain(RuleCatalogue.FAST_SHUTDOWN_NOT_GATED, RuleCatalogue.CALL_AFTER_FAST_SHUTDOWN);
    }

    @Test
    void callAfterFastShutdown() {
        String query = call("IMAPIClientShutdown::QueryFastShutdown", "obj:9", null);
        String notify = call("IMAPIClientShutdown::NotifyProcessShutdown", "obj:9", null);
        String done = call("IMAPIClientShutdown::DoFastShutdown", "obj:9", null);
        List<Finding> f = lint(trace(INIT, LOGON, QI, query, notify, done, UNINIT));
        assertThat(f)
                .filteredOn(x -> x.rule().equals(RuleCatalogue.CALL_AFTER_FAST_SHUTDOWN))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.seq()).isEqualTo(7);
                    assertThat(x.message()).contains("MAPIUninitialize");
                });
        // a DoFastShutdown that failed leaves the normal teardown to do: no finding for what follows
        assertThat(rules(
                        INIT,
                        LOGON,
                        QI,
                        query,
                        notify,
                        call("IMAPIClientShutdown::DoFastShutdown", "obj:9", "\"hr\": \"MAPI_E_NO_SUPPORT\""),
                        call("IUnknown::Release", "obj:9", null),
                        LOGOFF,
                        RELEASE_SESSION,
                        UNINIT))
                .isEmpty();
    }

    private static String onThread(String line, int thread) {
        return line.replace("{\"api\"", "{\"thread\": " + thread + ", \"api\"");
    }

    @Test
    void threadUninitializeWithoutInitialize() {
        List<Finding> f = lint(trace(INIT, onThread(UNINIT, 2), UNINIT));
        assertThat(f).extracting(Finding::rule).contains(RuleCatalogue.THREAD_UNINIT_WITHOUT_INIT);
        assertThat(f)
                .filteredOn(x -> x.rule().equals(RuleCatalogue.THREAD_UNINIT_WITHOUT_INIT))
                .singleElement()
                .satisfies(x -> assertThat(x.seq()).isEqualTo(2));
        assertThat(rules(INIT, onThread(INIT, 2), onThread(UNINIT, 2), UNINIT)).isEmpty();
    }

    @Test
    void threadExitedInitialized() {
        assertThat(rules(INIT, onThread(INIT, 2), UNINIT))
                .containsExactly(OrderLinter.UNBALANCED_MAPI_INIT, RuleCatalogue.THREAD_EXITED_INITIALIZED);
        assertThat(rules(INIT, onThread(INIT, 2), onThread(UNINIT, 2), UNINIT)).isEmpty();
    }

    @Test
    void firstThreadUninitializedEarly() {
        String plainInit = "{\"api\": \"MAPIInitialize\", \"args\": {\"lpMapiInit\": null}}\n";
        assertThat(rules(plainInit, onThread(plainInit, 2), UNINIT, onThread(UNINIT, 2)))
                .containsExactly(RuleCatalogue.FIRST_THREAD_UNINIT_EARLY);
        assertThat(rules(plainInit, onThread(plainInit, 2), onThread(UNINIT, 2), UNINIT))
                .isEmpty();
        // with MAPI_MULTITHREAD_NOTIFICATIONS the order does not matter
        assertThat(rules(INIT, onThread(INIT, 2), UNINIT, onThread(UNINIT, 2))).isEmpty();
    }

    @Test
    void sinkReleasedWhileReferenced() {
        String open = call("IMAPISession::OpenMsgStore", "obj:1", "\"out\": {\"lppMDB\": \"obj:2\"}");
        String sink = call("HrAllocAdviseSink", null, "\"out\": {\"lppAdviseSink\": \"obj:3\"}");
        String advise = call(
                "IMsgStore::Advise",
                "obj:2",
                "\"args\": {\"ulEventMask\": \"fnevNewMail\", "
                        + "\"lpAdviseSink\": \"obj:3\"}, \"out\": {\"lpulConnection\": 7}");
        String unadvise = call("IMsgStore::Unadvise", "obj:2", "\"args\": {\"ulConnection\": \"0x7\"}");
        String releaseSink = call("IMAPIAdviseSink::Release", "obj:3", null);
        String storeOff = call("IMsgStore::StoreLogoff", "obj:2", null);
        String releaseStore = call("IMsgStore::Release", "obj:2", null);
        assertThat(around(open, sink, advise, releaseSink, unadvise, storeOff, releaseStore))
                .containsExactly(RuleCatalogue.SINK_RELEASED_WHILE_REFERENCED);
        assertThat(around(open, sink, advise, unadvise, releaseSink, storeOff, releaseStore))
                .isEmpty();
    }

    @Test
    void logoffSharedPassedByName() {
        String shared =
                call("IMAPISession::Logoff", "obj:1", "\"args\": {\"ulFlags\": \"MAPI_LOGOFF_SHARED|MAPI_LOGOFF_UI\"}");
        assertThat(rules(INIT, LOGON, shared, RELEASE_SESSION, UNINIT))
                .containsExactly(OrderLinter.LOGOFF_SHARED_PASSED);
        assertThat(lint(trace(INIT, LOGON, shared, RELEASE_SESSION, UNINIT))
                        .get(0)
                        .seq())
                .isEqualTo(3);
    }

    @Test
    void callAfterLogoffIgnoresANewSession() {
        String second = "{\"api\": \"MAPILogonEx\", \"out\": {\"lppSession\": \"obj:5\"}}\n";
        assertThat(rules(
                        INIT,
                        LOGON,
                        LOGOFF,
                        RELEASE_SESSION,
                        second,
                        call("IMAPISession::OpenAddressBook", "obj:5", "\"out\": {\"lppAdrBook\": \"obj:6\"}"),
                        call("IAddrBook::Release", "obj:6", null),
                        call("IMAPISession::Logoff", "obj:5", null),
                        call("IMAPISession::Release", "obj:5", null),
                        UNINIT))
                .isEmpty();
        assertThat(rules(
                        INIT,
                        LOGON,
                        LOGOFF,
                        call("IMAPISession::GetStatusTable", "obj:1", null),
                        RELEASE_SESSION,
                        UNINIT))
                .containsExactly(OrderLinter.CALL_AFTER_LOGOFF);
    }

    @Test
    void theSeedProfileLeavesOutTheRulesFromElsewhere() {
        Trace t = trace(
                INIT,
                LOGON,
                call("IMAPISession::Logoff", "obj:1", "\"args\": {\"ulFlags\": 1}"),
                RELEASE_SESSION,
                UNINIT);
        assertThat(linter.lint(t, TraceLinter.Context.forTrace(RuleCatalogue.Profile.SEED_8_STEPS)))
                .isEmpty();
        assertThat(lint(t)).extracting(Finding::rule).containsExactly(OrderLinter.LOGOFF_SHARED_PASSED);
    }
}
