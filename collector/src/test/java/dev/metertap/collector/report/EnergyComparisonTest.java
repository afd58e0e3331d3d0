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
        MeterHours meter = new MeterHours(SCOPE.start(), 24, new DemandMinutes(SCOPE.start(), SCOPE.end()));
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
        MeterHours meter = new MeterHours(SCOPE.start(), 24, new DemandMinutes(SCOPE.start(), SCOPE.end()));
        meter.add(SCOPE.start().plusSeconds(3000), 10, 0);
        meter.add(SCOPE.start().plusSeconds(3000 + MeterHours.MAX_BRACKET_SECONDS + 1), 10.2, 0);
        meter.add(SCOPE.start().plusSeconds(7000), 11, 0);
        meter.add(SCOPE.start().plusSeconds(7300), 11.1, 0);
        assertThat(meter.deliveredKwh(1, 2)).as("01:00 lies between readings 601 s apart").isNaN();
        // a reading exactly on the hour needs no neighbour
        meter.add(Instant.EPOCH.plusSeconds(SCOPE.start().getEpochSecond() + 3 * 3600), 12, 0);
        assertThat(meter.deliveredKwh(2, 3)).isCloseTo(12 - (11 + 0.1 * 200 / 300), within(1e-9));
    }

    @Test
    void theDemandReadingsTellWhenInABracketTheEnergyWasDrawn() {
        // an EV charging at 7.2 kW over a 0.3 kW house stops at 01:01:00; summations 5 minutes apart (00:58:20, 01:03:20)
        long stop = 3600 + 60;
        DemandMinutes demand = new DemandMinutes(SCOPE.start(), SCOPE.end());
        for (long t = 0; t <= 7200; t += 10) {
            demand.add(SCOPE.start().plusSeconds(t), t < stop ? 7.5 : 0.3);
        }
        demand.finish();
        MeterHours meter = new MeterHours(SCOPE.start(), 24, demand);
        for (long t = -100; t <= 7400; t += 300) {
            meter.add(SCOPE.start().plusSeconds(t), evCharged(t, stop), 0);
        }
        // hand computation: 00:00 to 01:00 at 7.5 kW, then 60 s at 7.5 and 3540 s at 0.3
        assertThat(meter.deliveredKwh(0, 1)).isCloseTo(7.5, within(1e-6));
        assertThat(meter.deliveredKwh(1, 2)).isCloseTo((60 * 7.5 + 3540 * 0.3) / 3600, within(1e-6));
        // without demand the boundary is placed by time: a third of the bracket's 0.345 kWh before 01:00, 0.093 kWh too few
        MeterHours byTime = new MeterHours(SCOPE.start(), 24, new DemandMinutes(SCOPE.start(), SCOPE.end()));
        for (long t = -100; t <= 7400; t += 300) {
            byTime.add(SCOPE.start().plusSeconds(t), evCharged(t, stop), 0);
        }
        assertThat(byTime.deliveredKwh(1, 2) - meter.deliveredKwh(1, 2)).isCloseTo(0.0933, within(1e-4));
    }

    /** The meter's total at {@code t}: 7.5 kW until {@code stop}, 0.3 kW after. */
    private static double evCharged(long t, long stop) {
        return 100 + (Math.min(t, stop) * 7.5 + Math.max(0, t - stop) * 0.3) / 3600;
    }

    @Test
    void daysBeforeTheEmu2WasPluggedInAreNotCompared() {
        ReportScope twoDays = new ReportScope(DAY, DAY.plusDays(1), ZoneOffset.UTC);
        UtilityHours utility = new UtilityHours(twoDays.start(), 48);
        for (int h = 0; h < 48; h++) {
            utility.add(twoDays.start().plusSeconds(3600L * h), 3600, true, 0.5, null);
        }
        MeterHours meter = new MeterHours(twoDays.start(), 48, new DemandMinutes(twoDays.start(), twoDays.end()));
        for (long t = 24 * 3600; t <= 48 * 3600; t += 300) {
            meter.add(twoDays.start().plusSeconds(t), 10 + (t - 24 * 3600) / 7200.0, 0);
        }

        List<Report.DayComparison> days = EnergyComparison.dayComparisons(twoDays,
                EnergyComparison.hours(meter, utility, twoDays.start(), 48));

        assertThat(days).singleElement().satisfies(day -> {
            assertThat(day.day()).isEqualTo(DAY.plusDays(1));
            assertThat(day.comparedHours()).isEqualTo(24);
            assertThat(day.differenceKwh()).isCloseTo(0, within(1e-9));
        });
    }
}
