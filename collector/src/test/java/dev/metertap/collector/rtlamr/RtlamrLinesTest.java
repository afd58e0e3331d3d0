package dev.metertap.collector.rtlamr;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RtlamrLinesTest {

    @Test
    void sameLinesWhateverTheChunking() {
        String text = "{\"a\":1}\r\n{\"b\":\"é\"}\n\n{\"c\":3}\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 50; round++) {
            RtlamrLines lines = new RtlamrLines(256);
            List<String> out = new ArrayList<>();
            int at = 0;
            while (at < bytes.length) {
                int n = Math.min(bytes.length - at, 1 + random.nextInt(5));
                lines.feed(bytes, at, n, out::add);
                at += n;
            }
            assertThat(out).as("seed %d", seed).containsExactly("{\"a\":1}", "{\"b\":\"é\"}", "", "{\"c\":3}");
        }
    }

    @Test
    void anOverlongLineIsDroppedToItsNewlineAndCounted() throws Exception {
        String text = "x".repeat(300) + "\n{\"ok\":1}\n" + "y".repeat(1000) + "\n";
        RtlamrLines lines = new RtlamrLines(256);
        List<String> out = new ArrayList<>();
        lines.readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out::add);
        assertThat(out).containsExactly("{\"ok\":1}");
        assertThat(lines.overlongLines()).isEqualTo(2);
    }

    @Test
    void aLineCutByTheEndOfTheStreamIsNotHandedOn() throws Exception {
        RtlamrLines lines = new RtlamrLines(256);
        List<String> out = new ArrayList<>();
        lines.readAll(new ByteArrayInputStream("{\"a\":1}\n{\"Time\":\"20".getBytes(StandardCharsets.UTF_8)), out::add);
        lines.readAll(new ByteArrayInputStream("{\"b\":2}\n".getBytes(StandardCharsets.UTF_8)), out::add);
        assertThat(out).containsExactly("{\"a\":1}", "{\"b\":2}");
    }
}
