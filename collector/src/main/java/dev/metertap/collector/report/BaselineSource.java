package dev.metertap.collector.report;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where the always-on load is measured: the EMU-2 (demand, or the meter's counter when demand is sparse),
 * PG&amp;E's intervals, or, by default, whichever covers more of the period's nights.
 */
public enum BaselineSource {
    AUTO, EMU2, PGE;

    /** As the CLI, the JSON report and the stored series spell it: {@code auto}, {@code emu2}, {@code pge}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
