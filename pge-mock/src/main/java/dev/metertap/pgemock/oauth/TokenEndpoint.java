package dev.metertap.pgemock.oauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /datacustodian/oauth/v2/token} and {@code /datacustodian/test/oauth/v2/token}: client
 * credentials with HTTP Basic, {@code grant_type} in the form body or the query, answered with
 * PG&E's JSON ({@code client_access_token}, not {@code access_token}) and PG&E's error rows.
 */
public final class TokenEndpoint {

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

    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            error(response, 405, "invalid_request", request.getMethod() + " not permitted");
            return;
        }
        String grantType = request.getParameter("grant_type");
        if (grantType == null || grantType.isBlank()) {
            error(response, 400, "invalid_request", "Missing grant_type");
            return;
        }
        if (!"client_credentials".equals(grantType)) {
            error(response, 400, "unsupported_grant_type", "Unsupported grant type: " + jsonSafe(grantType));
            return;
        }
        if (!authenticated(request.getHeader("Authorization"))) {
            log.info("token refused: bad client credentials");
            error(response, 400, "invalid_client", "Bad client credentials");
            return;
        }
        Token token = tokens.issue();
        log.info("token issued on {}, expires {}", request.getRequestURI(), token.expiresAt());
        json(response, 200, "{\"client_access_token\":\"" + token.value() + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":" + expiresIn() + ",\"scope\":\"" + SCOPE + "\"}");
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

    private static void error(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        json(response, status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }

    private static void json(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String jsonSafe(String value) {
        return value.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
