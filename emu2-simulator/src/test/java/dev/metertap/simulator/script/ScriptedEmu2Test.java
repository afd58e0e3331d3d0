package dev.metertap.simulator.script;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptedEmu2Test {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void answersEachCommandWithTheNextQueuedReplyAndFailsFastWhenTheScriptRunsOut() throws Exception {
        ScriptedEmu2 device = ScriptedEmu2.onTcp();
        URI port = URI.create(device.port());
        try (Socket host = new Socket(port.getHost(), port.getPort())) {
            device.enqueue("<TimeCluster>one</TimeCluster>\r\n").enqueue("<PriceCluster>two</PriceCluster>\r\n");
            device.write("<InstantaneousDemand>as written</InstantaneousDemand>\r\n");
            send(host, "<Command><Name>get_time</Name></Command><Command><Name>GET_CURRENT_PRICE</Name></Command>");
            assertThat(device.awaitCommand("get_time", WAIT).params()).isEmpty();
            assertThat(device.awaitCommand("get_current_price", WAIT).name()).isEqualTo("get_current_price");
            assertThat(read(host, "</PriceCluster>\r\n")).isEqualTo("<InstantaneousDemand>as written</InstantaneousDemand>\r\n"
                    + "<TimeCluster>one</TimeCluster>\r\n<PriceCluster>two</PriceCluster>\r\n");

            send(host, "<Command><Name>get_message</Name></Command>");
            assertThatThrownBy(() -> device.awaitCommand("get_message", WAIT)).isInstanceOf(AssertionError.class)
                    .hasMessage("the script ran out of replies: the host also sent [get_message]");
        } finally {
            assertThatThrownBy(device::close).hasMessageContaining("ran out of replies");
        }
    }

    @Test
    void saysWhichCommandCameWhenAnotherWasExpected() throws Exception {
        try (ScriptedEmu2 device = ScriptedEmu2.onTcp()) {
            URI port = URI.create(device.port());
            try (Socket host = new Socket(port.getHost(), port.getPort())) {
                send(host, "<Command><Name>get_time</Name></Command>");
                assertThatThrownBy(() -> device.awaitCommand("get_device_info", WAIT))
                        .hasMessage("expected the host to send get_device_info, it sent get_time");
            }
        }
    }

    private static void send(Socket host, String text) throws IOException {
        host.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        host.getOutputStream().flush();
    }

    private static String read(Socket host, String until) throws IOException {
        host.setSoTimeout((int) WAIT.toMillis());
        InputStream in = host.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (!got.toString(StandardCharsets.ISO_8859_1).endsWith(until)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            got.write(buffer, 0, n);
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }
}
