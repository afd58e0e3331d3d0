package dev.metertap.collector.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The period's always-on figures from its nights, and the answer in words ({@link Verdict}). */
final class BaselineSummary {

    static final double HOURS_PER_YEAR = 8760;

    private BaselineSummary() {
    }

    /**
     * @param preferred the source the nights were measured on by preference (for {@code auto}: the one chosen)
     * @param tariff    the price for the costs, or null
     */
    static Report.Baseline of(List<Report.NightBaseline> nights, ReportScope scope, BaselineSource preferred,
                              List<Report.DayEnergy> days, Report.Tariff tariff) {
        if (nights.isEmpty()) {
            return new Report.Baseline(0, Double.NaN, Double.NaN, Double.NaN, preferred, null, null, Double.NaN, Double.NaN,
                    tariff, Double.NaN, costPerYear(100, tariff), IdleLoadStudies.ALL, Verdict.noNights(scope.source()));
        }
        double[] watts = nights.stream().mapToDouble(Report.NightBaseline::watts).sorted().toArray();
        double median = BaselineChange.median(watts, 0, watts.length);
        Report.Trend trend = BaselineChange.trend(nights);
        Report.Step step = BaselineChange.step(nights);
        double share = sharePercent(median, preferred, days, scope.zone());
        return new Report.Baseline(nights.size(), median, watts[0], watts[watts.length - 1], preferred, trend, step,
                median / 1000 * HOURS_PER_YEAR, share, tariff, costPerYear(median, tariff), costPerYear(100, tariff),
                IdleLoadStudies.ALL, Verdict.say(median, nights, share, tariff, step, trend));
    }

    /**
     * The always-on energy over the days whose grid energy is known on the preferred source (else the other),
     * as a share of that energy.
     */
    static double sharePercent(double watts, BaselineSource preferred, List<Report.DayEnergy> days, ZoneId zone) {
        double hours = 0;
        double kwh = 0;
        for (Report.DayEnergy d : days) {
            double emu2 = d.emu2DeliveredKwh();
            double pge = d.pgeComplete() ? d.pgeDeliveredKwh() : Double.NaN;
            double day = preferred == BaselineSource.PGE ? (Double.isNaN(pge) ? emu2 : pge) : (Double.isNaN(emu2) ? pge : emu2);
            if (!Double.isNaN(day) && day > 0) {
                hours += hoursIn(d.day(), zone);
                kwh += day;
            }
        }
        return kwh == 0 ? Double.NaN : 100 * watts / 1000 * hours / kwh;
    }

    private static double costPerYear(double watts, Report.Tariff tariff) {
        return tariff == null ? Double.NaN : watts / 1000 * HOURS_PER_YEAR * tariff.perKwh().doubleValue();
    }

    private static double hoursIn(LocalDate day, ZoneId zone) {
        return (day.plusDays(1).atStartOfDay(zone).toEpochSecond() - day.atStartOfDay(zone).toEpochSecond()) / 3600.0;
    }

    /** PG&E's average price: its cost of delivered energy over that energy, to 4 significant digits. */
    static BigDecimal averagePrice(double cost, double kwh) {
        return new BigDecimal(cost / kwh, new MathContext(4));
    }
}
