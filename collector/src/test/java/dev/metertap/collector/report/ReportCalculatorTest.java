package dev.metertap.collector.report;

import dev.metertap.collector.store.Store;
import dev.metertap.simulator.device.HouseholdLoad;
import dev.metertap.simulator.device.LoadSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report's figures against a house with known answers: the simulator's household load with a
 * 180 W base (no appliances, so the base is the only always-on load), an oven every evening, one EV
 * charge across midnight, a 90-minute live-data gap, and PG&E reporting 2 % less than the meter.
 * The period spans the end of daylight saving time (a 25-hour day).
 *
 * <p>Tolerance for the baseline: 180 W ± 5 W. The model adds uniform noise of ±30 W per 8 s slot
 * (a one-hour mean has a standard deviation under 1 W, and the night's minimum of about 300
 * overlapping hours sits a few standard deviations low) plus under 1 W of the morning shape.
 */
class ReportCalculatorTest {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final LocalDate FIRST = LocalDate.of(2026, 10, 26);
    static final LocalDate LAST = LocalDate.of(2026, 11, 8);
    static final BigDecimal PRICE = new BigDecimal("0.30");
    static final double PGE_FACTOR = 0.98;
    static final ZonedDateTime EV_START = LocalDateTime.of(2026, 10, 28, 23, 0).atZone(ZONE);
    static final long GAP_FROM = LocalDateTime.of(2026, 10, 30, 2, 10).atZone(ZONE).toEpochSecond();
    static final long GAP_TO = LocalDateTime.of(2026, 10, 30, 3, 40).atZone(ZONE).toEpochSecond();

    @TempDir
    static Path dir;
    static SyntheticHouse house;
    static Report report;
    static ReportScope scope;

    @BeforeAll
    static void calculate() {
        HouseholdLoad load = new HouseholdLoad(42, new LoadSettings(ZONE, 180, 0, false));
        house = new SyntheticHouse(load, ReportCalculatorTest::ovenAndCar, 0, PGE_FACTOR, t -> t >= GAP_FROM && t < GAP_TO);
        scope = new ReportScope(FIRST, LAST, ZONE);
        try (Store store = Store.open(dir.resolve("house.db"))) {
            house.writeTo(store, scope.start(), scope.end(), PRICE);
            report = new ReportCalculator(store).calculate(scope);
        }
    }

    /** An oven (2.4 kW) every evening 18:00 to 18:45, and an EV (7.2 kW) charging 23:00 to 02:00 once. */
    static int ovenAndCar(long t) {
        ZonedDateTime local = Instant.ofEpochSecond(t).atZone(ZONE);
        int minute = local.getHour() * 60 + local.getMinute();
        int watts = minute >= 18 * 60 && minute < 18 * 60 + 45 ? 2400 : 0;
        long ev = EV_START.toEpochSecond();
        return watts + (t >= ev && t < ev + 3 * 3600 ? 7200 : 0);
    }

    @Test
    void reportsTheSimulated180WattBaseEveryNight() {
        assertThat(report.nights()).hasSize(14);
        assertThat(report.nights()).allSatisfy(n -> assertThat(n.watts()).isCloseTo(180, within(5.0)));
        assertThat(report.baseline().medianWatts()).isCloseTo(180, within(5.0));
        // the nightly minima scatter by about ±2 W; over 14 nights a least-squares slope then has a
        // standard error near 4 W per 30 days: a flat base must not show a trend beyond that
        assertThat(report.baseline().trend().wattsPer30Days()).isCloseTo(0, within(8.0));
    }

    @Test
    void baselineCostsItsYearlyEnergyAtTheStoredPrice() {
        Report.Baseline b = report.baseline();
        assertThat(b.kwhPerYear()).isCloseTo(b.medianWatts() * 8.76, within(1e-9));
        assertThat(b.costPerYear()).isCloseTo(b.medianWatts() * 8.76 * 0.30, within(1e-9));
        assertThat(report.price().perKwh()).isEqualByComparingTo(PRICE);
    }

    @Test
    void dailyEnergyIsTheSummationDeltaAcrossEachLocalDay() {
        assertThat(report.days()).hasSize(14);
        for (Report.DayEnergy day : report.days()) {
            int from = hourIndex(day.day());
            int to = hourIndex(day.day().plusDays(1));
            double expected = house.cumulativeAtHour.get(to) - house.cumulativeAtHour.get(from);
            assertThat(day.emu2DeliveredKwh()).as("EMU-2 %s", day.day()).isCloseTo(expected, within(1e-5));
            assertThat(day.emu2Cost()).isCloseTo(expected * 0.30, within(1e-5));
            double pge = house.pgeAtHour.subList(from, to).stream().mapToDouble(Double::doubleValue).sum();
            assertThat(day.pgeDeliveredKwh()).as("PG&E %s", day.day()).isCloseTo(pge, within(1e-6));
            assertThat(day.pgeComplete()).isTrue();
        }
        Report.DayEnergy fallBack = report.days().get(6);
        assertThat(fallBack.day()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(hourIndex(fallBack.day().plusDays(1)) - hourIndex(fallBack.day())).isEqualTo(25);
    }

    @Test
    void flagsExactlyTheHoursWhoseLiveDataHadAGap() {
        List<ZonedDateTime> gaps = report.hours().stream().filter(Report.HourComparison::gap)
                .map(h -> h.start().atZone(ZONE)).toList();
        assertThat(gaps).containsExactly(LocalDateTime.of(2026, 10, 30, 2, 0).atZone(ZONE),
                LocalDateTime.of(2026, 10, 30, 3, 0).atZone(ZONE));
        assertThat(report.hours()).filteredOn(Report.HourComparison::gap)
                .allSatisfy(h -> assertThat(h.differenceKwh()).isNaN());
    }

    @Test
    void textListsTheGapAsOneRange() {
        java.io.StringWriter text = new java.io.StringWriter();
        TextReport.write(report, new java.io.PrintWriter(text));
        assertThat(text.toString()).contains("EMU-2 gap hours (not counted as differences): 2:\n  2026-10-30 02:00 to 2026-10-30 04:00 (2 h)\n");
    }

    @Test
    void comparesEachHourWithPgeIndependentlyComputed() {
        assertThat(report.hours()).hasSize(14 * 24 + 1);
        for (int h = 0; h < report.hours().size(); h++) {
            Report.HourComparison hour = report.hours().get(h);
            if (hour.gap()) {
                continue;
            }
            double emu2 = house.cumulativeAtHour.get(h + 1) - house.cumulativeAtHour.get(h);
            double pge = house.pgeAtHour.get(h);
            assertThat(hour.emu2Kwh()).isCloseTo(emu2, within(1e-5));
            assertThat(hour.pgeKwh()).isCloseTo(pge, within(1e-9));
            assertThat(hour.differenceKwh()).isCloseTo(emu2 - pge, within(1e-5));
            assertThat(hour.differencePercent()).isCloseTo((1 / PGE_FACTOR - 1) * 100, within(0.05));
        }
    }

    @Test
    void comparesDaysOverTheHoursBothCoverLeavingGapHoursOut() {
        Report.DayComparison gapDay = report.dayComparisons().get(4);
        assertThat(gapDay.day()).isEqualTo(LocalDate.of(2026, 10, 30));
        assertThat(gapDay.gapHours()).isEqualTo(2);
        assertThat(gapDay.comparedHours()).isEqualTo(22);
        int from = hourIndex(gapDay.day());
        double emu2 = 0;
        double pge = 0;
        for (int h = from; h < from + 24; h++) {
            if (h - from == 2 || h - from == 3) {
                continue;
            }
            emu2 += house.cumulativeAtHour.get(h + 1) - house.cumulativeAtHour.get(h);
            pge += house.pgeAtHour.get(h);
        }
        assertThat(gapDay.emu2Kwh()).isCloseTo(emu2, within(1e-4));
        assertThat(gapDay.differenceKwh()).isCloseTo(emu2 - pge, within(1e-4));
        assertThat(gapDay.differencePercent()).isCloseTo(100 * (emu2 - pge) / pge, within(1e-3));
        assertThat(report.dayComparisons()).filteredOn(d -> !d.day().equals(gapDay.day()))
                .allSatisfy(d -> assertThat(d.gapHours()).isZero());
    }

    @Test
    void findsTheCarChargeAcrossMidnightAsTheLargestSustainedLoadAndTheOvens() {
        Report.SustainedLoad car = report.sustainedLoads().get(0);
        assertThat(car.start()).isEqualTo(EV_START);
        assertThat(car.minutes()).isEqualTo(180);
        assertThat(car.kwAboveBaseline()).isCloseTo(7.2, within(0.05));
        assertThat(report.sustainedLoads()).hasSize(10);
        assertThat(report.sustainedLoads().subList(1, 10)).allSatisfy(oven -> {
            assertThat(oven.start().toLocalTime()).hasToString("18:00");
            assertThat(oven.minutes()).isEqualTo(45);
            // the oven sits on the evening shape's shoulder (about 0.7 kW at 18:00)
            assertThat(oven.kwAboveBaseline()).isBetween(2.4 + 0.6, 2.4 + 0.85);
        });
    }

    @Test
    void averagesDemandByLocalHourOfDay() {
        Report.HourOfDay three = report.hourOfDay().get(3);
        assertThat(three.averageKw()).isCloseTo(0.180, within(0.005));
        Report.HourOfDay six = report.hourOfDay().get(18);
        assertThat(six.averageKw()).isGreaterThan(2.0);
    }

    private static int hourIndex(LocalDate day) {
        return (int) ((day.atStartOfDay(ZONE).toEpochSecond() - scope.start().getEpochSecond()) / 3600);
    }
}
