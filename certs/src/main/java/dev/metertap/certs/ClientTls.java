package dev.metertap.certs;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** SSLContexts for a Share My Data client: its identity offered regardless of the CA list, trusting given CAs. */
public final class ClientTls {

    private ClientTls() {
    }

    /** TLS client context: {@link IssuerAgnosticKeyManager} for {@code identity}, trusting exactly {@code trusted}. */
    public static SSLContext context(Identity identity, List<X509Certificate> trusted) {
        return context(new KeyManager[] {new IssuerAgnosticKeyManager(identity)}, trusted);
    }

    /** TLS client context with the given key managers (none for no client certificate). */
    public static SSLContext context(KeyManager[] keyManagers, List<X509Certificate> trusted) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(Pkcs12.trustStore(trusted));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot build a TLS client context", e);
        }
    }
}
