package dev.metertap.collector.reading;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The display's ZigBee link to the meter: its status text ({@code Connected}, {@code Rejoining}…)
 * and link strength in percent.
 */
public record LinkReading(String device, String meter, Instant time, String status, int linkStrength) implements Reading {

    public static final String MEASUREMENT = "emu2_link";

    public LinkReading {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
        if (linkStrength < 0 || linkStrength > 100) {
            throw new IllegalArgumentException("link strength must be 0 to 100, was " + linkStrength);
        }
    }

    @Override
    public Point toPoint() {
        return new Point(MEASUREMENT, Tag.deviceAndMeter(device, meter),
                List.of(Field.string("status", status), Field.integer("link_strength", linkStrength)), time);
    }
}
