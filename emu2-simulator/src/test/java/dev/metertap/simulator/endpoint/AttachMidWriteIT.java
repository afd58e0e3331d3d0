package dev.metertap.simulator.endpoint;

import com.fazecast.jSerialComm.SerialPort;
import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.journal.EventEntry;
import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.Integrity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host attaches to a device that is running, as serial software does: it opens the port, flushes what is queued
 * (metertap: jSerialComm's flushIOBuffers; pyserial: tcflush TCIFLUSH), and reads in 64-byte packets. What it reads
 * first is the end of a fragment without its start: the rest of the write going out then, or with fault stale-tail the
 * tail of an old one; not the backlog it flushed and not a fresh fragment.
 */
class AttachMidWriteIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A fragment's first line: its root tag, at the start of a line (inner elements are indented). */
    private static final Pattern NEXT_START = Pattern.compile("\r\n(<\\w+>)\r\n");

    enum Host {
        METERTAP, PYSERIAL
    }

    @ParameterizedTest
    @EnumSource(Host.class)
    void aHostThatFlushesAtOpenReadsAStaleTailFirst(Host host, @TempDir Path dir) throws Exception {
        Path link = dir.resolve("ttyEMU2");
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(21).manualTime().uptime(Duration.ofDays(3)).pty(link)
                .fault(new Fault.StaleTail(1)).build().start()) {
            sim.advance(Duration.ofMinutes(5)); // a backlog the host's flush discards
            assertThat(sim.awaitWritten(WAIT)).as("the backlog is in the pty").isTrue();
            SerialPort port = SerialPort.getCommPort(link.toString());
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
            assertThat(port.openPort()).as("open " + link).isTrue();
            try {
                flushAtOpen(host, port, link);
                // manual time writes unpaced: nothing was mid-write, so the fault puts an old fragment's tail first
                EventEntry stale = sim.journal().await(EventEntry.class, e -> e.kind().equals("stale-tail"), WAIT);
                sim.advance(Duration.ofMinutes(1));
                String got = readPackets(port, 2048);

                List<FragmentEntry> written = sim.journal().fragments().stream()
                        .filter(f -> f.integrity() == Integrity.INTACT).toList();
                Matcher next = NEXT_START.matcher(got);
                assertThat(next.find()).as("a fragment's start in %s", got).isTrue();
                String tail = got.substring(0, next.start() + 2);
                assertThat(written).as("seed 21, %s: '%s' is the end of a fragment the device wrote, without its start", host, tail)
                        .anySatisfy(f -> assertThat(text(f)).endsWith(tail).isNotEqualTo(tail));
                // then the device's output goes on in order, from a fragment's start
                String wire = new String(PtyEndpointIT.wireBytes(sim.journal().entries()), StandardCharsets.ISO_8859_1);
                assertThat(tail).isEqualTo(stale.wireText());
                String rest = got.substring(tail.length());
                assertThat(rest).startsWith("<");
                assertThat(wire).as("seed 21, %s: what follows the tail", host).contains(rest);
                assertThat(wire.indexOf(rest)).as("not the backlog the host flushed").isGreaterThan(0);
            } finally {
                port.closePort();
            }
        }
    }

    @Test
    void aHostThatFlushesWhileAWriteIsGoingOutReadsTheRestOfItFirst(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("ttyEMU2");
        // at 100 B/s a fragment of some 300 bytes takes about 3 s to go out: time to attach in the middle of it
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(22).manualTime().uptime(Duration.ofDays(3)).pty(link)
                .fault(new Fault.StaleTail(1)).fault(new Fault.Trickle(100)).build().start()) {
            SerialPort port = SerialPort.getCommPort(link.toString());
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
            assertThat(port.openPort()).as("open " + link).isTrue();
            try {
                sim.advance(Duration.ofSeconds(12));
                FragmentEntry first = sim.journal().fragments().get(0);
                readPackets(port, 1); // the write has begun
                HostTty.flushInput(link);
                String end = "\r\n</" + first.type() + ">\r\n";
                String got = readPackets(port, end);
                assertThat(text(first)).as("seed 22: what the host read after its flush").endsWith(got).isNotEqualTo(got);
                assertThat(sim.journal().events()).as("mid-write the rest of the write is the stale tail: no other")
                        .noneMatch(e -> e.kind().equals("stale-tail"));
            } finally {
                port.closePort();
            }
        }
    }

    private static void flushAtOpen(Host host, SerialPort port, Path link) throws IOException {
        switch (host) {
            case METERTAP -> assertThat(port.flushIOBuffers()).isTrue();
            case PYSERIAL -> HostTty.flushInput(link); // the same tty: its unread input is shared
        }
    }

    private static String readPackets(SerialPort port, int atLeast) throws TimeoutException {
        return readPackets(port, got -> got.length() >= atLeast, atLeast + " bytes");
    }

    /** Reads up to and including the first {@code end}. */
    private static String readPackets(SerialPort port, String end) throws TimeoutException {
        String got = readPackets(port, sofar -> sofar.contains(end), "'" + end.strip() + "'");
        return got.substring(0, got.indexOf(end) + end.length());
    }

    private static String readPackets(SerialPort port, Predicate<String> enough, String what) throws TimeoutException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] packet = new byte[64];
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!enough.test(got.toString(StandardCharsets.ISO_8859_1))) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("no " + what + " within " + WAIT + " in: " + got.toString(StandardCharsets.ISO_8859_1));
            }
            int n = port.readBytes(packet, packet.length); // waits up to 100 ms for the first byte
            if (n > 0) {
                got.write(packet, 0, n);
            }
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    private static String text(FragmentEntry f) {
        return new String(f.bytes(), StandardCharsets.ISO_8859_1);
    }
}
