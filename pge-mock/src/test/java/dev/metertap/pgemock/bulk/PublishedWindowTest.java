package dev.metertap.pgemock.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PublishedWindowTest {

    @Test
    void readsZuluIsoAsPgeSpecifies() {
        PublishedWindow window = PublishedWindow.parse("2024-03-01T08:00:00Z", "2024-03-02T08:00:00Z");
        assertThat(window.min()).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
        assertThat(window.max()).isEqualTo(Instant.parse("2024-03-02T08:00:00Z"));
    }

    @Test
    void readsEpochSecondsAsOlderClientsSend() {
        PublishedWindow window = PublishedWindow.parse("1709280000", "1709366400");
        assertThat(window.min()).isEqualTo(Instant.ofEpochSecond(1709280000));
        assertThat(window.max()).isEqualTo(Instant.ofEpochSecond(1709366400));
    }

    @Test
    void refusesMissingMalformedAndBackwardsWindows() {
        assertThatThrownBy(() -> PublishedWindow.parse(null, "1709366400")).hasMessage("Missing published-min");
        assertThatThrownBy(() -> PublishedWindow.parse("1709280000", "")).hasMessage("Missing published-max");
        assertThatThrownBy(() -> PublishedWindow.parse("2024-03-01", "1709366400"))
                .hasMessage("Invalid published-min: expected Zulu ISO-8601 or epoch seconds");
        assertThatThrownBy(() -> PublishedWindow.parse("1709366400", "1709280000"))
                .hasMessage("published-max must be after published-min");
    }
}
