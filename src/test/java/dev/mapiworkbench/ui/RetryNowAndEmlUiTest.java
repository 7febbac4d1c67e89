package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.TIMEOUT;
import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.mail.MailMessage;
import dev.mapiworkbench.mail.MimeMail;
import dev.mapiworkbench.sim.transport.SmtpFaultProxy;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 17 in the window: "Retry now" for mail the SMTP server deferred, in the Outbox view and under
 * the after-sending wait, with the server's reply per message (GreenMail behind a proxy that answers
 * 451); File › Import .eml… and Export as .eml…, the export read back by two parsers.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 120)
class RetryNowAndEmlUiTest {

    @TempDir
    Path files;

    private Workbench wb;
    private volatile Path importFrom;
    private volatile Path exportTo;
    private final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The file choosers answer from the test (no native chooser under Monocle); errors are recorded. */
    final class Dialogs extends FxDialogService {
        Dialogs(Supplier<Window> owner) {
            super(owner);
        }

        @Override
        public Optional<Path> chooseEmlToImport() {
            return Optional.ofNullable(importFrom);
        }

        @Override
        public Optional<Path> chooseEmlExportFile(String suggestedName) {
            return Optional.ofNullable(exportTo).map(dir -> dir.resolve(suggestedName));
        }

        @Override
        public void showError(String headline, Throwable error) {
            errors.add(headline);
        }
    }

    @RegisterExtension
    final GreenMailServer mail = new GreenMailServer();

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(Dialogs::new);

    void open(String... extra) throws Exception {
        wb = app.open(extra);
    }

    void queue(String subject) throws Exception {
        WaitForAsyncUtils.async(() -> {
                    wb.gateway().send(List.of("bob@example.com"), subject, "body of " + subject);
                    return null;
                })
                .get(TIMEOUT, TimeUnit.SECONDS);
    }

    List<String> received() throws Exception {
        return mail.receivedSubjects();
    }

    boolean deferred(String subject) {
        return wb.model().outbox().stream()
                .anyMatch(o ->
                        o.subject().equals(subject) && o.deferred() && o.reply().startsWith("451"));
    }

    @Test
    void retryNowSendsDeferredMailAtOnceFromTheOutboxAndFromTheWait(FxRobot robot) throws Exception {
        SmtpFaultProxy proxy = mail.proxy(p -> p.answer("MAIL", "451 4.3.0 try again later", 1));
        // a ten-minute pause before the next try: only Retry now sends it within the test
        open("--smtp", "127.0.0.1:" + proxy.port(), "--smtp-retry", "600");
        Button outboxRetryNow = robot.lookup("#outboxRetryNowButton").queryButton();
        assertThat(fx(outboxRetryNow::isDisabled)).isTrue();

        queue("deferred once");
        waitUntil(() -> deferred("deferred once"));
        // the Outbox shows the server's reply: its column and the details of the selected message
        TableView<?> outbox = robot.lookup("#outboxTable").queryAs(TableView.class);
        assertThat(fx(() ->
                        robot
                                .lookup("#outboxTable .table-cell")
                                .queryAllAs(javafx.scene.control.TableCell.class)
                                .stream()
                                .anyMatch(c -> "451 4.3.0 try again later".equals(c.getText()))))
                .isTrue();
        robot.clickOn("#outboxTable").type(KeyCode.HOME);
        waitUntil(() -> outbox.getSelectionModel().getSelectedIndex() == 0);
        assertThat(fx(() ->
                        robot.lookup("#outboxDetails").queryAs(TextArea.class).getText()))
                .contains("State: queued", "Server: 451 4.3.0 try again later");
        waitUntil(() -> !outboxRetryNow.isDisabled());
        assertThat(mail.greenMail().getReceivedMessages()).isEmpty();

        robot.clickOn("#outboxRetryNowButton");
        assertThat(mail.greenMail().waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(received()).containsExactly("deferred once");
        waitUntil(() -> wb.model().pendingCountProperty().get() == 0);
        waitUntil(outboxRetryNow::isDisabled);

        // the after-sending wait: the reply per message and Retry now under it
        proxy.answer("MAIL", "451 4.7.1 greylisted, come back later", 1);
        queue("deferred in the wait");
        waitUntil(() -> deferred("deferred in the wait"));
        robot.clickOn("#logoffButton");
        waitUntil(() -> robot.lookup("#logoffDialog").tryQuery().isPresent());
        robot.push(KeyCode.ENTER); // the default with mail pending: log off after sending
        waitUntil(() -> robot.lookup("#waitItem-0").tryQuery().isPresent()
                && robot.lookup("#waitItem-0").query().isVisible());
        waitUntil(() -> robot.lookup("#waitItem-0 .wait-state")
                .queryLabeled()
                .getText()
                .equals("queued — 451 4.7.1 greylisted, come back later"));
        waitUntil(() -> robot.lookup("#waitRetryNowPane").query().isVisible());
        assertThat(received()).containsExactly("deferred once");

        robot.clickOn("#waitRetryNowButton");
        assertThat(mail.greenMail().waitForIncomingEmail(10_000, 2)).isTrue();
        waitUntil(() -> !wb.model().tearingDownProperty().get());
        assertThat(received()).containsExactly("deferred once", "deferred in the wait");
        assertThat(fx(() -> String.join("\n", wb.model().notifications())))
                .contains("Retry now: the deferred mail is tried again at once");
        assertThat(errors).isEmpty();
    }

    @Test
    void fileMenuImportsAnEmlIntoTheOutboxAndExportsAMessageTwoParsersRead(FxRobot robot) throws Exception {
        open("--transport-offline"); // the imported message stays queued, in view
        Path eml = files.resolve("in.eml");
        List<String> lines = List.of(
                "From: someone@example.org",
                "To: Bob <bob@example.com>",
                "Cc: carol@example.com",
                "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: 8bit",
                "",
                "Zeile 1: äöü ß",
                "Line 2",
                "");
        Files.writeString(eml, String.join("\r\n", lines), StandardCharsets.UTF_8);
        importFrom = eml;
        robot.clickOn("#fileMenu");
        robot.clickOn("#importEmlMenuItem");
        waitUntil(() -> wb.model().outbox().stream().anyMatch(o -> o.subject().equals("Grüße aus Köln")));
        assertThat(fx(() -> String.join("\n", wb.model().notifications()))).contains("Imported in.eml into the Outbox");

        // select it in the Outbox queue, then File › Export as .eml…
        exportTo = files;
        robot.clickOn("#outboxTable").type(KeyCode.HOME);
        waitUntil(() -> wb.model().selectedMessageProperty().get() != null);
        robot.clickOn("#fileMenu");
        robot.clickOn("#exportEmlMenuItem");
        Path out = files.resolve("Grüße aus Köln.eml");
        waitUntil(() -> Files.isRegularFile(out) && Files.size(out) > 0);
        assertThat(errors).isEmpty();

        // Jakarta Mail's own parser
        MimeMessage jakarta;
        try (InputStream in = Files.newInputStream(out)) {
            jakarta = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(jakarta.getSubject()).isEqualTo("Grüße aus Köln");
        assertThat(Arrays.stream(jakarta.getRecipients(Message.RecipientType.TO))
                        .map(a -> ((InternetAddress) a).getAddress()))
                .containsExactly("bob@example.com");
        assertThat(Arrays.stream(jakarta.getRecipients(Message.RecipientType.CC))
                        .map(a -> ((InternetAddress) a).getAddress()))
                .containsExactly("carol@example.com");
        assertThat(jakarta.getContent().toString()).contains("Zeile 1: äöü ß");
        // the headers are 7-bit: the UTF-8 subject travels as an encoded word
        String raw = Files.readString(out, StandardCharsets.ISO_8859_1);
        assertThat(raw.substring(0, raw.indexOf("\r\n\r\n")).chars().allMatch(c -> c < 128))
                .isTrue();

        // Apache mime4j, independent of Jakarta Mail
        org.apache.james.mime4j.dom.Message mime4j;
        try (InputStream in = Files.newInputStream(out)) {
            mime4j = new org.apache.james.mime4j.message.DefaultMessageBuilder().parseMessage(in);
        }
        assertThat(mime4j.getSubject()).isEqualTo("Grüße aus Köln");
        assertThat(mime4j.getTo().flatten().get(0).getAddress()).isEqualTo("bob@example.com");
        assertThat(mime4j.getCc().flatten().get(0).getAddress()).isEqualTo("carol@example.com");

        // and the workbench's own reader takes it back
        MailMessage back;
        try (InputStream in = Files.newInputStream(out)) {
            back = MimeMail.parse(in);
        }
        assertThat(back.subject()).isEqualTo("Grüße aus Köln");
        assertThat(back.body()).contains("Zeile 1: äöü ß");
    }
}
