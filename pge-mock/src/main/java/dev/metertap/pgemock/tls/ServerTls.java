package dev.metertap.pgemock.tls;

import dev.metertap.certs.Identity;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** The mock's TLS settings: its server identity, the advertised CA list, pinned clients, the mode. */
public record ServerTls(Identity server, List<X509Certificate> advertisedCas, RegisteredClients clients, Mode mode) {

    /** PG&E's gateway speaks TLS 1.2. */
    public static final String PROTOCOL = "TLSv1.2";

    public ServerTls {
        advertisedCas = List.copyOf(advertisedCas);
    }

    public SSLContext sslContext() {
        try {
            char[] transientPassword = new char[0];
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(server.toKeyStore(transientPassword), transientPassword);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(),
                    new TrustManager[] {new PinnedClientTrust(advertisedCas, clients, mode)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the mock's TLS context", e);
        }
    }
}
