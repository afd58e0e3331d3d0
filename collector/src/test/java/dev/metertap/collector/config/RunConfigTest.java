package dev.metertap.collector.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sections {@code metertap run} adds: {@code emu2:}, {@code status:}, {@code schedule:}. */
class RunConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void defaultsPollSummationEveryMinutePriceEveryFiveAndServeStatusOnLoopback() {
        MetertapConfig config = loader.parse("store: {path: x.db}", "metertap.yaml");
        assertThat(config.emu2().port()).isNull();
        assertThat(config.emu2().summationPoll()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.emu2().pricePoll()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.status().bind()).isEqualTo("127.0.0.1");
        assertThat(config.status().port()).isEqualTo(9464);
        assertThat(config.schedule().pgeDailyBulkTime()).isEmpty();
    }

    @Test
    void readsTheRunSections() {
        MetertapConfig config = loader.parse("""
                emu2: {port: /dev/emu2, summation-poll: 30s, price-poll: 10m, max-fragment-bytes: 4096}
                status: {bind: 0.0.0.0, port: 9100}
                schedule: {pge-daily-bulk-at: "06:30", pge-days: 5}
                """, "metertap.yaml");
        assertThat(config.emu2()).isEqualTo(new Emu2Config("/dev/emu2", Duration.ofSeconds(30), Duration.ofMinutes(10), 4096));
        assertThat(config.status()).isEqualTo(new StatusConfig("0.0.0.0", 9100));
        assertThat(config.schedule().pgeDailyBulkTime()).contains(LocalTime.of(6, 30));
        assertThat(config.schedule().pgeDays()).isEqualTo(5);
    }

    @Test
    void theRaspberryPiExampleConfigurationIsValid() {
        MetertapConfig config = loader.load(java.nio.file.Path.of("..", "deploy", "metertap.yml"));
        assertThat(config.emu2().port()).isEqualTo("/dev/emu2");
        assertThat(config.store().path()).isEqualTo(java.nio.file.Path.of("/var/lib/metertap/metertap.db"));
        assertThat(config.sinks()).hasSize(1);
    }

    @Test
    void aTypoInTheEmu2SectionIsNamedWithItsPath() {
        assertThatThrownBy(() -> loader.parse("emu2: {summation-pol: 30s}", "metertap.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("metertap.yaml: unknown key 'emu2.summation-pol'; known keys here: max-fragment-bytes, port, price-poll, summation-poll");
    }

    @Test
    void aPollTooFastIsRefused() {
        assertThatThrownBy(() -> loader.parse("emu2: {price-poll: 1s}", "metertap.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("metertap.yaml: emu2: 'summation-poll' and 'price-poll' must be at least 5s");
    }

    @Test
    void aStatusPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> loader.parse("status: {port: 70000}", "metertap.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("metertap.yaml: status: 'port' must be between 0 and 65535 (0: any free port)");
    }

    @Test
    void aDailyBulkTimeThatIsNotATimeIsRefused() {
        assertThatThrownBy(() -> loader.parse("schedule: {pge-daily-bulk-at: half past six}", "metertap.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("metertap.yaml: schedule: 'pge-daily-bulk-at' is a local time like 06:30, not 'half past six'");
    }
}
