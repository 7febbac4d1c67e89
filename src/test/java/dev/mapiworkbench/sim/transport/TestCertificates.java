package dev.mapiworkbench.sim.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Self-signed test certificates made with the JDK's keytool at test time (nothing is checked in):
 * one for {@code localhost}/127.0.0.1, one for another host name. Made once per test JVM.
 */
public final class TestCertificates {

    static final char[] PASSWORD = "changeit".toCharArray();
    private static Path dir;

    /** A keystore and what the tests need of it. */
    public record Cert(Path keystore, SSLContext serverContext, String sha256) {}

    private static Cert localhost;
    private static Cert otherHost;

    private TestCertificates() {}

    /** CN=localhost, SAN dns:localhost and ip:127.0.0.1. */
    public static synchronized Cert localhost() {
        if (localhost == null) {
            localhost = make("localhost", "SAN=dns:localhost,ip:127.0.0.1");
        }
        return localhost;
    }

    /** CN=mail.example.invalid, nothing for localhost: the host-name check must refuse it. */
    public static synchronized Cert otherHost() {
        if (otherHost == null) {
            otherHost = make("other", "SAN=dns:mail.example.invalid");
        }
        return otherHost;
    }

    private static Cert make(String name, String san) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("wb-test-certs");
                dir.toFile().deleteOnExit();
            }
            Path ks = dir.resolve(name + ".p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(
                            keytool.toString(),
                            "-genkeypair",
                            "-alias",
                            "server",
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-validity",
                            "3",
                            "-dname",
                            "CN=" + (name.equals("localhost") ? "localhost" : "mail.example.invalid"),
                            "-ext",
                            san,
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            ks.toString(),
                            "-storepass",
                            new String(PASSWORD),
                            "-keypass",
                            new String(PASSWORD),
                            "-noprompt")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.Charset.defaultCharset());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                store.load(in, PASSWORD);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            X509Certificate cert = (X509Certificate) store.getCertificate("server");
            ks.toFile().deleteOnExit();
            return new Cert(ks, ctx, PinningTrustManager.fingerprint(cert));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** For a readable failure message. */
    static List<String> describe(Cert c) {
        return List.of(c.keystore().toString(), c.sha256());
    }
}
