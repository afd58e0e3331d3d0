package dev.metertap.collector.pge.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.secret.Secret;
import dev.metertap.collector.pge.client.ShareMyDataException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Client-credentials tokens (PG&E has no refresh token: a new one is asked for). One token is cached
 * until shortly before it expires; {@link #invalidate} drops it when PG&E refuses it early.
 */
final class TokenSource {

    private static final Logger log = LoggerFactory.getLogger(TokenSource.class);
    private static final Duration MAX_MARGIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PacedHttp http;
    private final URI tokenUrl;
    private final String clientId;
    private final Secret clientSecret;
    private final Duration timeout;
    private final Clock clock;
    private TokenInfo current;
    private Instant renewAt;

    TokenSource(PacedHttp http, URI tokenUrl, String clientId, Secret clientSecret, Duration timeout, Clock clock) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeout = timeout;
        this.clock = clock;
    }

    synchronized TokenInfo current() throws ShareMyDataException {
        if (current == null || !clock.instant().isBefore(renewAt)) {
            current = obtain();
            Duration lifetime = Duration.between(current.obtainedAt(), current.expiresAt());
            Duration margin = lifetime.dividedBy(10).compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : lifetime.dividedBy(10);
            renewAt = current.expiresAt().minus(margin);
        }
        return current;
    }

    /** The cached token, without asking for one; null when none is cached. */
    synchronized TokenInfo cached() {
        return current;
    }

    /** Forgets {@code refused} (if it is still the cached one) so the next call asks for a new token. */
    synchronized void invalidate(TokenInfo refused) {
        if (current == refused) {
            current = null;
        }
    }

    private TokenInfo obtain() throws ShareMyDataException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret.reveal()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(timeout)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        Instant asked = clock.instant();
        HttpResponse<InputStream> response = http.send(request, "token request to " + tokenUrl);
        int status = response.statusCode();
        if (status != 200) {
            // an error body has no business echoing the credentials; should one do so, they go no further
            throw refusal(status, PacedHttp.snippet(response).replace(clientSecret.reveal(), "<redacted>").replace(basic, "<redacted>"));
        }
        JsonNode json;
        try (InputStream body = response.body()) {
            json = JSON.readTree(body);
        } catch (IOException e) {
            // the body holds the token: never quote it
            throw new ShareMyDataException(Kind.UNEXPECTED_ANSWER, "the token endpoint " + tokenUrl + " answered 200 with a body that is not JSON");
        }
        String token = text(json, "client_access_token");
        if (token == null) {
            token = text(json, "access_token"); // the OAuth standard's name, should PG&E ever switch
        }
        if (token == null || token.isBlank()) {
            throw new ShareMyDataException(Kind.UNEXPECTED_ANSWER, "the token endpoint " + tokenUrl + " answered 200 without a client_access_token");
        }
        Duration lifetime = lifetime(json.get("expires_in"));
        TokenInfo info = new TokenInfo(Secret.of(token, "token endpoint " + tokenUrl), asked, asked.plus(lifetime), text(json, "scope"));
        log.info("obtained a Share My Data token from {}, valid until {}", tokenUrl, info.expiresAt());
        return info;
    }

    private ShareMyDataException refusal(int status, String body) {
        if (body.contains("Invalid Certificate")) {
            return new ShareMyDataException(Kind.CERTIFICATE_REFUSED, "PG&E refused the client certificate (HTTP " + status
                    + " Invalid Certificate) at " + tokenUrl + ": it is not the certificate registered on the Share My Data portal,"
                    + " it has expired, or it was not sent.");
        }
        if (body.contains("invalid_client") || status == 401) {
            return new ShareMyDataException(Kind.BAD_CREDENTIALS, "the token endpoint " + tokenUrl + " refused the client id "
                    + clientId + " or its secret (HTTP " + status + "): check both against the Share My Data portal.");
        }
        if (status == 404) {
            return new ShareMyDataException(Kind.NOT_FOUND, "no token endpoint at " + tokenUrl + " (HTTP 404): check the token URL.");
        }
        return new ShareMyDataException(Kind.UNEXPECTED_ANSWER, "the token endpoint " + tokenUrl + " answered HTTP " + status
                + (body.isEmpty() ? "" : ": " + body));
    }

    private static Duration lifetime(JsonNode expiresIn) {
        // PG&E has been seen to send "3600" as a string
        if (expiresIn != null && (expiresIn.isNumber() || expiresIn.isTextual())) {
            try {
                long seconds = expiresIn.isNumber() ? expiresIn.asLong() : Long.parseLong(expiresIn.asText().strip());
                if (seconds > 0) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        log.warn("the token answer has no usable expires_in; assuming one hour");
        return Duration.ofHours(1);
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json == null ? null : json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
