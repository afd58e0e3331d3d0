package dev.metertap.certs;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Deliberately wrong client identities for tests of the other side of each security boundary.
 * Each is otherwise a normal client certificate issued by {@code ca} (except {@link #fromOtherAuthority}).
 */
public final class BadIdentities {

    private final CertificateAuthority ca;

    public BadIdentities(CertificateAuthority ca) {
        this.ca = ca;
    }

    /** Valid from 400 days ago until yesterday. */
    public Identity expired(String commonName) {
        Instant now = ca.clock().instant();
        return client(commonName, KeyPairs.rsa(), Usage.CLIENT, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
    }

    /** Valid from 30 days from now. */
    public Identity notYetValid(String commonName) {
        Instant now = ca.clock().instant();
        return client(commonName, KeyPairs.rsa(), Usage.CLIENT, now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(400)));
    }

    /** A good-looking client certificate from a different, freshly made root. */
    public Identity fromOtherAuthority(String commonName) {
        return CertificateAuthority.create("Other Root CA", ca.clock(), CertificateAuthority.DEFAULT_CA_VALIDITY)
                .issueClient(commonName);
    }

    /** serverAuth only: no clientAuth extended key usage. */
    public Identity withoutClientAuth(String commonName) {
        Instant now = ca.clock().instant();
        return client(commonName, KeyPairs.rsa(), Usage.SERVER, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
    }

    /** A 1024-bit RSA key, below PG&E's minimum. */
    public Identity weakKey(String commonName) {
        Instant now = ca.clock().instant();
        return client(commonName, KeyPairs.rsa(1024), Usage.CLIENT, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
    }

    private Identity client(String commonName, KeyPair keys, Usage usage, Instant notBefore, Instant notAfter) {
        X509Certificate leaf = ca.issue(commonName, keys.getPublic(), usage, List.of(), notBefore, notAfter);
        return new Identity(keys.getPrivate(), List.of(leaf, ca.certificate()));
    }
}
