package dev.metertap.collector.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.Field;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.PriceReading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.reading.Tag;
import dev.metertap.collector.store.Store;
import dev.metertap.collector.store.StoreStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(InfluxdExtension.class)
class InfluxV1ForwardingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Batching SMALL = new Batching(50, 64 * 1024, Duration.ofMillis(20));
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400));

    @TempDir
    Path dir;

    private static InfluxSink sink(Influxd influxd, String database) {
        return InfluxSink.v1("influx", influxd.url(), database, null, null, null, Duration.ofSeconds(5));
    }

    private static JsonNode values(Influxd influxd, String db, String influxql) throws Exception {
        JsonNode series = JSON.readTree(influxd.query(db, influxql)).path("results").path(0).path("series");
        return series.isMissingNode() ? JSON.createArrayNode() : series.path(0).path("values");
    }

    @Test
    void everyMeasurementArrivesWithItsExactValues(Influxd influxd) throws Exception {
        influxd.createDatabase("exact");
        try (Store store = Store.open(dir.resolve("m.db"));
             Forwarder forwarder = new Forwarder(store, sink(influxd, "exact"), SMALL, QUICK)) {
            forwarder.start();
            store.appendAll(List.of(
                    new DemandReading("0xd8d5b9000000a1b2", "0x00135001000c3f4e", T0, new BigDecimal("-1.234")),
                    new SummationReading("0xd8d5b9000000a1b2", "0x00135001000c3f4e", T0, new BigDecimal("45678.125"), new BigDecimal("12.5")),
                    new PriceReading("0xd8d5b9000000a1b2", "0x00135001000c3f4e", T0, "USD", new BigDecimal("0.3125"), 2),
                    new LinkReading("0xd8d5b9000000a1b2", "0x00135001000c3f4e", T0, "Connected", 87),
                    new IntervalReading("1234567890", IntervalReading.Commodity.ELECTRICITY, IntervalReading.Flow.DELIVERED,
                            IntervalReading.Unit.KWH, 900, T0, new BigDecimal("0.412"), 19, new BigDecimal("0.13"), 1)));
            assertThat(forwarder.awaitDelivered(5, WAIT)).isTrue();
        }
        assertThat(values(influxd, "exact", "SELECT kw FROM emu2_demand").toString()).isEqualTo("[[1795132800,-1.234]]");
        assertThat(values(influxd, "exact", "SELECT delivered_kwh, received_kwh FROM emu2_summation").toString())
                .isEqualTo("[[1795132800,45678.125,12.5]]");
        assertThat(values(influxd, "exact", "SELECT price, tier, currency FROM emu2_price").toString())
                .isEqualTo("[[1795132800,0.3125,2,\"USD\"]]");
        assertThat(values(influxd, "exact", "SELECT status, link_strength, meter FROM emu2_link").toString())
                .isEqualTo("[[1795132800,\"Connected\",87,\"0x00135001000c3f4e\"]]");
        assertThat(values(influxd, "exact",
                "SELECT value, quality, cost, tou, usage_point, commodity, flow, unit, interval_s FROM pge_interval").toString())
                .isEqualTo("[[1795132800,0.412,19,0.13,1,\"1234567890\",\"electricity\",\"delivered\",\"kWh\",\"900\"]]");
    }

    @Test
    void escapedNamesAndStringsRoundTripThroughInfluxd(Influxd influxd) throws Exception {
        influxd.createDatabase("escapes");
        String awkward = "a b,c=d\\e \"q\"";
        Point point = new Point("odd measure,x", List.of(new Tag("tag key=1", awkward)),
                List.of(Field.string("field,key", awkward), Field.integer("n", 1)), T0);
        try (Store store = Store.open(dir.resolve("m.db"));
             Forwarder forwarder = new Forwarder(store, sink(influxd, "escapes"), SMALL, QUICK)) {
            forwarder.start();
            store.appendPoints(List.of(point));
            assertThat(forwarder.awaitDelivered(1, WAIT)).isTrue();
        }
        JsonNode series = JSON.readTree(influxd.query("escapes", "SELECT * FROM /.*/")).path("results").path(0).path("series").path(0);
        assertThat(series.path("name").asText()).isEqualTo("odd measure,x");
        assertThat(series.path("columns").toString()).isEqualTo("[\"time\",\"field,key\",\"n\",\"tag key=1\"]");
        assertThat(series.path("values").path(0).path(1).asText()).isEqualTo(awkward);
        assertThat(series.path("values").path(0).path(3).asText()).isEqualTo(awkward);
    }

    @Test
    void anOutageLosesNothingAndDuplicatesNothing(Influxd influxd) throws Exception {
        influxd.createDatabase("outage");
        Random random = new Random(20261123L);
        List<DemandReading> readings = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            readings.add(new DemandReading("d", "m", T0.plusSeconds(8L * i), BigDecimal.valueOf(random.nextInt(20_000) - 5_000, 3)));
        }
        try (Store store = Store.open(dir.resolve("m.db"));
             Forwarder forwarder = new Forwarder(store, sink(influxd, "outage"), SMALL, QUICK)) {
            forwarder.start();
            for (DemandReading reading : readings.subList(0, 1_000)) {
                store.append(reading);
            }
            assertThat(forwarder.awaitDelivered(1_000, WAIT)).isTrue();

            influxd.stop();
            for (DemandReading reading : readings.subList(1_000, 2_000)) {
                store.append(reading);
            }
            assertThat(forwarder.awaitState(Forwarder.State.RETRYING, WAIT)).isTrue();
            assertThat(store.stats().sinks().get(0).pending()).isPositive();

            influxd.start();
            store.appendAll(readings.subList(2_000, 3_000));
            // replaying what was already stored changes nothing and ships nothing twice
            store.appendAll(readings.subList(0, 1_500));
            assertThat(forwarder.awaitDelivered(3_000, WAIT)).isTrue();
            assertThat(forwarder.state()).isEqualTo(Forwarder.State.RUNNING);
            assertThat(store.stats().sinks().get(0).pending()).isZero();
        }
        assertThat(values(influxd, "outage", "SELECT count(kw) FROM emu2_demand").path(0).path(1).asLong()).isEqualTo(3_000);
        JsonNode rows = values(influxd, "outage", "SELECT kw FROM emu2_demand");
        List<String> expected = readings.stream().map(r -> r.time().getEpochSecond() + "=" + r.kw().stripTrailingZeros().toPlainString()).toList();
        List<String> actual = new ArrayList<>();
        rows.forEach(row -> actual.add(row.path(0).asLong() + "=" + row.path(1).decimalValue().stripTrailingZeros().toPlainString()));
        assertThat(actual).containsExactlyElementsOf(expected);
        // one point per timestamp: no second copy hiding in another series
        assertThat(values(influxd, "outage", "SHOW SERIES").size()).isEqualTo(1);
    }

    @Test
    void aMissingDatabasePausesTheSinkInsteadOfLooping(Influxd influxd) throws Exception {
        try (Store store = Store.open(dir.resolve("m.db"));
             Forwarder forwarder = new Forwarder(store, sink(influxd, "does_not_exist"), SMALL, QUICK)) {
            forwarder.start();
            store.append(new DemandReading("d", "m", T0, BigDecimal.ONE));
            assertThat(forwarder.awaitState(Forwarder.State.PAUSED, WAIT)).isTrue();
            assertThat(store.stats().sinks()).containsExactly(new StoreStats.SinkBacklog("influx", 0, 1));

            influxd.createDatabase("does_not_exist");
            forwarder.resume();
            assertThat(forwarder.awaitDelivered(1, WAIT)).isTrue();
        }
        assertThat(values(influxd, "does_not_exist", "SELECT kw FROM emu2_demand").toString()).isEqualTo("[[1795132800,1]]");
    }
}
