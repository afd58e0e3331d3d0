package dev.metertap.pgemock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/** The gateway's short answers ({@code Invalid Certificate}, {@code No listener for endpoint: /…}, JSON errors). */
public final class PlainAnswers {

    private PlainAnswers() {
    }

    public static ResponseDefinition text(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "text/plain;charset=UTF-8").withBody(body).build();
    }

    public static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=UTF-8").withHeader("Cache-Control", "no-store")
                .withBody(body).build();
    }

    /** A bearer refused: PG&E-like JSON and the RFC 6750 challenge. */
    public static ResponseDefinition invalidToken(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=UTF-8")
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"").withBody(body).build();
    }

    public static ResponseDefinition noListener(String path) {
        return text(404, "No listener for endpoint: " + path);
    }
}
