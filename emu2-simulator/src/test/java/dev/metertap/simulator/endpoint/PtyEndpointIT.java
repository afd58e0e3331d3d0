package dev.metertap.simulator.endpoint;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.journal.CommandEntry;
import dev.metertap.simulator.journal.EventEntry;
import dev.metertap.simulator.journal.FragmentEntry;
import dev.metertap.simulator.journal.Integrity;
import dev.metertap.simulator.journal.JournalEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PtyEndpointIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    static byte[] wireBytes(Iterable<JournalEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JournalEntry e : entries) {
            if (e instanceof FragmentEntry f && f.integrity() != Integrity.LOST) {
                out.writeBytes(f.bytes());
            } else if (e instanceof EventEntry ev) {
                out.writeBytes(ev.bytes());
            }
        }
        return out.toByteArray();
    }

    @Test
    void aReaderAttachedFromTheStartSeesExactlyTheJournalledBytes(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("ttyEMU2");
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(3).manualTime().pty(link)
                .fault(new Fault.StaleTail(1)).fault(new Fault.Clobber(0.2)).fault(new Fault.NulBytes(0.1)).build().start();
             PortReader port = PortReader.open(link, null)) {
            assertThat(sim.portPath()).hasValue(link.toString());
            sim.advance(Duration.ofHours(1));
            byte[] expected = wireBytes(sim.journal().entries());
            byte[] got = port.awaitBytes(expected.length, WAIT);
            assertThat(got).as("seed 3").isEqualTo(expected);
            // it never flushed: a stale tail is for a host that attaches (and flushes) on a running device
            assertThat(sim.journal().events()).extracting(EventEntry::kind).doesNotContain("stale-tail");
        }
    }

    @Test
    void commandsTypedIntoThePortAreAnswered(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("ttyEMU2");
        RandomAccessFile[] writer = new RandomAccessFile[1];
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(4).manualTime().pty(link).build().start();
             PortReader port = PortReader.open(link, writer)) {
            writer[0].write("junk\r\n<command>\r\n <name>GET_DEVICE_INFO</NAME>\r\n</Command>\r\n".getBytes(StandardCharsets.ISO_8859_1));
            CommandEntry command = sim.journal().await(CommandEntry.class, c -> true, WAIT);
            assertThat(command.name()).isEqualTo("get_device_info");
            assertThat(command.origin()).isEqualTo("pty");
            String text = port.awaitText("</DeviceInfo>\r\n", WAIT);
            assertThat(text).contains("<Manufacturer>Rainforest Automation, Inc.</Manufacturer>");
        }
    }

    @Test
    void unplugEndsTheReaderAndANewPortAppearsAtTheSameLink(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("ttyEMU2");
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(5).manualTime().pty(link).build().start()) {
            String firstSlave = Files.readSymbolicLink(link).toString();
            try (PortReader port = PortReader.open(link, null)) {
                sim.advance(Duration.ofSeconds(30));
                port.awaitText("</InstantaneousDemand>", WAIT);
                sim.unplug(Duration.ofMinutes(1));
                port.awaitEnd(WAIT);
            }
            assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
            sim.advance(Duration.ofSeconds(61));
            assertThat(Files.isSymbolicLink(link)).isTrue();
            try (PortReader port = PortReader.open(link, null)) {
                sim.advance(Duration.ofSeconds(30));
                port.awaitText("</InstantaneousDemand>", WAIT);
            }
            assertThat(sim.journal().events()).extracting(EventEntry::kind).containsSubsequence("unplug", "replug");
            assertThat(firstSlave).startsWith("/dev/pts/");
        }
    }

    @Test
    void trickleSlowsWritesButKeepsEveryByte(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("ttyEMU2");
        try (Emu2Simulator sim = Emu2Simulator.builder().seed(6).manualTime().pty(link).fault(new Fault.Trickle(4000)).build().start();
             PortReader port = PortReader.open(link, null)) {
            long t0 = System.nanoTime();
            sim.advance(Duration.ofSeconds(20));
            byte[] expected = wireBytes(sim.journal().entries());
            assertThat(port.awaitBytes(expected.length, WAIT)).isEqualTo(expected);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(millis).as("%d bytes at 4000 B/s", expected.length).isGreaterThanOrEqualTo(expected.length * 1000L / 4000 / 2);
        }
    }
}
