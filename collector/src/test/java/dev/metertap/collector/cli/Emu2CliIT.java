package dev.metertap.collector.cli;

import dev.metertap.simulator.endpoint.PseudoTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code metertap emu2} commands, run in-process against a device behind a real pseudo-terminal. */
class Emu2CliIT {

    private static final String DEVICE = "0xd8d5b90000001234";
    private static final String METER = "0x00135003004f5a6b";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CompletableFuture<Integer> run(String... args) {
        CommandLine cli = MetertapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return CompletableFuture.supplyAsync(() -> cli.execute(args));
    }

    @Test
    void listenPrintsTheDataModelsLineProtocol() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open(dir.resolve("ttyEMU2"))) {
            CompletableFuture<Integer> exit = run("emu2", "listen", "--port", pty.portPath(), "--format", "ilp", "--duration", "4s");
            String stream = fragment("InstantaneousDemand", "<TimeStamp>0x2dedc9c0</TimeStamp><Demand>0xfffff708</Demand>"
                    + "<Multiplier>0x00000001</Multiplier><Divisor>0x000003e8</Divisor>")
                    + fragment("PriceCluster", "<TimeStamp>0x2dedc9c6</TimeStamp><Price>0x0000013b</Price><Currency>0x0348</Currency>"
                    + "<TrailingDigits>0x03</TrailingDigits><Tier>0x01</Tier><RateLabel></RateLabel>");
            // bytes written before the port opens are discarded as stale, so write until they are read;
            // the device repeating itself is exactly what de-duplication is for
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (!out.toString().contains("emu2_price") && System.nanoTime() < deadline) {
                pty.write(stream.getBytes(StandardCharsets.ISO_8859_1));
                pty.read(new byte[256], Duration.ofMillis(100));
            }
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        }
        assertThat(out.toString().lines()).containsExactly(
                "emu2_demand,device=" + DEVICE + ",meter=" + METER + " kw=-2.296 1717243200",
                "emu2_price,device=" + DEVICE + ",meter=" + METER + ",currency=USD price=0.315,tier=1i 1717243206");
        assertThat(err.toString()).contains("metertap: fragments accepted").contains("repeats suppressed");
    }

    @Test
    void sendPrintsTheReplyAsJson() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open(dir.resolve("ttySend"))) {
            CompletableFuture<Integer> exit = run("emu2", "send", "get_meter_info", "--param", "MeterMacId=" + METER,
                    "--port", pty.portPath());
            awaitReceived(pty, "<MeterMacId>" + METER + "</MeterMacId>");
            pty.write(fragment("MeterInfo", "<MeterType>0x0000</MeterType><NickName>House</NickName><Enabled>Y</Enabled>")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        }
        assertThat(out.toString().strip()).isEqualTo("{\"type\":\"MeterInfo\",\"device\":\"" + DEVICE + "\",\"meter\":\"" + METER
                + "\",\"meterType\":\"electric\",\"nickName\":\"House\",\"enabled\":true}");
    }

    @Test
    void sendExitsNonZeroWithAClearMessageWhenNoReplyComes() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open(dir.resolve("ttyQuiet"))) {
            CompletableFuture<Integer> exit = run("emu2", "send", "get_device_info", "--timeout", "100ms", "--attempts", "2",
                    "--port", pty.portPath());
            assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("no reply to get_device_info after 2 attempts");
    }

    @Test
    void unknownPortFormatIsAClearError() {
        int exit = MetertapCommand.commandLine().setErr(new PrintWriter(err, true))
                .execute("emu2", "listen", "--port", "tcp://nohostport");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("tcp://HOST:PORT");
    }

    @Test
    void listenOnAPortThatDoesNotExistExitsTwoWithOneLine() {
        CompletableFuture<Integer> exit = run("emu2", "listen", "--port", "/dev/ttyNOPE", "--duration", "1m");
        assertThat(exit.join()).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("metertap: cannot open /dev/ttyNOPE: no such device").doesNotContain("dialout");
    }

    @Test
    void aFileThatIsNotASerialPortIsSaidToBeNone() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "not a tty\n");
        assertThat(run("emu2", "listen", "--port", file.toString(), "--duration", "1m").join()).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("metertap: cannot open " + file + ": not a serial port");
        err.getBuffer().setLength(0);
        assertThat(run("emu2", "send", "get_time", "--port", file.toString()).join()).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("metertap: cannot open " + file + ": not a serial port");
    }

    private static void awaitReceived(PseudoTerminal pty, String text) throws Exception {
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[512];
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received.indexOf(text) < 0) {
            assertThat(System.nanoTime()).as("waiting for %s, got %s", text, received).isLessThan(deadline);
            int n = pty.read(buffer, Duration.ofMillis(100));
            if (n > 0) {
                received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static String fragment(String root, String children) {
        return "<" + root + ">\r\n  <DeviceMacId>" + DEVICE + "</DeviceMacId>\r\n  <MeterMacId>" + METER + "</MeterMacId>\r\n  "
                + children.replace("><", ">\r\n  <").replace("<" + root, "") + "\r\n</" + root + ">\r\n";
    }
}
