package dev.metertap.collector.run;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.backfill.BackfillException;
import dev.metertap.collector.pge.backfill.BackfillSettings;
import dev.metertap.collector.pge.backfill.BackfillSummary;
import dev.metertap.collector.pge.backfill.LoggedProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * At start and then once a day at a local time in the configured zone ({@code report.zone}, not the host's),
 * asks PG&E for the recent days the store lacks (PG&E publishes
 * a day's intervals the next day and corrects them later), through the same notification → fetch → store path
 * as {@code metertap pge backfill --audit}. The request at start catches up after the collector was down; it
 * costs one bulk request of PG&E's 2,000 an hour.
 */
final class PgeDailyBulk implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PgeDailyBulk.class);

    private final PgeConnection pge;
    private final LocalTime at;
    private final ZoneId zone;
    private final int days;
    private final Clock clock;
    private volatile Instant lastSuccess;
    private ScheduledExecutorService scheduler;

    PgeDailyBulk(PgeConnection pge, LocalTime at, ZoneId zone, int days, Clock clock) {
        this.pge = pge;
        this.at = at;
        this.zone = zone;
        this.days = days;
        this.clock = clock;
    }

    /** Asks now and schedules the daily request, on a thread of its own: a request waits minutes for PG&E's notification. */
    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pge-daily");
            thread.setDaemon(true);
            return thread;
        });
        log.info("PG&E: asking for the last {} day(s) now and daily at {} {} (next {})", days, at, zone, nextRequest());
        scheduler.execute(this::requestRecentDays);
        scheduleAt(nextRequest());
    }

    /** When the next daily request is due: the next {@code at} in {@code zone} after now. */
    ZonedDateTime nextRequest() {
        return nextAfter(clock.instant(), at, zone);
    }

    /**
     * The first {@code at} in {@code zone} after {@code now}. On the day clocks spring forward, a time in the
     * skipped hour is taken an hour later (02:30 is 03:30); on the day they fall back, the first of the two.
     */
    static ZonedDateTime nextAfter(Instant now, LocalTime at, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime next = local.toLocalDate().atTime(at).atZone(zone);
        if (!next.isAfter(local)) {
            next = local.toLocalDate().plusDays(1).atTime(at).atZone(zone);
        }
        return next;
    }

    /**
     * One run at a time, each scheduling the next from the clock: a fixed 24 h period would drift an hour at DST.
     * The next is due after the one just run even when the scheduler woke a little early by the clock.
     */
    private void scheduleAt(ZonedDateTime due) {
        long delay = Math.max(0, Duration.between(clock.instant(), due.toInstant()).toMillis());
        try {
            scheduler.schedule(() -> {
                requestRecentDays();
                Instant now = clock.instant();
                scheduleAt(nextAfter(now.isAfter(due.toInstant()) ? now : due.toInstant(), at, zone));
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("PG&E: daily request not scheduled again: stopping");
        }
    }

    void requestRecentDays() {
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        TimeWindow range = new TimeWindow(today.atOffset(ZoneOffset.UTC).minusDays(days).toInstant(), today);
        try {
            BackfillSummary summary = pge.audit(range, BackfillSettings.DEFAULTS, new LoggedProgress());
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

    /** Stops the schedule and waits for a request in progress to let go of the store. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
