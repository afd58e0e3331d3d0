package dev.metertap.collector.run;

import dev.metertap.collector.reading.BaselineReading;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.report.Report;
import dev.metertap.collector.report.ReportCalculator;
import dev.metertap.collector.report.ReportScope;
import dev.metertap.collector.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BinaryOperator;

/**
 * Keeps the stored nightly always-on series ({@code baseline_night}) up to date, measured as the report measures
 * it ({@link ReportCalculator#nights}) over the last {@value #DAYS} local days up to the newest data: once at start,
 * when a stored EMU-2 reading's local time passes 06:00 of a day not yet done, and after PG&amp;E intervals were
 * stored. Driven by the readings' own time, never the host's clock: the demo runs the device on a sped-up clock.
 *
 * <p>One background thread does the work; requests that come while one waits are one request, so the EMU-2 reader
 * never waits for it. A night measured the same again is a no-op in the store; a changed one is forwarded again.
 */
final class NightlyBaselines implements AutoCloseable {

    static final int DAYS = 8;
    private static final List<String> MEASURED_ON = List.of(DemandReading.MEASUREMENT, SummationReading.MEASUREMENT,
            IntervalReading.MEASUREMENT);
    private static final BinaryOperator<LocalDate> LATER = (a, b) -> a.isAfter(b) ? a : b;
    private static final Logger log = LoggerFactory.getLogger(NightlyBaselines.class);

    private final Store store;
    private final ZoneId zone;
    private final AtomicBoolean queued = new AtomicBoolean();
    /** The latest local day whose night (00:00 to 06:00) the series was measured after. */
    private final AtomicReference<LocalDate> nightDone = new AtomicReference<>(LocalDate.MIN);
    private volatile ExecutorService worker;

    NightlyBaselines(Store store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    /** Starts the worker and measures once: the collector may have been down across a night. */
    void start() {
        worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metertap-baseline");
            thread.setDaemon(true);
            return thread;
        });
        request();
    }

    /** On the EMU-2 reader's thread, after each stored reading: quick, and it never waits. */
    void afterStored(Reading reading) {
        LocalDateTime local = LocalDateTime.ofInstant(reading.time(), zone);
        LocalDate day = local.toLocalDate();
        if (!local.toLocalTime().isBefore(Report.NightBaseline.NIGHT_END) && nightDone.getAndAccumulate(day, LATER).isBefore(day)) {
            request();
        }
    }

    /** After a PG&amp;E backfill or daily request stored new or corrected intervals. */
    void afterPgeStored() {
        request();
    }

    private void request() {
        ExecutorService running = worker;
        if (running == null || !queued.compareAndSet(false, true)) {
            return; // not started (start() measures anyway), or a request already waits
        }
        try {
            running.execute(this::update);
        } catch (RejectedExecutionException closing) {
            queued.set(false);
        }
    }

    private void update() {
        queued.set(false); // a request from now on measures once more, after this
        try {
            Optional<Instant> newest = newestData();
            if (newest.isEmpty()) {
                return;
            }
            LocalDateTime local = LocalDateTime.ofInstant(newest.get(), zone);
            LocalDate lastDay = local.toLocalDate();
            LocalDate lastNight = local.toLocalTime().isBefore(Report.NightBaseline.NIGHT_END) ? lastDay.minusDays(1) : lastDay;
            nightDone.accumulateAndGet(lastNight, LATER);
            List<BaselineReading> readings = new ArrayList<>();
            for (Report.NightBaseline night : new ReportCalculator(store).nights(new ReportScope(lastDay.minusDays(DAYS - 1), lastDay, zone))) {
                // a night still going on would be stored from its first hours, then replaced at 06:00
                if (Double.isFinite(night.watts()) && !night.day().isAfter(lastNight)) {
                    readings.add(BaselineReading.of(night.day().atStartOfDay(zone).toInstant(), night.watts(), night.source().id()));
                }
            }
            int changed = store.appendAll(readings);
            if (changed > 0) {
                BaselineReading latest = readings.get(readings.size() - 1);
                log.info("always-on load: {} night(s) new or changed, the latest {} W on the night of {} ({})", changed,
                        latest.watts().toPlainString(), LocalDate.ofInstant(latest.night(), zone), latest.source());
            }
        } catch (RuntimeException e) {
            // the readings are safe in the store; the next request measures again
            log.warn("the nightly always-on load was not updated: {}", e.getMessage());
            log.debug("why the nightly always-on load was not updated", e);
        }
    }

    private Optional<Instant> newestData() {
        return MEASURED_ON.stream().map(store::latestTime).flatMap(Optional::stream).max(Instant::compareTo);
    }

    /** Lets a measurement asked for finish (its points are then forwarded by the collector's final drain); no new one starts. */
    @Override
    public void close() {
        ExecutorService running = worker;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("the nightly always-on load was still being measured at shutdown; it is measured again at the next start");
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
