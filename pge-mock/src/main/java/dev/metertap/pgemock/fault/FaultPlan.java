package dev.metertap.pgemock.fault;

import dev.metertap.certs.Fingerprint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The faults in force, changeable while the mock runs (tests script them; the CLI sets them at
 * start). A closed set, each applied at one named point of the request path:
 * <ol>
 *   <li>after the certificate check: {@linkplain #rateLimit rate limit}, {@linkplain #quotas per-client quotas},
 *       {@linkplain #errorBurst 5xx bursts},
 *       {@linkplain #failNext one-off failures}, {@linkplain #slowResponses slow responses};</li>
 *   <li>ReadServiceStatus: {@linkplain #serviceStatus status};</li>
 *   <li>bulk request: {@linkplain #largestBulkWindow largest window};</li>
 *   <li>bulk fetch: {@linkplain #emptyFeeds empty feed};</li>
 *   <li>notification: {@linkplain #notification never, late, twice, forged}.</li>
 * </ol>
 */
public final class FaultPlan {

    private final Clock clock;
    private volatile RateLimit rateLimit;
    private List<QuotaCount> quotas = List.of();
    private volatile ErrorBurst errorBurst;
    private volatile Duration slowResponses = Duration.ZERO;
    private volatile int serviceStatus = 1;
    private volatile boolean emptyFeeds;
    private volatile BulkWindowLimit largestBulkWindow;
    private volatile NotificationFault notification = NotificationFault.NONE;
    private volatile Duration lateBy = Duration.ofSeconds(30);
    private volatile String forgedOrigin = "https://api.pge.com.example.net";
    private final AtomicInteger failNextCount = new AtomicInteger();
    private volatile int failNextStatus = 503;
    private final AtomicLong requestNumber = new AtomicLong();
    private Instant lastAdmitted;

    public FaultPlan(Clock clock) {
        this.clock = clock;
    }

    public FaultPlan rateLimit(RateLimit limit) {
        this.rateLimit = limit;
        return this;
    }

    /**
     * Per-client quotas (a client is its registered certificate), replacing those set before and
     * counting from zero; none by default.
     */
    public synchronized FaultPlan quotas(Quota... quotas) {
        this.quotas = Stream.of(quotas).map(QuotaCount::new).toList();
        return this;
    }

    public FaultPlan errorBurst(ErrorBurst burst) {
        this.errorBurst = burst;
        return this;
    }

    /** The next {@code count} requests that pass the certificate check are answered {@code status}. */
    public FaultPlan failNext(int count, int status) {
        this.failNextStatus = status;
        this.failNextCount.set(count);
        return this;
    }

    public FaultPlan slowResponses(Duration delay) {
        this.slowResponses = delay;
        return this;
    }

    public FaultPlan serviceStatus(int currentStatus) {
        this.serviceStatus = currentStatus;
        return this;
    }

    /** Bulk requests for a window longer than the limit's are refused with its answer (no delivery, no notification). */
    public FaultPlan largestBulkWindow(BulkWindowLimit limit) {
        this.largestBulkWindow = limit;
        return this;
    }

    public FaultPlan emptyFeeds(boolean empty) {
        this.emptyFeeds = empty;
        return this;
    }

    public FaultPlan notification(NotificationFault fault) {
        this.notification = fault;
        return this;
    }

    public FaultPlan lateBy(Duration extraDelay) {
        this.lateBy = extraDelay;
        return this;
    }

    /** Where a {@link NotificationFault#FORGED} notification points, e.g. {@code https://evil.example}. */
    public FaultPlan forgedOrigin(String origin) {
        this.forgedOrigin = origin;
        return this;
    }

    /** Removes every fault. */
    public FaultPlan clear() {
        rateLimit = null;
        quotas(); // none
        errorBurst = null;
        slowResponses = Duration.ZERO;
        serviceStatus = 1;
        emptyFeeds = false;
        largestBulkWindow = null;
        notification = NotificationFault.NONE;
        failNextCount.set(0);
        return this;
    }

    public int serviceStatus() {
        return serviceStatus;
    }

    public boolean emptyFeeds() {
        return emptyFeeds;
    }

    /** The answer forced on a bulk request for a window this long, if the window is over the limit. */
    public Optional<ForcedAnswer> refuseBulkWindow(Duration window) {
        BulkWindowLimit limit = largestBulkWindow;
        if (limit == null || !limit.refuses(window)) {
            return Optional.empty();
        }
        return Optional.of(new ForcedAnswer(limit.status(), limit.body()));
    }

    public NotificationFault notification() {
        return notification;
    }

    public Duration lateBy() {
        return lateBy;
    }

    public String forgedOrigin() {
        return forgedOrigin;
    }

    public Duration slowResponses() {
        return slowResponses;
    }

    /**
     * The answer forced on this request of {@code client} by the rate limit, a quota, a burst or a
     * one-off failure, if any.
     */
    public Optional<ForcedAnswer> admit(Fingerprint client) {
        Optional<ForcedAnswer> overALimit = overALimit(client);
        if (overALimit.isPresent()) {
            return overALimit;
        }
        if (failNextCount.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Optional.of(new ForcedAnswer(failNextStatus, "Service Unavailable"));
        }
        ErrorBurst burst = errorBurst;
        long number = requestNumber.getAndIncrement();
        if (burst != null && burst.fails(number)) {
            return Optional.of(new ForcedAnswer(burst.status(), "Service Unavailable"));
        }
        return Optional.empty();
    }

    /** Checks every limit before counting against any: a refused request counts against none. */
    private synchronized Optional<ForcedAnswer> overALimit(Fingerprint client) {
        Instant now = clock.instant();
        RateLimit limit = rateLimit;
        if (limit != null && lastAdmitted != null && now.isBefore(lastAdmitted.plusSeconds(1))) {
            return Optional.of(new ForcedAnswer(limit.status(), limit.body()));
        }
        for (QuotaCount quota : quotas) {
            if (quota.exhausted(client, now)) {
                return Optional.of(new ForcedAnswer(quota.quota().status(), quota.quota().body()));
            }
        }
        if (limit != null) {
            lastAdmitted = now;
        }
        quotas.forEach(quota -> quota.count(client, now));
        return Optional.empty();
    }

    /** A status and plain-text body answered instead of the real one. */
    public record ForcedAnswer(int status, String body) {
    }
}
