package dev.metertap.collector.config;

import dev.metertap.collector.report.Report;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/**
 * {@code report:}: the time zone whose local days and nights the report and the stored nightly always-on
 * series are counted in, and the price to use when neither the EMU-2 nor PG&amp;E says one.
 */
public record ReportConfig(String zone, TariffConfig tariff) {

    public static final String DEFAULT_ZONE = "America/Los_Angeles";
    public static final ReportConfig DEFAULTS = new ReportConfig(null, null);

    public ReportConfig {
        zone = zone == null ? DEFAULT_ZONE : zone.strip();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'zone' must be a time zone such as America/Los_Angeles or Europe/Berlin"
                    + " (see 'timedatectl list-timezones'), not '" + zone + "'");
        }
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    /** The configured price, when there is one. */
    public Optional<Report.Tariff> configuredTariff() {
        return Optional.ofNullable(tariff).map(TariffConfig::tariff);
    }
}
