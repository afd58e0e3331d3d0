package dev.metertap.simulator.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureReplayTest {

    @TempDir
    Path dir;

    @Test
    void playsWhatTheDeviceWroteFromTheHostsFirstCommandAndSaysWhatItCannotAnswer() throws Exception {
        Path file = dir.resolve("emu2.capture");
        Files.writeString(file, """
                # metertap emu2 capture 1
                # port /dev/ttyACM0, started 2026-12-03T11:20:00Z
                0.000000 open
                0.000100 r ading>\\r\\n
                0.004211 w <Command><Name>get_device_info</Name></Command>\\r\\n
                0.031877 r <Warning>\\r\\n  <Text>a\\\\b \\xff</Text>\\r\\n
                0.031900 r </Warning>\\r\\n
                0.500000 close
                """, StandardCharsets.US_ASCII);
        Capture capture = Capture.read(file);
        byte[] expected = ("ading>\r\n<Warning>\r\n  <Text>a\\b \u00ff</Text>\r\n</Warning>\r\n").getBytes(StandardCharsets.ISO_8859_1);

        try (CaptureReplay replay = new CaptureReplay(capture, null, new InetSocketAddress("127.0.0.1", 0), 1).start();
             Socket host = new Socket()) {
            host.connect(replay.tcpAddress().orElseThrow());
            host.getOutputStream().write("<Command><Name>get_time</Name></Command>\r\n<Command><Name>GET_DEVICE_INFO</Name></Command>\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(readExactly(host, expected.length)).isEqualTo(expected);
            assertThat(replay.awaitFinished(Duration.ofSeconds(30))).isTrue();
            assertThat(replay.unanswered()).containsExactly("get_time");
        }
    }

    @Test
    void aFileThatIsNotACaptureSaysWhereAndWhy() throws IOException {
        Path notOne = dir.resolve("notes.txt");
        Files.writeString(notOne, "hello\n");
        assertThatThrownBy(() -> Capture.read(notOne)).hasMessage(notOne + " is not an EMU-2 capture (its first line is not"
                + " '# metertap emu2 capture 1')");
        Path badEscape = dir.resolve("bad.capture");
        Files.writeString(badEscape, "# metertap emu2 capture 1\n0.1 r ok\n0.2 r \\q\n");
        assertThatThrownBy(() -> Capture.read(badEscape)).hasMessage(badEscape + " line 3: unknown escape \\q");
        Path backwards = dir.resolve("backwards.capture");
        Files.writeString(backwards, "# metertap emu2 capture 1\n0.2 r a\n0.1 r b\n");
        assertThatThrownBy(() -> Capture.read(backwards)).hasMessage(backwards + " line 3: time goes back");
    }

    private static byte[] readExactly(Socket socket, int length) throws IOException {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (got.size() < length) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            got.write(buffer, 0, n);
        }
        return got.toByteArray();
    }
}
