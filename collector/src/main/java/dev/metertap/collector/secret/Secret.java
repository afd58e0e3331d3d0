package dev.metertap.collector.secret;

import java.util.Objects;

/**
 * A password or token. Its text never appears in {@code toString}, logs or exception messages:
 * only {@link #reveal()} gives it, to the one place that sends it (an HTTP header).
 */
public final class Secret {

    private final String value;
    private final String source;

    private Secret(String value, String source) {
        this.value = Objects.requireNonNull(value, "value");
        this.source = source;
    }

    /** @param source where it came from, safe to show ("env METERTAP_INFLUX_TOKEN") */
    public static Secret of(String value, String source) {
        return new Secret(value, source);
    }

    public String reveal() {
        return value;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "Secret[from " + source + "]";
    }
}
