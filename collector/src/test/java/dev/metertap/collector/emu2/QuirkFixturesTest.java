package dev.metertap.collector.emu2;

import dev.metertap.collector.emu2.wire.CurrencyCode;
import dev.metertap.collector.emu2.wire.CurrentSummationDelivered;
import dev.metertap.collector.emu2.wire.DeviceInfo;
import dev.metertap.collector.emu2.wire.DisplayFormat;
import dev.metertap.collector.emu2.wire.Emu2Time;
import dev.metertap.collector.emu2.wire.InstantaneousDemand;
import dev.metertap.collector.emu2.wire.MacId;
import dev.metertap.collector.emu2.wire.MessageCluster;
import dev.metertap.collector.emu2.wire.MeterInfo;
import dev.metertap.collector.emu2.wire.NetworkInfo;
import dev.metertap.collector.emu2.wire.PriceCluster;
import dev.metertap.collector.emu2.wire.Scale;
import dev.metertap.collector.emu2.wire.Warning;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each fixture is a byte stream with one of the device's quirks. It must decode to exactly the
 * expected messages and rejections, fed whole, cut at every offset, and byte by byte.
 */
class QuirkFixturesTest {

    static final MacId DEVICE = new MacId(0xd8d5b90000001234L);
    static final MacId METER = new MacId(0x00135003004f5a6bL);
    static final Emu2Time NOON = new Emu2Time(0x2dedc9c0L);
    static final Emu2Time NOON_10S = new Emu2Time(0x2dedc9caL);
    static final Optional<DisplayFormat> USUAL_FORMAT = Optional.of(new DisplayFormat(3, 6, true));

    static InstantaneousDemand demand(Emu2Time time, int raw) {
        return new InstantaneousDemand(DEVICE, METER, time, raw, Scale.KILO, USUAL_FORMAT);
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("reply-cut-mid-value-then-scheduled-fragment.txt", List.of(demand(NOON_10S, 0x4d2))),
                Arguments.of("stale-tail-at-open.txt", List.of(demand(NOON, 0x4d2), demand(NOON_10S, 0x4d3))),
                Arguments.of("nul-bytes-between-fragments.txt", List.of(demand(NOON, 0x4d2), demand(NOON_10S, 1))),
                Arguments.of("device-info-ff-date-code.txt", List.of(new DeviceInfo(DEVICE,
                        Optional.of("0x8ba7f1dee6c4f5cc"), Optional.of("0x2b6a5e5a9ba2b1b3b1c7c0d0a3f8e1c2"), "2.0.0 (7400)",
                        "2.7.3", Optional.of("0x2201"), "Rainforest Automation, Inc.", "Z105-2-EMU2-LEDD_JM", Optional.empty()))),
                Arguments.of("demand-negative-solar-export.txt", List.of(demand(NOON, -2296))),
                Arguments.of("price-and-summation-sentinels.txt", List.of(
                        new PriceCluster(DEVICE, METER, NOON, PriceCluster.NO_PRICE, new CurrencyCode(840), 0, 0,
                                Optional.empty(), Optional.empty(), Optional.empty()),
                        new CurrentSummationDelivered(DEVICE, METER, NOON, 0x1e8f3aL, 0, new Scale(0, 0),
                                Optional.of(new DisplayFormat(1, 6, true))))),
                Arguments.of("mixed-case-tags.txt", List.of(
                        new InstantaneousDemand(DEVICE, METER, NOON, 0x4d2, Scale.KILO, Optional.empty()))),
                Arguments.of("network-info-without-status-code.txt", List.of(new NetworkInfo(DEVICE,
                        Optional.of(new MacId(0x000781000086d0feL)), "Connected", Optional.of("Successfully Joined"),
                        Optional.empty(), Optional.of(new MacId(0x000781000086d0feL)), Optional.of(25),
                        Optional.of(0xe1aa), 100))),
                Arguments.of("meter-info-numeric-type.txt", List.of(new MeterInfo(DEVICE, METER, "electric",
                        Optional.of("House & garage"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true)))),
                // as another reader parses it: <Type> and <Nickname>
                Arguments.of("meter-info-type-element.txt", List.of(new MeterInfo(DEVICE, METER, "electric",
                        Optional.of("House & garage"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true)))),
                Arguments.of("warning-unknown-command.txt", List.of(new Warning("Unknown command"))),
                Arguments.of("oversized-fragment.txt", List.of(demand(NOON, 0x4d2), demand(NOON_10S, 0x4d3))),
                Arguments.of("message-entities-cp1252.txt", List.of(new MessageCluster(DEVICE, Optional.of(METER), NOON,
                        "0x00000042", "Peak <4pm> & it\u2019s hot \u263a", Optional.of("High"), Optional.of(NOON),
                        Optional.of(Duration.ofSeconds(60)), true, false, "Active"))),
                Arguments.of("semantically-invalid-fragments.txt", List.of(
                        "rejected InstantaneousDemand: Demand is not hex: \"0x00zz92\"",
                        "rejected InstantaneousDemand: TimeStamp missing",
                        demand(NOON_10S, 0x4d3))),
                Arguments.of("doctype-and-entity-attack.txt", List.of(
                        "rejected InstantaneousDemand: SuppressLeadingZero must be Y or N: \"&xxe;\"",
                        demand(NOON_10S, 0x4d3))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesExactlyTheIntactFragments(String fixture, List<Object> expected) {
        assertThat(DecodedStream.whole(DecodedStream.fixture(fixture)).events()).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesTheSameWhereverTheStreamIsCut(String fixture, List<Object> expected) {
        byte[] bytes = DecodedStream.fixture(fixture);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(DecodedStream.split(bytes, cut).events()).as("cut at byte %d", cut).containsExactlyElementsOf(expected);
        }
        assertThat(DecodedStream.byteByByte(bytes).events()).as("byte by byte").containsExactlyElementsOf(expected);
    }

    @org.junit.jupiter.api.Test
    void negativeDemandIsExportNotFourMillionKilowatts() {
        InstantaneousDemand export = (InstantaneousDemand) DecodedStream
                .whole(DecodedStream.fixture("demand-negative-solar-export.txt")).events().get(0);
        assertThat(export.kilowatts()).isEqualByComparingTo("-2.296");
        assertThat(export.timeStamp().instant()).contains(Instant.parse("2024-06-01T12:00:00Z"));
    }

    @org.junit.jupiter.api.Test
    void zeroMultiplierAndDivisorCountAsOne() {
        List<Object> events = DecodedStream.whole(DecodedStream.fixture("price-and-summation-sentinels.txt")).events();
        CurrentSummationDelivered summation = (CurrentSummationDelivered) events.get(1);
        assertThat(summation.deliveredKwh()).isEqualTo(new BigDecimal("2002746"));
        PriceCluster price = (PriceCluster) events.get(0);
        assertThat(price.pricePerKwh()).isEmpty();
        assertThat(price.currency().alphabetic()).isEqualTo("USD");
    }

    @org.junit.jupiter.api.Test
    void countsWhatItSkippedAndWhy() {
        Emu2Decoder decoder = DecodedStream.whole(DecodedStream.fixture("oversized-fragment.txt")).decoder();
        assertThat(decoder.framerCounters().oversized()).isEqualTo(1);
        assertThat(decoder.accepted()).isEqualTo(2);

        decoder = DecodedStream.whole(DecodedStream.fixture("reply-cut-mid-value-then-scheduled-fragment.txt")).decoder();
        assertThat(decoder.framerCounters().clobbered()).isEqualTo(1);

        decoder = DecodedStream.whole(DecodedStream.fixture("nul-bytes-between-fragments.txt")).decoder();
        assertThat(decoder.framerCounters().skippedBytes()).as("3 + 5 NULs and the CRLF after each fragment").isEqualTo(3 + 2 + 5 + 2);

        decoder = DecodedStream.whole(DecodedStream.fixture("semantically-invalid-fragments.txt")).decoder();
        assertThat(decoder.rejectedByReason()).containsOnly(
                java.util.Map.entry("InstantaneousDemand: Demand is not hex", 1L),
                java.util.Map.entry("InstantaneousDemand: TimeStamp missing", 1L));
    }

}
