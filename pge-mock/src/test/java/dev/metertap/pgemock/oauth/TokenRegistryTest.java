package dev.metertap.pgemock.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.pgemock.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenRegistryTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T12:00:00Z"));
    private final TokenRegistry tokens = new TokenRegistry(clock, Duration.ofSeconds(3600));

    @Test
    void tokenIsValidUntilItsLifetimeEnds() {
        Token token = tokens.issue();
        assertThat(token.value()).matches("[0-9a-f-]{36}");
        clock.advance(Duration.ofSeconds(3599));
        assertThat(tokens.status(token.value())).isEqualTo(TokenStatus.VALID);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.status(token.value())).isEqualTo(TokenStatus.EXPIRED);
    }

    @Test
    void unknownAndMissingTokensAreTold() {
        assertThat(tokens.status("a6db9ef7-0000-0000-0000-000000000000")).isEqualTo(TokenStatus.UNKNOWN);
        assertThat(tokens.status(null)).isEqualTo(TokenStatus.MISSING);
    }

    @Test
    void secretsNeverAppearInToString() {
        ClientCredentials credentials = ClientCredentials.generate();
        Token token = tokens.issue();
        assertThat(credentials.clientId()).matches("[0-9a-f]{32}");
        assertThat(credentials.toString()).contains(credentials.clientId()).doesNotContain(credentials.clientSecret());
        assertThat(token.toString()).doesNotContain(token.value());
        assertThat(credentials.matches(credentials.clientId(), credentials.clientSecret())).isTrue();
        assertThat(credentials.matches(credentials.clientId(), "wrong")).isFalse();
    }
}
