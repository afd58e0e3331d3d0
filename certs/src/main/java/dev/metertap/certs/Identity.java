package dev.metertap.certs;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key and its certificate chain, leaf first. What a TLS peer presents.
 */
public record Identity(PrivateKey privateKey, List<X509Certificate> chain) {

    /** The alias under which {@link #toKeyStore} stores the key. */
    public static final String ALIAS = "identity";

    public Identity {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an identity needs at least its own certificate");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(certificate());
    }

    public String subject() {
        return certificate().getSubjectX500Principal().getName();
    }

    /** An in-memory PKCS#12 key store holding this identity under {@link #ALIAS}. */
    public KeyStore toKeyStore(char[] password) {
        return Pkcs12.keyStore(this, password);
    }

    @Override
    public String toString() {
        return "Identity[" + subject() + ", " + fingerprint() + "]";
    }
}
