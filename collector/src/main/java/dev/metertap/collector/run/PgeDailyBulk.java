package dev.metertap.collector.run;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.backfill.Backfill;
import dev.metertap.collector.pge.backfill.BackfillException;
import dev.metertap.collector.pge.backfill.BackfillSettings;
import dev.metertap.collector.pge.backfill.BackfillSummary;
import dev.metertap.collector.pge.backfill.ClientBulkService;
import dev.metertap.collector.pge.backfill.LoggedProgress;
import dev.metertap.collector.pge.backfill.ResourceInbox;
import dev.metertap.collector.pge.client.ShareMyDataClient;
import dev.metertap.collector.pge.client.ShareMyDataSettings;
import dev.metertap.collector.pge.espi.EspiParser;
import dev.metertap.collector.pge.notify.NotificationReceiver;
import dev.metertap.collector.pge.notify.ReceiverSettings;
import dev.metertap.collector.pge.notify.StoredSeenNotifications;
import dev.metertap.collector.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a day at a local time, asks PG&E for the recent days the store lacks (PG&E publishes a day's
 * intervals the next day and corrects them later), through the same notification → fetch → store path as
 * {@code metertap pge backfill --audit}. The receiver runs all the time: PG&E may notify whenever it likes.
 */
final class PgeDailyBulk implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PgeDailyBulk.class);

    private final ShareMyDataClient client;
    private final StoredSeenNotifications seen;
    private final NotificationReceiver receiver;
    private final Backfill backfill;
    private final Optional<String> bulkId;
    private final LocalTime at;
    private final int days;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
    private volatile Instant lastSuccess;
    private ScheduledExecutorService scheduler;

    PgeDailyBulk(ShareMyDataSettings connection, ReceiverSettings notifications, Optional<String> bulkId, LocalTime at, int days,
                 Store store, Clock clock) {
        ResourceInbox inbox = new ResourceInbox();
        this.client = new ShareMyDataClient(connection, clock);
        this.seen = new StoredSeenNotifications(store, clock);
        // counted here: the receiver keeps only the latest refusals
        this.receiver = new NotificationReceiver(notifications, seen, resource -> inbox.offer(resource.url()))
                .onRefused(refusal -> refused.incrementAndGet());
        this.backfill = new Backfill(new ClientBulkService(client, new EspiParser()), inbox, store, BackfillSettings.DEFAULTS,
                new LoggedProgress(), clock);
        this.bulkId = bulkId;
        this.at = at;
        this.days = days;
        this.clock = clock;
    }

    /**
     * Starts the receiver (its port may be taken: the caller reports that) and schedules the daily request on
     * a thread of its own: a request waits minutes for PG&E's notification and must not hold up the EMU-2 polls.
     */
    void start() throws IOException {
        receiver.start();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pge-daily");
            thread.setDaemon(true);
            return thread;
        });
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(java.time.ZoneId.systemDefault()));
        ZonedDateTime next = now.with(at);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        long delay = Duration.between(now, next).toSeconds();
        log.info("PG&E: daily request for the last {} day(s) at {} (next {})", days, at, next);
        // a fixed 24 h period drifts by an hour across DST changes, which PG&E's day-late data does not mind
        scheduler.scheduleAtFixedRate(this::requestRecentDays, delay, TimeUnit.DAYS.toSeconds(1), TimeUnit.SECONDS);
    }

    void requestRecentDays() {
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        TimeWindow range = new TimeWindow(today.atOffset(ZoneOffset.UTC).minusDays(days).toInstant(), today);
        try {
            BackfillSummary summary = backfill.audit(backfill.subscription(bulkId, List.of()), range);
            if (summary.succeeded()) {
                lastSuccess = clock.instant();
            }
            log.info("PG&E: {} interval(s) received for {}, {} new or corrected; {}", summary.readings(), range,
                    summary.intervalsChanged(), summary.succeeded() ? "complete" : "incomplete, asked again tomorrow");
        } catch (BackfillException e) {
            log.warn("PG&E: daily request for {} failed: {}", range, e.getMessage());
        } catch (RuntimeException e) {
            // keep the schedule alive: an exception would cancel every later run
            log.error("PG&E: daily request for {} failed", range, e);
        }
    }

    Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    long refusedNotifications() {
        return refused.get();
    }

    int receiverPort() {
        return receiver.port();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        receiver.close();
        client.close();
        seen.close();
    }
}
