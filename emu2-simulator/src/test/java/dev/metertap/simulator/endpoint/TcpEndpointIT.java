package dev.metertap.simulator.endpoint;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.journal.CommandEntry;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class TcpEndpointIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void severalClientsSeeTheSameStreamAndCanSendCommands() throws Exception {
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(8).manualTime().noPty().tcp(0).build().start()) {
            InetSocketAddress address = sim.tcpAddress().orElseThrow();
            assertThat(address.getPort()).isPositive();
            try (Socket a = new Socket(address.getAddress(), address.getPort());
                 Socket b = new Socket(address.getAddress(), address.getPort());
                 PortReader readA = PortReader.of(a.getInputStream());
                 PortReader readB = PortReader.of(b.getInputStream())) {
                // wait until both connections are registered: a command from each gets journalled
                OutputStream outA = a.getOutputStream();
                outA.write("<Command><Name>get_time</Name></Command>".getBytes(StandardCharsets.ISO_8859_1));
                sim.journal().await(CommandEntry.class, c -> c.origin().startsWith("tcp:"), WAIT);
                readA.awaitText("</TimeCluster>", WAIT);
                readB.awaitText("</TimeCluster>", WAIT);
                long mark = sim.journal().wireByteCount();
                sim.advance(Duration.ofMinutes(10));
                long total = sim.journal().wireByteCount();
                byte[] gotA = readA.awaitBytes(total, WAIT);
                byte[] gotB = readB.awaitBytes(total, WAIT);
                assertThat(Arrays.copyOfRange(gotA, (int) mark, (int) total)).isEqualTo(Arrays.copyOfRange(gotB, (int) mark, (int) total));
                assertThat(new String(gotA, StandardCharsets.ISO_8859_1)).contains("</InstantaneousDemand>\r\n");
            }
        }
    }

    @Test
    void unplugDisconnectsClients() throws Exception {
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(9).manualTime().noPty().tcp(0).build().start()) {
            InetSocketAddress address = sim.tcpAddress().orElseThrow();
            try (Socket a = new Socket(address.getAddress(), address.getPort());
                 PortReader read = PortReader.of(a.getInputStream())) {
                a.getOutputStream().write("<Command><Name>get_time</Name></Command>".getBytes(StandardCharsets.ISO_8859_1));
                read.awaitText("</TimeCluster>", WAIT);
                sim.unplug(Duration.ofMinutes(1));
                read.awaitEnd(WAIT);
            }
        }
    }
}
