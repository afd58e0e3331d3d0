package dev.metertap.collector.pge.client;

import dev.metertap.certs.Identity;
import dev.metertap.certs.IssuerAgnosticKeyManager;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for Share My Data: the identity offered whatever CAs the server lists (PG&E's trap for Java
 * clients), trusting the JDK's CAs plus any extra ones, TLS 1.2 or newer.
 */
final class ShareMyDataTls {

    private ShareMyDataTls() {
    }

    static SSLContext context(Identity identity, List<X509Certificate> extraTrust) {
        return context(new KeyManager[] {new IssuerAgnosticKeyManager(identity)}, extraTrust);
    }

    static SSLContext context(KeyManager[] keyManagers, List<X509Certificate> extraTrust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers(extraTrust), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the Share My Data TLS context: " + e.getMessage(), e);
        }
    }

    static SSLParameters parameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        return parameters;
    }

    private static TrustManager[] trustManagers(List<X509Certificate> extraTrust) throws GeneralSecurityException {
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        if (extraTrust.isEmpty()) {
            return jdk.getTrustManagers();
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        int n = 0;
        for (TrustManager manager : jdk.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                for (X509Certificate ca : x509.getAcceptedIssuers()) {
                    store.setCertificateEntry("jdk-" + n++, ca);
                }
            }
        }
        for (X509Certificate ca : extraTrust) {
            store.setCertificateEntry("extra-" + n++, ca);
        }
        TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        combined.init(store);
        return combined.getTrustManagers();
    }
}
