package dev.metertap.collector.cli;

import picocli.CommandLine;

import java.time.DateTimeException;
import java.time.ZoneId;

/** A time zone by its region name ({@code America/Los_Angeles}), which knows daylight saving, or a fixed offset. */
final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {

    @Override
    public ZoneId convert(String value) {
        String text = value.strip();
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            // region names are case-sensitive in Java, not in people's minds
            for (String region : ZoneId.getAvailableZoneIds()) {
                if (region.equalsIgnoreCase(text)) {
                    return ZoneId.of(region);
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a time zone: give a region such as "
                    + "America/Los_Angeles or Europe/Berlin (see 'timedatectl list-timezones'), or an offset such as -08:00");
        }
    }
}
