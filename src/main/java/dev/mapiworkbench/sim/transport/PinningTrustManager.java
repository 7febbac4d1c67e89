package dev.mapiworkbench.sim.transport;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK's CA trust, plus at most one server certificate the user chose to trust by its SHA-256
 * fingerprint (a test server's self-signed certificate). Nothing else is trusted: there is no
 * trust-all. A refused certificate's fingerprint is kept so the error can show it; the host name is
 * checked separately (Jakarta Mail's {@code ssl.checkserveridentity}).
 */
final class PinningTrustManager implements X509TrustManager {

    private final X509TrustManager jdk;
    private final String pinned;
    private volatile String lastRefused;

    PinningTrustManager(String pinnedSha256Hex) {
        this.jdk = jdkTrustManager();
        this.pinned = pinnedSha256Hex;
    }

    private static X509TrustManager jdkTrustManager() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (TrustManager t : f.getTrustManagers()) {
                if (t instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK has no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK trust store cannot be read", e);
        }
    }

    /** SHA-256 of the DER encoding, upper-case hex, as {@code keytool -list -v} prints it without colons. */
    static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()))
                    .toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of the last certificate refused (null when none was). */
    String lastRefused() {
        return lastRefused;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        String fp = fingerprint(chain[0]);
        if (fp.equals(pinned)) {
            chain[0].checkValidity();
            return;
        }
        try {
            jdk.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            lastRefused = fp;
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("not a server trust manager for clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return jdk.getAcceptedIssuers();
    }
}
