package dev.metertap.features;

import dev.metertap.collector.cli.MetertapCommand;
import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.journal.CommandEntry;
import dev.metertap.simulator.replay.Capture;
import dev.metertap.simulator.replay.CaptureReplay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Record and replay, as a problem seen on a real device becomes a test: {@code metertap emu2 listen --record} captures
 * a run of the virtual EMU-2 (standing in for the real one), the simulator replays the capture over a pty and over TCP,
 * and {@code metertap emu2 listen} decodes from the replay exactly the readings it decoded live.
 */
class CaptureReplayIT {

    private static final long SEED = 31;
    /** Long enough for a loaded machine to carry 20 simulated minutes at 600x through the collector, twice over. */
    private static final String LISTEN_FOR = "8s";

    @TempDir
    Path dir;

    private List<String> live;
    private Path capture;

    @BeforeEach
    void recordALiveRun() throws Exception {
        capture = dir.resolve("emu2.capture");
        Path link = dir.resolve("ttyLive");
        Instant start = Emu2Simulator.DEFAULT_START;
        try (Emu2Simulator emu = Emu2Simulator.builder().seed(SEED).pty(link).speed(600).holdClock()
                .stopAt(start.plus(Duration.ofMinutes(20))).fault(new Fault.Clobber(0.1)).build().start()) {
            CompletableFuture<Void> asked = new CompletableFuture<>();
            emu.journal().addListener(entry -> {
                if (entry instanceof CommandEntry) {
                    asked.complete(null);
                }
            });
            CompletableFuture<List<String>> listening = listen(link.toString(), "--record", capture.toString());
            // the device's clock runs once the host has opened the port and asked who it is, so nothing is written
            // to a port nobody reads yet
            asked.get(60, TimeUnit.SECONDS);
            emu.runClock();
            live = listening.join();
        }
        assertThat(live).as("readings decoded live").hasSizeGreaterThan(50);
    }

    @Test
    void aReplayOverAPtyDecodesAsTheDeviceDid() throws Exception {
        try (CaptureReplay replay = new CaptureReplay(Capture.read(capture), dir.resolve("ttyReplay"), null, 4).start()) {
            // (a retry the live host did not make is answered by nothing in the capture, and said so in the log)
            assertThat(listen(replay.portPath().orElseThrow()).join()).as("readings decoded from the replay, seed %d", SEED)
                    .isEqualTo(live);
        }
    }

    @Test
    void aReplayOverTcpDecodesAsTheDeviceDid() throws Exception {
        try (CaptureReplay replay = new CaptureReplay(Capture.read(capture), null, new InetSocketAddress("127.0.0.1", 0), 4)
                .start()) {
            InetSocketAddress address = replay.tcpAddress().orElseThrow();
            assertThat(listen("tcp://127.0.0.1:" + address.getPort()).join()).as("readings decoded from the replay, seed %d", SEED)
                    .isEqualTo(live);
        }
    }

    /** {@code metertap emu2 listen --format ilp} for {@value #LISTEN_FOR}, on another thread: its output lines. */
    private static CompletableFuture<List<String>> listen(String port, String... more) {
        return CompletableFuture.supplyAsync(() -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine command = MetertapCommand.commandLine();
            command.setOut(new PrintWriter(out, true));
            command.setErr(new PrintWriter(err, true));
            String[] args = Stream.concat(Stream.of("emu2", "listen", "--port", port, "--format", "ilp", "--duration", LISTEN_FOR),
                    Stream.of(more)).toArray(String[]::new);
            int exit = command.execute(args);
            assertThat(exit).as("emu2 listen: %s", err).isZero();
            return out.toString().lines().toList();
        });
    }
}
