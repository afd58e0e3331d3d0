package dev.metertap.collector.reading;

import java.math.BigDecimal;
import java.util.Objects;

/** A line-protocol field; its value is a {@link BigDecimal}, a {@link Long} or a {@link String}. */
public record Field(String key, Object value) {

    public Field {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!(value instanceof BigDecimal || value instanceof Long || value instanceof String)) {
            throw new IllegalArgumentException("unsupported field type " + value.getClass().getName() + " for " + key);
        }
    }

    public static Field decimal(String key, BigDecimal value) {
        return new Field(key, value);
    }

    public static Field integer(String key, long value) {
        return new Field(key, value);
    }

    public static Field string(String key, String value) {
        return new Field(key, value);
    }
}
