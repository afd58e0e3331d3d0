package dev.metertap.pgemock.espi;

import java.time.LocalDate;

/** Smooth seasonal curves for Northern California; one place so solar, load and gas agree on the seasons. */
final class Seasons {

    private Seasons() {
    }

    /** +1 in mid-July, -1 in mid-January. */
    static double summerness(LocalDate day) {
        return Math.cos(2 * Math.PI * (day.getDayOfYear() - 197) / 365.25);
    }

    /** +1 at the June solstice, -1 at the December solstice. */
    static double daylightness(LocalDate day) {
        return Math.cos(2 * Math.PI * (day.getDayOfYear() - 172) / 365.25);
    }

    /** Daily mean outdoor temperature in °C, about 9 in January and 20 in July. */
    static double meanTemperature(LocalDate day) {
        return 14.5 + 5.5 * summerness(day);
    }
}
