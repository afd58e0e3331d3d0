package dev.metertap.features;

import dev.metertap.collector.emu2.session.Emu2Listener;
import dev.metertap.collector.emu2.session.Emu2Options;
import dev.metertap.collector.emu2.session.Emu2Session;
import dev.metertap.collector.emu2.session.Emu2Stats;
import dev.metertap.collector.emu2.transport.Endpoint;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.fault.FaultName;
import dev.metertap.simulator.journal.FragmentEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's EMU-2 reader against the virtual EMU-2, through a real pseudo-terminal and
 * jSerialComm: 24 simulated hours with 20 % of writes clobbered. Every intact demand and
 * summation fragment in the simulator's journal must come out of the collector with the same
 * value, and nothing else may. The two share no protocol code: the journal is the oracle.
 */
class SimulatorToCollectorIT {

    private static final long SEED = 42;
    private static final Duration SIMULATED = Duration.ofHours(24);
    private static final Duration STEP = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @Test
    void collectorRecoversEveryIntactReadingOfADayAndInventsNone() throws Exception {
        Path link = dir.resolve("ttyEMU2");
        Readings readings = new Readings();
        long wallStart = System.nanoTime();
        try (Emu2Simulator emu = Emu2Simulator.builder().seed(SEED).manualTime().pty(link)
                .fault(FaultName.CLOBBER, 0.2).build().start();
             // no commands: a retried command answered after the day is over would make the device write
             // (and cut) fragments after the journal is read, and would make the stream depend on timing;
             // without them the bytes follow from the seed alone (commands under clobbering: commands.feature)
             Emu2Session session = new Emu2Session(Endpoint.parse(link.toString()).transport(),
                     Emu2Options.DEFAULTS.withLearnDevice(false), readings)) {
            session.start();
            readings.awaitConnected();
            long connectedAt = emu.journal().size();

            for (Duration done = Duration.ZERO; done.compareTo(SIMULATED) < 0; done = done.plus(STEP)) {
                emu.advance(STEP);
            }
            List<FragmentEntry> written = emu.journal().fragments().stream()
                    .filter(entry -> entry.sequence() > connectedAt)
                    .filter(entry -> entry.type().equals("InstantaneousDemand") || entry.type().equals("CurrentSummationDelivered"))
                    .toList();
            Set<String> intact = new HashSet<>();
            for (FragmentEntry entry : written) {
                if (entry.isIntact() && entry.deviceTime() != null) {  // a sentinel time gives no reading
                    intact.add(key(entry));
                }
            }
            Instant last = written.stream().filter(FragmentEntry::isIntact).map(FragmentEntry::deviceTime)
                    .max(Instant::compareTo).orElseThrow();
            readings.awaitReadingAtOrAfter(last, Duration.ofSeconds(30));
            session.close();
            Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);

            Set<String> decoded = readings.keys();
            Set<String> missing = new HashSet<>(intact);
            missing.removeAll(decoded);
            Set<String> invented = new HashSet<>(decoded);
            invented.removeAll(intact);
            long clobbered = written.stream().filter(entry -> !entry.isIntact()).count();
            Emu2Stats stats = session.stats();
            System.out.printf("simulator to collector, seed %d: %s simulated in %.1f s wall; demand+summation fragments "
                            + "emitted=%d clobbered=%d intact readings=%d recovered=%d false=%d; collector %s%n",
                    SEED, SIMULATED, wall.toMillis() / 1000.0, written.size(), clobbered, intact.size(),
                    intact.size() - missing.size(), invented.size(), stats);

            assertThat(clobbered).as("the fault was active").isPositive();
            assertThat(missing).as("intact readings the collector missed (seed %d)", SEED).isEmpty();
            assertThat(invented).as("readings that match no intact fragment (seed %d)", SEED).isEmpty();
        }
    }

    private static String key(FragmentEntry entry) {
        if (entry.type().equals("InstantaneousDemand")) {
            return "demand " + entry.meterMacId() + " " + entry.deviceTime() + " " + plain(entry.value("demand_kw"));
        }
        return "summation " + entry.meterMacId() + " " + entry.deviceTime() + " " + plain(entry.value("delivered_kwh"))
                + " " + plain(entry.value("received_kwh"));
    }

    private static String key(Reading reading) {
        if (reading instanceof DemandReading d) {
            return "demand " + d.meter() + " " + d.time() + " " + plain(d.kw());
        }
        SummationReading s = (SummationReading) reading;
        return "summation " + s.meter() + " " + s.time() + " " + plain(s.deliveredKwh()) + " " + plain(s.receivedKwh());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** Demand and summation readings as the collector passes them on. */
    private static final class Readings implements Emu2Listener {
        private final List<Reading> received = new ArrayList<>();
        private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        @Override
        public void onReading(Reading reading) {
            if (reading instanceof DemandReading || reading instanceof SummationReading) {
                synchronized (received) {
                    received.add(reading);
                }
                events.add(reading);
            }
        }

        @Override
        public void onConnected(String where) {
            events.add("connected");
        }

        void awaitConnected() throws InterruptedException {
            Object event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("the collector connected").isEqualTo("connected");
        }

        void awaitReadingAtOrAfter(Instant time, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Object event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(event).as("a reading at or after %s within %s", time, timeout).isNotNull();
                if (event instanceof Reading reading && !reading.time().isBefore(time)) {
                    return;
                }
            }
        }

        Set<String> keys() {
            synchronized (received) {
                Set<String> keys = new HashSet<>();
                received.forEach(reading -> keys.add(key(reading)));
                assertThat(keys).as("no reading passed on twice").hasSize(received.size());
                return keys;
            }
        }
    }
}
