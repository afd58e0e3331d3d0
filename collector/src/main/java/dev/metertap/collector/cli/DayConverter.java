package dev.metertap.collector.cli;

import picocli.CommandLine;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A calendar day as ISO writes it ({@code 2026-11-24}); 11/24/2026 and 24.11.2026 are ambiguous across countries. */
final class DayConverter implements CommandLine.ITypeConverter<LocalDate> {

    @Override
    public LocalDate convert(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a day: write it year-month-day, like 2026-11-24");
        }
    }
}
