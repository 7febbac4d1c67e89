package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mapiworkbench.mapi.BackendOptions;
import dev.mapiworkbench.mapi.EntryId;
import dev.mapiworkbench.mapi.MapiFlags;
import dev.mapiworkbench.mapi.MapiFolder;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.MapiMessage;
import dev.mapiworkbench.mapi.MapiSession;
import dev.mapiworkbench.mapi.MapiTable;
import dev.mapiworkbench.mapi.MsgStore;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.mapi.RecipientType;
import dev.mapiworkbench.mapi.Row;
import dev.mapiworkbench.mapi.Secret;
import dev.mapiworkbench.mapi.SendFailureProps;
import dev.mapiworkbench.mapi.SmtpControl;
import dev.mapiworkbench.mapi.SmtpSettings;
import dev.mapiworkbench.mapi.TransportSettings;
import dev.mapiworkbench.sim.transport.SmtpFaultProxy;
import dev.mapiworkbench.sim.transport.TestCertificates;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMTP transport against a real SMTP server (GreenMail on a loopback ephemeral port), with
 * {@link SmtpFaultProxy} in front of it for what GreenMail cannot do (TLS, slow or failing replies, a
 * cut connection). Decisions 0160 and 0161.
 */
class SmtpTransportTest {

    private static final String UTF8_SUBJECT = "Grüße aus Köln — 日本語 ✓";
    private static final String UTF8_BODY = "Zeile 1: äöü ß\nLine 2: naïve café\n日本語のテキスト\n";

    private GreenMail greenMail;
    private SimRuntime rt;
    private SmtpFaultProxy proxy;
    private MapiSession session;
    private MsgStore store;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser("alice@localhost", "alice", "s3cret-Pw"));
        greenMail.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (session instanceof SimSession s && s.valid()) {
            session.logoff(0, 0, 0);
        }
        if (rt != null) {
            while (rt.diagnostics().initCount() > 0) {
                rt.mapiUninitialize();
            }
        }
        if (proxy != null) {
            proxy.close();
        }
        greenMail.stop();
    }

    private int greenMailPort() {
        return greenMail.getSmtp().getPort();
    }

    private SmtpFaultProxy proxy() throws Exception {
        proxy = new SmtpFaultProxy(greenMailPort());
        return proxy;
    }

    private void runtime(Path profileDir) {
        rt = SimRuntime.create(new BackendOptions(
                profileDir,
                "Test",
                TransportSettings.instant(),
                Map.of("sim.smtpRetryBaseMillis", "40", "sim.smtpRetryMaxMillis", "200")));
        rt.mapiInitialize(MapiInit.multithreaded());
    }

    /** The backoff is ten minutes: only "retry now" (or new settings) tries a deferred message again. */
    private void runtimeRetryingOnlyOnRequest() {
        rt = SimRuntime.create(new BackendOptions(
                null, "Test", TransportSettings.instant(), Map.of("sim.smtpRetryBaseMillis", "600000")));
        rt.mapiInitialize(MapiInit.multithreaded());
    }

    private SmtpControl smtp() {
        return rt.capability(SmtpControl.class).orElseThrow();
    }

    private static SmtpSettings plain(int port) {
        return SmtpSettings.of("127.0.0.1", port, SmtpSettings.Security.NONE).withTimeouts(3000, 3000);
    }

    private MapiFolder logon() {
        session = SimFixture.logon(rt);
        store = SimFixture.openDefaultStore(session);
        return SimFixture.openFolder(session, store, PropTag.PR_IPM_OUTBOX_ENTRYID);
    }

    private Map<Integer, PropValue> props(EntryId id, int... tags) {
        MapiMessage m = (MapiMessage) store.openEntry(id, 0);
        try {
            Map<Integer, PropValue> out = new java.util.HashMap<>();
            for (PropValue v : m.getProps(tags)) {
                if (!v.isError()) {
                    out.put(v.tag(), v);
                }
            }
            return out;
        } finally {
            m.release();
        }
    }

    private String reply(EntryId id) {
        PropValue v = props(id, SendFailureProps.PR_WB_TRANSPORT_REPLY_W).get(SendFailureProps.PR_WB_TRANSPORT_REPLY_W);
        return v == null ? null : v.asString();
    }

    private int flags(EntryId id) {
        return props(id, PropTag.PR_MESSAGE_FLAGS).get(PropTag.PR_MESSAGE_FLAGS).asInt();
    }

    private byte[] folderOf(EntryId id) {
        return props(id, PropTag.PR_PARENT_ENTRYID)
                .get(PropTag.PR_PARENT_ENTRYID)
                .asBinary();
    }

    /** Polls (bounded by WAIT) until the condition holds; these are not UI tests. */
    private static void await(String what, java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline)
                    .as("timed out waiting until " + what)
                    .isTrue();
            Thread.sleep(20);
        }
    }

    private List<MimeMessage> received(Predicate<MimeMessage> p) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(p).toList();
    }

    private static Predicate<MimeMessage> subject(String s) {
        return m -> {
            try {
                return s.equals(m.getSubject());
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        };
    }

    // ------------------------------------------------------------------ delivery

    @Test
    @DisplayName(
            "a message arrives with RFC 5322/MIME headers, UTF-8 encoded words, typed recipients; Sent Items keeps the 250 reply")
    void deliveryHasTheRightHeadersAndBody() throws Exception {
        runtime(null);
        smtp().useSmtp(plain(greenMailPort()).withSender("tester@localhost"), false);
        MapiFolder outbox = logon();
        MapiMessage m = outbox.createMessage(0);
        m.setProps(
                List.of(PropValue.of(PropTag.PR_SUBJECT_W, UTF8_SUBJECT), PropValue.of(PropTag.PR_BODY_W, UTF8_BODY)));
        m.modifyRecipients(MapiFlags.MODRECIP_ADD, List.of("to@example.com"), RecipientType.MAPI_TO);
        m.modifyRecipients(MapiFlags.MODRECIP_ADD, List.of("cc@example.com"), RecipientType.MAPI_CC);
        m.modifyRecipients(MapiFlags.MODRECIP_ADD, List.of("hidden@example.com"), RecipientType.MAPI_BCC);
        m.saveChanges(0);
        EntryId id = m.getProp(PropTag.PR_ENTRYID).asEntryId();
        assertThat(m.getProp(PropTag.PR_DISPLAY_TO_W).asString()).isEqualTo("to@example.com");
        assertThat(m.getProp(PropTag.PR_DISPLAY_CC_W).asString()).isEqualTo("cc@example.com");
        m.submitMessage(0);
        m.release();
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(greenMail.waitForIncomingEmail(5000, 3)).isTrue();

        List<MimeMessage> got = received(subject(UTF8_SUBJECT));
        assertThat(got).hasSize(3); // one copy per mailbox: to, cc and the Bcc recipient
        MimeMessage r = got.get(0);
        assertThat(r.getFrom()[0].toString()).contains("tester@localhost");
        assertThat(Arrays.stream(r.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly("to@example.com");
        assertThat(Arrays.stream(r.getRecipients(Message.RecipientType.CC)).map(Object::toString))
                .containsExactly("cc@example.com");
        assertThat(r.getHeader("Bcc")).as("Bcc never travels in the header").isNull();
        assertThat(r.getHeader("MIME-Version", null)).isEqualTo("1.0");
        assertThat(r.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(r.getHeader("Subject", null))
                .as("RFC 2047 encoded word")
                .startsWith("=?UTF-8?")
                .doesNotContain("ü");
        assertThat(r.getHeader("Date", null)).isNotBlank();
        assertThat(r.getMessageID()).startsWith("<wb.").endsWith("@localhost>");
        assertThat(r.getContent().toString().replace("\r\n", "\n")).isEqualTo(UTF8_BODY);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        r.writeTo(raw);
        assertThat(raw.toString(StandardCharsets.ISO_8859_1)).doesNotContain("hidden@example.com");

        assertThat(folderOf(id))
                .isEqualTo(store.getProp(PropTag.PR_IPM_SENTMAIL_ENTRYID).asBinary());
        assertThat(reply(id)).startsWith("250");
        assertThat(props(id, SendFailureProps.PR_WB_SEND_ATTEMPTS)
                        .get(SendFailureProps.PR_WB_SEND_ATTEMPTS)
                        .asInt())
                .isEqualTo(1);
        assertThat(rt.transportLog())
                .extracting(SimRuntime.Delivery::recipients)
                .containsExactly(List.of("to@example.com", "cc@example.com", "hidden@example.com"));
    }

    @Test
    @DisplayName("one connection serves several messages (NOOP before reuse)")
    void connectionIsReused() throws Exception {
        proxy();
        runtime(null);
        smtp().useSmtp(plain(proxy.port()), false);
        MapiFolder outbox = logon();
        for (int i = 1; i <= 3; i++) {
            SimFixture.submit(outbox, "reuse " + i, "r@example.com");
        }
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(greenMail.waitForIncomingEmail(5000, 3)).isTrue();
        assertThat(proxy.connections.get()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ failures that keep mail queued

    @Test
    @DisplayName(
            "server down: the message stays queued with the reason; retry now after the server is back sends it once")
    void serverDownThenRetryNow() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        runtimeRetryingOnlyOnRequest();
        smtp().useSmtp(plain(closedPort), false);
        MapiFolder outbox = logon();
        EntryId id = SimFixture.submit(outbox, "while down", "r@example.com");
        await("the failed attempt is on the message", () -> reply(id) != null);
        assertThat(reply(id)).contains("cannot connect to 127.0.0.1:" + closedPort);
        assertThat(flags(id) & MapiFlags.MSGFLAG_SUBMIT).as("still queued").isNotZero();
        assertThat(props(id, SendFailureProps.PR_WB_NEXT_RETRY_TIME))
                .containsKey(SendFailureProps.PR_WB_NEXT_RETRY_TIME);
        assertThat(SimFixture.contents(outbox)).hasSize(1);

        smtp().useSmtp(plain(greenMailPort()), false); // the server is back (and retry now is implied)
        smtp().retryNow();
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(received(subject("while down"))).hasSize(1);
        assertThat(reply(id)).startsWith("250");
    }

    @Test
    @DisplayName("a slow server within the timeout delivers; slower than the timeout defers, then delivers once")
    void slowServer() throws Exception {
        proxy().slow(150);
        runtime(null);
        smtp().useSmtp(plain(proxy.port()).withTimeouts(3000, 3000), false);
        MapiFolder outbox = logon();
        EntryId slow = SimFixture.submit(outbox, "slow but fine", "r@example.com");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(reply(slow)).startsWith("250");

        proxy.slow(1500);
        smtp().useSmtp(plain(proxy.port()).withTimeouts(3000, 400), false);
        EntryId late = SimFixture.submit(outbox, "too slow", "r@example.com");
        await("the timeout is on the message", () -> reply(late) != null);
        assertThat(reply(late)).contains("no answer from 127.0.0.1:" + proxy.port());
        assertThat(flags(late) & MapiFlags.MSGFLAG_SUBMIT).isNotZero();
        proxy.slow(0);
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(received(subject("too slow"))).hasSize(1);
    }

    @Test
    @DisplayName("4xx then success: queued with the 451 reply, retried after the backoff, delivered once, 2 attempts")
    void transientThenSuccess() throws Exception {
        proxy().answer("RCPT TO", "451 4.3.0 Mailbox busy, try again later", 1);
        runtime(null);
        smtp().useSmtp(plain(proxy.port()), false);
        MapiFolder outbox = logon();
        EntryId id = SimFixture.submit(outbox, "deferred once", "r@example.com");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(received(subject("deferred once"))).hasSize(1);
        assertThat(proxy.commands).anyMatch(c -> c.startsWith("RSET"));
        assertThat(props(id, SendFailureProps.PR_WB_SEND_ATTEMPTS)
                        .get(SendFailureProps.PR_WB_SEND_ATTEMPTS)
                        .asInt())
                .isEqualTo(2);
        assertThat(reply(id)).startsWith("250");
    }

    @Test
    @DisplayName(
            "a connection cut during DATA: the message is neither lost nor marked sent; the retry delivers it once")
    void connectionDroppedDuringData() throws Exception {
        proxy().cutDuringData(3);
        runtimeRetryingOnlyOnRequest();
        smtp().useSmtp(plain(proxy.port()), false);
        MapiFolder outbox = logon();
        EntryId id = SimFixture.submit(outbox, "cut in DATA", "r@example.com");
        await("the cut is on the message", () -> reply(id) != null);
        assertThat(reply(id)).contains("127.0.0.1:" + proxy.port());
        assertThat(flags(id) & MapiFlags.MSGFLAG_SUBMIT).as("still queued").isNotZero();
        assertThat(folderOf(id))
                .isEqualTo(store.getProp(PropTag.PR_IPM_OUTBOX_ENTRYID).asBinary());
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        smtp().retryNow();
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(received(subject("cut in DATA"))).hasSize(1);
        assertThat(folderOf(id))
                .isEqualTo(store.getProp(PropTag.PR_IPM_SENTMAIL_ENTRYID).asBinary());
    }

    // ------------------------------------------------------------------ 5xx

    @Test
    @DisplayName(
            "5xx: the message is marked failed with the server's reply and a non-delivery report arrives in the Inbox")
    void permanentFailureGivesAnNdrInTheInbox() throws Exception {
        proxy().answer("RCPT TO:<nobody@", "550 5.1.1 <nobody@example.com>: Recipient address rejected", 1);
        runtime(null);
        smtp().useSmtp(plain(proxy.port()), false);
        MapiFolder outbox = logon();
        EntryId id = SimFixture.submit(outbox, "to nobody", "nobody@example.com");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();

        Map<Integer, PropValue> p = props(id, PropTag.PR_MESSAGE_FLAGS, SendFailureProps.PR_WB_SEND_ERROR_W);
        assertThat(p.get(PropTag.PR_MESSAGE_FLAGS).asInt() & MapiFlags.MSGFLAG_SUBMIT)
                .isZero();
        assertThat(SendFailureProps.isFailed(
                        p.get(PropTag.PR_MESSAGE_FLAGS).asInt(),
                        p.get(SendFailureProps.PR_WB_SEND_ERROR_W).asString()))
                .isTrue();
        assertThat(p.get(SendFailureProps.PR_WB_SEND_ERROR_W).asString()).contains("550 5.1.1");
        assertThat(reply(id)).contains("550 5.1.1");

        MapiFolder inbox = (MapiFolder) store.openEntry(store.getReceiveFolder(null, 0), 0);
        MapiTable t = inbox.getContentsTable(0);
        List<Row> ndrs;
        try {
            t.setColumns(new int[] {PropTag.PR_ENTRYID, PropTag.PR_SUBJECT_W, PropTag.PR_MESSAGE_CLASS_W}, 0);
            ndrs = SimFixture.allRows(t);
        } finally {
            t.release();
        }
        assertThat(ndrs).hasSize(1);
        assertThat(ndrs.get(0).get(PropTag.PR_SUBJECT_W).asString()).isEqualTo("Undeliverable: to nobody");
        assertThat(ndrs.get(0).get(PropTag.PR_MESSAGE_CLASS_W).asString()).isEqualTo("REPORT.IPM.Note.NDR");
        MapiMessage ndr = (MapiMessage)
                store.openEntry(ndrs.get(0).get(PropTag.PR_ENTRYID).asEntryId(), 0);
        try {
            assertThat(ndr.getProp(PropTag.PR_BODY_W).asString())
                    .contains("550 5.1.1")
                    .contains("nobody@example.com");
        } finally {
            ndr.release();
            inbox.release();
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    // ------------------------------------------------------------------ TLS and AUTH

    @Test
    @DisplayName(
            "STARTTLS with a test certificate: refused (with its fingerprint) until exactly that certificate is trusted")
    void starttlsWithATestCertificate() throws Exception {
        TestCertificates.Cert cert = TestCertificates.localhost();
        proxy().starttls(cert.serverContext());
        runtimeRetryingOnlyOnRequest();
        SmtpSettings tls = SmtpSettings.of("localhost", proxy.port(), SmtpSettings.Security.STARTTLS)
                .withTimeouts(3000, 3000);
        smtp().useSmtp(tls, false);
        MapiFolder outbox = logon();
        EntryId id = SimFixture.submit(outbox, "over starttls", "r@example.com");
        await("the refusal is on the message", () -> reply(id) != null);
        assertThat(reply(id)).contains("not trusted").contains(cert.sha256());
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        smtp().useSmtp(tls.withTrustedFingerprint(cert.sha256()), false);
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(proxy.commands).contains("STARTTLS");
        assertThat(reply(id)).startsWith("250");
    }

    @Test
    @DisplayName(
            "TLS checks the host name even for a trusted certificate; STARTTLS required but not offered is refused")
    void hostNameAndMissingStarttls() throws Exception {
        TestCertificates.Cert other = TestCertificates.otherHost();
        proxy().implicitTls(other.serverContext());
        runtimeRetryingOnlyOnRequest();
        smtp().useSmtp(
                        SmtpSettings.of("localhost", proxy.port(), SmtpSettings.Security.TLS)
                                .withTrustedFingerprint(other.sha256())
                                .withTimeouts(3000, 3000),
                        false);
        MapiFolder outbox = logon();
        EntryId id = SimFixture.submit(outbox, "wrong name", "r@example.com");
        await("the refusal is on the message", () -> reply(id) != null);
        assertThat(reply(id)).contains("does not name the host 'localhost'");

        SmtpFaultProxy plainProxy = new SmtpFaultProxy(greenMailPort());
        try {
            smtp().useSmtp(
                            SmtpSettings.of("127.0.0.1", plainProxy.port(), SmtpSettings.Security.STARTTLS)
                                    .withTimeouts(3000, 3000),
                            false);
            await(
                    "the STARTTLS refusal is on the message",
                    () -> String.valueOf(reply(id)).contains("STARTTLS"));
            assertThat(reply(id)).contains("does not offer STARTTLS");
        } finally {
            plainProxy.close();
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("implicit TLS (SMTPS) with a trusted test certificate delivers")
    void implicitTls() throws Exception {
        TestCertificates.Cert cert = TestCertificates.localhost();
        proxy().implicitTls(cert.serverContext());
        runtime(null);
        smtp().useSmtp(
                        SmtpSettings.of("localhost", proxy.port(), SmtpSettings.Security.TLS)
                                .withTrustedFingerprint(cert.sha256())
                                .withTimeouts(3000, 3000),
                        false);
        MapiFolder outbox = logon();
        SimFixture.submit(outbox, "over smtps", "r@example.com");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(received(subject("over smtps"))).hasSize(1);
    }

    @Test
    @DisplayName(
            "AUTH with the right password delivers; a wrong one keeps the mail queued and no reply or property shows the password")
    void auth() throws Exception {
        proxy();
        runtimeRetryingOnlyOnRequest();
        SmtpSettings s = plain(proxy.port()).withUser("alice", Secret.of("wrong-Pw-123"));
        smtp().useSmtp(s, false);
        MapiFolder outbox = logon();
        EntryId id = SimFixture.submit(outbox, "authenticated", "r@example.com");
        await("the AUTH failure is on the message", () -> reply(id) != null);
        assertThat(reply(id)).contains("authentication as 'alice' failed").doesNotContain("wrong-Pw-123");
        assertThat(flags(id) & MapiFlags.MSGFLAG_SUBMIT).isNotZero();
        assertThat(smtp().smtp().orElseThrow().toString()).doesNotContain("wrong-Pw-123");

        smtp().setPassword(Secret.of("s3cret-Pw"));
        smtp().useSmtp(s.withPassword(null), false);
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(proxy.commands).anyMatch(c -> c.startsWith("AUTH PLAIN") || c.startsWith("AUTH LOGIN"));
    }

    // ------------------------------------------------------------------ profile and the seeds' scenario

    @Test
    @DisplayName("saved in the profile without the password; the next runtime's logon uses it")
    void settingsAreSavedInTheProfile() throws Exception {
        runtime(dir);
        smtp().useSmtp(plain(greenMailPort()).withUser("alice", Secret.of("s3cret-Pw")), true);
        Path file = dir.resolve("Test" + ProfileTransportFile.SUFFIX);
        String saved = Files.readString(file);
        assertThat(saved)
                .contains("smtp.host=127.0.0.1")
                .contains("smtp.user=alice")
                .doesNotContain("s3cret-Pw")
                .doesNotContainIgnoringCase("password=");
        rt.mapiUninitialize();

        runtime(dir);
        smtp().setPassword(Secret.of("s3cret-Pw"));
        MapiFolder outbox = logon();
        assertThat(smtp().smtp()).get().extracting(SmtpSettings::host).isEqualTo("127.0.0.1");
        SimFixture.submit(outbox, "from the saved profile", "r@example.com");
        assertThat(rt.awaitOutboxIdle(WAIT)).isTrue();
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(received(subject("from the saved profile"))).hasSize(1);
    }

    @Test
    @DisplayName(
            "seeds: two queued, 'Log off now' leaves both queued; next logon, flush and log off: both arrive exactly once")
    void seedScenarioEndToEnd() throws Exception {
        proxy().slow(120); // slow enough that "Log off now" catches the first message inside the transport
        runtime(dir);
        smtp().useSmtp(plain(proxy.port()), true);
        MapiFolder outbox = logon();
        SimFixture.submit(outbox, "seed 1", "r@example.com");
        SimFixture.submit(outbox, "seed 2", "r@example.com");
        outbox.release();
        store.release();
        SimFixture.awaitSending(session); // the first message is inside the transport (else the race: none aborted)
        session.logoff(0, 0, 0); // Log off now: no MAPI_LOGOFF_UI, the in-flight send is left in the Outbox
        session.release();
        assertThat(rt.abortedSends()).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        rt.mapiUninitialize();

        proxy.slow(0);
        runtime(dir); // the next logon, a new process: the profile names the SMTP server
        outbox = logon();
        assertThat(SimFixture.contents(outbox))
                .hasSize(2)
                .allMatch(r -> (r.get(PropTag.PR_MESSAGE_FLAGS).asInt() & MapiFlags.MSGFLAG_SUBMIT) != 0);
        MapiTable status = session.getStatusTable(0);
        try {
            Row spooler = SimFixture.allRows(status).stream()
                    .filter(r -> r.get(PropTag.PR_RESOURCE_TYPE).asInt() == MapiFlags.MAPI_SPOOLER)
                    .findFirst()
                    .orElseThrow();
            dev.mapiworkbench.mapi.MapiStatus st = (dev.mapiworkbench.mapi.MapiStatus)
                    session.openEntry(spooler.get(PropTag.PR_ENTRYID).asEntryId(), 0);
            st.flushQueues(0, null, MapiFlags.FLUSH_UPLOAD); // Log off after sending: wait for the Outbox
            st.release();
        } finally {
            status.release();
        }
        assertThat(SimFixture.contents(outbox)).isEmpty();
        outbox.release();
        store.release();
        session.logoff(0, 0, 0);
        assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(received(subject("seed 1"))).hasSize(1);
        assertThat(received(subject("seed 2"))).hasSize(1);
    }
}
