package dev.metertap.collector.rtlamr;

import java.time.Instant;
import java.util.Optional;

/**
 * The radio source's health for {@code /status} and {@code /metrics}.
 *
 * @param restarts       how often the child was restarted (or the connection reopened)
 * @param lastRestartWhy why the last restart happened ("exited with status 1", "silent for 5m")
 * @param lastMessageAt  host time of the last rtlamr message read
 */
public record RtlamrHealth(RtlamrSource.State state, String feed, long restarts, Optional<String> lastRestartWhy,
                           Optional<Instant> lastMessageAt, RtlamrStats stats) {
}
