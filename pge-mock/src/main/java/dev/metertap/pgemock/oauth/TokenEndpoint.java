package dev.metertap.pgemock.oauth;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /datacustodian/oauth/v2/token} and {@code /datacustodian/test/oauth/v2/token}: client
 * credentials with HTTP Basic, {@code grant_type} in the form body or the query, answered with
 * PG&E's JSON ({@code client_access_token}, not {@code access_token}) and PG&E's error rows.
 * A WireMock response definition transformer ({@value #NAME}) on the built-in token stubs.
 */
public final class TokenEndpoint implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "pge-token";

    public static final String PRODUCTION_PATH = "/datacustodian/oauth/v2/token";
    public static final String TEST_PATH = "/datacustodian/test/oauth/v2/token";
    /** Inferred: PG&E's scope string for a self-access client. */
    static final String SCOPE = "FB=1_3_4_5_13_14_39;IntervalDuration=900_3600_86400;BlockDuration=daily;"
            + "HistoryLength=126230400;SubscriptionFrequency=daily;AccountCollection=1";
    private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);

    private final ClientCredentials credentials;
    private final TokenRegistry tokens;
    private final boolean expiresInAsString;

    /** @param expiresInAsString write {@code "expires_in":"3600"} (seen from PG&amp;E) instead of a number */
    public TokenEndpoint(ClientCredentials credentials, TokenRegistry tokens, boolean expiresInAsString) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.expiresInAsString = expiresInAsString;
    }

    public static boolean handles(String path) {
        return PRODUCTION_PATH.equals(path) || TEST_PATH.equals(path);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        if (!RequestMethod.POST.equals(request.getMethod())) {
            return error(405, "invalid_request", request.getMethod() + " not permitted");
        }
        String grantType = grantType(request).orElse(null);
        if (grantType == null || grantType.isBlank()) {
            return error(400, "invalid_request", "Missing grant_type");
        }
        if (!"client_credentials".equals(grantType)) {
            return error(400, "unsupported_grant_type", "Unsupported grant type: " + jsonSafe(grantType));
        }
        if (!authenticated(request.getHeader("Authorization"))) {
            log.info("token refused: bad client credentials");
            return error(400, "invalid_client", "Bad client credentials");
        }
        Token token = tokens.issue();
        log.info("token issued on {}, expires {}", request.getUrl().replaceAll("\\?.*", ""), token.expiresAt());
        return json(200, "{\"client_access_token\":\"" + token.value() + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":" + expiresIn() + ",\"scope\":\"" + SCOPE + "\"}");
    }

    /** From the query, else from a form body, as a servlet's {@code getParameter} reads it. */
    private static Optional<String> grantType(Request request) {
        QueryParameter query = request.queryParameter("grant_type");
        if (query.isPresent()) {
            return Optional.of(query.firstValue());
        }
        String body = request.getBodyAsString();
        if (body == null) {
            return Optional.empty();
        }
        try {
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                if ("grant_type".equals(URLDecoder.decode(name, StandardCharsets.UTF_8))) {
                    return Optional.of(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException malformedEscape) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private String expiresIn() {
        long seconds = tokens.lifetime().toSeconds();
        return expiresInAsString ? "\"" + seconds + "\"" : Long.toString(seconds);
    }

    private boolean authenticated(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && credentials.matches(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static ResponseDefinition error(int status, String error, String description) {
        return json(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }

    private static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=UTF-8").withHeader("Cache-Control", "no-store")
                .withBody(body).build();
    }

    private static String jsonSafe(String value) {
        return value.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
