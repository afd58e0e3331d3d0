package dev.metertap.pgemock;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ListenPortTest {

    @Test
    void aPickedPortIsFreeAndBelowTheKernelsEphemeralRange() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int port = ListenPort.pick();

        try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(bound.getLocalPort()).isEqualTo(port);
        }
        if (Files.isReadable(range)) {
            int ephemeralLow = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
            assertThat(port).as("below the ephemeral range starting at %d", ephemeralLow).isLessThan(ephemeralLow);
        }
    }
}
