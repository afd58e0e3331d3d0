package dev.metertap.collector.reading;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineProtocolTest {

    private static final Instant T = Instant.parse("2026-11-23T20:15:42.987Z");

    @Test
    void demandLineMatchesTheDataModel() {
        assertThat(LineProtocol.encode(new DemandReading("0xd8d5b9000000a1b2", "0x00135001000c3f4e", T, new BigDecimal("-1.250")).toPoint()))
                .isEqualTo("emu2_demand,device=0xd8d5b9000000a1b2,meter=0x00135001000c3f4e kw=-1.250 1795464942");
    }

    @Test
    void summationLineKeepsEveryDigit() {
        assertThat(LineProtocol.encode(new SummationReading("d", "m", T, new BigDecimal("12345.678"), new BigDecimal("0.000")).toPoint()))
                .isEqualTo("emu2_summation,device=d,meter=m delivered_kwh=12345.678,received_kwh=0.000 1795464942");
    }

    @Test
    void priceLineHasCurrencyTagAndIntegerTier() {
        assertThat(LineProtocol.encode(new PriceReading("d", "m", T, "USD", new BigDecimal("0.31250"), 2).toPoint()))
                .isEqualTo("emu2_price,device=d,meter=m,currency=USD price=0.31250,tier=2i 1795464942");
    }

    @Test
    void linkLineQuotesTheStatus() {
        assertThat(LineProtocol.encode(new LinkReading("d", "m", T, "Connected", 100).toPoint()))
                .isEqualTo("emu2_link,device=d,meter=m status=\"Connected\",link_strength=100i 1795464942");
    }

    @Test
    void intervalLineWithAndWithoutCostAndTou() {
        Instant start = Instant.parse("2026-11-22T08:00:00Z");
        assertThat(LineProtocol.encode(new IntervalReading("1234567890", IntervalReading.Commodity.ELECTRICITY,
                IntervalReading.Flow.DELIVERED, IntervalReading.Unit.KWH, 900, start, new BigDecimal("0.412"), 19,
                new BigDecimal("0.13"), 1).toPoint()))
                .isEqualTo("pge_interval,usage_point=1234567890,commodity=electricity,flow=delivered,unit=kWh,interval_s=900 "
                        + "value=0.412,quality=19i,cost=0.13,tou=1i 1795334400");
        assertThat(LineProtocol.encode(new IntervalReading("up", IntervalReading.Commodity.GAS,
                IntervalReading.Flow.RECEIVED, IntervalReading.Unit.THERM, 86400, start, new BigDecimal("1.5"), 0,
                null, null).toPoint()))
                .isEqualTo("pge_interval,usage_point=up,commodity=gas,flow=received,unit=therm,interval_s=86400 "
                        + "value=1.5,quality=0i 1795334400");
    }

    @Test
    void baselineLineIsOnePointPerNightWithTheSourceAsAField() {
        Instant midnight = Instant.parse("2026-11-22T08:00:00Z"); // 00:00 in California
        Point point = BaselineReading.of(midnight, 231.04999, "pge").toPoint();
        assertThat(LineProtocol.encode(point)).isEqualTo("baseline_night watts=231.0,source=\"pge\" 1795334400");
        assertThat(LineProtocol.encode(BaselineReading.of(midnight, 180, "emu2").toPoint()))
                .isEqualTo("baseline_night watts=180.0,source=\"emu2\" 1795334400");
        assertThat(LineProtocol.decode(LineProtocol.encode(point))).isEqualTo(point);
        assertThat(point.tags()).as("no tags: the night measured on another source is the same point").isEmpty();
        assertThatThrownBy(() -> BaselineReading.of(midnight, 180, "auto")).hasMessageContaining("emu2 or pge");
        assertThatThrownBy(() -> BaselineReading.of(midnight, Double.NaN, "emu2")).hasMessageContaining("NaN");
    }

    @Test
    void escapesCommasSpacesAndEqualsInNamesButLeavesBackslashesAsInfluxReadsThem() {
        Point point = new Point("my measure,x=1", List.of(new Tag("a key", "v,a=l\\ue")),
                List.of(Field.string("f=k", "say \"hi\" \\ bye")), T);
        assertThat(LineProtocol.encode(point))
                .isEqualTo("my\\ measure\\,x=1,a\\ key=v\\,a\\=l\\ue f\\=k=\"say \\\"hi\\\" \\\\ bye\" 1795464942");
    }

    @Test
    void newlinesCannotTravelAndBecomeSpaces() {
        Point point = new Point("m", List.of(new Tag("t", "a\nb")), List.of(Field.string("s", "x\r\ny")), T);
        assertThat(LineProtocol.encode(point)).isEqualTo("m,t=a\\ b s=\"x  y\" 1795464942");
    }

    @Test
    void secondsPrecisionDropsFractions() {
        Point point = new Point("m", List.of(), List.of(Field.integer("n", -7)), Instant.parse("1970-01-01T00:00:00.999Z"));
        assertThat(LineProtocol.encode(point)).isEqualTo("m n=-7i 0");
    }

    @Test
    void decodeReadsBackWhatEncodeWrote() {
        Point point = new Point("my measure,x=1", List.of(new Tag("a key", "v,a=l\\ue"), new Tag("device", "d")),
                List.of(Field.string("f=k", "say \"hi\" \\ bye"), Field.decimal("kw", new BigDecimal("-0.0100")),
                        Field.integer("tier", 3)), Instant.ofEpochSecond(T.getEpochSecond()));
        assertThat(LineProtocol.decode(LineProtocol.encode(point))).isEqualTo(point);
    }
}
