package dev.metertap.collector.pge.client;

import dev.metertap.collector.secret.Secret;

import java.time.Instant;

/**
 * The current client-credentials token: when it was obtained and when it expires. The value is a
 * {@link Secret}, so {@code toString} never shows it.
 */
public record TokenInfo(Secret token, Instant obtainedAt, Instant expiresAt, String scope) {
}
