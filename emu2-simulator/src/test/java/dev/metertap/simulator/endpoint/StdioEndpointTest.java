package dev.metertap.simulator.endpoint;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.journal.CommandEntry;
import org.junit.jupiter.api.Test;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StdioEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void speaksOnStdinAndStdout() throws Exception {
        PipedOutputStream hostWrites = new PipedOutputStream();
        PipedInputStream deviceReads = new PipedInputStream(hostWrites, 4096);
        PipedInputStream hostReads = new PipedInputStream(1 << 20);
        PipedOutputStream deviceWrites = new PipedOutputStream(hostReads);
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(12).manualTime().noPty().stdio(deviceReads, deviceWrites).build().start();
             PortReader host = PortReader.of(hostReads)) {
            sim.advance(Duration.ofSeconds(30));
            host.awaitText("</InstantaneousDemand>\r\n", WAIT);
            hostWrites.write("<Command><Name>get_meter_list</Name></Command>\n".getBytes(StandardCharsets.ISO_8859_1));
            hostWrites.flush();
            assertThat(sim.journal().await(CommandEntry.class, c -> c.origin().equals("stdio"), WAIT).name()).isEqualTo("get_meter_list");
            assertThat(host.awaitText("</MeterList>\r\n", WAIT)).contains("<MeterMacId>0x00135003004f5a6b</MeterMacId>");
        }
    }
}
