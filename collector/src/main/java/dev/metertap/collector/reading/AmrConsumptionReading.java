package dev.metertap.collector.reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A meter's running total as its radio broadcast it and rtlamr decoded it, in the meter's own raw units
 * (the scale depends on the meter: often 0.01 kWh for electric, 1 ft³ or 0.01 CCF for gas).
 *
 * @param msgType        rtlamr's {@code Type} as sent: {@code SCM}, {@code SCM+}, {@code IDM}, {@code NetIDM}, {@code R900}…
 * @param ertType        the endpoint type the message carries (ERT type; for R900 its {@code Unkn1})
 * @param generation     NetIDM's {@code LastGeneration} (a solar house's export), null for other messages
 * @param consumptionNet NetIDM's {@code LastConsumptionNet}, null for other messages
 */
public record AmrConsumptionReading(String meterId, String msgType, int ertType, Instant time, long consumption,
                                    Long generation, Long consumptionNet) implements Reading {

    public static final String MEASUREMENT = "amr_consumption";

    public AmrConsumptionReading {
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(msgType, "msgType");
        Objects.requireNonNull(time, "time");
    }

    @Override
    public Point toPoint() {
        List<Field> fields = new ArrayList<>(3);
        fields.add(Field.integer("consumption", consumption));
        if (generation != null) {
            fields.add(Field.integer("generation", generation));
        }
        if (consumptionNet != null) {
            fields.add(Field.integer("consumption_net", consumptionNet));
        }
        return new Point(MEASUREMENT, Tag.amrMeter(meterId, msgType, ertType), fields, time);
    }
}
