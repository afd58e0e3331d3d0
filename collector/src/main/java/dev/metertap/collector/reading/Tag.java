package dev.metertap.collector.reading;

import java.util.List;
import java.util.Objects;

/** A line-protocol tag: indexed, part of a point's identity. */
public record Tag(String key, String value) {

    public Tag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isEmpty() || value.isEmpty()) {
            throw new IllegalArgumentException("tag key and value must not be empty: " + key + "=" + value);
        }
    }

    static List<Tag> deviceAndMeter(String device, String meter) {
        return List.of(new Tag("device", device), new Tag("meter", meter));
    }

    static List<Tag> amrMeter(String meterId, String msgType, int ertType) {
        return List.of(new Tag("meter_id", meterId), new Tag("msg_type", msgType), new Tag("ert_type", Integer.toString(ertType)));
    }
}
