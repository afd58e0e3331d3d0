package dev.metertap.collector.reading;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One of the 5-minute differential intervals an IDM or NetIDM message carries, in the meter's raw units.
 * Its time is when the meter closed the interval: the message's time less {@code index × 5 min} less the
 * {@code TransmitTimeOffset} (sixteenths of a second since the meter's current interval began).
 *
 * @param interval the meter's interval counter for it ({@code ConsumptionIntervalCount − index}, modulo 256)
 */
public record AmrIntervalReading(String meterId, String msgType, int ertType, Instant time, long consumption, int interval)
        implements Reading {

    public static final String MEASUREMENT = "amr_interval";

    public AmrIntervalReading {
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(msgType, "msgType");
        Objects.requireNonNull(time, "time");
    }

    @Override
    public Point toPoint() {
        return new Point(MEASUREMENT, Tag.amrMeter(meterId, msgType, ertType),
                List.of(Field.integer("consumption", consumption), Field.integer("interval", interval)), time);
    }
}
