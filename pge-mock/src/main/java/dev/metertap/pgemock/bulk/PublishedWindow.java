package dev.metertap.pgemock.bulk;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A bulk request's {@code published-min}/{@code published-max}: Zulu ISO-8601 as PG&E specifies
 * ({@code 2024-03-01T08:00:00Z}) or epoch seconds as older clients send.
 */
public record PublishedWindow(Instant min, Instant max) {

    public PublishedWindow {
        if (!max.isAfter(min)) {
            throw new IllegalArgumentException("published-max must be after published-min");
        }
    }

    /** @throws IllegalArgumentException with a message fit for the HTTP answer */
    public static PublishedWindow parse(String min, String max) {
        return new PublishedWindow(instant("published-min", min), instant("published-max", max));
    }

    /** @throws IllegalArgumentException with a message fit for the HTTP answer */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing " + name);
        }
        String trimmed = value.trim();
        if (trimmed.matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(trimmed));
        }
        try {
            return Instant.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid " + name + ": expected Zulu ISO-8601 or epoch seconds");
        }
    }
}
