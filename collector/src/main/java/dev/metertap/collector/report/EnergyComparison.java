package dev.metertap.collector.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Daily energy from both sources, and EMU-2 versus PG&E hour by hour and day by day. */
final class EnergyComparison {

    private EnergyComparison() {
    }

    /**
     * Each hour of the period, EMU-2 versus PG&E, or none when only one of them has data in the period (there
     * is nothing to compare). A gap is an hour without EMU-2 energy between its first and last known hour:
     * hours before the EMU-2 was installed or after it stopped are not covered, not gaps.
     */
    static List<Report.HourComparison> hours(MeterHours meter, UtilityHours utility, Instant start, int hours) {
        int firstMeter = -1;
        int lastMeter = -1;
        boolean anyUtility = false;
        for (int h = 0; h < hours; h++) {
            if (!Double.isNaN(meter.deliveredKwh(h, h + 1))) {
                firstMeter = firstMeter < 0 ? h : firstMeter;
                lastMeter = h;
            }
            anyUtility |= utility.any(h);
        }
        if (firstMeter < 0 || !anyUtility) {
            return List.of();
        }
        List<Report.HourComparison> result = new ArrayList<>(hours);
        for (int h = 0; h < hours; h++) {
            double emu2 = meter.deliveredKwh(h, h + 1);
            double pge = utility.complete(h) ? utility.deliveredKwh(h) : Double.NaN;
            boolean gap = Double.isNaN(emu2) && h > firstMeter && h < lastMeter;
            double difference = emu2 - pge;
            result.add(new Report.HourComparison(start.plusSeconds(3600L * h), emu2, pge, gap, difference,
                    percent(difference, pge)));
        }
        return result;
    }

    static List<Report.DayEnergy> days(ReportScope scope, MeterHours meter, UtilityHours utility, PriceHistory prices) {
        List<Report.DayEnergy> result = new ArrayList<>();
        long startSecond = scope.start().getEpochSecond();
        for (LocalDate day = scope.firstDay(); !day.isAfter(scope.lastDay()); day = day.plusDays(1)) {
            int from = hourIndex(day, scope, startSecond);
            int to = hourIndex(day.plusDays(1), scope, startSecond);
            double delivered = meter.deliveredKwh(from, to);
            double received = meter.receivedKwh(from, to);
            double pgeDelivered = 0;
            double pgeReceived = 0;
            double pgeCost = 0;
            boolean anyPge = false;
            boolean anyCost = false;
            boolean complete = true;
            for (int h = from; h < to; h++) {
                anyPge |= utility.any(h);
                complete &= utility.complete(h);
                pgeDelivered += utility.deliveredKwh(h);
                pgeReceived += utility.receivedKwh(h);
                if (!Double.isNaN(utility.cost(h))) {
                    pgeCost += utility.cost(h);
                    anyCost = true;
                }
            }
            result.add(new Report.DayEnergy(day, delivered, received, emu2Cost(meter, prices, startSecond, from, to, delivered - received),
                    anyPge ? pgeDelivered : Double.NaN, anyPge ? pgeReceived : Double.NaN, anyPge && complete,
                    anyCost ? pgeCost : Double.NaN));
        }
        return result;
    }

    /** Hour by hour at the price then in effect when every hour is known, else the day's net energy at the day's first price. */
    private static double emu2Cost(MeterHours meter, PriceHistory prices, long startSecond, int from, int to, double netKwh) {
        if (prices.latest() == null || Double.isNaN(netKwh)) {
            return Double.NaN;
        }
        double cost = 0;
        for (int h = from; h < to; h++) {
            double net = meter.deliveredKwh(h, h + 1) - meter.receivedKwh(h, h + 1);
            if (Double.isNaN(net)) {
                return netKwh * prices.at(startSecond + 3600L * from).doubleValue();
            }
            BigDecimal price = prices.at(startSecond + 3600L * h);
            cost += net * price.doubleValue();
        }
        return cost;
    }

    /** The days with an hour both sources cover or an EMU-2 gap hour, each summed over the hours both cover. */
    static List<Report.DayComparison> dayComparisons(ReportScope scope, List<Report.HourComparison> hours) {
        List<Report.DayComparison> result = new ArrayList<>();
        if (hours.isEmpty()) {
            return result;
        }
        long startSecond = scope.start().getEpochSecond();
        for (LocalDate day = scope.firstDay(); !day.isAfter(scope.lastDay()); day = day.plusDays(1)) {
            int compared = 0;
            int gaps = 0;
            double emu2 = 0;
            double pge = 0;
            for (int h = hourIndex(day, scope, startSecond); h < hourIndex(day.plusDays(1), scope, startSecond); h++) {
                Report.HourComparison hour = hours.get(h);
                if (hour.gap()) {
                    gaps++;
                } else if (!Double.isNaN(hour.pgeKwh()) && !Double.isNaN(hour.emu2Kwh())) {
                    compared++;
                    emu2 += hour.emu2Kwh();
                    pge += hour.pgeKwh();
                }
            }
            if (compared == 0 && gaps == 0) {
                continue;
            }
            double difference = compared == 0 ? Double.NaN : emu2 - pge;
            result.add(new Report.DayComparison(day, compared, gaps, compared == 0 ? Double.NaN : emu2,
                    compared == 0 ? Double.NaN : pge, difference, percent(difference, pge)));
        }
        return result;
    }

    private static int hourIndex(LocalDate day, ReportScope scope, long startSecond) {
        return (int) ((day.atStartOfDay(scope.zone()).toEpochSecond() - startSecond) / 3600);
    }

    static double percent(double difference, double reference) {
        return Double.isNaN(difference) || reference == 0 ? Double.NaN : 100 * difference / reference;
    }
}
