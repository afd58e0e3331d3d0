package dev.metertap.collector.sink;

import java.time.Duration;

/**
 * How a forwarder groups points: a batch goes out when it holds {@code maxPoints} points or about
 * {@code maxBytes} of line protocol, or when its first point has waited {@code maxDelay}.
 */
public record Batching(int maxPoints, int maxBytes, Duration maxDelay) {

    public static final Batching DEFAULT = new Batching(5_000, 1_000_000, Duration.ofSeconds(1));

    public Batching {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be at least 1, was " + maxPoints);
        }
        if (maxBytes < 256) {
            throw new IllegalArgumentException("maxBytes must be at least 256, was " + maxBytes);
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative, was " + maxDelay);
        }
    }
}
