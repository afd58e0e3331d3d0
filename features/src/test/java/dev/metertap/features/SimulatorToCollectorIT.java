package dev.metertap.features;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.emu2.session.Emu2Stats;
import dev.metertap.collector.run.Collector;
import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.journal.FragmentEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector, as assembled for {@code metertap run}, against the virtual EMU-2, through a real pseudo-terminal and
 * jSerialComm: 24 simulated hours with none, 20 % and 50 % of writes clobbered, attaching as to a running display
 * (its open-time flush is followed by the tail of an old fragment). Every intact demand and
 * summation fragment in the simulator's journal must come out of the collector with the same
 * value, and nothing else may. The two share no protocol code: the journal is the oracle.
 */
class SimulatorToCollectorIT {

    private static final long SEED = 42;
    private static final Duration SIMULATED = Duration.ofHours(24);
    private static final Duration STEP = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "clobber {0}")
    @ValueSource(doubles = {0, 0.2, 0.5})
    void collectorRecoversEveryIntactReadingOfADayAndInventsNone(double clobber) throws Exception {
        Path link = dir.resolve("ttyEMU2");
        long wallStart = System.nanoTime();
        try (Emu2Simulator emu = Emu2Simulator.builder().seed(SEED).manualTime().pty(link)
                .fault(new Fault.Clobber(clobber)).fault(new Fault.StaleTail(1)).build().start()) {
            CollectedReadings readings = new CollectedReadings();
            // polls once, at connect, while the display's clock stands still: a poll on the wall clock would
            // fall at another simulated moment on every run, and the bytes would no longer follow from the seed
            MetertapConfig config = new ConfigLoader(Map.of()).parse("""
                    store: {path: %s}
                    emu2: {port: %s, summation-poll: 24h, price-poll: 24h}
                    """.formatted(dir.resolve("metertap.db"), link), "metertap.yaml");
            try (Collector collector = Collector.assemble(config, Collector.Seams.production(System.out).withObserver(readings))) {
                collector.start();
                // at 50 % most replies are cut while the clock stands still: the collector's retries get them through
                collector.emu2Settled().get(120, TimeUnit.SECONDS);
                // the display wrote nothing between the collector's open and its first question: earlier bytes were flushed
                long connectedAt = emu.journal().commands().get(0).sequence() - 1;

                for (Duration done = Duration.ZERO; done.compareTo(SIMULATED) < 0; done = done.plus(STEP)) {
                    emu.advance(STEP);
                }
                List<FragmentEntry> written = emu.journal().fragments().stream()
                        .filter(entry -> entry.sequence() > connectedAt && ReadingKey.isReadingType(entry.type()))
                        .toList();
                Set<String> intact = new HashSet<>();
                written.forEach(entry -> ReadingKey.of(entry).ifPresent(intact::add));  // a sentinel time gives no reading
                Instant last = written.stream().filter(FragmentEntry::isIntact).map(FragmentEntry::deviceTime)
                        .max(Instant::compareTo).orElseThrow();
                readings.awaitReadingAtOrAfter(last, Duration.ofSeconds(30));
                Emu2Stats stats = collector.emu2().orElseThrow().stats();
                Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);

                List<String> read = readings.all().stream().map(ReadingKey::of).flatMap(Optional::stream).toList();
                assertThat(read).as("no reading passed on twice").doesNotHaveDuplicates();
                Set<String> decoded = new HashSet<>(read);
                Set<String> missing = new HashSet<>(intact);
                missing.removeAll(decoded);
                Set<String> invented = new HashSet<>(decoded);
                invented.removeAll(intact);
                long clobbered = written.stream().filter(entry -> !entry.isIntact()).count();
                long staleTails = emu.journal().events().stream().filter(e -> e.kind().equals("stale-tail")).count();
                System.out.printf("simulator to collector, seed %d: %s simulated in %.1f s wall; demand+summation fragments "
                                + "emitted=%d clobbered=%d stale tails=%d intact readings=%d recovered=%d false=%d; collector %s%n",
                        SEED, SIMULATED, wall.toMillis() / 1000.0, written.size(), clobbered, staleTails, intact.size(),
                        intact.size() - missing.size(), invented.size(), stats);

                assertThat(clobbered > 0).as("the fault was active").isEqualTo(clobber > 0);
                assertThat(staleTails).as("the collector's open-time flush was seen as an attach").isPositive();
                assertThat(missing).as("intact readings the collector missed (seed %d)", SEED).isEmpty();
                assertThat(invented).as("readings that match no intact fragment (seed %d)", SEED).isEmpty();
            }
        }
    }
}
