package dev.metertap.collector.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The largest sustained loads: runs of at least {@link #MIN_MINUTES} consecutive minutes whose mean
 * demand is at least {@link #THRESHOLD_KW} above that day's baseline (an oven, a dryer, an EV
 * charging). Overlapping appliances make one run. The largest by mean power above the baseline are kept.
 */
final class SustainedLoadFinder {

    static final double THRESHOLD_KW = 1.0;
    static final int MIN_MINUTES = 10;
    static final int MIN_COVERED_SECONDS = 30;

    private SustainedLoadFinder() {
    }

    /** @param floorKw each day's baseline in kW; days without one use {@code fallbackFloorKw} */
    static List<Report.SustainedLoad> largest(DemandMinutes minutes, ReportScope scope, Map<LocalDate, Double> floorKw,
                                              double fallbackFloorKw, int count) {
        Comparator<Report.SustainedLoad> bySize = Comparator.comparingDouble(Report.SustainedLoad::kwAboveBaseline)
                .thenComparingInt(Report.SustainedLoad::minutes);
        PriorityQueue<Report.SustainedLoad> top = new PriorityQueue<>(bySize);
        int runStart = -1;
        double runKwMinutes = 0;
        LocalDate day = null;
        double floor = fallbackFloorKw;
        for (int m = 0; m <= minutes.size(); m++) {
            boolean above = false;
            double excess = 0;
            if (m < minutes.size() && minutes.coveredSeconds(m) >= MIN_COVERED_SECONDS) {
                Instant t = Instant.ofEpochSecond(minutes.startSecond() + 60L * m);
                LocalDate today = LocalDate.ofInstant(t, scope.zone());
                if (!today.equals(day)) {
                    day = today;
                    floor = floorKw.getOrDefault(today, fallbackFloorKw);
                }
                excess = minutes.kwSeconds(m) / minutes.coveredSeconds(m) - floor;
                above = excess >= THRESHOLD_KW;
            }
            if (above) {
                if (runStart < 0) {
                    runStart = m;
                    runKwMinutes = 0;
                }
                runKwMinutes += excess;
            } else if (runStart >= 0) {
                int length = m - runStart;
                if (length >= MIN_MINUTES) {
                    Instant start = Instant.ofEpochSecond(minutes.startSecond() + 60L * runStart);
                    top.add(new Report.SustainedLoad(start.atZone(scope.zone()), length, runKwMinutes / length, runKwMinutes / 60));
                    if (top.size() > count) {
                        top.poll();
                    }
                }
                runStart = -1;
            }
        }
        List<Report.SustainedLoad> result = new ArrayList<>(top);
        result.sort(bySize.reversed());
        return result;
    }
}
