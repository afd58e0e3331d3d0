package dev.metertap.collector.report;

import java.time.Instant;

/**
 * PG&E electricity intervals summed into the period's hours (15-minute intervals make an hour of
 * four): delivered and received kWh, the seconds of delivered intervals present, and cost when PG&E
 * sent one. An hour is complete when its delivered intervals cover all 3600 seconds.
 */
final class UtilityHours {

    private final long startSecond;
    private final double[] delivered;
    private final double[] received;
    private final double[] cost;
    private final boolean[] costed;
    private final int[] coveredSeconds;

    UtilityHours(Instant start, int hours) {
        this.startSecond = start.getEpochSecond();
        this.delivered = new double[hours];
        this.received = new double[hours];
        this.cost = new double[hours];
        this.costed = new boolean[hours];
        this.coveredSeconds = new int[hours];
    }

    void add(Instant start, int seconds, boolean deliveredFlow, double kwh, Double costUsd) {
        long hour = Math.floorDiv(start.getEpochSecond() - startSecond, 3600);
        if (hour < 0 || hour >= delivered.length) {
            return;
        }
        int h = (int) hour;
        if (deliveredFlow) {
            delivered[h] += kwh;
            coveredSeconds[h] += seconds;
        } else {
            received[h] += kwh;
        }
        if (costUsd != null) {
            cost[h] += deliveredFlow ? costUsd : -costUsd;
            costed[h] = true;
        }
    }

    boolean complete(int hour) {
        return coveredSeconds[hour] >= 3600;
    }

    boolean any(int hour) {
        return coveredSeconds[hour] > 0;
    }

    double deliveredKwh(int hour) {
        return delivered[hour];
    }

    double receivedKwh(int hour) {
        return received[hour];
    }

    /** Cost in currency units, or NaN when PG&E sent none for this hour. */
    double cost(int hour) {
        return costed[hour] ? cost[hour] : Double.NaN;
    }
}
