package dev.metertap.collector.report;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** EMU-2 cost hour by hour at the price then in effect, and the counter's interpolation at hour boundaries. */
class EnergyComparisonTest {

    static final LocalDate DAY = LocalDate.of(2026, 7, 1);
    static final ReportScope SCOPE = new ReportScope(DAY, DAY, ZoneOffset.UTC);

    @Test
    void costsEachHourAtThePriceInEffectThen() {
        MeterHours meter = new MeterHours(SCOPE.start(), 24);
        // 1 kWh an hour, read every 5 minutes (readings off the hour: boundaries are interpolated)
        for (long t = -150; t <= 24 * 3600 + 150; t += 300) {
            meter.add(SCOPE.start().plusSeconds(t), 50 + t / 3600.0, 0);
        }
        PriceHistory prices = new PriceHistory();
        prices.add(SCOPE.start(), new BigDecimal("0.20"), "USD");
        prices.add(SCOPE.start().plusSeconds(16 * 3600), new BigDecimal("0.50"), "USD");
        prices.add(SCOPE.start().plusSeconds(16 * 3600 + 120), new BigDecimal("0.50"), "USD");
        prices.add(SCOPE.start().plusSeconds(21 * 3600), new BigDecimal("0.20"), "USD");

        List<Report.DayEnergy> days = EnergyComparison.days(SCOPE, meter, new UtilityHours(SCOPE.start(), 24), prices);

        assertThat(days).hasSize(1);
        assertThat(days.get(0).emu2DeliveredKwh()).isCloseTo(24, within(1e-9));
        assertThat(days.get(0).emu2Cost()).isCloseTo(19 * 0.20 + 5 * 0.50, within(1e-9));
        assertThat(days.get(0).pgeDeliveredKwh()).isNaN();
    }

    @Test
    void aBoundaryBetweenReadingsFarApartIsUnknown() {
        MeterHours meter = new MeterHours(SCOPE.start(), 24);
        meter.add(SCOPE.start().plusSeconds(3000), 10, 0);
        meter.add(SCOPE.start().plusSeconds(3000 + MeterHours.MAX_BRACKET_SECONDS + 1), 10.2, 0);
        meter.add(SCOPE.start().plusSeconds(7000), 11, 0);
        meter.add(SCOPE.start().plusSeconds(7300), 11.1, 0);
        assertThat(meter.deliveredKwh(1, 2)).as("01:00 lies between readings 601 s apart").isNaN();
        // a reading exactly on the hour needs no neighbour
        meter.add(Instant.EPOCH.plusSeconds(SCOPE.start().getEpochSecond() + 3 * 3600), 12, 0);
        assertThat(meter.deliveredKwh(2, 3)).isCloseTo(12 - (11 + 0.1 * 200 / 300), within(1e-9));
    }
}
