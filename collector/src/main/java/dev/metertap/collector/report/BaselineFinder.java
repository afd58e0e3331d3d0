package dev.metertap.collector.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The always-on load: for each night (00:00 to 06:00 local, when a household sleeps and only
 * always-on devices run), the lowest mean demand over any 60 consecutive minutes. An hour counts
 * only when demand covered at least 90 % of it, so a gap cannot fake a low floor. A whole hour,
 * not a single reading, so that a fridge cycling on and off is part of the floor and noise is not.
 */
final class BaselineFinder {

    static final LocalTime NIGHT_END = LocalTime.of(6, 0);
    static final int WINDOW_MINUTES = 60;
    static final double MIN_COVERAGE = 0.9;
    static final double HOURS_PER_YEAR = 8760;

    private BaselineFinder() {
    }

    static List<Report.NightBaseline> nights(DemandMinutes minutes, ReportScope scope) {
        List<Report.NightBaseline> nights = new ArrayList<>();
        for (LocalDate day = scope.firstDay(); !day.isAfter(scope.lastDay()); day = day.plusDays(1)) {
            ZonedDateTime nightStart = day.atStartOfDay(scope.zone());
            long from = (nightStart.toEpochSecond() - minutes.startSecond()) / 60;
            long to = (day.atTime(NIGHT_END).atZone(scope.zone()).toEpochSecond() - minutes.startSecond()) / 60;
            double best = Double.NaN;
            long bestStart = -1;
            double sum = 0;
            long covered = 0;
            for (long m = from; m < to; m++) {
                sum += minutes.kwSeconds((int) m);
                covered += minutes.coveredSeconds((int) m);
                if (m - from >= WINDOW_MINUTES) {
                    sum -= minutes.kwSeconds((int) (m - WINDOW_MINUTES));
                    covered -= minutes.coveredSeconds((int) (m - WINDOW_MINUTES));
                }
                if (m - from + 1 >= WINDOW_MINUTES && covered >= MIN_COVERAGE * WINDOW_MINUTES * 60) {
                    double watts = 1000 * sum / covered;
                    if (Double.isNaN(best) || watts < best) {
                        best = watts;
                        bestStart = m - WINDOW_MINUTES + 1;
                    }
                }
            }
            if (!Double.isNaN(best)) {
                LocalTime start = nightStart.plusMinutes(bestStart - from).toLocalTime();
                nights.add(new Report.NightBaseline(day, best, start, BaselineSource.EMU2, best, Double.NaN));
            }
        }
        return nights;
    }

    static Report.Baseline summary(List<Report.NightBaseline> nights, BigDecimal price) {
        if (nights.isEmpty()) {
            return new Report.Baseline(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] watts = nights.stream().mapToDouble(Report.NightBaseline::watts).sorted().toArray();
        double median = watts.length % 2 == 1 ? watts[watts.length / 2]
                : (watts[watts.length / 2 - 1] + watts[watts.length / 2]) / 2;
        double kwhPerYear = median / 1000 * HOURS_PER_YEAR;
        double cost = price == null ? Double.NaN : kwhPerYear * price.doubleValue();
        return new Report.Baseline(nights.size(), median, watts[0], watts[watts.length - 1], trendPer30Days(nights),
                kwhPerYear, cost);
    }

    /** Least-squares slope of the nightly floor against the date, in W per 30 days; NaN with fewer than two nights. */
    static double trendPer30Days(List<Report.NightBaseline> nights) {
        if (nights.size() < 2) {
            return Double.NaN;
        }
        double[] x = nights.stream().mapToDouble(n -> n.day().toEpochDay()).toArray();
        double[] y = nights.stream().mapToDouble(Report.NightBaseline::watts).toArray();
        double meanX = Arrays.stream(x).average().orElseThrow();
        double meanY = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
        }
        return 30 * sxy / sxx;
    }
}
