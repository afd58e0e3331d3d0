package dev.metertap.demo;

import java.time.Duration;

/** Durations and speeds the way the demo's options take them: {@code 2h}, {@code 3d}, {@code 3600}. */
final class Durations {

    private Durations() {
    }

    /** The largest whole unit: {@code 3d}, {@code 2h}, {@code 90m}, {@code 45s}. */
    static String spoken(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /** {@code 3600}, not {@code 3600.0}; a fraction only when there is one. */
    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
