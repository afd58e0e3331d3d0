package dev.metertap.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

/** The status line fits the terminal and is rewritten in place; a speed not reached is said. */
class StatusLineTest {

    /** 13:05 in Los Angeles (PST, UTC-8) */
    private static final Instant AT = Instant.parse("2026-11-24T21:05:00Z");

    private static StatusLine busy(OptionalDouble reached) {
        return new StatusLine(AT, Optional.of(new BigDecimal("-12.345")), Optional.of(new BigDecimal("123456.789")),
                Optional.of(new BigDecimal("98765.432")), 1_234_567, 123_456, "123/456 windows", reached, 3600);
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {40, 60, 80, 100, 132})
    void fitsTheWidthLeavingTheLastColumnFree(int columns) {
        String line = busy(OptionalDouble.of(1234)).fit(columns);

        assertThat(line.length()).as(line).isLessThanOrEqualTo(columns - 1);
        assertThat(line).startsWith("Nov 24 13:05 | -12.345 kW").doesNotContain("\r", "\n");
    }

    @Test
    void wideTerminalShowsEveryPart() {
        assertThat(busy(OptionalDouble.empty()).fit(250)).isEqualTo("Nov 24 13:05 | -12.345 kW"
                + " | 123456.789 kWh in, 98765.432 out | PG&E 123/456 windows | 1234567 fragments, 123456 cut short");
    }

    @Test
    void eightyColumnsHoldTimeDemandTotalsAndPge() {
        StatusLine typical = new StatusLine(AT, Optional.of(new BigDecimal("1.234")), Optional.of(new BigDecimal("12345.678")),
                Optional.of(new BigDecimal("1234.567")), 12_345, 1_234, "1351 intervals", OptionalDouble.empty(), 3600);

        assertThat(typical.fit(80)).isEqualTo("Nov 24 13:05 | 1.234 kW | 12345.678 kWh in, 1234.567 out | PG&E 1351 intervals");
    }

    @Test
    void speedNotReachedIsSaidAtEightyColumns() {
        assertThat(busy(OptionalDouble.of(1234.4)).fit(80)).contains("speed 1234x of 3600x");
        assertThat(busy(OptionalDouble.empty()).fit(80)).doesNotContain("speed");
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlaceCoveringALongerOne() {
        String shown = DemoRun.Progress.LIVE.show("short", 80);

        assertThat(shown).startsWith("\r").doesNotContain("\n").hasSize(1 + 79);
        assertThat(DemoRun.Progress.LOG.show("short", 80)).isEqualTo("short" + System.lineSeparator());
    }

    @Test
    void widthComesFromColumnsElseEighty() {
        assertThat(Terminal.columns(Map.of("COLUMNS", "132"))).isEqualTo(132);
        assertThat(Terminal.columns(Map.of())).isEqualTo(80);
        assertThat(Terminal.columns(Map.of("COLUMNS", "wide"))).isEqualTo(80);
        assertThat(Terminal.columns(Map.of("COLUMNS", "3"))).isEqualTo(80);
    }
}
