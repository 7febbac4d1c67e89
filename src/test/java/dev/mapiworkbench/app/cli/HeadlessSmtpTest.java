package dev.mapiworkbench.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mapiworkbench.app.HeadlessMain;
import dev.mapiworkbench.sim.transport.SmtpFaultProxy;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SMTP options of the command line against GreenMail on a loopback port (decision 0160). */
class HeadlessSmtpTest {

    private static final String PASSWORD = "Pw-never-shown-7731";

    @TempDir
    Path dir;

    private GreenMail greenMail;
    private SmtpFaultProxy proxy;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void start() throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser("alice@localhost", "alice", PASSWORD));
        greenMail.start();
        proxy = new SmtpFaultProxy(greenMail.getSmtp().getPort());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        greenMail.stop();
    }

    private Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = HeadlessMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String[] args(String... more) {
        List<String> a = new ArrayList<>(
                List.of("--headless", "--profile", dir.resolve("profile").toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private long received(String subject) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> {
                    try {
                        return subject.equals(m.getSubject());
                    } catch (MessagingException e) {
                        return false;
                    }
                })
                .count();
    }

    @Test
    @DisplayName(
            "seeds end to end: --send 2 and 'Log off now' leave both queued; the next run's after-sending delivers each exactly once")
    void logOffNowThenAfterSending() throws Exception {
        proxy.slow(150); // the first message is still inside the transport when "now" logs off
        String server = "127.0.0.1:" + proxy.port();
        Run first = run(
                Map.of(), args("--send", "2", "--smtp", server, "--smtp-save", "--logoff", "now", "--transcript", "-"));
        assertThat(first.exit()).as(first.err()).isEqualTo(0);
        JsonNode t1 = new ObjectMapper().readTree(first.out());
        assertThat(t1.path("outbox").path("after").asInt()).isEqualTo(2);
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        proxy.slow(0);
        Run second = run(Map.of(), args("--logoff", "after-sending", "--timeout", "30", "--transcript", "-"));
        assertThat(second.exit()).as(second.err()).isEqualTo(0);
        assertThat(second.err()).contains("the profile hands mail to 127.0.0.1:" + proxy.port());
        JsonNode t2 = new ObjectMapper().readTree(second.out());
        assertThat(t2.path("outbox").path("after").asInt()).isZero();
        assertThat(t2.path("waits"))
                .hasSize(2)
                .allMatch(w -> w.path("state").asText().equals("sent"))
                .allMatch(w -> w.path("reply").asText().startsWith("250"));
        assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(received("Workbench message 1 of 2")).isEqualTo(1);
        assertThat(received("Workbench message 2 of 2")).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "AUTH with the password from MAPI_WORKBENCH_SMTP_PASSWORD: delivered; the password is in no output, transcript or profile file")
    void passwordFromTheEnvironmentIsNeverWritten() throws Exception {
        Path transcript = dir.resolve("t.json");
        Run r = run(
                Map.of(SmtpOptions.PASSWORD_ENV, PASSWORD),
                args(
                        "--send",
                        "1",
                        "--smtp",
                        "127.0.0.1:" + proxy.port(),
                        "--smtp-user",
                        "alice",
                        "--smtp-save",
                        "--logoff",
                        "after-sending",
                        "--timeout",
                        "30",
                        "--transcript",
                        transcript.toString()));
        assertThat(r.exit()).as(r.err()).isEqualTo(0);
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(proxy.commands).anyMatch(c -> c.startsWith("AUTH"));
        assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
        assertThat(Files.readString(transcript)).doesNotContain(PASSWORD);
        try (Stream<Path> files = Files.walk(dir.resolve("profile"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                        .as(f.toString())
                        .doesNotContain(PASSWORD);
            }
        }
        assertThat(Files.readString(dir.resolve("profile").resolve("Default.transport.properties")))
                .contains("smtp.user=alice");
    }

    @Test
    @DisplayName("a 5xx shows the server's reply in the after-sending wait and the message as failed")
    void rejectedMessageIsFailedInTheTranscript() throws Exception {
        proxy.answer("RCPT TO", "550 5.7.1 relaying denied", 1);
        Run r = run(
                Map.of(),
                args(
                        "--send",
                        "1",
                        "--smtp",
                        "127.0.0.1:" + proxy.port(),
                        "--logoff",
                        "after-sending",
                        "--timeout",
                        "30",
                        "--transcript",
                        "-"));
        JsonNode t = new ObjectMapper().readTree(r.out());
        JsonNode w = t.path("waits").get(0);
        assertThat(w.path("state").asText()).isEqualTo("failed");
        assertThat(w.path("reason").asText()).contains("550 5.7.1 relaying denied");
        assertThat(w.path("reply").asText()).contains("550 5.7.1 relaying denied");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> names {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--smtp-security tls|--smtp",
                "--smtp 127.0.0.1:25 --smtp-security ssl|--smtp-security",
                "--smtp 127.0.0.1:abc|--smtp",
                "--smtp 127.0.0.1:70000|--smtp",
                "--smtp 127.0.0.1:25 --smtp-trust-fingerprint 12AB|fingerprint",
                "--smtp 127.0.0.1:25 --smtp-user alice|" + SmtpOptions.PASSWORD_ENV,
                "--smtp 127.0.0.1:25 --simulated-transport|--simulated-transport",
                "--smtp 127.0.0.1:25 --smtp-timeout 0|--smtp-timeout",
            })
    void badSmtpArgumentsExit64(String extra, String named) {
        List<String> a = new ArrayList<>(
                List.of("--headless", "--profile", dir.resolve("p").toString()));
        a.addAll(List.of(extra.split(" ")));
        Run r = run(Map.of(), a.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isEqualTo(64);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(named);
        assertThat(dir.resolve("p")).doesNotExist();
    }
}
