package dev.metertap.certs;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A client key manager that always offers its one identity, whatever CAs the server lists in its
 * CertificateRequest. PG&E's gateway lists CAs that do not include a self-made root, and the JDK's
 * key managers then send no certificate at all; curl sends it anyway, and so does this.
 *
 * <p>Answers both {@link #chooseClientAlias} (SSLSocket) and {@link #chooseEngineClientAlias}
 * (SSLEngine, used by {@code java.net.http.HttpClient}).
 */
public final class IssuerAgnosticKeyManager extends X509ExtendedKeyManager {

    private final Identity identity;

    public IssuerAgnosticKeyManager(Identity identity) {
        this.identity = identity;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return matchesKeyType(keyTypes) ? Identity.ALIAS : null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return matchesKeyType(keyTypes) ? Identity.ALIAS : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {Identity.ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return Identity.ALIAS.equals(alias) ? identity.chain().toArray(X509Certificate[]::new) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return Identity.ALIAS.equals(alias) ? identity.privateKey() : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    private boolean matchesKeyType(String[] keyTypes) {
        String algorithm = identity.privateKey().getAlgorithm();
        if (keyTypes == null) {
            return true;
        }
        for (String keyType : keyTypes) {
            // TLS 1.3 asks with signature-scheme names such as "RSA" or "RSASSA-PSS"
            if (keyType.startsWith(algorithm)) {
                return true;
            }
        }
        return false;
    }
}
