package dev.metertap.collector.pge.espi;

/** Parses an optionally signed run of ASCII digits without allocating: the shape of nearly every ESPI number. */
final class PlainDigits {

    /** Returned when the text is not plain digits or does not fit a long; callers then fall back to BigDecimal. */
    static final long NOT_PLAIN = Long.MIN_VALUE;

    private PlainDigits() {
    }

    static long parse(char[] text, int from, int to) {
        boolean negative = false;
        int i = from;
        if (i < to && (text[i] == '-' || text[i] == '+')) {
            negative = text[i] == '-';
            i++;
        }
        if (i == to || to - i > 18) { // 18 digits always fit a long
            return NOT_PLAIN;
        }
        long value = 0;
        for (; i < to; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                return NOT_PLAIN;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }
}
