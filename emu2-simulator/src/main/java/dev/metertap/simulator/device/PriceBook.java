package dev.metertap.simulator.device;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The price the meter announces: a time-of-use tariff (peak 16:00 to 21:00 local), or a price the
 * user set with set_current_price, which the device reports with RateLabel {@code Set by User} and
 * sentinel StartTime and Duration.
 */
final class PriceBook {

    /** One announced price; {@code start} and {@code minutes} null when absent (sentinels on the wire). */
    record Price(long amount, int trailingDigits, int tier, String label, Instant start, Integer minutes) {
    }

    static final int USD = 0x0348;
    private static final int PEAK_FROM = 16;
    private static final int PEAK_TO = 21;

    private final ZoneId zone;
    private Price userPrice;

    PriceBook(ZoneId zone) {
        this.zone = zone;
    }

    Price at(Instant t) {
        if (userPrice != null) {
            return userPrice;
        }
        ZonedDateTime local = t.atZone(zone);
        boolean peak = local.getHour() >= PEAK_FROM && local.getHour() < PEAK_TO;
        ZonedDateTime start;
        int minutes;
        if (peak) {
            start = local.toLocalDate().atTime(PEAK_FROM, 0).atZone(zone);
            minutes = (PEAK_TO - PEAK_FROM) * 60;
        } else if (local.getHour() >= PEAK_TO) {
            start = local.toLocalDate().atTime(PEAK_TO, 0).atZone(zone);
            minutes = (24 - PEAK_TO + PEAK_FROM) * 60;
        } else {
            start = local.toLocalDate().minusDays(1).atTime(PEAK_TO, 0).atZone(zone);
            minutes = (24 - PEAK_TO + PEAK_FROM) * 60;
        }
        return peak ? new Price(452, 3, 2, "E-TOU-C", start.toInstant(), minutes)
                : new Price(315, 3, 1, "E-TOU-C", start.toInstant(), minutes);
    }

    void setUserPrice(long amount, int trailingDigits) {
        userPrice = trailingDigits == 0 ? null : new Price(amount, trailingDigits, 0, "Set by User", null, null);
    }
}
