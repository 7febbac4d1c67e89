package dev.mapiworkbench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mapiworkbench.mapi.TransportSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .eml import and export (decision 0162). Exports are read back with a second, independent MIME
 * parser (Apache mime4j), not with the Jakarta Mail that wrote them.
 */
class EmlFilesTest {

    @TempDir
    Path dir;

    private ClientSession client;

    @AfterEach
    void close() {
        if (client != null) {
            client.shutdown();
        }
    }

    private ClientSession offlineClient() {
        client = SimClients.open(
                dir.resolve("profile"), TransportSettings.instant().withOffline(true));
        client.logon(LogonOptions.defaults());
        return client;
    }

    private static Message parseWithMime4j(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new DefaultMessageBuilder().parseMessage(in);
        }
    }

    private static List<String> addresses(AddressList list) {
        if (list == null) {
            return List.of();
        }
        return list.flatten().stream().map(Mailbox::getAddress).toList();
    }

    private static String body(Message m) throws IOException {
        try (Reader r = ((TextBody) m.getBody()).getReader()) {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[4096];
            int n;
            while ((n = r.read(buf)) > 0) {
                b.append(buf, 0, n);
            }
            return b.toString().replace("\r\n", "\n");
        }
    }

    @Test
    @DisplayName("a composed message exports as RFC 5322 that mime4j reads back: decoded UTF-8 subject, body, To, From")
    void exportOfAComposedMessage() throws Exception {
        ClientSession c = offlineClient();
        OutboxItem item = c.send(
                new Draft("Überweisung für Jürgen — 東京", "Grüße,\nnaïve café ✓\n", List.of("juergen@example.com")));
        Path file = dir.resolve("out.eml");
        EmlFiles.export(c, EmlFiles.resolve(c, "outbox:1"), file);
        assertThat(EmlFiles.resolve(c, "outbox:1")).isEqualTo(item.id());

        String raw = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(raw)
                .contains("MIME-Version: 1.0")
                .contains("Subject: =?UTF-8?")
                .doesNotContain("Jürgen");
        Message m = parseWithMime4j(file);
        assertThat(m.getSubject()).isEqualTo("Überweisung für Jürgen — 東京");
        assertThat(addresses(m.getTo())).containsExactly("juergen@example.com");
        assertThat(m.getFrom().get(0).getAddress()).isEqualTo("Default@localhost");
        assertThat(m.getMimeType()).isEqualTo("text/plain");
        assertThat(m.getCharset()).isEqualToIgnoringCase("UTF-8");
        assertThat(body(m)).isEqualTo("Grüße,\nnaïve café ✓\n");
        assertThat(m.getDate()).isNotNull();
    }

    @Test
    @DisplayName(
            "an .eml with Cc, Bcc, an encoded-word subject and a multipart body is queued in the Outbox with its recipient types")
    void importIntoTheOutboxKeepsRecipientTypes() throws Exception {
        ClientSession c = offlineClient();
        Path in = dir.resolve("in.eml");
        Files.writeString(
                in,
                String.join(
                        "\r\n",
                        "From: Someone <someone@example.org>",
                        "To: a@example.com, \"B\" <b@example.com>",
                        "Cc: c@example.com",
                        "Bcc: d@example.com",
                        "Subject: =?UTF-8?B?"
                                + java.util.Base64.getEncoder()
                                        .encodeToString("Prüfung ✓".getBytes(StandardCharsets.UTF_8))
                                + "?=",
                        "MIME-Version: 1.0",
                        "Content-Type: multipart/alternative; boundary=\"b1\"",
                        "",
                        "--b1",
                        "Content-Type: text/plain; charset=UTF-8",
                        "Content-Transfer-Encoding: quoted-printable",
                        "",
                        "Hall=C3=B6chen",
                        "--b1",
                        "Content-Type: text/html; charset=UTF-8",
                        "",
                        "<p>Hallo</p>",
                        "--b1--",
                        ""),
                StandardCharsets.US_ASCII);
        String id = EmlFiles.importToOutbox(c, in);
        SimClients.awaitOutbox(
                c,
                Duration.ofSeconds(10),
                () -> c.outboxSnapshot().stream()
                        .anyMatch(i -> i.id().equals(id) && i.state() == OutboxItem.State.SUBMITTED));

        Path out = dir.resolve("again.eml");
        EmlFiles.export(c, id, out);
        Message m = parseWithMime4j(out);
        assertThat(m.getSubject()).isEqualTo("Prüfung ✓");
        assertThat(addresses(m.getTo())).containsExactly("a@example.com", "b@example.com");
        assertThat(addresses(m.getCc())).containsExactly("c@example.com");
        assertThat(addresses(m.getBcc()))
                .as("an export keeps Bcc, as a saved draft does")
                .containsExactly("d@example.com");
        assertThat(body(m).strip()).isEqualTo("Hallöchen");
    }

    @Test
    @DisplayName(
            "import refuses a file without recipients and a file that is not a message, naming the file; nothing is queued")
    void importRefusesBadFiles() throws Exception {
        ClientSession c = offlineClient();
        Path none = dir.resolve("none.eml");
        Files.writeString(none, "Subject: nobody\r\n\r\nbody\r\n");
        assertThatThrownBy(() -> EmlFiles.importToOutbox(c, none))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("none.eml")
                .hasMessageContaining("no To, Cc or Bcc");
        Path bad = dir.resolve("bad.eml");
        Files.writeString(bad, "To: not an address@@\r\n\r\nx\r\n");
        assertThatThrownBy(() -> EmlFiles.importToOutbox(c, bad))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bad.eml");
        assertThat(c.outboxSnapshot()).isEmpty();
        assertThatThrownBy(() -> EmlFiles.resolve(c, "outbox:3")).hasMessageContaining("has 0 message(s)");
        assertThatThrownBy(() -> EmlFiles.resolve(c, "trash:1")).hasMessageContaining("unknown folder 'trash'");
    }
}
