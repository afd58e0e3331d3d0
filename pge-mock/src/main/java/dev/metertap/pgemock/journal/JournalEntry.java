package dev.metertap.pgemock.journal;

import dev.metertap.certs.Fingerprint;
import java.time.Instant;
import java.util.Optional;

/**
 * One request as the mock saw it.
 *
 * @param certificate the fingerprint of the client certificate presented, if any
 * @param bearerToken the bearer token sent, if any (tests compare it; the mock never logs it)
 * @param status      the HTTP status answered
 */
public record JournalEntry(Instant at, String method, String path, String query,
        Optional<Fingerprint> certificate, Optional<String> bearerToken, int status) {

    @Override
    public String toString() {
        return "JournalEntry[" + method + " " + path + (query == null ? "" : "?" + query) + " -> " + status
                + ", certificate=" + certificate.map(Fingerprint::colonSeparated).orElse("none")
                + ", bearer=" + bearerToken.map(t -> "<redacted>").orElse("none") + "]";
    }
}
