package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressBarTest {

    @Test
    void redrawsOneLineAndEndsItWhenDone() {
        StringWriter text = new StringWriter();
        TerminalProgressBar bar = new TerminalProgressBar(new PrintWriter(text));
        TimeWindow window = new TimeWindow(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z"));

        bar.planned(2);
        bar.requesting(window, 2);
        bar.ended(window, WindowOutcome.STORED, 12_345);
        bar.done();

        String[] frames = text.toString().split("\r");
        assertThat(frames).anyMatch(frame -> frame.contains("0/2 windows") && frame.contains("asking again for 2025-01-01..2025-07-01"));
        assertThat(frames[frames.length - 1]).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "] 1/2 windows  12,345 readings")
                .endsWith(System.lineSeparator());
        assertThat(text.toString()).doesNotContain("\n[");
    }
}
