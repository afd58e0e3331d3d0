package dev.metertap.demo;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.backfill.BackfillSettings;
import dev.metertap.collector.pge.backfill.BackfillSummary;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.report.BaselineSource;
import dev.metertap.collector.report.Report;
import dev.metertap.collector.report.ReportCalculator;
import dev.metertap.collector.report.ReportScope;
import dev.metertap.collector.store.Store;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.collector.run.Collector;
import dev.metertap.collector.run.PgeConnection;
import dev.metertap.collector.emu2.session.Emu2Session;
import dev.metertap.collector.emu2.session.Emu2Stats;
import dev.metertap.pgemock.CollectorKit;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import dev.metertap.pgemock.espi.MeteredEnergy;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.Emu2SimulatorBuilder;
import dev.metertap.simulator.device.HouseholdLoad;
import dev.metertap.simulator.fault.Fault;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One demo run: the virtual EMU-2 on a pty (accelerated) and the PG&E mock in-process, one house (PG&E publishes the
 * hourly counts of the meter the EMU-2 reads); the collector that ships,
 * configured by the metertap.yaml the demo writes and assembled as {@code metertap run} assembles it, reads the
 * first over jSerialComm and backfills from the second over mutual TLS, into its store and its sink.
 */
final class DemoRun {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final String ELECTRIC_USAGE_POINT = "5550000101";
    private static final String GAS_USAGE_POINT = "5550000102";
    /** The mock needs no pacing; PG&E's own is about a request a second. */
    private static final Duration PGE_PACE = Duration.ofMillis(200);
    /** How long the collector may take to open the port and hear who the device is. */
    private static final Duration SETTLING = Duration.ofSeconds(60);
    /** How long the device's clock may stand still (the collector not reading) before the demo gives up. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    /** Entries the simulator keeps in memory: enough for the status, not a month of fragments. */
    private static final int JOURNAL_RETAINED = 10_000;

    /**
     * @param end     when the device's simulated time ends (the command's now, whole seconds); PG&amp;E has published
     *                the days before it
     * @param journal where the virtual EMU-2's journal goes as JSON lines, if anywhere
     */
    record Settings(Path dir, Duration duration, Instant end, double speed, long seed, int backfillDays, Progress progress,
                    int columns, boolean keepStore, Optional<Path> journal) {
    }

    /** How the status line is shown: rewritten in place on a terminal; a line now and then in a log or a pipe. */
    enum Progress {
        LIVE(Duration.ofMillis(250)),
        LOG(Duration.ofSeconds(5));

        final Duration every;

        Progress(Duration every) {
            this.every = every;
        }

        /** On a terminal the line is padded to the width so that it covers a longer one before it. */
        String show(String status, int columns) {
            if (this == LOG) {
                return status + System.lineSeparator();
            }
            return "\r" + status + " ".repeat(Math.max(0, columns - 1 - status.length()));
        }
    }

    /**
     * What the run did; after Ctrl-C, what it had done so far.
     *
     * @param backfill     empty when PG&E's history had not all arrived (interrupted)
     * @param alwaysOn     the report's always-on answer on the store as the run left it; empty when it holds no energy
     * @param reachedSpeed present when the device's clock ran markedly slower than asked
     */
    record Summary(DemoFiles files, long liveReadings, long fragments, long clobbered, Optional<BackfillSummary> backfill,
                   Optional<Report.Baseline> alwaysOn, Duration wall, OptionalDouble reachedSpeed, double askedSpeed,
                   boolean interrupted) {
    }

    private final Settings settings;
    private final PrintStream out;
    private final Interruption interruption;

    DemoRun(Settings settings, PrintStream out, Interruption interruption) {
        this.settings = settings;
        this.out = out;
        this.interruption = interruption;
    }

    Summary run() throws Exception {
        long wallStart = System.nanoTime();
        DemoFiles files = new DemoFiles(settings.dir());
        // before anything slow (making keys takes seconds): the user sees at once that something happens
        out.printf("metertap demo: %s of a virtual EMU-2 at %sx and %d day(s) of PG&E history, into %s%n",
                Durations.spoken(settings.duration()), Durations.plain(settings.speed()), settings.backfillDays(), files.dir());
        out.flush();
        try {
            Files.createDirectories(files.dir());
        } catch (FileAlreadyExistsException e) {
            throw new DemoFailure("--dir " + e.getFile() + " is a file, not a directory");
        } catch (AccessDeniedException e) {
            throw new DemoFailure("--dir " + files.dir() + ": permission denied to create " + e.getFile());
        }
        if (!settings.keepStore()) {
            files.removeStore();
        }
        Instant end = settings.end();
        CollectorKit kit = CollectorKit.prepare(files.pge());
        LiveTally tally = new LiveTally();
        Pace pace = new Pace(settings.speed());
        DeviceTally deviceTally = new DeviceTally();
        Emu2Simulator device = simulator(end, deviceTally);
        PgeMockOptions utility = kit.notifying(PgeMockOptions.defaults().notificationDelay(Duration.ofSeconds(1)))
                .model(sameHouse(device.load(), end));
        try (PgeMock pge = new PgeMock(utility).start(); Emu2Simulator emu = device.start()) {
            MetertapConfig config = new ConfigLoader(System.getenv())
                    .load(files.writeConfig(emu.portPath().orElseThrow(), kit.pgeSection(pge, PGE_PACE)));
            Optional<BackfillSummary> backfill;
            boolean interrupted;
            try (PrintStream points = new PrintStream(Files.newOutputStream(files.points(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND), false, StandardCharsets.UTF_8);
                 Collector collector = Collector.assemble(config, Collector.Seams.production(points).withObserver(tally))) {
                ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "demo-status");
                    thread.setDaemon(true);
                    return thread;
                });
                Progress progress = settings.progress();
                Runnable show = () -> out.print(progress.show(statusLine(emu, collector, tally, pace).fit(settings.columns()),
                        settings.columns()));
                try {
                    collector.start();
                    status.scheduleAtFixedRate(show, 0, progress.every.toMillis(), TimeUnit.MILLISECONDS);
                    backfill = Optional.of(collect(collector, emu, deviceTally, tally, pace, end));
                    interrupted = false;
                } catch (Interruption.Requested e) {
                    backfill = Optional.empty();
                    interrupted = true;
                } finally {
                    status.shutdownNow();
                    status.awaitTermination(1, TimeUnit.SECONDS);
                }
                show.run();
                if (progress == Progress.LIVE) {
                    out.println();
                }
            }
            // the collector is closed: everything it read is stored and the sink has had it
            return new Summary(files, tally.readings(), deviceTally.fragments(), deviceTally.cutShort(), backfill, alwaysOn(files),
                    Duration.ofNanos(System.nanoTime() - wallStart), pace.shortfall(emu.now()), settings.speed(), interrupted);
        }
    }

    /** What {@code metertap report} says of the store, so the summary and the report give one figure. */
    private static Optional<Report.Baseline> alwaysOn(DemoFiles files) {
        try (Store store = Store.openReadOnly(files.store())) {
            ReportScope scope = ReportScope.ofStore(store, null, null, ZONE, null, null, BaselineSource.AUTO);
            return Optional.of(new ReportCalculator(store).calculate(scope).baseline());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // nothing stored yet (stopped at once)
        }
    }

    /**
     * PG&amp;E's view of the virtual EMU-2's house: its meter's hourly counts, for whole past days only (PG&amp;E
     * publishes a day once it is over), and a gas point.
     */
    private UsageModel sameHouse(HouseholdLoad house, Instant end) {
        LocalDate today = LocalDate.ofInstant(end, ZONE);
        return new UsageModel(settings.seed(), List.of(UsagePointSpec.solar(ELECTRIC_USAGE_POINT, 3600),
                UsagePointSpec.gas(GAS_USAGE_POINT)), ZONE)
                .withMeter(ELECTRIC_USAGE_POINT, (from, to) -> {
                    HouseholdLoad.Energy counted = house.energy(from, to);
                    return new MeteredEnergy.Counted(counted.deliveredWattSeconds(), counted.receivedWattSeconds());
                })
                .withAvailableData(today.minusMonths(48).atStartOfDay(ZONE).toInstant(), today.atStartOfDay(ZONE).toInstant());
    }

    private Emu2Simulator simulator(Instant end, DeviceTally device) {
        Emu2SimulatorBuilder builder = Emu2Simulator.builder().seed(settings.seed()).zone(ZONE).solar(5000)
                .start(end.minus(settings.duration())).stopAt(end).speed(settings.speed()).holdClock()
                .fault(new Fault.Clobber(0.1)).pty(new DemoFiles(settings.dir()).port()).journalRetain(JOURNAL_RETAINED);
        settings.journal().ifPresent(builder::journalFile);
        Emu2Simulator emu = builder.build();
        emu.journal().addListener(device);
        return emu;
    }

    /**
     * Runs the device's clock once the collector has heard who the device is and had its first answers (a clock that
     * ran before would write the whole of a short run into a port nobody reads yet), waits for the device's end and
     * for the collector to have stored its last demand reading, and for PG&E's history.
     */
    private BackfillSummary collect(Collector collector, Emu2Simulator emu, DeviceTally device, LiveTally tally, Pace pace,
                                    Instant end)
            throws ExecutionException {
        PgeConnection pge = collector.pge().orElseThrow();
        TimeWindow history = history(end);
        BackfillSettings backfillSettings = new BackfillSettings(Duration.ofDays(Math.max(2, settings.backfillDays())),
                Duration.ofMinutes(1), 3);
        CompletableFuture<BackfillSummary> backfilled = CompletableFuture.supplyAsync(() -> pge.backfill(history, backfillSettings, tally));
        try {
            interruption.await(() -> collector.emu2Settled().get(SETTLING.toSeconds(), TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            throw new DemoFailure("the collector did not hear from the virtual EMU-2 at " + new DemoFiles(settings.dir()).port()
                    + " within " + SETTLING.toSeconds() + " s");
        }
        emu.runClock();
        pace.started(emu.now());
        awaitDeviceEnd(emu, end);
        pace.stopped();
        awaitCaughtUp(device, tally);
        try {
            return interruption.await(() -> backfilled.get(5, TimeUnit.MINUTES));
        } catch (TimeoutException e) {
            throw new DemoFailure("PG&E's history had not arrived 5 minutes after the device's end");
        }
    }

    private TimeWindow history(Instant end) {
        LocalDate lastFullDay = LocalDate.ofInstant(end, ZONE).minusDays(1);
        return new TimeWindow(lastFullDay.minusDays(settings.backfillDays() - 1L).atStartOfDay(ZONE).toInstant(),
                lastFullDay.plusDays(1).atStartOfDay(ZONE).toInstant());
    }

    /** The device's clock waits while the collector lags, so only a clock that stands still for long is a failure. */
    private void awaitDeviceEnd(Emu2Simulator emu, Instant end) throws ExecutionException {
        Instant seen = emu.now();
        long movedAt = System.nanoTime();
        while (!awaitQuietly(() -> emu.awaitTime(end, Duration.ofSeconds(5)))) {
            Instant now = emu.now();
            if (now.isAfter(seen)) {
                seen = now;
                movedAt = System.nanoTime();
            } else if (System.nanoTime() - movedAt > STALL.toNanos()) {
                throw new DemoFailure("the virtual EMU-2 stood still at " + now + " for " + STALL.toSeconds()
                        + " s: the collector stopped reading it");
            }
        }
    }

    /** Waits until the collector has stored the reading of the last whole demand fragment the device wrote. */
    private void awaitCaughtUp(DeviceTally device, LiveTally tally) throws ExecutionException {
        Optional<Instant> last = device.lastWholeDemand();
        if (last.isPresent() && !awaitQuietly(() -> tally.awaitDemandAt(last.get(), CATCH_UP))) {
            throw new DemoFailure("the collector had not stored the device's last demand reading (" + last.get()
                    + ") " + CATCH_UP.toSeconds() + " s after the device wrote it");
        }
    }

    private boolean awaitQuietly(Interruption.Wait<Boolean> wait) throws ExecutionException {
        try {
            return interruption.await(wait);
        } catch (TimeoutException e) {
            return false;
        }
    }

    private static StatusLine statusLine(Emu2Simulator emu, Collector collector, LiveTally tally, Pace pace) {
        Instant now = emu.now();
        DemandReading demand = tally.lastDemand();
        SummationReading summation = tally.lastSummation();
        Optional<Emu2Stats> stats = collector.emu2().map(Emu2Session::stats);
        return new StatusLine(now, Optional.ofNullable(demand).map(DemandReading::kw),
                Optional.ofNullable(summation).map(SummationReading::deliveredKwh),
                Optional.ofNullable(summation).map(SummationReading::receivedKwh),
                stats.map(Emu2Stats::accepted).orElse(0L), stats.map(Emu2Stats::clobbered).orElse(0L), tally.backfill(), pace.shortfall(now), pace.asked());
    }
}
