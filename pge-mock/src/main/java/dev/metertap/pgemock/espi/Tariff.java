package dev.metertap.pgemock.espi;

import java.time.LocalDateTime;

/**
 * A time-of-use electric rate shaped like PG&amp;E's E-TOU-C (peak 16:00-21:00 every day) and a flat gas rate.
 * Costs are in 1/100000 USD, the unit of ESPI's {@code cost}.
 */
final class Tariff {

    static final int TOU_PEAK = 1;
    static final int TOU_OFF_PEAK = 2;

    /** 1/100000 USD per kWh. */
    private static final long PEAK_RATE = 52_000;
    private static final long OFF_PEAK_RATE = 41_000;
    /** 1/100000 USD per therm. */
    private static final long GAS_RATE = 235_000;

    private Tariff() {
    }

    /** Tier of the interval that starts at this local time. */
    static int tou(LocalDateTime start) {
        int hour = start.getHour();
        return hour >= 16 && hour < 21 ? TOU_PEAK : TOU_OFF_PEAK;
    }

    /** @param milliWattHours raw electric value (Wh × 10^-3) */
    static long electricCost(long milliWattHours, int tou) {
        long rate = tou == TOU_PEAK ? PEAK_RATE : OFF_PEAK_RATE;
        return roundedDivision(milliWattHours * rate, 1_000_000);
    }

    /** @param rawTherms raw gas value (therm × 10^-8) */
    static long gasCost(long rawTherms) {
        return roundedDivision(rawTherms * GAS_RATE, 100_000_000);
    }

    private static long roundedDivision(long dividend, long divisor) {
        return (dividend + divisor / 2) / divisor;
    }
}
