package dev.metertap.pgemock.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Client-credentials tokens: UUIDs like PG&E's, no refresh token, expiring after a lifetime. */
public final class TokenRegistry {

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;

    public TokenRegistry(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public Token issue() {
        Instant now = clock.instant();
        Token token = new Token(UUID.randomUUID().toString(), now, now.plus(lifetime));
        tokens.put(token.value(), token);
        return token;
    }

    public TokenStatus status(String bearer) {
        if (bearer == null || bearer.isEmpty()) {
            return TokenStatus.MISSING;
        }
        Token token = tokens.get(bearer);
        if (token == null) {
            return TokenStatus.UNKNOWN;
        }
        return clock.instant().isBefore(token.expiresAt()) ? TokenStatus.VALID : TokenStatus.EXPIRED;
    }
}
