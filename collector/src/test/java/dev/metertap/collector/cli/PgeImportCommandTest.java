package dev.metertap.collector.cli;

import dev.metertap.collector.reading.Field;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.espi.EspiLinks;
import dev.metertap.pgemock.espi.FeedWriter;
import dev.metertap.pgemock.espi.TrueInterval;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PgeImportCommandTest {

    private static final String METER = "5550000301";
    private static final UsageModel MODEL = new UsageModel(1103L, List.of(UsagePointSpec.electric(METER, 3600)));
    private static final String ODD_FEED = "/espi/odd-prefixes-millisecond-periods.xml";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aFallBackDayStoresItsTwentyFiveHourlyReadingsAsSent() throws IOException {
        // 3 November 2024, Pacific: midnight PDT to midnight PST is 25 hours
        assertDayImportsExactly(Instant.parse("2024-11-03T07:00:00Z"), Instant.parse("2024-11-04T08:00:00Z"), 25);
    }

    @Test
    void aSpringForwardDayStoresItsTwentyThreeHourlyReadingsAsSent() throws IOException {
        // 10 March 2024, Pacific: midnight PST to midnight PDT is 23 hours
        assertDayImportsExactly(Instant.parse("2024-03-10T08:00:00Z"), Instant.parse("2024-03-11T07:00:00Z"), 23);
    }

    private void assertDayImportsExactly(Instant midnight, Instant nextMidnight, int hours) throws IOException {
        Path feed = feed(MODEL, midnight, nextMidnight.minusSeconds(1)); // the one local day
        Path db = dir.resolve("store/metertap.db");

        assertThat(run("pge", "import", feed.toString(), "--store", db.toString())).isZero();

        assertThat(out.toString()).contains(feed + ": " + hours + " readings " + midnight + " .. "
                + nextMidnight.minusSeconds(3600) + " (usage points " + METER + ")");
        List<TrueInterval> truth = MODEL.trueIntervals(METER, midnight, nextMidnight).toList();
        assertThat(truth).hasSize(hours);
        assertStoreHoldsExactly(db, truth);
    }

    @Test
    void aCorrectedFileReplacesTheStoredValue() throws IOException {
        Instant from = Instant.parse("2024-11-05T08:00:00Z");
        Instant to = Instant.parse("2024-11-06T07:59:59Z");
        Instant corrected = Instant.parse("2024-11-05T10:00:00Z");
        UsageModel correctedModel = MODEL.withCorrection(METER, corrected);
        Path db = dir.resolve("metertap.db");

        assertThat(run("pge", "import", feed(MODEL, from, to).toString(), "--store", db.toString())).isZero();
        out.getBuffer().setLength(0);
        Path second = feed(correctedModel, from, to);
        assertThat(run("pge", "import", second.toString(), "--store", db.toString())).isZero();

        assertThat(out.toString()).endsWith("; 1 new or changed in " + db + System.lineSeparator());
        assertStoreHoldsExactly(db, correctedModel.trueIntervals(METER, from, to).toList());
    }

    @Test
    void formatIlpPrintsExactLinesAndStoresNothing() throws Exception {
        Path db = dir.resolve("never.db");

        assertThat(run("pge", "import", resource(ODD_FEED).toString(), "--format", "ilp", "--store", db.toString()))
                .isZero();

        String tags = "pge_interval,usage_point=1029384756,commodity=electricity,flow=delivered,unit=kWh,interval_s=3600";
        assertThat(out.toString().lines()).containsExactly(
                tags + " value=1.250,quality=19i,cost=12.34567,tou=2i 1552287600",
                tags + " value=0.875,quality=17i 1552291200",
                tags + " value=-0.003,quality=8i 1552294800");
        assertThat(err.toString()).contains(": 3 readings 2019-03-11T07:00:00Z .. 2019-03-11T09:00:00Z");
        assertThat(db).doesNotExist();
    }

    @Test
    void formatJsonWithAWindowPrintsOnlyWhatStartsInside() throws Exception {
        assertThat(run("pge", "import", resource(ODD_FEED).toString(), "--format", "json",
                "--from", "2019-03-11T08:00:00Z", "--to", "2019-03-11T09:00:00Z")).isZero();

        assertThat(out.toString().strip()).isEqualTo("{\"measurement\":\"pge_interval\",\"time\":\"2019-03-11T08:00:00Z\","
                + "\"tags\":{\"usage_point\":\"1029384756\",\"commodity\":\"electricity\",\"flow\":\"delivered\","
                + "\"unit\":\"kWh\",\"interval_s\":\"3600\"},\"fields\":{\"value\":0.875,\"quality\":17}}");
        assertThat(err.toString()).contains("1 readings").contains("2 clipped");
    }

    @Test
    void aHostileFileIsReportedAndTheOthersStillImport() throws Exception {
        Path xxe = Files.writeString(dir.resolve("xxe.xml"),
                "<?xml version=\"1.0\"?><!DOCTYPE feed SYSTEM \"file:///etc/passwd\"><feed xmlns=\"http://www.w3.org/2005/Atom\"/>");
        Path missing = dir.resolve("missing.xml");

        int exit = run("pge", "import", xxe.toString(), missing.toString(), resource(ODD_FEED).toString(),
                "--format", "ilp");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("metertap: " + xxe + ": the document has a DOCTYPE")
                .contains("metertap: " + missing + ": no such file");
        assertThat(out.toString().lines()).hasSize(3);
    }

    @Test
    void aTruncatedFileStoresNothingAndSaysSoWithCountsWhileTheOthersImport() throws IOException {
        Instant from = Instant.parse("2024-11-05T08:00:00Z");
        Instant to = Instant.parse("2024-11-08T07:59:59Z");
        Path whole = feed(MODEL, from, to);
        String text = Files.readString(whole);
        int cut = text.indexOf("<ns0:IntervalReading>", text.length() * 2 / 3) + 30; // inside a reading
        Path truncated = Files.writeString(dir.resolve("truncated.xml"), text.substring(0, cut));
        long before = java.util.regex.Pattern.compile("</ns0:IntervalReading>").matcher(text.substring(0, cut)).results()
                .count();
        assertThat(before).isGreaterThan(24);
        Path good = feed(MODEL, Instant.parse("2024-11-12T08:00:00Z"), Instant.parse("2024-11-13T07:59:59Z"));
        Path db = dir.resolve("metertap.db");

        assertThat(run("pge", "import", truncated.toString(), good.toString(), "--store", db.toString())).isEqualTo(1);

        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("metertap: " + truncated + ": not well-formed XML (line ")
                .contains("): the document ends before its elements are closed (is the file cut short?); ")
                .endsWith("; nothing stored from this file (the " + before
                        + " readings read before the error were dropped)");
        assertThat(out.toString().lines().toList()).singleElement().asString().startsWith(good + ": 24 readings");
        assertStoreHoldsExactly(db, MODEL.trueIntervals(METER, Instant.parse("2024-11-12T08:00:00Z"),
                Instant.parse("2024-11-13T08:00:00Z")).toList());
    }

    @Test
    void aBadlyEncodedFilePrintsNothingAndSaysSo() throws IOException {
        Path whole = feed(MODEL, Instant.parse("2024-11-05T08:00:00Z"), Instant.parse("2024-11-08T07:59:59Z"));
        byte[] bytes = Files.readAllBytes(whole);
        int at = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).lastIndexOf("<ns0:value>") + 11;
        bytes[at] = (byte) 0xFF; // never a byte of UTF-8
        Path damaged = Files.write(dir.resolve("damaged.xml"), bytes);

        assertThat(run("pge", "import", damaged.toString(), "--format", "ilp")).isEqualTo(1);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("metertap: " + damaged + ": the document is not valid UTF-8: byte " + (at + 1) + " (line ")
                .containsPattern("; nothing printed from this file( \\(the [0-9,]+ readings read before the error were "
                        + "dropped\\))?$");
    }

    @Test
    void anImportWhileACollectorWritesTheStoreSaysToStopItAndStoresNothing() throws IOException {
        Path db = dir.resolve("metertap.db");
        Path feed = feed(MODEL, Instant.parse("2024-11-05T08:00:00Z"), Instant.parse("2024-11-06T07:59:59Z"));
        try (Store collector = Store.open(db, Store.COLLECTOR)) {
            assertThat(run("pge", "import", feed.toString(), "--store", db.toString())).isEqualTo(2);
            assertThat(collector.stats().points()).isZero();
        }
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("metertap: the store " + db.toAbsolutePath() + " is in use by process " + ProcessHandle.current().pid()
                        + " (metertap run, since ")
                .endsWith("), a running collector; stop it first (sudo systemctl stop metertap), import, then start it again "
                        + "(sudo systemctl start metertap)");
    }

    @Test
    void helpShowsExamples() {
        assertThat(run("pge", "import", "--help")).isZero();
        assertThat(out.toString()).contains("Examples:").contains("metertap pge import");
    }

    private int run(String... args) {
        CommandLine cli = MetertapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path feed(UsageModel model, Instant from, Instant to) throws IOException {
        Path file = Files.createTempFile(dir, "feed", ".xml");
        try (OutputStream stream = Files.newOutputStream(file)) {
            new FeedWriter(EspiLinks.pge(), Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC))
                    .writeFeed(model, List.of(METER), from, to, stream);
        }
        return file;
    }

    private Path resource(String name) throws Exception {
        return Path.of(getClass().getResource(name).toURI());
    }

    private static void assertStoreHoldsExactly(Path db, List<TrueInterval> truth) {
        List<Point> stored;
        try (Store store = Store.open(db)) {
            stored = store.query(PointQuery.series("pge_interval,usage_point=" + METER, Instant.EPOCH,
                    Instant.parse("2100-01-01T00:00:00Z")));
        }
        Map<Instant, Point> byStart = stored.stream().collect(Collectors.toMap(Point::time, Function.identity()));
        assertThat(byStart.keySet()).containsExactlyInAnyOrderElementsOf(truth.stream().map(TrueInterval::start).toList());
        for (TrueInterval t : truth) {
            Point p = byStart.get(t.start());
            assertThat((BigDecimal) field(p, "value")).as("value at %s", t.start()).isEqualByComparingTo(t.value());
            assertThat((BigDecimal) field(p, "cost")).as("cost at %s", t.start()).isEqualByComparingTo(t.cost());
            assertThat(field(p, "quality")).isEqualTo((long) t.quality());
            assertThat(field(p, "tou")).isEqualTo((long) t.tou());
            assertThat(p.tags()).anySatisfy(tag -> assertThat(tag.toString()).contains("3600"));
        }
    }

    private static Object field(Point p, String key) {
        return p.fields().stream().filter(f -> f.key().equals(key)).map(Field::value).findFirst().orElse(null);
    }
}
