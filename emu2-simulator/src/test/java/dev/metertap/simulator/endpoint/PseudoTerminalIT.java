package dev.metertap.simulator.endpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PseudoTerminalIT {

    @Test
    void bytesCrossBothWaysUntranslated(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("ttyEMU2");
        try (PseudoTerminal pty = PseudoTerminal.open(link);
             RandomAccessFile port = new RandomAccessFile(link.toFile(), "rw")) {
            assertThat(Files.readSymbolicLink(link)).hasToString(pty.slavePath());

            byte[] deviceBytes = "<A>\r\n  <B>\u00ff</B>\r\n</A>\r\n".getBytes(StandardCharsets.ISO_8859_1);
            pty.write(deviceBytes);
            byte[] got = new byte[deviceBytes.length];
            port.readFully(got);
            assertThat(got).isEqualTo(deviceBytes);

            port.write("<Command>\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] buffer = new byte[64];
            int n = pty.read(buffer, Duration.ofSeconds(5));
            assertThat(new String(buffer, 0, n, StandardCharsets.ISO_8859_1)).isEqualTo("<Command>\n");
        }
    }

    @Test
    void aReaderFlushingItsInputIsHeardAndReadsOnlyWhatComesAfter(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("ttyEMU2");
        CountDownLatch flushed = new CountDownLatch(1);
        try (PseudoTerminal pty = PseudoTerminal.open(link);
             RandomAccessFile port = new RandomAccessFile(link.toFile(), "rw")) {
            pty.onInputFlushed(flushed::countDown);
            pty.write("old\r\n".getBytes(StandardCharsets.ISO_8859_1));
            HostTty.flushInput(link);
            // the flush reaches the master's reader as a control byte, never as data
            assertThat(pty.read(new byte[8], Duration.ofMillis(200))).isZero();
            assertThat(flushed.await(10, TimeUnit.SECONDS)).as("flush heard").isTrue();

            pty.write("new\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] got = new byte[5];
            port.readFully(got);
            assertThat(new String(got, StandardCharsets.ISO_8859_1)).isEqualTo("new\r\n");
        }
    }

    @Test
    void readTimesOutWithNothingAndEndsAfterClose() throws Exception {
        PseudoTerminal pty = PseudoTerminal.open();
        assertThat(pty.read(new byte[8], Duration.ofMillis(20))).isZero();
        pty.close();
        assertThat(pty.read(new byte[8], Duration.ofMillis(20))).isEqualTo(-1);
        assertThat(pty.isOpen()).isFalse();
    }
}
