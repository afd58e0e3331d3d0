package dev.metertap.collector.store;

import dev.metertap.collector.reading.AmrConsumptionReading;
import dev.metertap.collector.reading.AmrIntervalReading;
import dev.metertap.collector.reading.BaselineReading;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.PriceReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The line a sink gets from the store is the line of the reading, byte for byte, whatever the store keeps. */
class StoreLinesTest {

    private static final String D = "0xd8d5b9000000a1b2";
    private static final String M = "0x00135001000c3f4e";
    private static final Instant T = Instant.parse("2026-11-23T08:00:00Z"); // 1795420800

    @TempDir
    Path dir;

    @Test
    void everyLineShapeTheCollectorWritesReachesASinkByteForByte() throws Exception {
        List<Reading> readings = List.of(
                new DemandReading(D, M, T, new BigDecimal("1.234")),
                new DemandReading(D, M, T.plusSeconds(10), new BigDecimal("-0.512")),
                new DemandReading(D, M, T.plusSeconds(20), new BigDecimal("0.000")),
                new SummationReading(D, M, T, new BigDecimal("41230.123"), new BigDecimal("0.000")),
                new PriceReading(D, M, T, "USD", new BigDecimal("0.3125"), 1),
                new LinkReading(D, M, T, "Connected", 80),
                new LinkReading(D, M, T.plusSeconds(1), "Rejoining \"fast\"", 0),
                new IntervalReading("1234567890", IntervalReading.Commodity.ELECTRICITY, IntervalReading.Flow.DELIVERED,
                        IntervalReading.Unit.KWH, 900, T, new BigDecimal("0.250"), 19, new BigDecimal("0.07812"), 2),
                new IntervalReading("1234567890", IntervalReading.Commodity.ELECTRICITY, IntervalReading.Flow.RECEIVED,
                        IntervalReading.Unit.KWH, 3600, T, new BigDecimal("1.5"), 0, null, null),
                new IntervalReading("1234567890", IntervalReading.Commodity.GAS, IntervalReading.Flow.DELIVERED,
                        IntervalReading.Unit.THERM, 86400, T, new BigDecimal("1.02"), 0, new BigDecimal("2.1"), null),
                new BaselineReading(T, new BigDecimal("180.5"), "emu2"),
                new AmrConsumptionReading("12345678", "SCM+", 156, T, 4_282_735L, null, null),
                new AmrConsumptionReading("87654321", "NetIDM", 8, T, 1_000_200L, 3_100L, 997_100L),
                new AmrIntervalReading("87654321", "IDM", 8, T, 17L, 12));
        // written from the data model in the README, not by the code that writes lines
        List<String> expected = List.of(
                "emu2_demand,device=" + D + ",meter=" + M + " kw=1.234 1795420800",
                "emu2_demand,device=" + D + ",meter=" + M + " kw=-0.512 1795420810",
                "emu2_demand,device=" + D + ",meter=" + M + " kw=0.000 1795420820",
                "emu2_summation,device=" + D + ",meter=" + M + " delivered_kwh=41230.123,received_kwh=0.000 1795420800",
                "emu2_price,device=" + D + ",meter=" + M + ",currency=USD price=0.3125,tier=1i 1795420800",
                "emu2_link,device=" + D + ",meter=" + M + " status=\"Connected\",link_strength=80i 1795420800",
                "emu2_link,device=" + D + ",meter=" + M + " status=\"Rejoining \\\"fast\\\"\",link_strength=0i 1795420801",
                "pge_interval,usage_point=1234567890,commodity=electricity,flow=delivered,unit=kWh,interval_s=900"
                        + " value=0.250,quality=19i,cost=0.07812,tou=2i 1795420800",
                "pge_interval,usage_point=1234567890,commodity=electricity,flow=received,unit=kWh,interval_s=3600"
                        + " value=1.5,quality=0i 1795420800",
                "pge_interval,usage_point=1234567890,commodity=gas,flow=delivered,unit=therm,interval_s=86400"
                        + " value=1.02,quality=0i,cost=2.1 1795420800",
                "baseline_night watts=180.5,source=\"emu2\" 1795420800",
                "amr_consumption,meter_id=12345678,msg_type=SCM+,ert_type=156 consumption=4282735i 1795420800",
                "amr_consumption,meter_id=87654321,msg_type=NetIDM,ert_type=8"
                        + " consumption=1000200i,generation=3100i,consumption_net=997100i 1795420800",
                "amr_interval,meter_id=87654321,msg_type=IDM,ert_type=8 consumption=17i,interval=12i 1795420800");
        Path file = dir.resolve("shapes.db");
        try (Store store = Store.open(file)) {
            for (Reading reading : readings) {
                assertThat(store.append(reading)).isTrue();
            }
            assertThat(outboxLines(store, "influx")).containsExactlyElementsOf(expected);
            List<String> scanned = new ArrayList<>();
            store.scan(PointQuery.everything(), point -> scanned.add(LineProtocol.encode(point)));
            assertThat(scanned).containsExactlyInAnyOrderElementsOf(expected);
            List<String> replayed = new ArrayList<>();
            store.scanBatches(PointQuery.everything(), 3, 1 << 20, batch -> replayed.addAll(List.of(batch.body().split("\n"))));
            assertThat(replayed).containsExactlyInAnyOrderElementsOf(expected);
        }
        // and for another program reading the file with plain SQL, as before
        assertThat(VersionThreeStore.rows(file)).extracting(VersionThreeStore.Row::line).containsExactlyElementsOf(expected);
    }

    @Test
    void pointsWithEveryEscapeComeBackAsTheLinesTheStoreUsedToHold() throws Exception {
        long seed = 20261203L;
        RandomPoints random = new RandomPoints(seed);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            points.add(random.next());
        }
        try (Store store = Store.open(dir.resolve("escapes.db"))) {
            int stored = store.appendPoints(points);
            // the line version 3 stored for each point was LineProtocol.encode(point); a later point of the same
            // natural key replaced an earlier one (random keys rarely meet, but when they do the last one wins)
            java.util.LinkedHashMap<String, String> lastLine = new java.util.LinkedHashMap<>();
            for (Point point : points) {
                lastLine.put(naturalKey(point), LineProtocol.encode(point));
            }
            assertThat(outboxLines(store, "a")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(lastLine.values());
            assertThat(stored).as("seed %d", seed).isEqualTo(lastLine.size());

            // sink replay: lines, in time order (some lines here are beyond LineProtocol.decode, so no scan())
            List<String> replayed = new ArrayList<>();
            store.scanBatches(PointQuery.everything(), 500, 1 << 20, batch -> replayed.addAll(List.of(batch.body().split("\n"))));
            assertThat(replayed).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(lastLine.values().stream()
                    .filter(line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)) >= 0) // everything() starts at the epoch
                    .toList());

            assertThat(store.appendPoints(points.subList(0, 100))).as("seed %d: stored again, nothing changes", seed)
                    .isZero();
            long before = store.lastSeq();
            List<Point> corrections = points.subList(0, 100).stream().map(random::correction).toList();
            int changed = store.appendPoints(corrections);
            try (Outbox outbox = store.outbox("a")) {
                outbox.acknowledge(outbox.next(10_000, Integer.MAX_VALUE));
            }
            List<String> after = new ArrayList<>();
            try (Outbox outbox = store.outbox("b")) {
                Batch batch = outbox.next(10_000, Integer.MAX_VALUE);
                after.addAll(List.of(batch.body().split("\n")));
            }
            assertThat(store.lastSeq()).as("seed %d: each changed point takes the next seq", seed).isEqualTo(before + changed);
            assertThat(after).as("seed %d: a correction replaces its point", seed).hasSize(lastLine.size())
                    .containsAll(corrections.stream().map(LineProtocol::encode).toList());
        }
    }

    @Test
    void aSeriesFirstSeenByAnAppendThatFailedIsStoredByTheNextOne() {
        try (Store store = Store.open(dir.resolve("rolled-back.db"))) {
            java.io.IOException cut = new java.io.IOException("the file ends inside an element");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.appendAllOrNothing(sink -> {
                // more than one batch of the transaction, so the new series' row is written before the failure
                for (int i = 0; i < 12_000; i++) {
                    sink.accept(new DemandReading(D, "0xnew-meter", T.plusSeconds(10L * i), new BigDecimal("1.000")));
                }
                throw cut;
            })).isSameAs(cut);
            assertThat(store.lastSeq()).isZero();

            assertThat(store.append(new DemandReading(D, "0xnew-meter", T, new BigDecimal("3.000")))).isTrue();
            assertThat(outboxLines(store, "influx"))
                    .containsExactly("emu2_demand,device=" + D + ",meter=0xnew-meter kw=3.000 1795420800");
        }
    }

    private static String naturalKey(Point point) {
        return point.measurement() + "\u0000" + Store.tagsJson(point.tags()) + "\u0000" + point.epochSecond();
    }

    private static List<String> outboxLines(Store store, String sink) {
        List<String> lines = new ArrayList<>();
        try (Outbox outbox = store.outbox(sink)) {
            for (Batch batch = outbox.next(7, 1 << 20); !batch.isEmpty(); batch = outbox.next(7, 1 << 20)) {
                assertThat(batch.body()).endsWith("\n");
                lines.addAll(List.of(batch.body().substring(0, batch.body().length() - 1).split("\n", -1)));
                outbox.acknowledge(batch);
            }
        }
        return lines;
    }
}
