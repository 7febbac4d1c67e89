package dev.mapiworkbench.ui;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mapiworkbench.sim.transport.SmtpFaultProxy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real SMTP server for a UI test (GreenMail on a free loopback port), started before each test and stopped
 * after it, with an optional {@link SmtpFaultProxy} in front that is closed with it. Register it beside
 * {@link WorkbenchFixture}:
 *
 * <pre>{@code
 * @RegisterExtension
 * final GreenMailServer mail = new GreenMailServer().withUser("alice@localhost", "alice", "pw");
 * ...
 * SmtpFaultProxy proxy = mail.proxy(p -> p.answer("MAIL", "451 try later", 1));
 * app.open("--smtp", "127.0.0.1:" + proxy.port());
 * }</pre>
 */
public final class GreenMailServer implements BeforeEachCallback, AfterEachCallback {

    private final List<String[]> users = new ArrayList<>();
    private GreenMail greenMail;
    private SmtpFaultProxy proxy;

    /** A user the server accepts for AUTH (call before the test starts). */
    public GreenMailServer withUser(String email, String login, String password) {
        users.add(new String[] {email, login, password});
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        for (String[] u : users) {
            greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser(u[0], u[1], u[2]));
        }
        greenMail.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            proxy = null;
            greenMail.stop();
        }
    }

    /** The running server. */
    public GreenMail greenMail() {
        return greenMail;
    }

    /** The server's SMTP port. */
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /**
     * A fault proxy in front of the server, set up by {@code setup} (e.g. {@code p -> p.answer(…)}); closed after
     * the test. A second call replaces (and closes) the first.
     */
    public SmtpFaultProxy proxy(ProxySetup setup) throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        proxy = setup.apply(new SmtpFaultProxy(port()));
        return proxy;
    }

    /** The subjects of the messages received so far, in order. */
    public List<String> receivedSubjects() throws MessagingException {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            subjects.add(m.getSubject());
        }
        return subjects;
    }

    /** Sets up a new proxy (it may throw, as {@link SmtpFaultProxy}'s set-up does). */
    @FunctionalInterface
    public interface ProxySetup {
        SmtpFaultProxy apply(SmtpFaultProxy proxy) throws IOException;
    }
}
