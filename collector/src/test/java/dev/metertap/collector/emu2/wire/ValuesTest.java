package dev.metertap.collector.emu2.wire;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ValuesTest {

    @Test
    void scaleIsExactAndTreatsZeroAsOne() {
        assertThat(Scale.KILO.apply(1234)).isEqualTo(new BigDecimal("1.234"));
        assertThat(Scale.KILO.apply(-2296)).isEqualTo(new BigDecimal("-2.296"));
        assertThat(new Scale(0, 0).apply(7)).isEqualTo(new BigDecimal("7"));
        assertThat(new Scale(3, 1000).apply(1000)).isEqualTo(new BigDecimal("3.000"));
        assertThat(new Scale(1, 3).apply(1)).isEqualByComparingTo("0.33333333333333333333");
        assertThat(Scale.KILO.applyUnsigned(-1L)).as("a full 64-bit register").isEqualTo(new BigDecimal("18446744073709551.615"));
    }

    @Test
    void deviceTimeCountsFrom2000AndHasASentinel() {
        assertThat(new Emu2Time(0x2dedc9c0L).instant()).contains(Instant.parse("2024-06-01T12:00:00Z"));
        assertThat(new Emu2Time(Emu2Time.ABSENT).instant()).isEmpty();
        assertThat(Emu2Time.of(Instant.parse("2000-01-01T00:00:10Z")).seconds()).isEqualTo(10);
    }

    @Test
    void macIdsPrintAtFullWidth() {
        assertThat(new MacId(0x135003004f5a6bL)).hasToString("0x00135003004f5a6b");
        assertThat(MacId.parse("0xD8D5B90000001234")).isEqualTo(new MacId(0xd8d5b90000001234L));
    }

    @Test
    void currencyByIsoNumber() {
        assertThat(new CurrencyCode(840).alphabetic()).isEqualTo("USD");
        assertThat(new CurrencyCode(978).alphabetic()).isEqualTo("EUR");
        assertThat(new CurrencyCode(1).alphabetic()).isEqualTo("1");
    }

    @Test
    void textIsWindows1252WithEntities() {
        assertThat(Emu2Text.decode("caf\u00e9 \u0080 &lt;b&gt; &#65;&#x42; &bogus; &")).isEqualTo("caf\u00e9 \u20ac <b> AB &bogus; &");
    }
}
