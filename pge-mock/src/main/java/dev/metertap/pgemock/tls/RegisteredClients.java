package dev.metertap.pgemock.tls;

import dev.metertap.certs.Fingerprint;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client certificates registered on the portal, pinned by SHA-256 fingerprint. A certificate is
 * accepted when it is registered and valid now, whoever issued it.
 */
public final class RegisteredClients {

    private final Set<Fingerprint> fingerprints = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    public RegisteredClients(Clock clock) {
        this.clock = clock;
    }

    public void register(X509Certificate certificate) {
        fingerprints.add(Fingerprint.of(certificate));
    }

    public void register(Fingerprint fingerprint) {
        fingerprints.add(fingerprint);
    }

    public boolean accepts(X509Certificate certificate) {
        Instant now = clock.instant();
        return fingerprints.contains(Fingerprint.of(certificate))
                && !now.isBefore(certificate.getNotBefore().toInstant())
                && now.isBefore(certificate.getNotAfter().toInstant());
    }

    /** Whether the leaf of a presented chain is accepted; false for no chain. */
    public boolean accepts(X509Certificate[] chain) {
        return chain != null && chain.length > 0 && accepts(chain[0]);
    }
}
