package dev.metertap.collector.emu2.command;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** One command parameter as written on the wire: an element name and its text. */
public record Param(String name, String value) {

    static Param text(String name, String value) {
        return new Param(name, value);
    }

    static Param yesNo(String name, boolean value) {
        return new Param(name, value ? "Y" : "N");
    }

    /** Hex as the device writes it: {@code 0x} and lower-case digits. */
    static Param hex(String name, long value) {
        return new Param(name, "0x" + Long.toHexString(value));
    }

    static Param seconds(String name, Duration value) {
        return hex(name, value.toSeconds());
    }

    @SafeVarargs
    static List<Param> present(Optional<Param>... params) {
        return Arrays.stream(params).flatMap(Optional::stream).toList();
    }
}
