package dev.metertap.pgemock.espi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

class FeedWriterTest {

    private static final String HOURLY = "1000000001";
    private static final String SOLAR_15_MIN = "1000000002";
    private static final String GAS = "1000000003";
    private static final UsageModel MODEL = new UsageModel(42L, List.of(
            UsagePointSpec.electric(HOURLY, 3600),
            UsagePointSpec.solar(SOLAR_15_MIN, 900),
            UsagePointSpec.gas(GAS)));
    private static final Clock FIXED = Clock.fixed(Instant.parse("2024-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final FeedWriter WRITER = new FeedWriter(EspiLinks.pge(), FIXED);

    @Test
    void everyReadingInTheFeedEqualsGroundTruth() throws Exception {
        Instant from = Instant.parse("2024-06-10T15:30:00Z");
        Instant to = Instant.parse("2024-06-12T19:00:00Z");
        ParsedFeed feed = feed(List.of(HOURLY, SOLAR_15_MIN, GAS), from, to);

        List<ParsedFeed.JoinedReading> readings = feed.joinedReadings();
        for (String id : List.of(HOURLY, SOLAR_15_MIN, GAS)) {
            List<TrueInterval> truth = MODEL.publishedIntervals(id, from, to).toList();
            List<ParsedFeed.JoinedReading> fed = readings.stream().filter(r -> r.usagePointId().equals(id)).toList();
            assertThat(fed).hasSameSizeAs(truth).isNotEmpty();
            Map<String, TrueInterval> byKey = truth.stream()
                    .collect(Collectors.toMap(t -> t.flow().flowDirection() + "@" + t.start().getEpochSecond(), t -> t));
            for (ParsedFeed.JoinedReading reading : fed) {
                TrueInterval expected = byKey.get(reading.flowDirection() + "@" + reading.reading().start());
                assertThat(expected).as("truth for %s", reading).isNotNull();
                assertThat(reading.quantity()).isEqualByComparingTo(expected.value());
                assertThat(reading.reading().duration()).isEqualTo(expected.durationSeconds());
                assertThat(reading.reading().quality()).isEqualTo(expected.quality());
                assertThat(reading.reading().tou()).isEqualTo(expected.tou());
                if (expected.cost() == null) {
                    assertThat(reading.cost()).isNull();
                } else {
                    assertThat(reading.cost()).isEqualByComparingTo(expected.cost());
                }
                assertThat(reading.serviceKind()).isEqualTo(expected.commodity().serviceCategoryKind());
            }
        }
    }

    @Test
    void feedClippedToTheWindowEqualsTrueIntervalsOfTheWindow() throws Exception {
        Instant from = Instant.parse("2024-02-03T13:15:00Z");
        Instant to = Instant.parse("2024-02-04T02:45:00Z");
        List<String> fedInWindow = feed(List.of(SOLAR_15_MIN), from, to).joinedReadings().stream()
                .filter(r -> r.reading().start() >= from.getEpochSecond() && r.reading().start() < to.getEpochSecond())
                .map(r -> r.flowDirection() + "@" + r.reading().start() + "=" + r.quantity().toPlainString())
                .sorted().toList();
        List<String> truth = MODEL.trueIntervals(SOLAR_15_MIN, from, to)
                .map(t -> t.flow().flowDirection() + "@" + t.start().getEpochSecond() + "=" + t.value().toPlainString())
                .sorted().toList();

        assertThat(fedInWindow).isEqualTo(truth).hasSize(2 * 54);
    }

    @Test
    void oneDayWindowFromMidnightToMidnightReturnsTwoWholeDays() throws Exception {
        Instant midnight = LocalDate.of(2024, 5, 1).atStartOfDay(UsageModel.PACIFIC).toInstant();
        ParsedFeed feed = feed(List.of(HOURLY), midnight, midnight.plusSeconds(86400));

        List<ParsedFeed.Entry> blocks = feed.resources("IntervalBlock");
        assertThat(blocks).extracting(ParsedFeed.Entry::blockStart)
                .containsExactly(midnight.getEpochSecond(), midnight.getEpochSecond() + 86400);
        assertThat(blocks).allSatisfy(block -> assertThat(block.readings()).hasSize(24));
    }

    @Test
    void windowInsideADayReturnsTheWholeDay() throws Exception {
        Instant midnight = LocalDate.of(2024, 5, 1).atStartOfDay(UsageModel.PACIFIC).toInstant();
        ParsedFeed feed = feed(List.of(SOLAR_15_MIN), midnight.plusSeconds(3600 * 10), midnight.plusSeconds(3600 * 11));

        assertThat(feed.resources("IntervalBlock")).hasSize(2).allSatisfy(block -> {
            assertThat(block.blockStart()).isEqualTo(midnight.getEpochSecond());
            assertThat(block.blockDuration()).isEqualTo(86400);
            assertThat(block.readings()).hasSize(96);
        });
    }

    @Test
    void fallBackDayHas25HourlyReadingsIn90000Seconds() throws Exception {
        ParsedFeed.Entry block = onlyBlockOf(HOURLY, LocalDate.of(2024, 11, 3));

        assertThat(block.blockDuration()).isEqualTo(90000);
        assertThat(block.readings()).hasSize(25).allSatisfy(r -> assertThat(r.duration()).isEqualTo(3600));
        assertContiguous(block);
    }

    @Test
    void springForwardDayHas23HourlyReadingsIn82800Seconds() throws Exception {
        ParsedFeed.Entry block = onlyBlockOf(HOURLY, LocalDate.of(2024, 3, 10));

        assertThat(block.blockDuration()).isEqualTo(82800);
        assertThat(block.readings()).hasSize(23);
        assertContiguous(block);
    }

    @Test
    void fifteenMinuteDstDaysHave92And100Readings() throws Exception {
        assertThat(onlyBlockOf(SOLAR_15_MIN, LocalDate.of(2024, 3, 10)).readings()).hasSize(92);
        assertThat(onlyBlockOf(SOLAR_15_MIN, LocalDate.of(2024, 11, 3)).readings()).hasSize(100);
    }

    @Test
    void gasReadingsStartAtLocalMidnightPlusOneSecond() throws Exception {
        Instant from = Instant.parse("2024-01-10T08:00:00Z");
        ParsedFeed feed = feed(List.of(GAS), from, from.plusSeconds(5 * 86400));

        List<ParsedFeed.JoinedReading> readings = feed.joinedReadings();
        assertThat(readings).hasSize(6).allSatisfy(r -> {
            assertThat(r.uom()).isEqualTo(169);
            assertThat(r.powerOfTenMultiplier()).isEqualTo(-8);
            assertThat(r.intervalLength()).isEqualTo(86400);
            assertThat(Instant.ofEpochSecond(r.reading().start()).atZone(UsageModel.PACIFIC).toLocalTime())
                    .hasToString("00:00:01");
            assertThat(r.block().blockStart()).isEqualTo(r.reading().start());
        });
    }

    @Test
    void blocksJoinToTheirReadingTypesThroughLinksEvenWhenFlowsInterleave() throws Exception {
        Instant from = Instant.parse("2024-07-01T07:00:00Z");
        ParsedFeed feed = feed(List.of(SOLAR_15_MIN), from, from.plusSeconds(2 * 86400));

        List<ParsedFeed.Entry> blocks = feed.resources("IntervalBlock");
        List<String> upInDocumentOrder = blocks.stream().map(ParsedFeed.Entry::up).toList();
        // delivered, received, delivered, ...: a client joining by document order mixes the two flows up
        assertThat(upInDocumentOrder.get(0)).isNotEqualTo(upInDocumentOrder.get(1));
        assertThat(upInDocumentOrder.get(0)).isEqualTo(upInDocumentOrder.get(2));

        Map<Integer, List<ParsedFeed.JoinedReading>> byFlow = feed.joinedReadings().stream()
                .collect(Collectors.groupingBy(ParsedFeed.JoinedReading::flowDirection));
        assertThat(byFlow.keySet()).containsExactlyInAnyOrder(1, 19);
        List<TrueInterval> exported = MODEL.publishedIntervals(SOLAR_15_MIN, from, from.plusSeconds(2 * 86400))
                .filter(t -> t.flow() == Flow.RECEIVED).toList();
        assertThat(byFlow.get(19)).extracting(r -> r.quantity().stripTrailingZeros())
                .containsExactlyElementsOf(exported.stream().map(t -> t.value().stripTrailingZeros()).toList());
        assertThat(exported).anySatisfy(t -> assertThat(t.value().signum()).isPositive());
    }

    @Test
    void writesPgePrefixesNamespacesAndXsiTypeNoise() throws Exception {
        Instant from = Instant.parse("2024-07-01T07:00:00Z");
        ParsedFeed feed = feed(List.of(HOURLY), from, from.plusSeconds(3600));

        assertThat(feed.rootNamespace()).isEqualTo(ParsedFeed.ATOM);
        assertThat(feed.rootName()).isEqualTo("feed");
        assertThat(feed.atomPrefixes()).containsExactly("ns1");
        assertThat(feed.espiPrefixes()).containsExactly("ns0");
        assertThat(feed.xsiTypeAttributes()).isGreaterThan(5 * feed.entries().size());
    }

    @Test
    void localTimeParametersAreThoseOfPacificTime() throws Exception {
        Instant from = Instant.parse("2024-07-01T07:00:00Z");
        ParsedFeed.Entry parameters = feed(List.of(HOURLY), from, from.plusSeconds(60))
                .resources("LocalTimeParameters").get(0);

        assertThat(parameters.fields()).containsExactly(
                Map.entry("dstEndRule", "B40E2000"), Map.entry("dstOffset", "3600"),
                Map.entry("dstStartRule", "360E2000"), Map.entry("tzOffset", "-28800"));
    }

    @Test
    void readingTypeHasPgeIdAndFieldsInSchemaOrder() throws Exception {
        Instant from = Instant.parse("2024-07-01T07:00:00Z");
        ParsedFeed feed = feed(List.of(HOURLY, SOLAR_15_MIN), from, from.plusSeconds(60));

        ParsedFeed.Entry hourly = feed.resources("ReadingType").stream()
                .filter(e -> e.self().endsWith("/ReadingType/NzI6bnVsbDozNjAwOjE=")).findFirst().orElseThrow();
        assertThat(hourly.fields().keySet()).containsExactly("accumulationBehaviour", "commodity", "currency",
                "dataQualifier", "defaultQuality", "flowDirection", "intervalLength", "kind", "powerOfTenMultiplier",
                "timeAttribute", "tou", "uom", "measuringPeriod");
        assertThat(hourly.fields()).containsEntry("uom", "72").containsEntry("commodity", "1")
                .containsEntry("kind", "12").containsEntry("accumulationBehaviour", "4")
                .containsEntry("currency", "840").containsEntry("flowDirection", "1")
                .containsEntry("intervalLength", "3600").containsEntry("measuringPeriod", "7");
        assertThat(feed.resources("ReadingType")).extracting(ParsedFeed.Entry::self)
                .anySatisfy(self -> assertThat(self).endsWith("/ReadingType/NzI6bnVsbDo5MDA6MTk="));
    }

    @Test
    void correctedIntervalIsRepublishedWithItsNewValue() throws Exception {
        Instant from = Instant.parse("2024-08-20T07:00:00Z");
        Instant corrected = from.plusSeconds(5 * 3600);
        UsageModel after = MODEL.withCorrection(HOURLY, corrected);

        long before = valueAt(write(MODEL, List.of(HOURLY), from, from.plusSeconds(86400)), corrected);
        long republished = valueAt(write(after, List.of(HOURLY), from, from.plusSeconds(86400)), corrected);

        assertThat(republished).isNotEqualTo(before);
        TrueInterval truth = after.trueIntervals(HOURLY, corrected, corrected.plusSeconds(1)).findFirst().orElseThrow();
        assertThat(truth.value()).isEqualByComparingTo(ReadingType.of(MODEL.usagePoint(HOURLY), Flow.DELIVERED)
                .toUnit(republished));
        assertThat(valueAt(write(after, List.of(HOURLY), from, from.plusSeconds(86400)), corrected.plusSeconds(3600)))
                .isEqualTo(valueAt(write(MODEL, List.of(HOURLY), from, from.plusSeconds(86400)), corrected.plusSeconds(3600)));
    }

    @Test
    void feedWithoutUsagePointsIsValidAtomWithoutEntries() throws Exception {
        ParsedFeed feed = feed(List.of(), Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z"));

        assertThat(feed.rootNamespace()).isEqualTo(ParsedFeed.ATOM);
        assertThat(feed.entries()).isEmpty();
        assertThat(WRITER.hasData(MODEL, List.of(), Instant.EPOCH, Instant.parse("2024-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void feedOutsideTheAvailableDataIsEmpty() throws Exception {
        UsageModel recent = MODEL.withAvailableData(Instant.parse("2023-01-01T08:00:00Z"),
                Instant.parse("2024-01-01T08:00:00Z"));
        Instant from = Instant.parse("2024-03-01T08:00:00Z");

        assertThat(WRITER.hasData(recent, List.of(HOURLY), from, from.plusSeconds(86400))).isFalse();
        assertThat(ParsedFeed.parse(write(recent, List.of(HOURLY), from, from.plusSeconds(86400))).entries()).isEmpty();
        assertThat(WRITER.hasData(recent, List.of(HOURLY), from.minusSeconds(70 * 86400), from)).isTrue();
    }

    @Test
    void bareEmptyFeedIsPgesOneElement() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FeedWriter.writeBareEmptyFeed(out);

        ParsedFeed feed = ParsedFeed.parse(out.toByteArray());
        assertThat(feed.rootName()).isEqualTo("feed");
        assertThat(feed.entries()).isEmpty();
        assertThat(out.toString()).endsWith("<ns1:feed xmlns:ns1=\"http://www.w3.org/2005/Atom\"/>");
    }

    @Test
    void sameModelAndClockGiveTheSameBytes() throws Exception {
        Instant from = Instant.parse("2024-04-01T07:00:00Z");
        assertThat(write(MODEL, List.of(SOLAR_15_MIN, GAS), from, from.plusSeconds(86400)))
                .isEqualTo(write(new UsageModel(42L, MODEL.usagePoints()), List.of(SOLAR_15_MIN, GAS), from,
                        from.plusSeconds(86400)));
    }

    @Test
    void twelveMonthFifteenMinuteFeedCarriesEveryReadingOfEveryDay() throws Exception {
        UsageModel model = new UsageModel(3L, List.of(UsagePointSpec.electric(HOURLY, 900)));
        Instant from = LocalDate.of(2024, 1, 1).atStartOfDay(UsageModel.PACIFIC).toInstant();
        Instant to = LocalDate.of(2024, 12, 31).atStartOfDay(UsageModel.PACIFIC).toInstant();

        List<ParsedFeed.JoinedReading> fed = ParsedFeed.parse(write(model, List.of(HOURLY), from, to)).joinedReadings();
        List<TrueInterval> truth = model.publishedIntervals(HOURLY, from, to).toList();

        assertThat(fed).hasSize(366 * 96).hasSameSizeAs(truth);
        for (int i = 0; i < truth.size(); i++) {
            assertThat(fed.get(i).reading().start()).isEqualTo(truth.get(i).start().getEpochSecond());
            assertThat(fed.get(i).quantity()).isEqualByComparingTo(truth.get(i).value());
        }
    }

    @Test
    void clientHangingUpMidFeedSurfacesAsTheStreamsIoException() {
        Instant from = Instant.parse("2024-01-01T08:00:00Z");
        OutputStream hangsUpAfter64Kb = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 64 * 1024) {
                    throw new IOException("Broken pipe");
                }
            }
        };

        assertThatThrownBy(() -> WRITER.writeFeed(MODEL, List.of(SOLAR_15_MIN), from, from.plusSeconds(365L * 86400),
                hangsUpAfter64Kb)).isInstanceOf(IOException.class).hasMessage("Broken pipe");
    }

    @Test
    void unknownUsagePointIsRefused() {
        assertThatThrownBy(() -> write(MODEL, List.of("9999999999"), Instant.EPOCH, Instant.EPOCH.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9999999999");
    }

    private static ParsedFeed.Entry onlyBlockOf(String id, LocalDate day) throws Exception {
        Instant noon = day.atTime(12, 0).atZone(UsageModel.PACIFIC).toInstant();
        List<ParsedFeed.Entry> blocks = feed(List.of(id), noon, noon.plusSeconds(60)).resources("IntervalBlock");
        return blocks.stream().filter(b -> b.up().contains(EspiLinks.meterReadingId(id, Flow.DELIVERED)))
                .findFirst().orElseThrow();
    }

    private static void assertContiguous(ParsedFeed.Entry block) {
        List<ParsedFeed.Reading> readings = block.readings().stream()
                .sorted(Comparator.comparingLong(ParsedFeed.Reading::start)).toList();
        assertThat(readings.get(0).start()).isEqualTo(block.blockStart());
        for (int i = 1; i < readings.size(); i++) {
            assertThat(readings.get(i).start()).isEqualTo(readings.get(i - 1).start() + readings.get(i - 1).duration());
        }
        ParsedFeed.Reading last = readings.get(readings.size() - 1);
        assertThat(last.start() + last.duration()).isEqualTo(block.blockStart() + block.blockDuration());
    }

    private static long valueAt(byte[] xml, Instant start) throws XMLStreamException {
        return ParsedFeed.parse(xml).joinedReadings().stream()
                .filter(r -> r.reading().start() == start.getEpochSecond()).findFirst().orElseThrow()
                .reading().value();
    }

    private static ParsedFeed feed(List<String> ids, Instant from, Instant to) throws Exception {
        return ParsedFeed.parse(write(MODEL, ids, from, to));
    }

    private static byte[] write(UsageModel model, List<String> ids, Instant from, Instant to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WRITER.writeFeed(model, ids, from, to, out);
        return out.toByteArray();
    }
}
