package dev.metertap.simulator.endpoint;

import dev.metertap.simulator.device.DeviceSide;
import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.command.ReceivedCommand;
import dev.metertap.simulator.journal.CommandEntry;
import dev.metertap.simulator.schedule.TimeDriver;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

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

    @Test
    void aClientThatStopsReadingLosesTheStreamInsteadOfFillingMemory() throws Exception {
        TcpEndpoint endpoint = new TcpEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), NO_COMMANDS, WireTiming.AS_WRITTEN);
        endpoint.start();
        byte[] stream = new byte[32 << 20];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (byte) (i % 251);
        }
        int step = 1 << 20;
        try (endpoint; Socket stalled = new Socket(); Socket reading = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(endpoint.address());
            reading.connect(endpoint.address());
            await(() -> endpoint.clientCount() == 2, "both clients registered");
            try (PortReader reader = PortReader.of(reading.getInputStream())) {
                for (int sent = 0; sent < stream.length; sent += step) {
                    endpoint.send(Arrays.copyOfRange(stream, sent, sent + step));
                    reader.awaitBytes(sent + step, WAIT);
                }
                assertThat(reader.bytes()).as("the client that reads gets everything").isEqualTo(stream);
            }
            assertThat(endpoint.pendingBytes()).as("the stalled client's backlog, which an accelerated clock waits for")
                    .isGreaterThan(TimeDriver.HIGH_WATER_BYTES)
                    .isLessThanOrEqualTo(TcpEndpoint.CLIENT_BUFFER.high() + step);

            try (PortReader late = PortReader.of(stalled.getInputStream())) {
                await(() -> endpoint.pendingBytes() == 0, "the stalled client's backlog drained");
                endpoint.close();
                late.awaitEnd(WAIT);
                byte[] got = late.bytes();
                // what the simulator kept plus what the kernel's socket buffers held; without the bound, all 32 MiB
                assertThat(got.length).isGreaterThanOrEqualTo(TcpEndpoint.CLIENT_BUFFER.high()).isLessThan(stream.length / 2);
                assertThat(got).as("what it got is the start of the stream, then nothing").isEqualTo(Arrays.copyOf(stream, got.length));
            }
        }
    }

    private static final DeviceSide NO_COMMANDS = new DeviceSide() {
        @Override
        public void receive(ReceivedCommand command, String origin) {
        }

        @Override
        public byte[] staleTail(String where) {
            return new byte[0];
        }
    };

    /** For what happens on the server's event loop, which has no event to wait on: polls with a deadline. */
    private static void await(BooleanSupplier condition, String what) throws TimeoutException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("not within " + WAIT + ": " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
