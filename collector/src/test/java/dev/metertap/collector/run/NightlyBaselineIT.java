package dev.metertap.collector.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.emu2.session.Emu2Listener;
import dev.metertap.collector.pge.MockedUtility;
import dev.metertap.collector.reading.BaselineReading;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.report.Report;
import dev.metertap.collector.report.ReportCalculator;
import dev.metertap.collector.report.ReportScope;
import dev.metertap.collector.sink.Backoff;
import dev.metertap.collector.sink.Batching;
import dev.metertap.collector.sink.Forwarder;
import dev.metertap.collector.sink.InfluxSink;
import dev.metertap.collector.sink.Influxd;
import dev.metertap.collector.sink.InfluxdExtension;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.device.LoadSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The stored nightly always-on series ({@code baseline_night}) in the collector: measured as the report measures
 * it once the meter's own time passes 06:00, at start from what the store already holds, and again when PG&amp;E's
 * intervals for a night are corrected; forwarded to a real influxd like any reading.
 */
@ExtendWith(InfluxdExtension.class)
class NightlyBaselineIT {

    private static final ZoneId CALIFORNIA = ZoneId.of("America/Los_Angeles");
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final LocalDate NIGHT = LocalDate.of(2026, 11, 21);
    private static final Instant MIDNIGHT = NIGHT.atStartOfDay(CALIFORNIA).toInstant();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * The virtual EMU-2 with a 180 W base load (its ±30 W noise, no appliances, no solar) from 23:00 to 07:00 local:
     * once its readings pass 06:00 the collector stores the night at 180 ± 5 W, exactly what the report says for it,
     * and the real influxd has that one point after the collector stops.
     */
    @Test
    void measuresTheNightOnceTheMetersTimePassesSixAndForwardsIt(Influxd influxd) throws Exception {
        long seed = 21;
        influxd.createDatabase("night");
        Path link = dir.resolve("ttyEMU2");
        Instant eleven = NIGHT.minusDays(1).atTime(23, 0).atZone(CALIFORNIA).toInstant();
        BaselineReading stored;
        try (Emu2Simulator emu = Emu2Simulator.builder().seed(seed).manualTime().start(eleven)
                .load(new LoadSettings(CALIFORNIA, 180, 0, false)).pty(link).build().start()) {
            MetertapConfig config = new ConfigLoader(Map.of()).parse("""
                    store: {path: %s}
                    emu2: {port: %s}
                    report: {zone: America/Los_Angeles}
                    sinks:
                      - {name: influx, type: influxdb-v1, url: %s, database: night}
                    """.formatted(dir.resolve("metertap.db"), link, influxd.url()), "metertap.yaml");
            try (Collector collector = Collector.assemble(config, Collector.Seams.production(System.out))) {
                Changes changes = new Changes(collector.store());
                collector.start();
                collector.emu2Settled().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

                emu.advance(Duration.ofHours(8));

                stored = changes.await(night -> night.night().equals(MIDNIGHT), "the night of " + NIGHT + " stored (seed " + seed + ")");
                assertThat(stored.source()).isEqualTo("emu2");
                assertThat(stored.watts().doubleValue()).as("the configured base load (seed %d)", seed).isCloseTo(180, within(5.0));
                ReportScope scope = new ReportScope(NIGHT.minusDays(NightlyBaselines.DAYS - 1), NIGHT, CALIFORNIA);
                Report.NightBaseline reported = new ReportCalculator(collector.store()).nights(scope).stream()
                        .filter(n -> n.day().equals(NIGHT)).findFirst().orElseThrow();
                assertThat(stored).as("what the report says for the night").isEqualTo(
                        BaselineReading.of(MIDNIGHT, reported.watts(), reported.source().id()));
            }
        }
        JsonNode rows = JSON.readTree(influxd.query("night", "SELECT watts, source FROM baseline_night"))
                .at("/results/0/series/0/values");
        assertThat(rows).as("one point per night in InfluxDB").hasSize(1);
        assertThat(rows.at("/0/0").asLong()).isEqualTo(MIDNIGHT.getEpochSecond());
        assertThat(rows.at("/0/1").asDouble()).isEqualTo(stored.watts().doubleValue());
        assertThat(rows.at("/0/2").asText()).isEqualTo("emu2");
    }

    /**
     * A store that already holds a night of exactly 250 W (the collector was down across it): the collector measures
     * it as it starts, without any device, and its stdout sink gets the point before the collector has stopped.
     */
    @Test
    void measuresTheNightsAlreadyStoredAsItStarts() throws Exception {
        Path storeFile = dir.resolve("metertap.db");
        List<Reading> demand = new ArrayList<>();
        for (Instant t = MIDNIGHT.minusSeconds(3600); t.isBefore(MIDNIGHT.plusSeconds(7 * 3600)); t = t.plusSeconds(10)) {
            demand.add(new DemandReading("0xd8d5b9000000a1b2", "0x00135001000c3f4e", t, new BigDecimal("0.250")));
        }
        try (Store store = Store.open(storeFile)) {
            store.appendAll(demand);
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        MetertapConfig config = new ConfigLoader(Map.of()).parse("""
                store: {path: %s}
                sinks:
                  - {name: telegraf, type: stdout, batching: {max-points: 5000, max-bytes: 1000000, max-delay: 1h}}
                """.formatted(storeFile), "metertap.yaml");
        try (Collector collector = Collector.assemble(config, Collector.Seams.production(new PrintStream(printed, true, StandardCharsets.UTF_8)))) {
            Changes changes = new Changes(collector.store());
            collector.start();
            assertThat(changes.await(night -> night.night().equals(MIDNIGHT), "the stored night measured at start"))
                    .isEqualTo(new BaselineReading(MIDNIGHT, new BigDecimal("250.0"), "emu2"));
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                .as("forwarded by the final drain").contains("baseline_night watts=250.0,source=\"emu2\" " + MIDNIGHT.getEpochSecond());
    }

    /**
     * PG&amp;E publishes a night at 0.150 kWh every 15 minutes (600 W), then corrects it to 0.125 kWh (500 W): the
     * night's one point is measured again after each, and influxd ends with the corrected value, still one point.
     */
    @Test
    void aCorrectedNightReplacesItsPointAndIsForwardedAgain(Influxd influxd) throws Exception {
        influxd.createDatabase("corrected");
        try (Store store = Store.open(dir.resolve("metertap.db"));
             Forwarder forwarder = new Forwarder(store,
                     InfluxSink.v1("influx", influxd.url(), "corrected", null, null, null, Duration.ofSeconds(10)),
                     Batching.DEFAULT, Backoff.DEFAULT);
             NightlyBaselines baselines = new NightlyBaselines(store, CALIFORNIA)) {
            Changes changes = new Changes(store);
            forwarder.start();
            baselines.start();

            store.appendAll(pgeNight("0.150"));
            baselines.afterPgeStored();
            assertThat(changes.await(night -> night.night().equals(MIDNIGHT), "PG&E's night measured"))
                    .isEqualTo(new BaselineReading(MIDNIGHT, new BigDecimal("600.0"), "pge"));
            assertThat(forwarder.awaitDelivered(store.lastSeq(), DEADLINE)).isTrue();
            assertThat(influxWatts(influxd)).containsExactly(600.0);

            store.appendAll(pgeNight("0.125"));
            baselines.afterPgeStored();
            assertThat(changes.await(night -> night.night().equals(MIDNIGHT) && night.watts().intValue() != 600, "the corrected night"))
                    .isEqualTo(new BaselineReading(MIDNIGHT, new BigDecimal("500.0"), "pge"));
            assertThat(forwarder.awaitDelivered(store.lastSeq(), DEADLINE)).isTrue();
            assertThat(influxWatts(influxd)).as("the same point, corrected").containsExactly(500.0);
            assertThat(store.query(new PointQuery(BaselineReading.MEASUREMENT, Map.of(), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))))
                    .hasSize(1);
        }
    }

    /**
     * The collector's daily request to pge-mock at start stores three days of intervals; the nights are then measured
     * on PG&amp;E's data: each the lowest whole hour between 00:00 and 06:00 of delivered electricity, summed here by
     * hand from the stored intervals, and what the report says.
     */
    @Test
    void measuresPgesNightsOnceTheDailyRequestStoredThem() throws Exception {
        Instant now = Instant.parse("2025-03-04T14:00:00Z");
        List<LocalDate> nights = List.of(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 2), LocalDate.of(2025, 3, 3));
        try (MockedUtility utility = new MockedUtility(dir)) {
            MetertapConfig config = new ConfigLoader(Map.of()).parse(utility.pgeSection() + """
                    store: {path: %s}
                    schedule: {pge-daily-bulk-at: "06:30", pge-days: 3}
                    """.formatted(dir.resolve("metertap.db")), "metertap.yml");
            // a running clock set back to the mock's today: the request's waits for its notification need time to pass
            Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now));
            Collector.Seams seams = new Collector.Seams(Map.of(), clock, System.out, Optional.empty(), new Emu2Listener() {
            });
            try (Collector collector = Collector.assemble(config, seams)) {
                Changes changes = new Changes(collector.store());
                collector.start();
                Instant lastMidnight = nights.get(2).atStartOfDay(CALIFORNIA).toInstant();
                changes.await(night -> night.night().equals(lastMidnight), "the night of " + nights.get(2));
                List<BaselineReading> stored = changes.nights();
                assertThat(stored).extracting(BaselineReading::night)
                        .containsExactlyElementsOf(nights.stream().map(d -> d.atStartOfDay(CALIFORNIA).toInstant()).toList());
                ReportScope scope = new ReportScope(nights.get(2).minusDays(NightlyBaselines.DAYS - 1), nights.get(2), CALIFORNIA);
                List<BaselineReading> reported = new ReportCalculator(collector.store()).nights(scope).stream()
                        .map(n -> BaselineReading.of(n.day().atStartOfDay(CALIFORNIA).toInstant(), n.watts(), n.source().id())).toList();
                assertThat(stored).as("what the report says").isEqualTo(reported);
                for (int i = 0; i < nights.size(); i++) {
                    assertThat(stored.get(i).source()).isEqualTo("pge");
                    assertThat(stored.get(i).watts().doubleValue()).as("the night of %s", nights.get(i))
                            .isCloseTo(lowestNightHourWatts(collector.store(), nights.get(i)), within(0.05));
                }
            }
        }
    }

    /**
     * By hand: the lowest energy of delivered electricity in any 60 minutes between 00:00 and 06:00, as watts. An
     * interval's energy is spread evenly over it, so the lowest such hour starts where an interval starts.
     */
    private static double lowestNightHourWatts(Store store, LocalDate night) {
        Instant start = night.atStartOfDay(CALIFORNIA).toInstant();
        Instant six = night.atTime(6, 0).atZone(CALIFORNIA).toInstant();
        Map<String, String> delivered = Map.of("commodity", "electricity", "flow", "delivered", "interval_s", "900");
        assertThat(store.query(new PointQuery(IntervalReading.MEASUREMENT, delivered, start, six))).as("15-minute intervals").hasSize(24);
        double lowest = Double.MAX_VALUE;
        for (Instant from = start; !from.plusSeconds(3600).isAfter(six); from = from.plusSeconds(900)) {
            double kwh = 0;
            for (Point point : store.query(new PointQuery(IntervalReading.MEASUREMENT, delivered, from, from.plusSeconds(3600)))) {
                kwh += ((BigDecimal) point.fields().get(0).value()).doubleValue();
            }
            lowest = Math.min(lowest, kwh * 1000);
        }
        return lowest;
    }

    /** Delivered 15-minute intervals from 22:00 the evening before to 08:00, all of {@code kwh}. */
    private static List<IntervalReading> pgeNight(String kwh) {
        List<IntervalReading> intervals = new ArrayList<>();
        for (Instant t = MIDNIGHT.minusSeconds(2 * 3600); t.isBefore(MIDNIGHT.plusSeconds(8 * 3600)); t = t.plusSeconds(900)) {
            intervals.add(new IntervalReading("1234567890", IntervalReading.Commodity.ELECTRICITY, IntervalReading.Flow.DELIVERED,
                    IntervalReading.Unit.KWH, 900, t, new BigDecimal(kwh), 19, null, null));
        }
        return intervals;
    }

    private static List<Double> influxWatts(Influxd influxd) throws Exception {
        List<Double> watts = new ArrayList<>();
        for (JsonNode row : JSON.readTree(influxd.query("corrected", "SELECT watts FROM baseline_night")).at("/results/0/series/0/values")) {
            assertThat(row.path(0).asLong()).isEqualTo(MIDNIGHT.getEpochSecond());
            watts.add(row.path(1).asDouble());
        }
        return watts;
    }

    /** Waits for a stored baseline_night point, woken by each commit that changed the store. */
    private static final class Changes {
        private final Store store;
        private final Semaphore changed = new Semaphore(0);

        Changes(Store store) {
            this.store = store;
            store.onAppend(changed::release);
        }

        BaselineReading await(Predicate<BaselineReading> wanted, String what) throws InterruptedException {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (true) {
                changed.drainPermits(); // before the look: a change after it leaves a permit
                Optional<BaselineReading> found = nights().stream().filter(wanted).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                assertThat(changed.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))
                        .as("%s within %s; stored: %s", what, DEADLINE, nights()).isTrue();
            }
        }

        List<BaselineReading> nights() {
            List<BaselineReading> nights = new ArrayList<>();
            for (Point point : store.query(new PointQuery(BaselineReading.MEASUREMENT, Map.of(), Instant.EPOCH,
                    Instant.parse("2100-01-01T00:00:00Z")))) {
                nights.add(new BaselineReading(point.time(), (BigDecimal) point.fields().get(0).value(), (String) point.fields().get(1).value()));
            }
            return nights;
        }
    }
}
