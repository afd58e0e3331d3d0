package dev.metertap.collector.emu2.frame;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** An element name prepared for allocation-free, case-insensitive lookups in a {@link Fragment}. */
public final class ChildName {

    private final String name;
    private final byte[] lower;

    private ChildName(String name) {
        this.name = name;
        this.lower = name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }

    public static ChildName of(String name) {
        return new ChildName(name);
    }

    byte[] lower() {
        return lower;
    }

    @Override
    public String toString() {
        return name;
    }
}
