package dev.metertap.pgemock.oauth;

import java.time.Instant;

/** An issued bearer token. {@link #toString()} never shows the value. */
public record Token(String value, Instant issuedAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "Token[<redacted>, expiresAt=" + expiresAt + "]";
    }
}
