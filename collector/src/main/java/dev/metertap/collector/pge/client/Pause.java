package dev.metertap.collector.pge.client;

import java.time.Duration;

/**
 * How the client waits (rate limit, backoff). Production sleeps; a test passes one that moves its
 * clock forward, so nothing waits for wall time.
 */
@FunctionalInterface
public interface Pause {

    Pause SLEEP = duration -> Thread.sleep(Math.max(1, duration.toMillis()));

    void pause(Duration duration) throws InterruptedException;
}
