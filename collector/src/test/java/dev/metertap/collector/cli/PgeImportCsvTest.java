package dev.metertap.collector.cli;

import dev.metertap.collector.reading.Field;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.Tag;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.espi.Commodity;
import dev.metertap.pgemock.espi.EspiLinks;
import dev.metertap.pgemock.espi.FeedWriter;
import dev.metertap.pgemock.espi.Flow;
import dev.metertap.pgemock.espi.TrueInterval;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pge import} of Download My Data CSVs: the same intervals as an ESPI feed land on the same keys, in either
 * order, and a bad CSV is one line that says nothing of it was stored.
 */
class PgeImportCsvTest {

    private static final String METER = "5550000301";
    // 2 to 4 November 2024, Pacific: the fall-back day (25 hours) in the middle
    private static final Instant FROM = Instant.parse("2024-11-02T07:00:00Z");
    private static final Instant TO = Instant.parse("2024-11-05T08:00:00Z");
    private static final String HEADER = "TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES";
    private static final String SOLAR_HEADER = "TYPE,DATE,START TIME,END TIME,IMPORT (kWh),EXPORT (kWh),COST,NOTES";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    static Stream<UsagePointSpec> meters() {
        return Stream.of(UsagePointSpec.electric(METER, 3600), UsagePointSpec.electric(METER, 900),
                UsagePointSpec.solar(METER, 3600), UsagePointSpec.gas(METER));
    }

    @ParameterizedTest
    @MethodSource("meters")
    void espiThenCsvOfTheSameIntervalsStoresEachOnceAndKeepsTheEspiReadings(UsagePointSpec meter) throws IOException {
        UsageModel model = new UsageModel(1103L, List.of(meter));
        List<TrueInterval> truth = model.trueIntervals(METER, FROM, TO).toList();
        Path db = dir.resolve("metertap.db");

        assertThat(run("pge", "import", feed(model).toString(), "--store", db.toString())).isZero();
        Path csv = csv(truth, meter.solar());
        out.getBuffer().setLength(0);
        assertThat(run("pge", "import", csv.toString(), "--usage-point", METER, "--store", db.toString()))
                .as(err.toString()).isZero();

        assertThat(out.toString()).endsWith("; 0 new in " + db + ", " + String.format("%,d", truth.size())
                + " stored before and kept" + System.lineSeparator());
        assertStoreHoldsExactly(db, truth);
    }

    @ParameterizedTest
    @MethodSource("meters")
    void csvThenEspiOfTheSameIntervalsStoresEachOnceAndEndsWithTheEspiReadings(UsagePointSpec meter)
            throws IOException {
        UsageModel model = new UsageModel(1103L, List.of(meter));
        List<TrueInterval> truth = model.trueIntervals(METER, FROM, TO).toList();
        Path db = dir.resolve("metertap.db");

        assertThat(run("pge", "import", csv(truth, meter.solar()).toString(), "--usage-point", METER,
                "--store", db.toString())).as(err.toString()).isZero();
        assertThat(storedKeys(db)).as("the CSV alone").containsExactlyInAnyOrderElementsOf(keys(truth));
        assertThat(run("pge", "import", feed(model).toString(), "--store", db.toString())).isZero();

        assertStoreHoldsExactly(db, truth);
    }

    @Test
    void aCsvWithoutAUsagePointIsRefusedInOneLineAndTheOthersImport() throws IOException {
        Path csv = resource("/download/electric-hourly-iso-fall-back-with-preamble.csv");
        Path db = dir.resolve("metertap.db");
        UsageModel model = new UsageModel(1103L, List.of(UsagePointSpec.electric(METER, 3600)));

        assertThat(run("pge", "import", csv.toString(), feed(model).toString(), "--store", db.toString())).isEqualTo(1);

        assertThat(err.toString().lines().toList()).containsExactly("metertap: " + csv + ": a Download My Data CSV "
                + "does not say which usage point it is: give --usage-point ID, the id Share My Data uses for this "
                + "meter (the summary of 'pge backfill' or of an ESPI import lists it); nothing stored from this file");
        assertThat(storedKeys(db)).hasSize(73);
    }

    @Test
    void aBadLineStoresNothingOfItsFileSaysWhereAndTheOthersImport() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), HEADER + "\n"
                + "Electric usage,2024-11-05,00:00,00:59,0.41,kWh,$0.12,\n"
                + "Electric usage,2024-11-05,01:00,01:59,0.40,kWh,$0.12,\n"
                + "Electric usage,2024-11-05,02:00,02:59,n/a,kWh,$0.12,\n");
        Path good = resource("/download/electric-hourly-iso-fall-back-with-preamble.csv");
        Path db = dir.resolve("metertap.db");

        assertThat(run("pge", "import", bad.toString(), good.toString(), "--usage-point", METER,
                "--store", db.toString())).isEqualTo(1);

        assertThat(err.toString().lines().toList()).containsExactly("metertap: " + bad + ": line 4: USAGE 'n/a' is "
                + "not a number (0.25); nothing stored from this file (the 2 readings read before the error were "
                + "dropped)");
        assertThat(out.toString().lines().toList()).singleElement().asString().isEqualTo(good + ": 4 readings "
                + "2024-11-03T07:00:00Z .. 2024-11-03T10:00:00Z (usage points " + METER + "), 0 clipped, 0 duplicates, "
                + "0 corrected; 4 new in " + db + ", 0 stored before and kept");
        assertThat(storedKeys(db)).hasSize(4);
    }

    @Test
    void anUnknownLayoutIsOneLineNamingItsColumns() throws IOException {
        Path bill = Files.writeString(dir.resolve("bill.csv"), "TYPE,START DATE,END DATE,USAGE,UNITS,COST,NOTES\n"
                + "Electric usage,2024-10-01,2024-10-31,412,kWh,$130.02,\n");

        assertThat(run("pge", "import", bill.toString(), "--usage-point", METER, "--format", "ilp")).isEqualTo(1);

        assertThat(err.toString().lines().toList()).containsExactly("metertap: " + bill + ": an unknown Green Button "
                + "CSV layout: its columns are TYPE, START DATE, END DATE, USAGE, UNITS, COST, NOTES; metertap reads "
                + "TYPE, DATE, START TIME, END TIME, then USAGE and UNITS, or USAGE (kWh), or IMPORT (kWh) and "
                + "EXPORT (kWh), then COST, NOTES; nothing printed from this file");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void oneUsagePointIsOneMeterAGasCsvAfterAnElectricOneIsRefused() throws IOException {
        Path electric = resource("/download/electric-hourly-iso-fall-back-with-preamble.csv");
        Path gas = resource("/download/gas-daily-therms-dst-days.csv");

        assertThat(run("pge", "import", electric.toString(), gas.toString(), "--usage-point", METER,
                "--format", "ilp")).isEqualTo(1);

        assertThat(err.toString().lines().filter(l -> l.startsWith("metertap:")).toList()).containsExactly(
                "metertap: " + gas + ": this is gas usage, but this run imported electric usage under --usage-point "
                        + METER + ": import each service's download in its own run, with its own --usage-point; "
                        + "nothing printed from this file");
        assertThat(out.toString().lines()).hasSize(4);
    }

    @Test
    void formatIlpPrintsTheCsvAsTheReadmesPgeInterval() throws IOException {
        assertThat(run("pge", "import", resource("/download/gas-daily-therms-dst-days.csv").toString(),
                "--usage-point", METER, "--format", "ilp")).isZero();

        String tags = "pge_interval,usage_point=" + METER + ",commodity=gas,flow=delivered,unit=therm,interval_s=";
        assertThat(out.toString().lines()).containsExactly(
                tags + "82800 value=1.02,quality=0i,cost=2.31 1710057601",  // 2024-03-10T08:00:01Z
                tags + "86400 value=1.10,quality=0i,cost=2.45 1730530801",  // 2024-11-02T07:00:01Z
                tags + "90000 value=1.21,quality=0i,cost=2.70 1730617201",  // 2024-11-03T07:00:01Z
                tags + "86400 value=0.98,quality=0i,cost=1002.19 1730707201"); // 2024-11-04T08:00:01Z
    }

    @Test
    void localTimesAreInTheConfiguredReportZoneOrTheOneGiven() throws IOException {
        Path config = Files.writeString(dir.resolve("metertap.yaml"), "report:\n  zone: America/New_York\n");
        Path csv = resource("/download/electric-15-minute-iso-spring-forward.csv"); // 10 March 2024, 01:30 first

        assertThat(run("pge", "import", csv.toString(), "--usage-point", METER, "--format", "ilp",
                "--config", config.toString())).isZero();
        assertThat(run("pge", "import", csv.toString(), "--usage-point", METER, "--format", "ilp",
                "--config", config.toString(), "--zone", "Europe/Berlin")).isZero();

        // 01:30 EST is 06:30Z; 01:30 CET is 00:30Z (Berlin changes its clocks on 31 March)
        assertThat(out.toString().lines().filter(l -> l.contains("value=0.10,")).map(l -> l.substring(l.lastIndexOf(' ') + 1)))
                .containsExactly(Long.toString(Instant.parse("2024-03-10T06:30:00Z").getEpochSecond()),
                        Long.toString(Instant.parse("2024-03-10T00:30:00Z").getEpochSecond()));
    }

    @Test
    void aUsagePointThatCannotBeATagIsABadOption() throws IOException {
        Path csv = resource("/download/gas-daily-therms-dst-days.csv");

        assertThat(run("pge", "import", csv.toString(), "--usage-point", "55 5,0", "--format", "ilp")).isEqualTo(2);

        assertThat(err.toString()).contains("'55 5,0' is not a usage point id: letters, digits, '.', '_' or '-', "
                + "at most 64 (PG&E's are 10 digits)");
        assertThat(out.toString()).isEmpty();
    }

    /** PG&amp;E's CSV of these intervals, written from the model's truth: local wall-clock times, cents, 2 decimals. */
    private Path csv(List<TrueInterval> truth, boolean solar) throws IOException {
        Map<Instant, List<TrueInterval>> byStart = truth.stream()
                .collect(Collectors.groupingBy(TrueInterval::start, LinkedHashMap::new, Collectors.toList()));
        List<String> lines = new ArrayList<>(List.of("Name,JANE Q HOMEOWNER", "Address,\"1 MAIN ST, OAKLAND CA\"",
                "Account Number,1234567890", "Service,Service 1", "", solar ? SOLAR_HEADER : HEADER));
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        for (List<TrueInterval> row : byStart.values()) {
            TrueInterval delivered = row.get(0);
            boolean gas = delivered.commodity() == Commodity.GAS;
            LocalDateTime local = LocalDateTime.ofInstant(delivered.start(), UsageModel.PACIFIC);
            String start = gas ? "00:00" : local.format(hhmm);
            String end = gas ? "23:59" : local.plusSeconds(delivered.durationSeconds() - 60L).format(hhmm);
            String cost = "$" + delivered.cost().setScale(2, RoundingMode.HALF_UP).toPlainString();
            String prefix = (gas ? "Natural gas usage," : "Electric usage,") + local.toLocalDate() + "," + start + ","
                    + end + ",";
            lines.add(solar
                    ? prefix + cents(delivered.value()) + "," + cents(row.get(1).value()) + "," + cost + ","
                    : prefix + cents(delivered.value()) + "," + (gas ? "therms" : "kWh") + "," + cost + ",");
        }
        return Files.write(Files.createTempFile(dir, "download", ".csv"), lines);
    }

    private static String cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private Path feed(UsageModel model) throws IOException {
        Path file = Files.createTempFile(dir, "feed", ".xml");
        try (OutputStream stream = Files.newOutputStream(file)) {
            new FeedWriter(EspiLinks.pge(), Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC))
                    .writeFeed(model, List.of(METER), FROM, TO.minusSeconds(1), stream);
        }
        return file;
    }

    /** Each interval once, on the key Share My Data gives it, holding the ESPI reading exactly. */
    private static void assertStoreHoldsExactly(Path db, List<TrueInterval> truth) {
        Map<String, Point> stored = stored(db);
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(keys(truth));
        for (TrueInterval t : truth) {
            Point p = stored.get(key(t));
            assertThat((BigDecimal) field(p, "value")).as("value of %s", key(t)).isEqualByComparingTo(t.value());
            assertThat(field(p, "quality")).as("quality of %s", key(t)).isEqualTo((long) t.quality());
            assertThat(field(p, "tou")).as("tou of %s", key(t)).isEqualTo(t.tou() == null ? null : (long) t.tou());
            if (t.cost() == null) {
                assertThat(field(p, "cost")).isNull();
            } else {
                assertThat((BigDecimal) field(p, "cost")).as("cost of %s", key(t)).isEqualByComparingTo(t.cost());
            }
        }
    }

    private static List<String> keys(List<TrueInterval> truth) {
        return truth.stream().map(PgeImportCsvTest::key).toList();
    }

    /** The key written from the model's own terms, not from the collector's code. */
    private static String key(TrueInterval t) {
        return "usage_point=" + t.usagePointId() + ",commodity=" + (t.commodity() == Commodity.GAS ? "gas" : "electricity")
                + ",flow=" + (t.flow() == Flow.RECEIVED ? "received" : "delivered") + ",unit=" + t.unit()
                + ",interval_s=" + t.durationSeconds() + " " + t.start();
    }

    private static List<String> storedKeys(Path db) {
        return List.copyOf(stored(db).keySet());
    }

    private static Map<String, Point> stored(Path db) {
        try (Store store = Store.open(db)) {
            List<Point> points = store.query(PointQuery.everything());
            Map<String, Point> byKey = new LinkedHashMap<>();
            for (Point p : points) {
                assertThat(p.measurement()).isEqualTo("pge_interval");
                String key = p.tags().stream().map(t -> t.key() + "=" + t.value()).collect(Collectors.joining(","))
                        + " " + p.time();
                assertThat(byKey.put(key, p)).as("stored twice: %s", key).isNull();
            }
            return byKey;
        }
    }

    private static Object field(Point p, String key) {
        return p.fields().stream().filter(f -> f.key().equals(key)).map(Field::value).findFirst().orElse(null);
    }

    private int run(String... args) {
        CommandLine cli = MetertapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path resource(String name) {
        try {
            return Path.of(getClass().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
