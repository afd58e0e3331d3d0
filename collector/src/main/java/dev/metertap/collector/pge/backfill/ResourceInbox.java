package dev.metertap.collector.pge.backfill;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Resource URLs announced by notifications, handed from the receiver's threads to the backfill. They are hints:
 * the receiver has already refused foreign URLs and repeated correlationIDs.
 */
public final class ResourceInbox {

    private final LinkedBlockingQueue<URI> resources = new LinkedBlockingQueue<>();

    /** Called by the notification receiver; never blocks. */
    public void offer(URI resource) {
        resources.add(resource);
    }

    /** The next announced resource, or null when none arrives within {@code timeout}. */
    URI poll(Duration timeout) throws InterruptedException {
        return resources.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
