package dev.mapiworkbench.ui;

import static dev.mapiworkbench.ui.WorkbenchFixture.TIMEOUT;
import static dev.mapiworkbench.ui.WorkbenchFixture.fx;
import static dev.mapiworkbench.ui.WorkbenchFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.app.Workbench;
import dev.mapiworkbench.mapi.SmtpSettings;
import dev.mapiworkbench.sim.transport.SmtpFaultProxy;
import dev.mapiworkbench.sim.transport.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Session › Transport settings… (issue 17, decision 0250) driven with the keyboard as a person does,
 * against a real SMTP server (GreenMail on a loopback port): typed values switch the profile to
 * SMTP, bad input is refused with a clear error on the field, Esc changes nothing, and the password
 * is never written anywhere.
 */
@ExtendWith(ApplicationExtension.class)
@org.junit.jupiter.api.Timeout(value = 120)
class TransportSettingsUiTest {

    static final String PASSWORD = "s3cret-Pw";

    private Workbench wb;
    private SmtpFaultProxy proxy;
    final List<String> errors = new CopyOnWriteArrayList<>();

    /** Records error dialogs (the headline) instead of showing them. */
    final class Dialogs extends FxDialogService {
        Dialogs(Supplier<Window> owner) {
            super(owner);
        }

        @Override
        public void showError(String headline, Throwable error) {
            errors.add(headline);
        }
    }

    @RegisterExtension
    final GreenMailServer mail = new GreenMailServer().withUser("alice@localhost", "alice", PASSWORD);

    @RegisterExtension
    final WorkbenchFixture app = new WorkbenchFixture().dialogs(Dialogs::new);

    int smtpPort() {
        return mail.port();
    }

    void open(String... extra) throws Exception {
        wb = app.open(extra);
    }

    static String text(javafx.scene.control.TextInputControl field) {
        return fx(field::getText);
    }

    SessionGateway.SmtpState smtpState() {
        return wb.gateway().smtpState().orElseThrow();
    }

    boolean dialogOpen(FxRobot robot) {
        return robot.lookup("#transportSettingsDialog").tryQuery().isPresent();
    }

    void openDialogFromTheMenu(FxRobot robot) throws Exception {
        robot.clickOn("#sessionMenu");
        robot.clickOn("#transportSettingsMenuItem");
        waitUntil(() -> dialogOpen(robot));
        typeInto(robot);
    }

    /**
     * Typed text goes to the dialog: TestFX's write() picks the first window that says it is focused,
     * and under Monocle the owner does too.
     */
    static void typeInto(FxRobot robot) {
        robot.targetWindow(fx(() ->
                robot.lookup("#transportSettingsDialog").query().getScene().getWindow()));
    }

    String error(FxRobot robot) {
        return fx(() -> robot.lookup("#transportSettingsError").queryLabeled().getText());
    }

    static Node focused(FxRobot robot) {
        return fx(() ->
                robot.lookup("#transportSettingsDialog").query().getScene().getFocusOwner());
    }

    /** Alt+letter, as a person reaches a labelled field. */
    static void alt(FxRobot robot, KeyCode letter) {
        robot.push(KeyCode.ALT, letter);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Sends a message as the window's compose would (off the FX thread). */
    void queue(String subject) throws Exception {
        WaitForAsyncUtils.async(() -> {
                    wb.gateway().send(List.of("bob@example.com"), subject, "body of " + subject);
                    return null;
                })
                .get(TIMEOUT, TimeUnit.SECONDS);
    }

    List<String> receivedSubjects() throws Exception {
        return mail.receivedSubjects();
    }

    /** Every file below the profile folder, as text. */
    String everythingWrittenIn(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(f).append('\n').append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    @Test
    void typedSettingsSwitchTheProfileToSmtpAndBadInputIsRefusedOnItsField(FxRobot robot) throws Exception {
        open();
        assertThat(smtpState().settings()).isNull();
        // the destination is shown on the Transport tab (its content is built when it is first selected)
        robot.clickOn("#transportTab");
        waitUntil(() ->
                robot.lookup("#transportDestination").queryLabeled().getText().contains("simulated"));

        openDialogFromTheMenu(robot);
        RadioButton simulated = robot.lookup("#transportSimulatedRadio").queryAs(RadioButton.class);
        assertThat(fx(simulated::isSelected)).isTrue();
        waitUntil(() -> focused(robot) == simulated);
        // every field's label carries a mnemonic and names its field
        assertThat(fx(() ->
                        robot
                                .lookup("#transportSettingsDialog .label")
                                .queryAllAs(javafx.scene.control.Label.class)
                                .stream()
                                .filter(l -> l.getText().endsWith(":"))
                                .allMatch(l -> l.isMnemonicParsing() && l.getLabelFor() != null)))
                .isTrue();

        // Alt+R: SMTP server; Enter with no host is refused on the Host field
        alt(robot, KeyCode.R);
        assertThat(fx(() -> robot.lookup("#transportSmtpRadio")
                        .queryAs(RadioButton.class)
                        .isSelected()))
                .isTrue();
        TextField host = robot.lookup("#smtpHost").queryAs(TextField.class);
        TextField port = robot.lookup("#smtpPort").queryAs(TextField.class);
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogOpen(robot)).isTrue();
        assertThat(error(robot)).isEqualTo("Enter the SMTP server's host name or address.");
        waitUntil(() -> focused(robot) == host);

        robot.write("127.0.0.1");
        assertThat(error(robot)).isEmpty();
        // Alt+P: the port; a number out of range is refused on the Port field
        alt(robot, KeyCode.P);
        waitUntil(() -> focused(robot) == port);
        robot.push(KeyCode.CONTROL, KeyCode.A).write("99999");
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogOpen(robot)).isTrue();
        assertThat(error(robot)).isEqualTo("The port must be a number from 1 to 65535, not '99999'.");
        assertThat(focused(robot)).isSameAs(port);
        robot.push(KeyCode.CONTROL, KeyCode.A).write("25x");
        assertThat(error(robot)).contains("not '25x'");
        robot.push(KeyCode.CONTROL, KeyCode.A).write(Integer.toString(smtpPort()));

        // Alt+U user, Alt+W password (masked)
        alt(robot, KeyCode.U);
        robot.write("alice");
        alt(robot, KeyCode.W);
        PasswordField password = robot.lookup("#smtpPassword").queryAs(PasswordField.class);
        assertThat(focused(robot)).isSameAs(password);
        robot.write(PASSWORD);
        assertThat(error(robot)).isEmpty();
        robot.push(KeyCode.ENTER);
        waitUntil(() -> !dialogOpen(robot));
        assertThat(text(password)).isEmpty();

        waitUntil(() -> smtpState().settings() != null);
        SmtpSettings s = smtpState().settings();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(smtpPort());
        assertThat(s.security()).isEqualTo(SmtpSettings.Security.NONE);
        assertThat(s.user()).isEqualTo("alice");
        assertThat(smtpState().passwordSet()).isTrue();
        waitUntil(() -> robot.lookup("#transportDestination")
                .queryLabeled()
                .getText()
                .contains("127.0.0.1:" + smtpPort() + " (none, user alice), password set"));

        // the next message goes to the server, with AUTH
        queue("through the dialog");
        assertThat(mail.greenMail().waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(receivedSubjects()).containsExactly("through the dialog");
        waitUntil(() -> wb.model().pendingCountProperty().get() == 0);

        // saved in the profile, without the password; the password is nowhere on disk or in the log
        String written = everythingWrittenIn(app.profile());
        assertThat(written).contains("smtp.host=127.0.0.1", "smtp.user=alice").doesNotContain(PASSWORD);
        assertThat(fx(() -> String.join("\n", wb.model().notifications())))
                .contains("Transport settings: Mail goes to the SMTP server 127.0.0.1:" + smtpPort())
                .doesNotContain(PASSWORD);
        assertThat(errors).isEmpty();
    }

    @Test
    void escChangesNothingAndTheSimulatedChoiceIsSaved(FxRobot robot) throws Exception {
        open("--smtp", "127.0.0.1:" + smtpPort());
        waitUntil(() -> smtpState().settings() != null);

        // from the Transport tab; the fields show what is in use
        robot.clickOn("#transportTab");
        robot.clickOn("#transportSettingsButton");
        waitUntil(() -> dialogOpen(robot));
        typeInto(robot);
        TextField host = robot.lookup("#smtpHost").queryAs(TextField.class);
        assertThat(text(host)).isEqualTo("127.0.0.1");
        assertThat(fx(() -> robot.lookup("#smtpPort").queryAs(TextField.class).getText()))
                .isEqualTo(Integer.toString(smtpPort()));
        waitUntil(() -> focused(robot) == host);
        robot.push(KeyCode.CONTROL, KeyCode.A).write("elsewhere.invalid");
        robot.push(KeyCode.ESCAPE);
        waitUntil(() -> !dialogOpen(robot));
        assertThat(smtpState().settings().host()).isEqualTo("127.0.0.1");

        // the security choice moves a default port along: none 25 -> STARTTLS 587
        robot.clickOn("#transportSettingsButton");
        waitUntil(() -> dialogOpen(robot));
        typeInto(robot);
        alt(robot, KeyCode.P);
        robot.push(KeyCode.CONTROL, KeyCode.A).write("25");
        alt(robot, KeyCode.E);
        robot.push(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> robot.lookup("#smtpSecurity")
                        .queryAs(javafx.scene.control.ComboBox.class)
                        .getValue()))
                .isEqualTo(SmtpSettings.Security.STARTTLS);
        waitUntil(() ->
                "587".equals(robot.lookup("#smtpPort").queryAs(TextField.class).getText()));

        // Alt+M: the simulated transport; Enter applies and saves it in the profile
        alt(robot, KeyCode.M);
        assertThat(fx(() -> robot.lookup("#transportSimulatedRadio")
                        .queryAs(RadioButton.class)
                        .isSelected()))
                .isTrue();
        assertThat(fx(() -> robot.lookup("#smtpHost").query().isDisabled())).isTrue();
        robot.push(KeyCode.ENTER);
        waitUntil(() -> !dialogOpen(robot));
        waitUntil(() -> smtpState().settings() == null);
        waitUntil(() ->
                robot.lookup("#transportDestination").queryLabeled().getText().contains("simulated"));
        assertThat(Files.readString(app.profile().resolve("Default.transport.properties")))
                .contains("transport=simulated");
        queue("simulated again");
        waitUntil(() -> wb.model().pendingCountProperty().get() == 0);
        assertThat(mail.greenMail().getReceivedMessages()).isEmpty();
    }

    @Test
    void aRefusedCertificateIsOfferedAndTrustedOnlyWhenTicked(FxRobot robot) throws Exception {
        TestCertificates.Cert cert = TestCertificates.localhost();
        proxy = mail.proxy(p -> p.implicitTls(cert.serverContext()));
        open("--smtp", "localhost:" + proxy.port(), "--smtp-security", "tls");
        robot.clickOn("#transportTab");
        queue("behind a test certificate");
        // refused (no CA signed it): queued, the reply names the fingerprint, nothing arrived
        waitUntil(() -> wb.model().outbox().stream()
                .anyMatch(o -> o.reply() != null && o.reply().contains(cert.sha256())));
        assertThat(mail.greenMail().getReceivedMessages()).isEmpty();
        assertThat(fx(() -> wb.model().pendingCountProperty().get())).isEqualTo(1);

        openDialogFromTheMenu(robot);
        assertThat(fx(() ->
                        robot.lookup("#smtpRefusedCertificate").queryLabeled().getText()))
                .contains(cert.sha256());
        TextField fingerprint = robot.lookup("#smtpFingerprint").queryAs(TextField.class);
        assertThat(fx(fingerprint::isDisabled)).isTrue();
        // Alt+T ticks the explicit choice; the refused certificate's fingerprint is filled in
        alt(robot, KeyCode.T);
        assertThat(fx(() -> robot.lookup("#smtpTrustCertificate")
                        .queryAs(CheckBox.class)
                        .isSelected()))
                .isTrue();
        assertThat(text(fingerprint)).isEqualTo(cert.sha256());
        // a mangled fingerprint is refused on its field
        alt(robot, KeyCode.F);
        robot.push(KeyCode.END).write("00");
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error(robot)).contains("64 hex digits");
        assertThat(focused(robot)).isSameAs(fingerprint);
        robot.push(KeyCode.BACK_SPACE).push(KeyCode.BACK_SPACE);
        robot.push(KeyCode.ENTER);
        waitUntil(() -> !dialogOpen(robot));

        // applying tries the queued message at once, now over TLS to the trusted certificate
        assertThat(mail.greenMail().waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(receivedSubjects()).containsExactly("behind a test certificate");
        assertThat(smtpState().settings().trustedFingerprint()).isEqualTo(cert.sha256());
        assertThat(Files.readString(app.profile().resolve("Default.transport.properties")))
                .contains("smtp.trustedFingerprint=" + cert.sha256());
        assertThat(Arrays.asList(fx(() -> robot.lookup("#transportDestination")
                        .queryLabeled()
                        .getText()
                        .split(", "))))
                .contains("one test certificate trusted.");
    }
}
