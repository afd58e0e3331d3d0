package dev.metertap.collector.report;

import java.util.Locale;

/** How numbers read in the text and HTML reports: a dash where the data does not say. */
final class Figures {

    static final String NONE = "–";

    private Figures() {
    }

    static String number(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? NONE : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static String signed(double value, int decimals) {
        return Double.isNaN(value) ? NONE : String.format(Locale.ROOT, "%+,." + decimals + "f", value);
    }

    static String money(double value, String currency) {
        return Double.isNaN(value) ? NONE : number(value, 2) + " " + (currency == null ? "" : currency);
    }
}
