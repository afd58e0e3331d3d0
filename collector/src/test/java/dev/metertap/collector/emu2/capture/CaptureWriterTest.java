package dev.metertap.collector.emu2.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureWriterTest {

    @Test
    void writesOneLinePerEventWithItsTimeAndTheBytesEscaped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("emu2.capture");
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        CaptureWriter capture = new CaptureWriter(file, "/dev/ttyACM0", nanos::get);
        try (capture) {
            capture.opened();
            nanos.addAndGet(4_211_000);
            capture.wrote("<Command><Name>get_time</Name></Command>\r\n".getBytes(StandardCharsets.US_ASCII));
            nanos.addAndGet(1_500_000_000);
            byte[] read = "<Text>a\\b\t\u00ff\u0000</Text>\r\nunread".getBytes(StandardCharsets.ISO_8859_1);
            capture.read(read, read.length - "unread".length());
            capture.closed();
        }
        capture.closed(); // the session's last close, after the capture was finished, changes nothing

        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertThat(lines.get(0)).isEqualTo("# metertap emu2 capture 1");
        assertThat(lines.get(1)).startsWith("# port /dev/ttyACM0, started ");
        assertThat(lines.subList(2, lines.size())).containsExactly(
                "0.000000 open",
                "0.004211 w <Command><Name>get_time</Name></Command>\\r\\n",
                "1.504211 r <Text>a\\\\b\\t\\xff\\x00</Text>\\r\\n",
                "1.504211 close");
    }
}
