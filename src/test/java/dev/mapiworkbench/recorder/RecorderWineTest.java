package dev.mapiworkbench.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder (src/recorder, docs/recorder.md) under Wine: the test clients (src/test/recorder) run
 * with the recorder's x64 MAPI32.DLL beside them and the native test double as the real MAPI; the
 * traces they leave are checked field by field. Skipped, saying why, without mingw-w64 or Wine.
 * The lint half of the check ({@link #lintFindsNothingInTheCorrectClientAndExactlyTheLeakyClientsMistakes})
 * waits for the {@code lint} command of issue 15.
 */
class RecorderWineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static WineRunner wine;
    static WineRunner.Run correct;
    static WineRunner.Run leaky;

    @BeforeAll
    static void runClients() throws Exception {
        wine = WineRunner.start(work);
        correct = wine.run("correct-client", "correct", Map.of());
        leaky = wine.run("leaky-client", "leaky", Map.of());
    }

    @AfterAll
    static void stopWine() throws Exception {
        if (wine != null) {
            wine.stop();
        }
    }

    /** The trace's lines: the header first, then every call; `//` comments left out. */
    static List<JsonNode> lines(WineRunner.Run run) throws IOException {
        assertThat(run.trace())
                .as("trace written; client output: %s", run.output())
                .isNotNull();
        List<JsonNode> out = new ArrayList<>();
        for (String l : run.traceText().lines().toList()) {
            if (!l.isBlank() && !l.startsWith("//")) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    static List<String> comments(WineRunner.Run run) throws IOException {
        return run.traceText().lines().filter(l -> l.startsWith("//")).toList();
    }

    static List<String> apis(List<JsonNode> lines) {
        return lines.stream().skip(1).map(n -> n.get("api").asText()).toList();
    }

    static JsonNode call(List<JsonNode> lines, int seq) {
        JsonNode n = lines.get(seq);
        assertThat(n.get("seq").asInt()).isEqualTo(seq);
        return n;
    }

    @Test
    void theCorrectClientRunsUnchangedThroughTheRecorder() {
        assertThat(correct.exit()).as(correct.output()).isZero();
        assertThat(correct.output()).contains("OK");
    }

    @Test
    void theHeaderNamesTheSchemaTheRecorderTheClientAndTheRealMapi() throws IOException {
        JsonNode h = lines(correct).get(0);
        assertThat(h.get("schema").asText()).isEqualTo("mapi-workbench/trace/v1");
        assertThat(h.get("source").asText())
                .startsWith("mapi-workbench recorder ")
                .contains("(x64)")
                .contains("correct-client.exe")
                .contains("real MAPI ")
                .endsWith("mapidouble.dll");
    }

    @Test
    void theCorrectClientsCallsAreRecordedInOrder() throws IOException {
        List<JsonNode> l = lines(correct);
        assertThat(apis(l))
                .containsExactly(
                        "MAPIInitialize",
                        "ScInitMapiUtil",
                        "MAPILogonEx",
                        "IMAPISession::QueryInterface",
                        "IMAPISession::Release",
                        "IMAPISession::GetMsgStoresTable",
                        "HrQueryAllRows",
                        "IMAPISession::OpenMsgStore",
                        "FreeProws",
                        "IMAPITable::Release",
                        "IMsgStore::GetProps",
                        "IMsgStore::OpenEntry",
                        "HrAllocAdviseSink",
                        "IMsgStore::Advise",
                        "IMAPISession::Advise",
                        "IMAPISession::GetStatusTable",
                        "IMAPITable::SetColumns",
                        "IMAPITable::QueryRows",
                        "IMAPISession::OpenEntry",
                        "FreeProws",
                        "IMAPIStatus::FlushQueues",
                        "IMAPISession::OpenAddressBook",
                        "MAPIInitialize",
                        "IMAPITable::GetRowCount",
                        "MAPIUninitialize",
                        "HrGetOneProp",
                        "MAPIFreeBuffer",
                        "IMAPISession::QueryInterface",
                        "IMAPIClientShutdown::QueryFastShutdown",
                        "IMAPIClientShutdown::Release",
                        "IMsgStore::Unadvise",
                        "IMAPISession::Unadvise",
                        "IMAPIAdviseSink::Release",
                        "IMAPIStatus::Release",
                        "IMAPITable::Release",
                        "IMAPIFolder::Release",
                        "IMsgStore::StoreLogoff",
                        "IMsgStore::Release",
                        "IAddrBook::Release",
                        "MAPIFreeBuffer",
                        "IMAPISession::Logoff",
                        "IMAPISession::Release",
                        "MAPIUninitialize",
                        "DeinitMapiUtil");
        for (int i = 1; i < l.size(); i++) {
            assertThat(l.get(i).get("seq").asInt()).as("seq of line %d", i + 1).isEqualTo(i);
        }
    }

    @Test
    void argumentsHandlesAndResultsAreRecordedFieldByField() throws IOException {
        List<JsonNode> l = lines(correct);
        JsonNode init = call(l, 1);
        assertThat(init.get("args").get("ulVersion").asInt()).isZero();
        assertThat(init.get("args").get("ulFlags").asInt()).isEqualTo(1); // MAPI_MULTITHREAD_NOTIFICATIONS
        assertThat(init.get("hr").asText()).isEqualTo("S_OK");
        assertThat(init.has("this")).isFalse();

        JsonNode logon = call(l, 3);
        assertThat(logon.get("args").get("ulFlags").asInt()).isEqualTo(0x20 | 0x2 | 0x40);
        assertThat(logon.get("args").get("lpszProfileName").isNull()).isTrue();
        assertThat(logon.get("args").has("lpszPassword")).isFalse();
        assertThat(logon.get("out").get("lppSession").asText()).isEqualTo("obj:1");

        // COM identity: QueryInterface(IID_IUnknown) hands back the session's own handle
        JsonNode qi = call(l, 4);
        assertThat(qi.get("this").asText()).isEqualTo("obj:1");
        assertThat(qi.get("args").get("riid").asText()).isEqualTo("IID_IUnknown");
        assertThat(qi.get("out").get("ppvObject").asText()).isEqualTo("obj:1");
        assertThat(call(l, 5).get("ret").asInt()).isEqualTo(1);

        JsonNode rows = call(l, 7);
        assertThat(rows.get("args").get("lpTable").asText()).isEqualTo("obj:2");
        assertThat(rows.get("out").get("lppRows").asText()).isEqualTo("buf:1");
        JsonNode open = call(l, 8);
        assertThat(open.get("args").get("cbEntryID").asInt()).isEqualTo(4 + "STORE:Mailbox - Demo".length());
        assertThat(open.get("args").get("ulFlags").asInt()).isEqualTo(0x10 | 0x1); // MAPI_BEST_ACCESS|MDB_NO_DIALOG
        assertThat(open.get("args").get("lpInterface").isNull()).isTrue();
        assertThat(open.get("out").get("lppMDB").asText()).isEqualTo("obj:3");
        assertThat(call(l, 9).get("args").get("lpRows").asText()).isEqualTo("buf:1");
        assertThat(call(l, 10).get("ret").asInt()).isZero();

        JsonNode props = call(l, 11);
        assertThat(props.get("this").asText()).isEqualTo("obj:3");
        assertThat(props.get("out").get("lpcValues").asInt()).isEqualTo(2);
        assertThat(props.get("out").get("lppPropArray").asText()).isEqualTo("buf:2");
        JsonNode outbox = call(l, 12);
        assertThat(outbox.get("args").get("cbEntryID").asInt()).isEqualTo(4 + "FOLDER:Outbox".length());
        assertThat(outbox.get("out").get("lpulObjType").asInt()).isEqualTo(3); // MAPI_FOLDER
        assertThat(outbox.get("out").get("lppUnk").asText()).isEqualTo("obj:4");

        // connection numbers are 8 bytes (the double's are above 2^32) and match at Unadvise
        JsonNode advise = call(l, 14);
        assertThat(call(l, 13).get("out").get("lppAdviseSink").asText()).isEqualTo("obj:5");
        assertThat(advise.get("args").get("lpAdviseSink").asText()).isEqualTo("obj:5");
        assertThat(advise.get("args").get("ulEventMask").asInt()).isEqualTo(0x2 | 0x4);
        long storeConn = advise.get("out").get("lpulConnection").asLong();
        assertThat(storeConn).isGreaterThan(0xFFFFFFFFL);
        JsonNode sessionAdvise = call(l, 15);
        assertThat(sessionAdvise.get("args").get("lpAdviseSink").asText()).isEqualTo("obj:6"); // the client's sink
        long sessionConn = sessionAdvise.get("out").get("lpulConnection").asLong();
        assertThat(call(l, 31).get("args").get("ulConnection").asLong()).isEqualTo(storeConn);
        assertThat(call(l, 31).get("this").asText()).isEqualTo("obj:3");
        assertThat(call(l, 32).get("args").get("ulConnection").asLong()).isEqualTo(sessionConn);

        JsonNode spooler = call(l, 19);
        assertThat(spooler.get("out").get("lpulObjType").asInt()).isEqualTo(10); // MAPI_STATUS
        assertThat(spooler.get("out").get("lppUnk").asText()).isEqualTo("obj:8");
        JsonNode flush = call(l, 21);
        assertThat(flush.get("this").asText()).isEqualTo("obj:8");
        assertThat(flush.get("args").get("ulFlags").asInt()).isEqualTo(0x2 | 0x10); // FLUSH_UPLOAD|FLUSH_NO_UI
        assertThat(call(l, 18).get("out").get("lppRows").asText()).isEqualTo("buf:3");
        assertThat(call(l, 20).get("args").get("lpRows").asText()).isEqualTo("buf:3");

        // HrGetOneProp gets the real store (no IMsgStore::GetProps line of MAPI's own) and its buffer
        JsonNode one = call(l, 26);
        assertThat(one.get("args").get("lpMapiProp").asText()).isEqualTo("obj:3");
        assertThat(one.get("args").get("ulPropTag").asLong()).isEqualTo(0x35E00102L); // PR_IPM_SUBTREE_ENTRYID
        assertThat(one.get("out").get("lppProp").asText()).isEqualTo("buf:4");
        assertThat(call(l, 27).get("args").get("lpBuffer").asText()).isEqualTo("buf:4");

        // a QueryInterface result with its own pointer is an object of its own, with its interface's methods
        JsonNode shutdown = call(l, 28);
        assertThat(shutdown.get("args").get("riid").asText()).isEqualTo("IID_IMAPIClientShutdown");
        assertThat(shutdown.get("out").get("ppvObject").asText()).isEqualTo("obj:10");
        JsonNode query = call(l, 29);
        assertThat(query.get("this").asText()).isEqualTo("obj:10");
        assertThat(query.get("hr").asText()).isEqualTo("MAPI_E_NO_SUPPORT");
        assertThat(call(l, 30).get("ret").asInt()).isZero();

        JsonNode storeLogoff = call(l, 37);
        assertThat(storeLogoff.get("args").get("lpulFlags").asInt()).isEqualTo(0x1); // LOGOFF_NO_WAIT in
        assertThat(storeLogoff.get("out").get("lpulFlags").asInt()).isEqualTo(0x10000); // LOGOFF_COMPLETE out
        assertThat(call(l, 40).get("args").get("lpBuffer").asText()).isEqualTo("buf:2");
        JsonNode logoff = call(l, 41);
        assertThat(logoff.get("this").asText()).isEqualTo("obj:1");
        assertThat(logoff.get("args").get("ulFlags").asInt()).isZero();
        JsonNode last = call(l, 42);
        assertThat(last.get("api").asText()).isEqualTo("IMAPISession::Release");
        assertThat(last.get("ret").asInt()).isZero();
        assertThat(last.has("hr")).isFalse();
        assertThat(call(l, 43).has("hr")).isFalse(); // MAPIUninitialize returns nothing
    }

    @Test
    void everyReleaseOfTheCorrectClientReachesZeroOnTheObjectItWasHandedBack() throws IOException {
        List<JsonNode> l = lines(correct);
        Set<String> handedBack = new HashSet<>();
        Map<String, Integer> lastRet = new HashMap<>();
        for (JsonNode n : l.subList(1, l.size())) {
            if (n.has("out")) {
                n.get("out").fields().forEachRemaining(e -> {
                    if (e.getValue().asText().startsWith("obj:")) {
                        handedBack.add(e.getValue().asText());
                    }
                });
            }
            if (n.get("api").asText().endsWith("::Release")) {
                lastRet.put(n.get("this").asText(), n.get("ret").asInt());
            }
        }
        assertThat(handedBack)
                .containsExactlyInAnyOrder(
                        "obj:1", "obj:2", "obj:3", "obj:4", "obj:5", "obj:7", "obj:8", "obj:9", "obj:10");
        assertThat(lastRet.keySet()).containsExactlyInAnyOrderElementsOf(handedBack);
        assertThat(lastRet.values()).containsOnly(0);
    }

    @Test
    void aSecondThreadGetsItsOwnThreadNumber() throws IOException {
        List<JsonNode> l = lines(correct);
        assertThat(call(l, 23).get("thread").asInt()).isEqualTo(2);
        assertThat(call(l, 23).get("api").asText()).isEqualTo("MAPIInitialize");
        assertThat(call(l, 24).get("thread").asInt()).isEqualTo(2);
        assertThat(call(l, 24).get("this").asText()).isEqualTo("obj:7"); // the table the first thread opened
        assertThat(call(l, 25).get("thread").asInt()).isEqualTo(2);
        assertThat(l.stream().skip(1).filter(n -> n.get("thread").asInt() == 1)).hasSize(41);
    }

    @Test
    void notificationsMapiDeliversToTheClientsOwnSinkAreNotedAsComments() throws IOException {
        assertThat(comments(correct))
                .singleElement()
                .asString()
                .startsWith(
                        "// recorder: MAPI called IMAPIAdviseSink::OnNotify on obj:6 (cNotif 1, first ulEventType 0x1)");
    }

    @Test
    void theLeakyClientsTraceShowsWhatItLeftBehind() throws IOException {
        assertThat(leaky.exit()).as(leaky.output()).isZero();
        List<JsonNode> l = lines(leaky);
        assertThat(apis(l))
                .containsExactly(
                        "MAPIInitialize",
                        "ScInitMapiUtil",
                        "MAPILogonEx",
                        "IMAPISession::GetMsgStoresTable",
                        "HrQueryAllRows",
                        "IMAPISession::OpenMsgStore",
                        "FreeProws",
                        "IMAPITable::Release",
                        "IMsgStore::GetProps",
                        "IMsgStore::OpenEntry",
                        "HrAllocAdviseSink",
                        "IMsgStore::Advise",
                        "IMsgStore::Release",
                        "IMAPISession::Release");
        assertThat(call(l, 1).get("args").get("lpMapiInit").isNull()).isTrue();
        assertThat(call(l, 9).get("out").get("lppPropArray").asText()).isEqualTo("buf:2");
        assertThat(call(l, 10).get("out").get("lppUnk").asText()).isEqualTo("obj:4");
        assertThat(call(l, 12).get("out").get("lpulConnection").asLong()).isGreaterThan(0xFFFFFFFFL);
        assertThat(call(l, 14).get("this").asText()).isEqualTo("obj:1");
        assertThat(comments(leaky)).isEmpty();
    }

    @Test
    void linesFromFourThreadsAtOnceNeverInterleave() throws Exception {
        WineRunner.Run run = wine.run("threads-client", "threads", Map.of());
        assertThat(run.exit()).as(run.output()).isZero();
        List<String> text = run.traceText().lines().toList();
        assertThat(text).hasSize(1 + 4 * (1 + 250 + 250 + 1));
        Map<Integer, Map<String, Boolean>> live = new HashMap<>();
        int seq = 0;
        for (String line : text.subList(1, text.size())) {
            JsonNode n = JSON.readTree(line); // throws on a torn or interleaved line
            assertThat(n.get("seq").asInt()).isEqualTo(++seq);
            int t = n.get("thread").asInt();
            Map<String, Boolean> mine = live.computeIfAbsent(t, k -> new HashMap<>());
            switch (n.get("api").asText()) {
                case "MAPIAllocateBuffer" ->
                    mine.put(n.get("out").get("lppBuffer").asText(), true);
                case "MAPIFreeBuffer" ->
                    assertThat(mine.remove(n.get("args").get("lpBuffer").asText()))
                            .as("line %d frees a buffer its own thread was handed", seq)
                            .isTrue();
                default -> assertThat(n.get("api").asText()).isIn("MAPIInitialize", "MAPIUninitialize");
            }
        }
        assertThat(live.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(live.values()).allMatch(Map::isEmpty);
    }

    @Test
    void untracedExportsReachTheRealMapiWithTheirArgumentsAndAMissingOneFailsCleanly() throws Exception {
        WineRunner.Run run = wine.run("forward-client", "forward", Map.of());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("OK");
        assertThat(run.trace())
                .as("forwarded calls are not traced, so no trace is even opened")
                .isNull();
    }

    @Test
    void withoutATracePathTheTraceGoesToTempNamedByThePid() throws Exception {
        Path temp = wine.prefix().resolve("drive_c/users");
        WineRunner.Run run = wine.run("leaky-client", "default-path", Map.of("MAPI_WORKBENCH_TRACE", ""));
        assertThat(run.exit()).as(run.output()).isZero();
        List<Path> found;
        try (Stream<Path> s = Files.walk(temp)) {
            found = s.filter(p -> p.getFileName().toString().matches("mapi-workbench-[0-9]+\\.trace\\.jsonl"))
                    .toList();
        }
        assertThat(found).hasSize(1);
        String text = Files.readString(found.get(0));
        String pid = found.get(0).getFileName().toString().replaceAll("[^0-9]", "");
        assertThat(text.lines().findFirst().orElseThrow()).contains("leaky-client.exe, pid " + pid + ",");
        assertThat(found.get(0).getParent().getFileName().toString()).isEqualTo("Temp");
        Files.delete(found.get(0));
    }

    @Test
    void aTracePathThatCannotBeWrittenChangesNothingForTheClient() throws Exception {
        WineRunner.Run run = wine.run(
                "correct-client", "unwritable", Map.of("MAPI_WORKBENCH_TRACE", "Z:\\no\\such\\folder\\t.jsonl"));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("OK");
    }

    @Test
    void aMissingRealMapiFailsLikeAMissingProviderAndTheTraceSaysWhy() throws Exception {
        WineRunner.Run run =
                wine.run("correct-client", "no-target", Map.of("MAPI_WORKBENCH_TARGET_DLL", "Z:\\no\\such\\mapi.dll"));
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.output()).contains("FAILED MAPIInitialize: 0x80040605"); // MAPI_E_NOT_INITIALIZED
        assertThat(comments(run))
                .singleElement()
                .asString()
                .startsWith("// recorder: no real MAPI was loaded: ")
                .contains("Z:\\no\\such\\mapi.dll: not loaded")
                .contains("MAPI_WORKBENCH_TARGET_DLL is set");
        assertThat(lines(run).get(0).get("source").asText()).endsWith("real MAPI (not loaded)");
        assertThat(call(lines(run), 1).get("hr").asText()).isEqualTo("MAPI_E_NOT_INITIALIZED");
    }

    @Test
    void withoutATargetTheDefaultMailClientsDllPathExIsLoaded() throws Exception {
        Path dir = work.resolve("registry");
        Files.createDirectories(dir);
        String key = "HKLM\\Software\\Clients\\Mail";
        String old = wine.regQueryDefault(key);
        try {
            wine.reg("add", key, "/ve", "/d", "RecorderTestDouble", "/f");
            wine.reg(
                    "add",
                    key + "\\RecorderTestDouble",
                    "/v",
                    "DLLPathEx",
                    "/t",
                    "REG_EXPAND_SZ",
                    "/d",
                    "%RECORDER_DOUBLE_DIR%\\mapidouble.dll",
                    "/f");
            WineRunner.Run run = wine.run(
                    "leaky-client",
                    "registry",
                    Map.of("MAPI_WORKBENCH_TARGET_DLL", "", "RECORDER_DOUBLE_DIR", WineRunner.windowsPath(dir)));
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(lines(run).get(0).get("source").asText())
                    .endsWith("real MAPI " + WineRunner.windowsPath(dir.resolve("mapidouble.dll")));
            assertThat(apis(lines(run))).hasSize(14);
        } finally {
            wine.reg("delete", key + "\\RecorderTestDouble", "/f");
            if (old != null) {
                wine.reg("add", key, "/ve", "/d", old, "/f");
            }
        }
    }

    /**
     * It runs
     * {@code mapi-workbench lint FILE --format json} (the jar's Launcher, as {@code java -jar} would)
     * on both recorded traces: the correct client is clean (exit 0), the leaky one gets exactly its
     * six findings, each naming the seq of its call (exit 2). The expectations were checked by hand
     * against branch {@code trace}: its TraceLinter (commits 7ccf18a, d082491) and its
     * {@code Launcher lint FILE --format json} (commit 1ad4cc5) give exactly these on these traces.
     */
    @Test
    void lintFindsNothingInTheCorrectClientAndExactlyTheLeakyClientsMistakes() throws Exception {
        JsonNode clean = lint(correct.trace(), 0);
        assertThat(clean.get("schema").asText()).isEqualTo("mapi-workbench/lint/v1");
        assertThat(clean.get("result").asText()).isEqualTo("clean");
        assertThat(clean.get("findings")).isEmpty();

        JsonNode dirty = lint(leaky.trace(), 2);
        assertThat(dirty.get("result").asText()).isEqualTo("errors");
        List<String> found = new ArrayList<>();
        dirty.get("findings")
                .forEach(f ->
                        found.add(f.get("rule").asText() + "@" + f.get("seq").asInt()));
        assertThat(found)
                .containsExactlyInAnyOrder(
                        "advise-not-cancelled@12", // the store's connection, never Unadvise'd
                        "buffers-not-freed@9", // GetProps' entry ids, never MAPIFreeBuffer'd
                        "store-released-without-storelogoff@13",
                        "logoff-not-called@14", // the session released without Logoff
                        "unbalanced-mapi-initialize@14", // no MAPIUninitialize
                        "mapi-util-not-deinitialized@14"); // no DeinitMapiUtil
    }

    private static JsonNode lint(Path trace, int expectedExit) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = work.resolve(trace.getParent().getFileName() + "-lint.json");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.mapiworkbench.app.Launcher",
                        "lint",
                        trace.toString(),
                        "--format",
                        "json")
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isEqualTo(expectedExit);
        return JSON.readTree(Files.readString(out));
    }
}
