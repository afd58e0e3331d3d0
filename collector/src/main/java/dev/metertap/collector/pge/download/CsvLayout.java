package dev.metertap.collector.pge.download;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The header layouts of PG&amp;E's Download My Data interval CSV that metertap reads, matched column by column. */
enum CsvLayout {
    /** The newer generation: ISO dates, the unit (kWh or therms) in its own column; electric and gas. */
    USAGE_AND_UNITS("TYPE", "DATE", "START TIME", "END TIME", "USAGE", "UNITS", "COST", "NOTES"),
    /** The older generation: M/D/YYYY dates, electric in kWh. */
    USAGE_IN_KWH("TYPE", "DATE", "START TIME", "END TIME", "USAGE (KWH)", "COST", "NOTES"),
    /** Solar (net metered): what came from the grid and what went to it, each in kWh. */
    IMPORT_AND_EXPORT("TYPE", "DATE", "START TIME", "END TIME", "IMPORT (KWH)", "EXPORT (KWH)", "COST", "NOTES");

    static final int TYPE = 0;
    static final int DATE = 1;
    static final int START = 2;
    static final int END = 3;
    static final int FIRST_VALUE = 4;

    private static final int SHOWN_COLUMNS = 16;
    private static final int SHOWN_CHARACTERS = 40;

    private final List<String> columns;

    CsvLayout(String... columns) {
        this.columns = List.of(columns);
    }

    int width() {
        return columns.size();
    }

    int costColumn() {
        return columns.indexOf("COST");
    }

    /** The layout whose columns these are (case, surrounding spaces and trailing empty columns aside). */
    static Optional<CsvLayout> of(List<String> header) {
        List<String> names = header.stream().map(CsvLayout::normalized).collect(Collectors.toList());
        while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
            names.remove(names.size() - 1);
        }
        for (CsvLayout layout : values()) {
            if (layout.columns.equals(names)) {
                return Optional.of(layout);
            }
        }
        return Optional.empty();
    }

    static boolean isHeader(List<String> cells) {
        return normalized(cells.get(0)).equals("TYPE");
    }

    /** The columns as found, for a message: trimmed, each and their number cut short. */
    static String shown(List<String> cells) {
        String listed = cells.stream().limit(SHOWN_COLUMNS).map(String::strip)
                .map(c -> c.length() > SHOWN_CHARACTERS ? c.substring(0, SHOWN_CHARACTERS) + "…" : c)
                .map(c -> c.isEmpty() ? "(empty)" : c)
                .map(CsvLayout::printable)
                .collect(Collectors.joining(", "));
        return cells.size() > SHOWN_COLUMNS ? listed + String.format(", … (%,d columns)", cells.size()) : listed;
    }

    static final String KNOWN = "TYPE, DATE, START TIME, END TIME, then USAGE and UNITS, or USAGE (kWh), "
            + "or IMPORT (kWh) and EXPORT (kWh), then COST, NOTES";

    private static String normalized(String cell) {
        return cell.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    /** Control characters (a binary file read as text) as '?', so the message stays one line. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c < 0x20 || (c >= 0x7F && c < 0xA0) ? '?' : (char) c));
        return out.toString();
    }
}
