package dev.metertap.collector.store;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.reading.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreTest {

    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

    @TempDir
    Path dir;

    private static DemandReading demand(String meter, int second, String kw) {
        return new DemandReading("0xd8d5b9000000a1b2", meter, T0.plusSeconds(second), new BigDecimal(kw));
    }

    @Test
    void createsTheFileInWalModeAtTheLatestSchema() throws Exception {
        Path file = dir.resolve("sub/dir/metertap.db");
        try (Store store = Store.open(file)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
        try (Connection c = Store.connect(file); Statement s = c.createStatement();
             ResultSet mode = s.executeQuery("PRAGMA journal_mode")) {
            mode.next();
            assertThat(mode.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void allOrNothingStoresEverythingTheSourceWroteInBatchesOrNothingWhenItFails() throws Exception {
        Path file = dir.resolve("m.db");
        int count = 12_345; // more than one batch
        try (Store store = Store.open(file)) {
            store.append(demand("m0", 0, "9.999"));
            IOException failure = new IOException("the file ends inside an element");
            assertThatThrownBy(() -> store.appendAllOrNothing(sink -> {
                for (int i = 1; i <= count; i++) {
                    sink.accept(demand("m1", i, "1.000"));
                }
                throw failure;
            })).isSameAs(failure);
            assertThat(store.stats().points()).as("only what was there before").isEqualTo(1);

            int changed = store.appendAllOrNothing(sink -> {
                for (int i = 0; i <= count; i++) {
                    sink.accept(demand("m0", i, "9.999"));
                }
            });

            assertThat(changed).as("the first was stored before").isEqualTo(count);
            assertThat(store.stats().points()).isEqualTo(count + 1);
        }
    }

    @Test
    void keepStoredFillsGapsWhereTheLaterPointOfTheAppendWinsAndReplaceCorrects() throws Exception {
        try (Store store = Store.open(dir.resolve("m.db"))) {
            store.append(demand("m0", 1, "1.000"));

            int added = store.appendAllOrNothing(sink -> {
                sink.accept(demand("m0", 1, "2.000")); // the same key as stored before: the stored value stays
                sink.accept(demand("m0", 2, "4.000"));
                sink.accept(demand("m0", 2, "2.000")); // written by this append: the later one wins
            }, Store.OnConflict.KEEP_STORED);

            assertThat(added).as("one new, then changed").isEqualTo(2);
            assertThat(store.query(PointQuery.everything())).extracting(p -> p.fields().get(0).value())
                    .containsExactly(new BigDecimal("1.000"), new BigDecimal("2.000"));
            long seq = store.lastSeq();

            int changed = store.appendAllOrNothing(sink -> sink.accept(demand("m0", 1, "3.000")),
                    Store.OnConflict.REPLACE);

            assertThat(changed).isEqualTo(1);
            assertThat(store.lastSeq()).as("shipped again").isGreaterThan(seq);
            assertThat(store.query(PointQuery.everything())).extracting(p -> p.fields().get(0).value())
                    .containsExactly(new BigDecimal("3.000"), new BigDecimal("2.000"));
        }
    }

    @Test
    void refusesAFileFromANewerSchema() throws Exception {
        Path file = dir.resolve("m.db");
        Store.open(file).close();
        try (Connection c = Store.connect(file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> Store.open(file)).isInstanceOf(StoreException.class).hasMessageContaining("newer");
    }

    @Test
    void theSameReadingTwiceIsStoredOnce() {
        try (Store store = Store.open(dir.resolve("m.db"))) {
            assertThat(store.append(demand("m1", 0, "1.250"))).isTrue();
            assertThat(store.append(demand("m1", 0, "1.250"))).isFalse();
            assertThat(store.appendAll(List.of(demand("m1", 0, "1.250"), demand("m1", 1, "1.300")))).isEqualTo(1);
            assertThat(store.query(PointQuery.everything())).hasSize(2);
        }
    }

    @Test
    void scanUpToGivesThatMeasurementsPointsStoredAtOrBeforeTheSeq() {
        try (Store store = Store.open(dir.resolve("m.db"))) {
            store.append(demand("m1", 0, "1.000"));                              // seq 1
            store.append(new LinkReading("d", "m1", T0, "Connected", 80));       // seq 2
            store.append(demand("m1", 1, "2.000"));                              // seq 3
            store.append(demand("m1", 2, "3.000"));                              // seq 4: after the cursor
            List<BigDecimal> kw = new ArrayList<>();
            store.scanUpTo("emu2_demand", 3, point -> kw.add((BigDecimal) point.fields().get(0).value()));
            assertThat(kw).containsExactlyInAnyOrder(new BigDecimal("1.000"), new BigDecimal("2.000"));
            List<Point> none = new ArrayList<>();
            store.scanUpTo("emu2_demand", 0, none::add);
            assertThat(none).isEmpty();
        }
    }

    @Test
    void theLatestTimeIsTheNewestPointOfThatMeasurementOnly() {
        try (Store store = Store.open(dir.resolve("m.db"))) {
            assertThat(store.latestTime("emu2_demand")).isEmpty();
            store.appendAll(List.of(demand("m1", 30, "1"), demand("m1", 10, "2"), demand("m2", 20, "3"),
                    new LinkReading("d", "m1", T0.plusSeconds(99), "Connected", 80)));
            assertThat(store.latestTime("emu2_demand")).contains(T0.plusSeconds(30));
            assertThat(store.latestTime("emu2_link")).contains(T0.plusSeconds(99));
            assertThat(store.latestTime("pge_interval")).isEmpty();
        }
    }

    @Test
    void aSinkThatHasDeliveredNothingShowsItsWholeBacklog() {
        try (Store store = Store.open(dir.resolve("m.db"))) {
            store.appendAll(List.of(demand("m1", 0, "1"), demand("m1", 1, "2")));
            try (Outbox outbox = store.outbox("influx")) {
                assertThat(store.stats().sinks()).containsExactly(new StoreStats.SinkBacklog("influx", 0, 2));
                outbox.acknowledge(outbox.next(1, 1 << 20));
            }
            store.outbox("influx").close(); // registering again leaves the cursor where it is
            assertThat(store.stats().sinks()).containsExactly(new StoreStats.SinkBacklog("influx", 1, 1));
        }
    }

    @Test
    void aCorrectionReplacesTheValueAndIsShippedAgain() {
        try (Store store = Store.open(dir.resolve("m.db")); Outbox outbox = store.outbox("influx")) {
            store.append(demand("m1", 0, "1.250"));
            store.append(demand("m1", 1, "2.000"));
            outbox.acknowledge(outbox.next(100, 1 << 20));
            assertThat(outbox.pending()).isZero();

            assertThat(store.append(demand("m1", 0, "1.275"))).isTrue();
            assertThat(store.query(PointQuery.everything())).extracting(p -> p.fields().get(0).value())
                    .containsExactly(new BigDecimal("1.275"), new BigDecimal("2.000"));
            Batch again = outbox.next(100, 1 << 20);
            assertThat(again.body()).isEqualTo("emu2_demand,device=0xd8d5b9000000a1b2,meter=m1 kw=1.275 1795392000\n");
        }
    }

    @Test
    void queriesBySeriesTagAndTimeRange() {
        try (Store store = Store.open(dir.resolve("m.db"))) {
            store.appendAll(List.of(demand("m1", 0, "1"), demand("m1", 10, "2"), demand("m2", 5, "3"),
                    new LinkReading("0xd8d5b9000000a1b2", "m1", T0.plusSeconds(5), "Connected", 80),
                    new IntervalReading("up-7", IntervalReading.Commodity.ELECTRICITY, IntervalReading.Flow.DELIVERED,
                            IntervalReading.Unit.KWH, 3600, T0, new BigDecimal("0.5"), 0, null, null)));

            assertThat(store.query(PointQuery.series("emu2_demand,meter=m1", T0, T0.plusSeconds(60))))
                    .extracting(Point::epochSecond).containsExactly(T0.getEpochSecond(), T0.getEpochSecond() + 10);
            assertThat(store.query(PointQuery.series("emu2_demand", T0.plusSeconds(1), T0.plusSeconds(10))))
                    .extracting(p -> p.tags().get(1).value()).containsExactly("m2");
            assertThat(store.query(new PointQuery(null, Map.of("meter", "m1"), T0, T0.plusSeconds(60))))
                    .extracting(Point::measurement).containsExactly("emu2_demand", "emu2_link", "emu2_demand");
            assertThat(store.query(new PointQuery(null, Map.of("usage_point", "up-7"), T0, T0.plusSeconds(1))))
                    .extracting(Point::measurement).containsExactly("pge_interval");
        }
    }

    @Test
    void outboxShipsInOrderInBoundedBatchesAndResumesAfterReopen() {
        Path file = dir.resolve("m.db");
        List<DemandReading> readings = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            readings.add(demand("m1", i, i + ".5"));
        }
        List<String> shipped = new ArrayList<>();
        try (Store store = Store.open(file)) {
            store.appendAll(readings);
            try (Outbox outbox = store.outbox("influx")) {
                Batch first = outbox.next(10, 1 << 20);
                assertThat(first.size()).isEqualTo(10);
                outbox.acknowledge(first);
                shipped.addAll(first.body().lines().toList());
                outbox.next(10, 1 << 20); // read but never acknowledged: the crash case
            }
            assertThat(store.stats().sinks()).containsExactly(new StoreStats.SinkBacklog("influx", 10, 15));
        }
        try (Store store = Store.open(file); Outbox outbox = store.outbox("influx")) {
            Batch batch;
            while (!(batch = outbox.next(10, 200)).isEmpty()) {
                assertThat(batch.body().length()).isLessThanOrEqualTo(200);
                outbox.acknowledge(batch);
                shipped.addAll(batch.body().lines().toList());
            }
            try (Outbox other = store.outbox("stdout")) {
                assertThat(other.pending()).isEqualTo(25);
            }
        }
        assertThat(shipped).hasSize(25).doesNotHaveDuplicates();
        assertThat(shipped.get(24)).endsWith("kw=24.5 " + (T0.getEpochSecond() + 24));
    }

    @Test
    void statsCountPointsPerMeasurement() {
        try (Store store = Store.open(dir.resolve("m.db"))) {
            store.appendAll(List.of(demand("m1", 0, "1"), demand("m1", 60, "2")));
            StoreStats stats = store.stats();
            assertThat(stats.points()).isEqualTo(2);
            assertThat(stats.measurements()).containsExactly(
                    new StoreStats.MeasurementStats("emu2_demand", 2, T0, T0.plusSeconds(60)));
            assertThat(stats.fileBytes()).isPositive();
        }
    }

    @Test
    void aSecondWriterInTheSameProcessIsRefusedAndToldWhoHoldsIt() {
        Path file = dir.resolve("m.db");
        try (Store first = Store.open(file, Store.COLLECTOR)) {
            first.append(demand("m1", 0, "1.0"));
            assertThatThrownBy(() -> Store.open(file, "metertap pge import"))
                    .isInstanceOf(StoreInUseException.class)
                    .hasMessageMatching(Pattern.quote("the store " + file.toAbsolutePath() + " is in use by process "
                            + ProcessHandle.current().pid() + " (metertap run, since ") + "\\d{4}-\\d\\d-\\d\\dT[0-9:]{8}Z\\); stop it first");
            assertThat(first.append(demand("m1", 1, "1.1"))).as("the holder still writes").isTrue();
        }
        try (Store next = Store.open(file, "metertap pge import")) {
            assertThat(next.query(PointQuery.everything())).hasSize(2);
        }
    }

    @Test
    void aReaderSeesWhatTheWriterCommitsAndCannotWrite() {
        Path file = dir.resolve("m.db");
        try (Store writer = Store.open(file, Store.COLLECTOR)) {
            writer.appendAll(List.of(demand("m1", 0, "1.0"), demand("m1", 1, "1.1")));
            try (Store reader = Store.openReadOnly(file)) {
                assertThat(reader.stats().points()).isEqualTo(2);
                writer.append(demand("m1", 2, "1.2"));
                assertThat(reader.query(PointQuery.everything())).extracting(Point::epochSecond)
                        .containsExactly(T0.getEpochSecond(), T0.getEpochSecond() + 1, T0.getEpochSecond() + 2);
                assertThat(reader.lastSeq()).isEqualTo(3);
                assertThatThrownBy(() -> reader.append(demand("m1", 3, "1.3")))
                        .isInstanceOf(StoreException.class).hasMessageEndingWith("is open read-only");
                assertThatThrownBy(() -> reader.outbox("influx"))
                        .isInstanceOf(StoreException.class).hasMessageEndingWith("is open read-only");
            }
        }
        assertThat(writerStats(file).points()).isEqualTo(3);
    }

    @Test
    void aWriterThroughASymlinkIsTheSameWriter() throws Exception {
        Path file = dir.resolve("m.db");
        Store.open(file).close();
        Path link = Files.createSymbolicLink(dir.resolve("link.db"), file);
        try (Store first = Store.open(file, Store.COLLECTOR)) {
            assertThatThrownBy(() -> Store.open(link)).isInstanceOf(StoreInUseException.class);
        }
    }

    @Test
    void aReaderFindsAStoreWhosePathSQLiteWouldReadAsSyntax() throws Exception {
        Path file = Files.createDirectories(dir.resolve("my data #1 ?x=%20")).resolve("m.db");
        try (Store writer = Store.open(file)) {
            writer.append(demand("m1", 0, "1.0"));
            try (Store reader = Store.openReadOnly(file)) {
                assertThat(reader.stats().points()).as("with a live WAL").isEqualTo(1);
            }
        }
        try (Store reader = Store.openReadOnly(file)) {
            assertThat(reader.stats().points()).as("without one").isEqualTo(1);
        }
    }

    @Test
    void aReaderOfAStoreNobodyWritesCreatesNoFile() throws Exception {
        Path file = dir.resolve("m.db");
        try (Store writer = Store.open(file)) {
            writer.append(demand("m1", 0, "1.0"));
        }
        List<String> before = listing(dir);
        assertThat(before).as("a closed store leaves no WAL").doesNotContain("m.db-wal", "m.db-shm");
        try (Store reader = Store.openReadOnly(file)) {
            assertThat(reader.schemaVersion()).isEqualTo(Migrations.LATEST);
            assertThat(reader.stats().points()).isEqualTo(1);
            assertThat(reader.integrityCheck()).isEqualTo("ok");
        }
        assertThat(listing(dir)).isEqualTo(before);
    }

    @Test
    void aReaderRefusesWhatIsNoStore() throws Exception {
        assertThatThrownBy(() -> Store.openReadOnly(dir.resolve("none.db")))
                .isInstanceOf(StoreException.class).hasMessage("no store at " + dir.resolve("none.db").toAbsolutePath());
        Path empty = Files.createFile(dir.resolve("empty.db"));
        assertThatThrownBy(() -> Store.openReadOnly(empty))
                .isInstanceOf(StoreException.class).hasMessageEndingWith("is not a metertap store (it has no metertap schema)");
    }

    @Test
    void aLockFileThatNamesNoHolderIsNotBelieved() {
        assertThat(WriterLock.parseHolder("pid=12\nwhat=metertap run\nsince=2026-12-02T15:30:00Z\n"))
                .contains(new WriterLock.Holder(12, "metertap run", Instant.parse("2026-12-02T15:30:00Z")));
        assertThat(WriterLock.parseHolder("")).isEmpty();
        assertThat(WriterLock.parseHolder("pid=12\nwhat=metertap run\n")).isEmpty();
        assertThat(WriterLock.parseHolder("pid=twelve\nwhat=x\nsince=2026-12-02T15:30:00Z")).isEmpty();
    }

    private static StoreStats writerStats(Path file) {
        try (Store store = Store.open(file)) {
            return store.stats();
        }
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
