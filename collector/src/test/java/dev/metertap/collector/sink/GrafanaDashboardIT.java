package dev.metertap.collector.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.reading.BaselineReading;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.reading.PriceReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeds a real influxd through the store and a forwarder with three days of every measurement,
 * then runs every query of the Grafana dashboard (Grafana's macros substituted) and expects rows.
 */
@ExtendWith(InfluxdExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaDashboardIT {

    private static final Instant START = Instant.parse("2026-11-20T08:00:00Z"); // midnight in California
    private static final Instant END = START.plus(Duration.ofDays(3));
    private static final String DEVICE = "0xd8d5b9000000a1b2";
    private static final String METER = "0x00135001000c3f4e";

    private Influxd influxd;

    @BeforeAll
    void seed(Influxd influxd, @TempDir Path dir) throws Exception {
        this.influxd = influxd;
        influxd.createDatabase("metertap");
        Random random = new Random(42);
        List<Reading> readings = new ArrayList<>();
        BigDecimal delivered = new BigDecimal("41230.000");
        BigDecimal received = new BigDecimal("1200.000");
        for (Instant t = START; t.isBefore(END); t = t.plusSeconds(60)) {
            BigDecimal kw = BigDecimal.valueOf(180 + random.nextInt(2_500) - (isMidday(t) ? 2_000 : 0), 3);
            readings.add(new DemandReading(DEVICE, METER, t, kw));
            if (kw.signum() >= 0) {
                delivered = delivered.add(kw.divide(BigDecimal.valueOf(60), 3, java.math.RoundingMode.HALF_UP));
            } else {
                received = received.subtract(kw.divide(BigDecimal.valueOf(60), 3, java.math.RoundingMode.HALF_UP));
            }
            if (t.getEpochSecond() % 240 == 0) {
                readings.add(new SummationReading(DEVICE, METER, t, delivered, received));
            }
            if (t.getEpochSecond() % 3600 == 0) {
                readings.add(new PriceReading(DEVICE, METER, t, "USD", new BigDecimal(isMidday(t) ? "0.41" : "0.31"), isMidday(t) ? 2 : 1));
            }
            if (t.getEpochSecond() % 300 == 0) {
                readings.add(new LinkReading(DEVICE, METER, t, "Connected", 70 + random.nextInt(31)));
            }
            if (t.getEpochSecond() % 900 == 0) {
                readings.add(interval(t, IntervalReading.Commodity.ELECTRICITY, IntervalReading.Flow.DELIVERED, IntervalReading.Unit.KWH, 900, random));
                readings.add(interval(t, IntervalReading.Commodity.ELECTRICITY, IntervalReading.Flow.RECEIVED, IntervalReading.Unit.KWH, 900, random));
            }
            if (t.getEpochSecond() % 86400 == START.getEpochSecond() % 86400) {
                readings.add(interval(t, IntervalReading.Commodity.GAS, IntervalReading.Flow.DELIVERED, IntervalReading.Unit.THERM, 86400, random));
                readings.add(BaselineReading.of(t, 150 + random.nextInt(100), "emu2")); // the collector's nightly figure
            }
        }
        try (Store store = Store.open(dir.resolve("metertap.db"));
             Forwarder forwarder = new Forwarder(store,
                     InfluxSink.v1("influx", influxd.url(), "metertap", null, null, null, Duration.ofSeconds(10)),
                     Batching.DEFAULT, Backoff.DEFAULT)) {
            store.appendAll(readings);
            forwarder.start();
            assertThat(forwarder.awaitDelivered(store.lastSeq(), Duration.ofSeconds(60))).isTrue();
        }
    }

    private static boolean isMidday(Instant t) {
        long hourUtc = (t.getEpochSecond() / 3600) % 24;
        return hourUtc >= 19 && hourUtc <= 23; // 11:00-15:00 in California: solar
    }

    private static IntervalReading interval(Instant t, IntervalReading.Commodity commodity, IntervalReading.Flow flow,
                                            IntervalReading.Unit unit, int seconds, Random random) {
        return new IntervalReading("1234567890", commodity, flow, unit, seconds, t,
                BigDecimal.valueOf(random.nextInt(900), 3), 19, null, null);
    }

    /** What Grafana would send for a dashboard showing exactly the seeded three days. */
    static String expandMacros(String query) {
        return query.replace("$timeFilter", "time >= " + START.getEpochSecond() + "s AND time < " + END.getEpochSecond() + "s")
                .replace("$__interval_ms", "60000")
                .replace("$__interval", "1m")
                .replace("$interval", "1m");
    }

    @TestFactory
    Stream<DynamicTest> everyPanelQueryReturnsRows() throws Exception {
        Path dashboard = Path.of(System.getProperty("basedir", ".")).resolve("../grafana/dashboards/metertap.json");
        JsonNode json = new ObjectMapper().readTree(Files.readString(dashboard));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String name = panel.path("title").asText() + " / " + target.path("refId").asText();
                String query = target.path("query").asText();
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    assertThat(target.path("rawQuery").asBoolean()).as("InfluxQL in raw mode").isTrue();
                    JsonNode result = new ObjectMapper().readTree(influxd.query("metertap", expandMacros(query)))
                            .path("results").path(0);
                    assertThat(result.path("series").size()).as("series of %s", query).isPositive();
                    for (JsonNode series : result.path("series")) {
                        assertThat(series.path("values").size()).as("rows of %s", query).isPositive();
                        assertThat(series.path("values").path(0).path(1).isNumber()).as("a number from %s", query).isTrue();
                    }
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(8);
        return tests.stream();
    }
}
