package dev.metertap.pgemock.fault;

import dev.metertap.certs.Fingerprint;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** How many requests each client made in the current window of one {@link Quota}. Not thread-safe: {@link FaultPlan} locks. */
final class QuotaCount {

    private final Quota quota;
    private final Map<Fingerprint, Used> usedByClient = new HashMap<>();

    QuotaCount(Quota quota) {
        this.quota = quota;
    }

    Quota quota() {
        return quota;
    }

    boolean exhausted(Fingerprint client, Instant now) {
        Used used = usedByClient.get(client);
        return used != null && used.window() == windowOf(now) && used.requests() >= quota.requests();
    }

    void count(Fingerprint client, Instant now) {
        long window = windowOf(now);
        usedByClient.merge(client, new Used(window, 1),
                (before, first) -> before.window() == window ? new Used(window, before.requests() + 1) : first);
    }

    /** The number of the fixed window {@code now} falls in, counted from the epoch. */
    private long windowOf(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), quota.window().toSeconds());
    }

    private record Used(long window, int requests) {
    }
}
