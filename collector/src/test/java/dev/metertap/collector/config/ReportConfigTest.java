package dev.metertap.collector.config;

import dev.metertap.collector.report.Report;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code report:}: the zone of the report's days and nights (and of the stored nightly series), and a configured price. */
class ReportConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void defaultsToCaliforniaAndNoTariff() {
        MetertapConfig config = loader.parse("store: {path: x.db}", "metertap.yaml");
        assertThat(config.report().zoneId()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(config.report().configuredTariff()).isEmpty();
        assertThat(MetertapConfig.DEFAULTS.report().zoneId()).isEqualTo(ZoneId.of("America/Los_Angeles"));
    }

    @Test
    void readsTheZoneAndTheTariff() {
        MetertapConfig config = loader.parse("""
                report:
                  zone: Europe/Berlin
                  tariff: {per-kwh: 0.3125, currency: EUR}
                """, "metertap.yaml");
        assertThat(config.report().zoneId()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(config.report().configuredTariff()).contains(Report.Tariff.configured(new BigDecimal("0.3125"), "EUR"));
    }

    @Test
    void aTariffWithoutCurrencyIsInDollars() {
        MetertapConfig config = loader.parse("report: {tariff: {per-kwh: 0.31}}", "metertap.yaml");
        assertThat(config.report().configuredTariff()).contains(Report.Tariff.configured(new BigDecimal("0.31"), "USD"));
        assertThat(config.report().zoneId()).isEqualTo(ZoneId.of("America/Los_Angeles"));
    }

    @Test
    void anUnknownKeyIsNamedWithItsPathInOneLine() {
        assertThatThrownBy(() -> loader.parse("report: {tariff: {per-kWh: 0.31}}", "metertap.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("metertap.yaml: unknown key 'report.tariff.per-kWh'; known keys here: currency, per-kwh");
        assertThatThrownBy(() -> loader.parse("report: {timezone: Europe/Berlin}", "metertap.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("metertap.yaml: unknown key 'report.timezone'; known keys here: tariff, zone");
    }

    @Test
    void aBadTariffIsOneLineSayingWhatIsExpected() {
        assertThatThrownBy(() -> loader.parse("report: {tariff: {per-kwh: -0.31}}", "metertap.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("metertap.yaml: report.tariff: 'per-kwh' must be a positive price of one kWh, not -0.31");
        assertThatThrownBy(() -> loader.parse("report: {tariff: {per-kwh: cheap}}", "metertap.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("metertap.yaml: report.tariff.per-kwh: 'cheap' is not a valid number");
        assertThatThrownBy(() -> loader.parse("report: {tariff: {currency: EUR}}", "metertap.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("metertap.yaml: report.tariff: 'per-kwh' is required: the price of one kWh, like 0.31");
        assertThatThrownBy(() -> loader.parse("report: {tariff: {per-kwh: 0.31, currency: dollars}}", "metertap.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("metertap.yaml: report.tariff: 'currency' must be an ISO 4217 code such as USD or EUR, not 'dollars'");
    }

    @Test
    void aZoneThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> loader.parse("report: {zone: Pacific Time}", "metertap.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("metertap.yaml: report: 'zone' must be a time zone such as America/Los_Angeles or Europe/Berlin"
                        + " (see 'timedatectl list-timezones'), not 'Pacific Time'");
    }
}
