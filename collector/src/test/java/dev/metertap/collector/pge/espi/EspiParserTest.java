package dev.metertap.collector.pge.espi;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.pgemock.espi.SampleData;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.metertap.collector.pge.espi.GroundTruth.assertExactly;
import static dev.metertap.collector.pge.espi.GroundTruth.feed;
import static dev.metertap.collector.pge.espi.GroundTruth.published;
import static dev.metertap.collector.pge.espi.GroundTruth.truth;
import static dev.metertap.collector.pge.espi.GroundTruth.upserted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EspiParserTest {

    static final String HOURLY = "5550000201";
    static final String SOLAR = "5550000202";
    static final String GAS = "5550000203";
    static final List<String> ALL = List.of(HOURLY, SOLAR, GAS);
    static final UsageModel MODEL = new UsageModel(4711L, List.of(
            UsagePointSpec.electric(HOURLY, 3600), UsagePointSpec.solar(SOLAR, 900), UsagePointSpec.gas(GAS)));
    // a week of local days, midnight to midnight: PG&E answers with eight whole days
    static final Instant FROM = Instant.parse("2024-06-01T07:00:00Z");
    static final Instant TO = Instant.parse("2024-06-08T07:00:00Z");

    private final EspiParser parser = new EspiParser();

    @Test
    void everyIntervalOfHourlyFifteenMinuteSolarAndGasExactlyWithinTheWindow() throws Exception {
        List<IntervalReading> readings = new ArrayList<>();
        EspiSummary summary = parser.parse(new ByteArrayInputStream(feed(MODEL, ALL, FROM, TO)),
                Optional.of(new TimeWindow(FROM, TO)), readings::add);

        assertExactly(upserted(readings), truth(MODEL, ALL, FROM, TO));
        long expected = truth(MODEL, ALL, FROM, TO).count();
        assertThat(summary.readings()).isEqualTo(expected).isEqualTo(readings.size());
        assertThat(summary.clippedAway()).isEqualTo(published(MODEL, ALL, FROM, TO).count() - expected).isPositive();
        assertThat(summary.duplicatesDropped()).isZero();
        assertThat(summary.corrected()).isZero();
        assertThat(summary.usagePoints()).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(summary.earliest()).contains(FROM);
        assertThat(summary.latest()).contains(TO.minusSeconds(900));
    }

    @Test
    void withoutAWindowEverythingPublishedPasses() throws Exception {
        List<IntervalReading> readings = new ArrayList<>();
        EspiSummary summary = parser.parse(new ByteArrayInputStream(feed(MODEL, ALL, FROM, TO)), Optional.empty(),
                readings::add);

        assertExactly(upserted(readings), published(MODEL, ALL, FROM, TO));
        assertThat(summary.clippedAway()).isZero();
    }

    @Test
    void gasIsOneThermReadingPerDayFromLocalMidnightPlusOneSecond() throws Exception {
        List<IntervalReading> readings = new ArrayList<>();
        parser.parse(new ByteArrayInputStream(feed(MODEL, List.of(GAS), FROM, TO)),
                Optional.of(new TimeWindow(FROM, TO)), readings::add);

        assertThat(readings).hasSize(7).allSatisfy(r -> {
            assertThat(r.commodity()).isEqualTo(IntervalReading.Commodity.GAS);
            assertThat(r.unit()).isEqualTo(IntervalReading.Unit.THERM);
            assertThat(r.intervalSeconds()).isEqualTo(86400);
            assertThat(r.start().getEpochSecond() % 3600).isEqualTo(1);
        });
    }

    @Test
    void aLaterFeedWithACorrectedReadingReplacesItThroughTheUpsert() throws Exception {
        Instant corrected = Instant.parse("2024-06-03T09:15:00Z"); // 02:15 local: imports, no export
        UsageModel correctedModel = MODEL.withCorrection(SOLAR, corrected);
        List<IntervalReading> readings = new ArrayList<>();
        Optional<TimeWindow> window = Optional.of(new TimeWindow(FROM, TO));
        parser.parse(new ByteArrayInputStream(feed(MODEL, ALL, FROM, TO)), window, readings::add);
        parser.parse(new ByteArrayInputStream(feed(correctedModel, ALL, FROM, TO)), window, readings::add);

        assertExactly(upserted(readings), truth(correctedModel, ALL, FROM, TO));
        assertThat(upserted(readings).get(new GroundTruth.Key(SOLAR, "DELIVERED", corrected)).value())
                .isNotEqualByComparingTo(MODEL.trueIntervals(SOLAR, corrected, corrected.plusSeconds(1))
                        .findFirst().orElseThrow().value());
    }

    @Test
    void withinOneFeedARepeatedBlockIsDroppedAndACorrectedOneWins() throws Exception {
        Instant corrected = Instant.parse("2024-06-03T09:15:00Z"); // 02:15 local: imports, no export
        UsageModel correctedModel = MODEL.withCorrection(SOLAR, corrected);
        // two overlapping answers in one document: the first, then its re-publication with the correction
        String first = new String(feed(MODEL, ALL, FROM, TO), StandardCharsets.UTF_8);
        String second = new String(feed(correctedModel, ALL, FROM, TO), StandardCharsets.UTF_8);
        byte[] both = withEntries(first, entries(second)).getBytes(StandardCharsets.UTF_8);

        List<IntervalReading> readings = new ArrayList<>();
        EspiSummary summary = parser.parse(new ByteArrayInputStream(both), Optional.of(new TimeWindow(FROM, TO)),
                readings::add);

        assertExactly(upserted(readings), truth(correctedModel, ALL, FROM, TO));
        long intervals = truth(MODEL, ALL, FROM, TO).count();
        long changed = truth(correctedModel, List.of(SOLAR), corrected, corrected.plusSeconds(1))
                .filter(t -> truth(MODEL, List.of(SOLAR), corrected, corrected.plusSeconds(1))
                        .anyMatch(o -> o.flow() == t.flow() && o.value().compareTo(t.value()) != 0))
                .count();
        assertThat(changed).isEqualTo(1); // the night's import; its export stays 0
        assertThat(summary.corrected()).isEqualTo(changed);
        assertThat(summary.duplicatesDropped()).isEqualTo(intervals - changed);
        assertThat(summary.readings()).isEqualTo(intervals + changed).isEqualTo(readings.size());
        // the correction comes after the value it replaces
        List<IntervalReading> ofCorrected = readings.stream()
                .filter(r -> r.usagePoint().equals(SOLAR) && r.start().equals(corrected)
                        && r.flow() == IntervalReading.Flow.DELIVERED).toList();
        assertThat(ofCorrected).hasSize(2);
        assertThat(ofCorrected.get(1).value()).isEqualByComparingTo(correctedModel
                .trueIntervals(SOLAR, corrected, corrected.plusSeconds(1)).findFirst().orElseThrow().value());
    }

    @Test
    void blocksBeforeTheirReadingTypeAndMeterReadingAreHeldBackUntilTheLinksResolve() throws Exception {
        String feed = new String(feed(MODEL, ALL, FROM, TO), StandardCharsets.UTF_8);
        List<String> entries = entries(feed);
        List<String> blocksFirst = new ArrayList<>(entries.stream().filter(e -> e.contains("IntervalBlock>")).toList());
        blocksFirst.addAll(entries.stream().filter(e -> !e.contains("IntervalBlock>")).toList());
        byte[] reordered = withEntries(withoutEntries(feed), blocksFirst).getBytes(StandardCharsets.UTF_8);

        List<IntervalReading> readings = new ArrayList<>();
        parser.parse(new ByteArrayInputStream(reordered), Optional.of(new TimeWindow(FROM, TO)), readings::add);

        assertExactly(upserted(readings), truth(MODEL, ALL, FROM, TO));
    }

    @Test
    void anEntryWithTwoHeldBackBlocksKeepsBothWhenItsLinksComeAfterTheContent() throws Exception {
        String feed = new String(feed(MODEL, List.of(HOURLY), FROM, FROM.plusSeconds(2 * 86400)), StandardCharsets.UTF_8);
        List<String> entries = entries(feed);
        List<String> blockEntries = entries.stream().filter(e -> e.contains("IntervalBlock>")).toList();
        assertThat(blockEntries).hasSizeGreaterThanOrEqualTo(2);
        List<String> merged = new ArrayList<>(entries.stream().filter(e -> !e.contains("IntervalBlock>")).toList());
        merged.add(oneEntryOfAllBlocks(blockEntries, true));

        assertEveryPublishedReadingOnceWithTrueCounts(withEntries(withoutEntries(feed), merged),
                List.of(HOURLY), FROM, FROM.plusSeconds(2 * 86400));
    }

    @Test
    void anEntryWithTwoHeldBackBlocksKeepsBothWhenItsReadingTypeComesLater() throws Exception {
        String feed = new String(feed(MODEL, List.of(HOURLY), FROM, FROM.plusSeconds(2 * 86400)), StandardCharsets.UTF_8);
        List<String> entries = entries(feed);
        List<String> blockEntries = entries.stream().filter(e -> e.contains("IntervalBlock>")).toList();
        List<String> blocksFirst = new ArrayList<>(List.of(oneEntryOfAllBlocks(blockEntries, false)));
        blocksFirst.addAll(entries.stream().filter(e -> !e.contains("IntervalBlock>")).toList());

        assertEveryPublishedReadingOnceWithTrueCounts(withEntries(withoutEntries(feed), blocksFirst),
                List.of(HOURLY), FROM, FROM.plusSeconds(2 * 86400));
    }

    @Test
    void theLimitOnLinkedResourcesCountsEachResourceOnceHoweverOftenTheFeedRepeatsIt() throws Exception {
        String feed = new String(feed(MODEL, ALL, FROM, TO), StandardCharsets.UTF_8);
        List<String> entries = entries(feed);
        // what the parser keeps to join blocks, per kind: each ReadingType and UsagePoint, a MeterReading under
        // each of its related links and its own block collection
        long distinct = 0;
        for (String kind : List.of("ReadingType>", "UsagePoint>", "MeterReading>")) {
            distinct += entries.stream().filter(e -> e.contains(kind)).flatMap(e -> {
                String self = hrefs(e, "self").get(0);
                List<String> keys = new ArrayList<>(List.of(kind.equals("MeterReading>") ? self + "/IntervalBlock" : self));
                if (kind.equals("MeterReading>")) {
                    keys.addAll(hrefs(e, "related"));
                }
                return keys.stream();
            }).distinct().count();
        }
        assertThat(distinct).isGreaterThan(3 * 3);
        List<String> twice = new ArrayList<>(entries);
        twice.addAll(entries);
        byte[] repeated = withEntries(withoutEntries(feed), twice).getBytes(StandardCharsets.UTF_8);

        List<IntervalReading> readings = new ArrayList<>();
        new EspiParser(EspiLimits.DEFAULTS.withMaxLinkedResources((int) distinct)).parse(
                new ByteArrayInputStream(repeated), Optional.empty(), readings::add);
        assertExactly(upserted(readings), published(MODEL, ALL, FROM, TO));

        EspiParser tooSmall = new EspiParser(EspiLimits.DEFAULTS.withMaxLinkedResources((int) distinct - 1));
        assertThatThrownBy(() -> tooSmall.parse(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)),
                Optional.empty(), r -> { }))
                .hasMessage("the feed describes more than " + (distinct - 1)
                        + " usage points, meter readings and reading types");
    }

    private static List<String> hrefs(String entry, String rel) {
        return Pattern.compile("<ns1:link href=\"([^\"]+)\" rel=\"" + rel + "\"").matcher(entry).results()
                .map(m -> m.group(1)).toList();
    }

    @Test
    void anEntryWithEndlessRelatedLinksIsRefused() {
        String feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
                + "<link rel=\"related\" href=\"x\"/>".repeat(100) + "</entry></feed>";

        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)),
                Optional.empty(), r -> { })).hasMessage("an entry has more than 64 related links");
    }

    private void assertEveryPublishedReadingOnceWithTrueCounts(String document, List<String> ids, Instant from,
                                                               Instant to) throws Exception {
        List<IntervalReading> readings = new ArrayList<>();
        EspiSummary summary = parser.parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)),
                Optional.empty(), readings::add);

        long published = published(MODEL, ids, from, to).count();
        assertThat(published).isGreaterThanOrEqualTo(48);
        assertExactly(upserted(readings), published(MODEL, ids, from, to));
        assertThat(readings).hasSize((int) published);
        assertThat(summary.readings()).isEqualTo(published);
        assertThat(summary.duplicatesDropped()).isZero();
        assertThat(summary.corrected()).isZero();
    }

    private static final Pattern BLOCK = Pattern.compile("<ns0:IntervalBlock\\b.*?</ns0:IntervalBlock>", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("<ns1:link\\b[^>]*/>");

    /** One entry whose content holds every block of {@code blockEntries}, with the first one's links. */
    private static String oneEntryOfAllBlocks(List<String> blockEntries, boolean linksAfterContent) {
        StringBuilder blocks = new StringBuilder();
        for (String entry : blockEntries) {
            Matcher m = BLOCK.matcher(entry);
            while (m.find()) {
                blocks.append(m.group());
            }
        }
        StringBuilder links = new StringBuilder();
        Matcher m = LINK.matcher(blockEntries.get(0));
        while (m.find()) {
            links.append(m.group());
        }
        String content = "<ns1:content>" + blocks + "</ns1:content>";
        return "<ns1:entry>" + (linksAfterContent ? content + links : links + content) + "</ns1:entry>";
    }

    @Test
    void holdingBackIsBounded() {
        String feed = new String(feed(MODEL, ALL, FROM, TO), StandardCharsets.UTF_8);
        List<String> entries = entries(feed);
        List<String> blocksFirst = new ArrayList<>(entries.stream().filter(e -> e.contains("IntervalBlock>")).toList());
        blocksFirst.addAll(entries.stream().filter(e -> !e.contains("IntervalBlock>")).toList());
        byte[] reordered = withEntries(withoutEntries(feed), blocksFirst).getBytes(StandardCharsets.UTF_8);

        EspiParser bounded = new EspiParser(EspiLimits.DEFAULTS.withMaxPendingReadings(100));
        assertThatThrownBy(() -> bounded.parse(new ByteArrayInputStream(reordered), Optional.empty(), r -> { }))
                .isInstanceOf(EspiException.class)
                .hasMessageContaining("more than 100 readings come before");
    }

    @Test
    void blocksWhoseLinksLeadNowhereAreRefusedWithTheirHref() {
        String feed = new String(feed(MODEL, List.of(HOURLY), FROM, TO), StandardCharsets.UTF_8);
        byte[] noMeterReadings = withEntries(withoutEntries(feed), entries(feed).stream()
                .filter(e -> !e.contains("MeterReading>")).toList()).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(noMeterReadings), Optional.empty(), r -> { }))
                .isInstanceOf(EspiException.class)
                .satisfies(e -> assertThat(((EspiException) e).reason())
                        .contains("link to no MeterReading and ReadingType")
                        .contains("/UsagePoint/" + HOURLY + "/MeterReading/"));
    }

    @Test
    void downloadSampleDataWithItsSpringForwardDayMatchesItsModel() throws Exception {
        java.io.ByteArrayOutputStream sample = new java.io.ByteArrayOutputStream();
        SampleData.write(sample);
        List<IntervalReading> readings = new ArrayList<>();
        parser.parse(new ByteArrayInputStream(sample.toByteArray()), Optional.empty(), readings::add);

        List<String> ids = List.of(SampleData.ELECTRIC_USAGE_POINT, SampleData.GAS_USAGE_POINT);
        Instant nineMarch = Instant.parse("2024-03-09T08:00:00Z");
        Instant elevenMarch = Instant.parse("2024-03-11T07:00:00Z");
        assertExactly(upserted(readings), truth(SampleData.MODEL, ids, nineMarch, elevenMarch));
        assertThat(readings).filteredOn(r -> r.usagePoint().equals(SampleData.ELECTRIC_USAGE_POINT)).hasSize(24 + 23);
        assertThat(readings).filteredOn(r -> r.usagePoint().equals(SampleData.GAS_USAGE_POINT))
                .extracting(IntervalReading::intervalSeconds).containsExactly(86400, 82800);
    }

    @Test
    void aSeriesThatIsNotEnergyIsSkippedWhileTheOthersPass() throws Exception {
        // the hourly point's ReadingType turned into power (uom 38, W): no kWh can come of it
        String feed = new String(feed(MODEL, List.of(HOURLY, GAS), FROM, TO), StandardCharsets.UTF_8)
                .replace("<ns0:uom>72</ns0:uom>", "<ns0:uom>38</ns0:uom>");
        List<IntervalReading> readings = new ArrayList<>();

        EspiSummary summary = parser.parse(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)),
                Optional.of(new TimeWindow(FROM, TO)), readings::add);

        assertExactly(upserted(readings), truth(MODEL, List.of(GAS), FROM, TO));
        assertThat(summary.usagePoints()).containsExactly(GAS);
    }

    @Test
    void aNumberThatIsNotOneIsRefusedWithWhatItWas() {
        String feed = new String(feed(MODEL, List.of(GAS), FROM, TO), StandardCharsets.UTF_8)
                .replaceFirst("<ns0:value>[0-9]+</ns0:value>", "<ns0:value>12,5</ns0:value>");

        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(feed.getBytes(StandardCharsets.UTF_8)),
                Optional.empty(), r -> { }))
                .isInstanceOf(EspiException.class).hasMessage("IntervalReading value is not a number");
    }

    @Test
    void anEmptyFeedHasNoReadings() throws Exception {
        EspiSummary summary = parser.parse(new ByteArrayInputStream(
                        "<ns1:feed xmlns:ns1=\"http://www.w3.org/2005/Atom\"/>".getBytes(StandardCharsets.UTF_8)),
                Optional.empty(), r -> { throw new AssertionError("no reading expected"); });

        assertThat(summary.readings()).isZero();
        assertThat(summary.earliest()).isEmpty();
        assertThat(summary.usagePoints()).isEmpty();
    }

    @Test
    void anHtmlErrorPageIsNotAFeed() {
        byte[] html = "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(html), Optional.empty(), r -> { }))
                .isInstanceOf(EspiException.class)
                .hasMessage("not a Green Button feed: the root element is <html> in no namespace, not an Atom feed");
    }

    private static final Pattern ENTRY = Pattern.compile("<ns1:entry\\b.*?</ns1:entry>", Pattern.DOTALL);

    static List<String> entries(String feed) {
        List<String> entries = new ArrayList<>();
        Matcher m = ENTRY.matcher(feed);
        while (m.find()) {
            entries.add(m.group());
        }
        assertThat(entries).isNotEmpty();
        return entries;
    }

    static String withoutEntries(String feed) {
        return ENTRY.matcher(feed).replaceAll("");
    }

    static String withEntries(String feed, List<String> entries) {
        int end = feed.lastIndexOf("</ns1:feed>");
        return feed.substring(0, end) + String.join("", entries) + feed.substring(end);
    }
}
