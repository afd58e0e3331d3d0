package dev.metertap.pgemock.journal;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.metertap.certs.Fingerprint;
import dev.metertap.pgemock.tls.ConnectionFacts;
import java.time.Instant;
import java.util.Optional;

/**
 * One request as the mock saw it: a serve event of WireMock's journal, read through the connection facts the TLS
 * front wrote into it ({@link ConnectionFacts}).
 *
 * @param certificate the fingerprint of the client certificate presented, if any
 * @param bearerToken the bearer token sent, if any (tests compare it; the mock never logs it)
 * @param status      the HTTP status answered
 */
public record JournalEntry(Instant at, String method, String path, String query,
        Optional<Fingerprint> certificate, Optional<String> bearerToken, int status) {

    /** The entry for one of WireMock's serve events. */
    public static JournalEntry of(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String url = request.getUrl();
        int question = url.indexOf('?');
        String authorization = request.getHeader("Authorization");
        Optional<String> bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? Optional.of(authorization.substring(7).trim()) : Optional.empty();
        return new JournalEntry(
                ConnectionFacts.receivedAt(request).orElseGet(() -> request.getLoggedDate().toInstant()),
                request.getMethod().getName(),
                question < 0 ? url : url.substring(0, question),
                question < 0 ? null : url.substring(question + 1),
                ConnectionFacts.clientCertificate(request),
                bearer,
                event.getResponse() == null ? 0 : event.getResponse().getStatus());
    }

    @Override
    public String toString() {
        return "JournalEntry[" + method + " " + path + (query == null ? "" : "?" + query) + " -> " + status
                + ", certificate=" + certificate.map(Fingerprint::colonSeparated).orElse("none")
                + ", bearer=" + bearerToken.map(t -> "<redacted>").orElse("none") + "]";
    }
}
