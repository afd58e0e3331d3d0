package dev.metertap.collector.store;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A store written by the version that kept a line per row, opened by this one. */
class StoreMigrationTest {

    private static final String D = "0xd8d5b9000000a1b2";
    private static final String M = "0x00135001000c3f4e";
    private static final Instant T = Instant.parse("2026-11-23T08:00:00Z");
    private static final long SEED = 4242L;

    @TempDir
    Path dir;

    /**
     * Every shape the collector writes, corrections of some, and thousands of points with every escape (those whose
     * lines {@link LineProtocol#decode} can read, so that the store can be scanned: see {@link StoreLinesTest} for the
     * rest).
     */
    private static Path versionThreeStore(Path file) throws Exception {
        RandomPoints random = new RandomPoints(SEED);
        try (VersionThreeStore old = VersionThreeStore.create(file)) {
            List<Point> points = new ArrayList<>();
            BigDecimal total = new BigDecimal("41230.000");
            for (int i = 0; i < 2_000; i++) {
                Instant t = T.plusSeconds(10L * i);
                points.add(new DemandReading(D, M, t, BigDecimal.valueOf(i * 7L % 5_000 - 800, 3)).toPoint());
                if (i % 6 == 0) {
                    total = total.add(new BigDecimal("0.013"));
                    points.add(new SummationReading(D, M, t, total, new BigDecimal("12.000")).toPoint());
                }
                if (i % 30 == 0) {
                    points.add(new PriceReading(D, M, t, "USD", new BigDecimal("0.3125"), 1).toPoint());
                }
                if (i % 500 == 0) {
                    points.add(new LinkReading(D, M, t, "Connected", 90).toPoint());
                }
                if (i % 90 == 0) {
                    points.add(new IntervalReading("1234567890", IntervalReading.Commodity.ELECTRICITY,
                            IntervalReading.Flow.DELIVERED, IntervalReading.Unit.KWH, 900, t, new BigDecimal("0.250"), 19,
                            i % 180 == 0 ? new BigDecimal("0.07812") : null, i % 180 == 0 ? 2 : null).toPoint());
                }
                points.add(random.nextDecodable());
                if (points.size() >= 500) {
                    old.append(points);
                    points.clear();
                }
            }
            old.append(points);
            // corrections: PG&E re-publishes an interval, the same demand is stored again (a no-op)
            Reading corrected = new IntervalReading("1234567890", IntervalReading.Commodity.ELECTRICITY,
                    IntervalReading.Flow.DELIVERED, IntervalReading.Unit.KWH, 900, T, new BigDecimal("0.375"), 0,
                    new BigDecimal("0.07812"), 2);
            old.append(List.of(corrected.toPoint(), new DemandReading(D, M, T, new BigDecimal("-0.800")).toPoint()));
            old.execute("INSERT INTO sink_cursors (sink, seq) VALUES ('influx', 1234)");
            old.execute("INSERT INTO pge_notifications_seen (correlation_id, first_seen) VALUES ('c-1', 1795420800)");
        }
        return file;
    }

    @Test
    void convertsAVersionThreeStoreKeepingEveryLineItsSeqAndItsNaturalKey() throws Exception {
        Path file = versionThreeStore(dir.resolve("v3.db"));
        List<VersionThreeStore.Row> before = VersionThreeStore.rows(file);
        long sizeBefore = Files.size(file); // its connection closed: no -wal
        assertThat(before).hasSizeGreaterThan(4_000);

        try (Store store = Store.open(file)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
            assertThat(store.integrityCheck()).isEqualTo("ok");
            // a new sink gets every line, byte for byte, in the old seq order
            List<String> lines = new ArrayList<>();
            try (Outbox outbox = store.outbox("new-sink")) {
                for (Batch batch = outbox.next(333, 1 << 20); !batch.isEmpty(); batch = outbox.next(333, 1 << 20)) {
                    lines.addAll(List.of(batch.body().split("\n")));
                    outbox.acknowledge(batch);
                }
            }
            assertThat(lines).as("seed %d", SEED).containsExactlyElementsOf(before.stream().map(VersionThreeStore.Row::line).toList());
            // a sink's cursor and backlog are where they were
            try (Outbox influx = store.outbox("influx")) {
                assertThat(influx.cursor()).isEqualTo(1234);
                assertThat(influx.pending()).isEqualTo(before.stream().filter(row -> row.seq() > 1234).count());
                Batch next = influx.next(1, 1 << 20);
                VersionThreeStore.Row first = before.stream().filter(row -> row.seq() > 1234).findFirst().orElseThrow();
                assertThat(next.firstSeq()).isEqualTo(first.seq());
                assertThat(next.body()).isEqualTo(first.line() + "\n");
            }
            assertThat(store.lastSeq()).isEqualTo(before.get(before.size() - 1).seq());
            List<Point> scanned = store.query(PointQuery.everything());
            assertThat(scanned).as("seed %d", SEED).containsExactlyInAnyOrderElementsOf(
                    before.stream().map(row -> LineProtocol.decode(row.line())).filter(StoreMigrationTest::inEverything).toList());

            // the natural key survived: the same reading is a no-op, a new value replaces the old line
            assertThat(store.append(new DemandReading(D, M, T, new BigDecimal("-0.800")))).isFalse();
            assertThat(store.append(new DemandReading(D, M, T, new BigDecimal("2.500")))).isTrue();
            assertThat(store.lastSeq()).isEqualTo(before.get(before.size() - 1).seq() + 1);
            assertThat(store.stats().points()).isEqualTo(before.size());
            assertThat(store.latestTime(DemandReading.MEASUREMENT)).contains(T.plusSeconds(10L * 1_999));
        }
        // the old lines are gone from the file, not kept as free pages
        assertThat(Files.size(file)).isLessThan(sizeBefore / 2);
        // plain SQL reads the lines as before
        List<VersionThreeStore.Row> after = VersionThreeStore.rows(file);
        assertThat(after.subList(0, after.size() - 1)).containsExactlyElementsOf(
                before.stream().filter(row -> !row.line().startsWith("emu2_demand,device=" + D + ",meter=" + M + " kw=-0.800 ")).toList());
        assertThat(after.get(after.size() - 1).line()).isEqualTo("emu2_demand,device=" + D + ",meter=" + M + " kw=2.500 " + T.getEpochSecond());
    }

    private static boolean inEverything(Point point) {
        PointQuery everything = PointQuery.everything();
        return !point.time().isBefore(everything.from()) && point.time().isBefore(everything.to());
    }

    @Test
    void aReaderOfAnUnconvertedStoreIsToldToLetTheCollectorConvertItAndChangesNothing() throws Exception {
        Path file = versionThreeStore(dir.resolve("unconverted.db"));
        List<VersionThreeStore.Row> before = VersionThreeStore.rows(file);
        assertThatThrownBy(() -> Store.openReadOnly(file))
                .isInstanceOf(StoreException.class)
                .hasMessage("the store " + file.toAbsolutePath() + " was written by an older metertap (schema 3);"
                        + " start the collector once (it converts the store as it opens it) and try again");
        assertThat(VersionThreeStore.userVersion(file)).isEqualTo(3);
        assertThat(VersionThreeStore.rows(file)).isEqualTo(before);
    }

    @Test
    void aStoreWhoseLinesDoNotMatchTheirKeysIsLeftAsItWasWithOneLineSayingWhy() throws Exception {
        Path file = versionThreeStore(dir.resolve("tampered.db"));
        try (VersionThreeStore old = VersionThreeStore.reopen(file)) {
            old.execute("UPDATE points SET line = 'emu2_demand,meter=somebody-else kw=1 0' WHERE seq = 17");
        }
        List<VersionThreeStore.Row> before = VersionThreeStore.rows(file);

        assertThatThrownBy(() -> Store.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot bring the store from schema 3 to " + Migrations.LATEST)
                .hasMessageContaining("1 stored line(s) do not match their measurement, tags and time (first at seq 17)")
                .hasMessageNotContaining("SQLITE").hasMessageNotContaining("Exception").hasMessageNotContaining("\n");
        assertThat(VersionThreeStore.userVersion(file)).isEqualTo(3);
        assertThat(VersionThreeStore.rows(file)).isEqualTo(before);
    }
}
