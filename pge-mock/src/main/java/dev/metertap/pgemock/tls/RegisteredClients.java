package dev.metertap.pgemock.tls;

import dev.metertap.certs.Fingerprint;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client certificates registered on the portal, pinned by SHA-256 fingerprint. A certificate is
 * accepted when it is registered and valid now, whoever issued it.
 */
public final class RegisteredClients {

    /** Validity of a fingerprint registered without its certificate: always. */
    private static final Validity ALWAYS = new Validity(Instant.MIN, Instant.MAX);

    private final Map<Fingerprint, Validity> registered = new ConcurrentHashMap<>();
    private final Clock clock;

    public RegisteredClients(Clock clock) {
        this.clock = clock;
    }

    public void register(X509Certificate certificate) {
        registered.put(Fingerprint.of(certificate),
                new Validity(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()));
    }

    public void register(Fingerprint fingerprint) {
        registered.putIfAbsent(fingerprint, ALWAYS);
    }

    public boolean accepts(X509Certificate certificate) {
        return accepts(Optional.of(Fingerprint.of(certificate)));
    }

    /**
     * Whether the certificate with this fingerprint is registered and valid now (a certificate with the
     * fingerprint of a registered one is that certificate, so its validity is the registered one's).
     */
    public boolean accepts(Optional<Fingerprint> fingerprint) {
        Validity validity = fingerprint.map(registered::get).orElse(null);
        return validity != null && validity.covers(clock.instant());
    }

    /** Whether the leaf of a presented chain is accepted; false for no chain. */
    public boolean accepts(X509Certificate[] chain) {
        return chain != null && chain.length > 0 && accepts(chain[0]);
    }

    private record Validity(Instant notBefore, Instant notAfter) {
        boolean covers(Instant now) {
            return !now.isBefore(notBefore) && now.isBefore(notAfter);
        }
    }
}
