package dev.metertap.collector.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PgeBackfillCommandTest {

    @Test
    void theProgressBarTakesTheTerminalWidthTheShellExportsOrEighty() {
        assertThat(PgeBackfillCommand.terminalColumns(Map.of("COLUMNS", "132"))).isEqualTo(132);
        assertThat(PgeBackfillCommand.terminalColumns(Map.of())).isEqualTo(80);
        assertThat(PgeBackfillCommand.terminalColumns(Map.of("COLUMNS", "wide"))).isEqualTo(80);
        assertThat(PgeBackfillCommand.terminalColumns(Map.of("COLUMNS", "0"))).isEqualTo(80);
    }
}
