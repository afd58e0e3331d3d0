package dev.metertap.collector.report;

import java.util.Arrays;
import java.util.List;

/**
 * How the nightly figure changed: a lasting step (something new always on, or switched off for good) and the
 * slow trend. A step needs {@link #MIN_STEP_NIGHTS} nights on each side, so one odd night (a party, a guest's
 * heater) is never one; its size must stand out of the night-to-night scatter. The trend needs
 * {@link #MIN_TREND_NIGHTS} nights: over fewer, a few watts of scatter make the slope meaningless.
 */
final class BaselineChange {

    static final int MIN_TREND_NIGHTS = 14;
    static final int MIN_STEP_NIGHTS = 3;
    /** A step smaller than this is not worth telling a homeowner about, however clean. */
    static final double MIN_STEP_WATTS = 20;
    /** …and it must exceed this many times the nights' robust scatter around their side's median. */
    static final double STEP_TO_SCATTER = 4;
    private static final double MAD_TO_SIGMA = 1.4826;
    private static final double Z95 = 1.96;

    private BaselineChange() {
    }

    /**
     * The one split of the nights into before and after that fits best (least absolute deviation from each side's
     * median), if its step is large against the scatter; null otherwise.
     */
    static Report.Step step(List<Report.NightBaseline> nights) {
        double[] w = nights.stream().mapToDouble(Report.NightBaseline::watts).toArray();
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int k = MIN_STEP_NIGHTS; k <= w.length - MIN_STEP_NIGHTS; k++) {
            double cost = deviation(w, 0, k) + deviation(w, k, w.length);
            if (cost < bestCost) {
                bestCost = cost;
                best = k;
            }
        }
        if (best < 0) {
            return null;
        }
        double before = median(w, 0, best);
        double after = median(w, best, w.length);
        double[] residuals = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            residuals[i] = Math.abs(w[i] - (i < best ? before : after));
        }
        double scatter = MAD_TO_SIGMA * median(residuals, 0, residuals.length);
        double change = after - before;
        if (Math.abs(change) < MIN_STEP_WATTS || Math.abs(change) < STEP_TO_SCATTER * scatter) {
            return null;
        }
        return new Report.Step(nights.get(best).day(), before, after, change);
    }

    /** The least-squares slope in W per 30 days with its 95 % uncertainty, or null with too few nights. */
    static Report.Trend trend(List<Report.NightBaseline> nights) {
        int n = nights.size();
        if (n < MIN_TREND_NIGHTS) {
            return null;
        }
        double[] x = nights.stream().mapToDouble(night -> night.day().toEpochDay()).toArray();
        double[] y = nights.stream().mapToDouble(Report.NightBaseline::watts).toArray();
        double meanX = Arrays.stream(x).average().orElseThrow();
        double meanY = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
        }
        double slope = sxy / sxx;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - meanY - slope * (x[i] - meanX);
            squares += r * r;
        }
        double standardError = Math.sqrt(squares / (n - 2) / sxx);
        return new Report.Trend(n, 30 * slope, 30 * Z95 * standardError);
    }

    static double median(double[] values, int from, int to) {
        double[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double deviation(double[] values, int from, int to) {
        double median = median(values, from, to);
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.abs(values[i] - median);
        }
        return sum;
    }
}
