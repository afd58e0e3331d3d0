package dev.metertap.collector.run;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.emu2.session.Emu2Listener;
import dev.metertap.collector.emu2.session.Emu2Options;
import dev.metertap.collector.emu2.session.Emu2Session;
import dev.metertap.collector.emu2.session.Emu2Stats;
import dev.metertap.collector.emu2.transport.Endpoint;
import dev.metertap.collector.config.RtlamrConfig;
import dev.metertap.collector.reading.AmrConsumptionReading;
import dev.metertap.collector.reading.AmrIntervalReading;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.rtlamr.CommandFeed;
import dev.metertap.collector.rtlamr.MeterChoice;
import dev.metertap.collector.rtlamr.RtlamrFeed;
import dev.metertap.collector.rtlamr.RtlamrSource;
import dev.metertap.collector.rtlamr.TcpFeed;
import dev.metertap.collector.sink.Backoff;
import dev.metertap.collector.sink.Forwarder;
import dev.metertap.collector.store.Outbox;
import dev.metertap.collector.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The collector, assembled in this one place from the configuration the user writes: the store, a forwarder
 * per sink reading the store's outbox, the EMU-2 session writing to the store with its polls, the radio (rtlamr), PG&E's
 * receiver, backfills and daily request, and the nightly always-on series measured from what they store.
 * {@code metertap run}, {@code metertap demo}, the scenarios and the benchmarks all build it here; what they
 * may vary are the {@link Seams}, never the wiring.
 *
 * <p>Readings reach the store before any sink sees them, so closing at any point loses nothing a sink has not
 * yet acknowledged.
 */
public final class Collector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);
    private static final Emu2Stats NO_EMU2 = new Emu2Stats(0, Map.of(), 0, 0, 0, 0, 0, 0, 0);

    /**
     * What a test, the demo or a benchmark may vary.
     *
     * @param environment where {@code {env: NAME}} secrets come from
     * @param clock       the host's clock: when readings were stored, PG&E's schedule and tokens
     * @param stdout      where a {@code stdout} sink writes
     * @param emu2        the EMU-2 to read instead of {@code emu2.port} (the one found on USB, say)
     * @param observer    hears what the session decodes, and each reading once it is stored
     */
    public record Seams(Map<String, String> environment, Clock clock, PrintStream stdout, Optional<Endpoint> emu2,
                        Emu2Listener observer) {

        private static final Emu2Listener NOBODY = new Emu2Listener() {
        };

        /**
         * The process's environment and the system clock, the EMU-2 from the configuration.
         *
         * @param stdout where a {@code stdout} sink writes: the command line's standard output
         */
        public static Seams production(PrintStream stdout) {
            return new Seams(System.getenv(), Clock.systemUTC(), stdout, Optional.empty(), NOBODY);
        }

        public Seams withEmu2(Endpoint value) {
            return new Seams(environment, clock, stdout, Optional.of(value), observer);
        }

        public Seams withObserver(Emu2Listener value) {
            return new Seams(environment, clock, stdout, emu2, value);
        }
    }

    private final Store store;
    private final List<Forwarder> forwarders;
    private final ReadingRecorder recorder;
    private final Optional<Emu2Session> session;
    private final Optional<Endpoint> emu2At;
    private final Emu2Polls polls;
    private final Optional<PgeConnection> pge;
    private final Optional<RtlamrSource> rtlamr;
    private final ReadingRecorder radioRecorder;
    private final Optional<PgeDailyBulk> daily;
    private final NightlyBaselines baselines;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private Instant startedAt;
    private boolean started;
    private boolean closed;

    private Collector(MetertapConfig config, Seams seams) {
        ConfigLoader loader = new ConfigLoader(seams.environment());
        this.clock = seams.clock();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metertap-schedule");
            thread.setDaemon(true);
            return thread;
        });
        this.store = Store.open(config.store().path(), Store.COLLECTOR);
        List<AutoCloseable> built = new ArrayList<>();
        try {
            this.forwarders = loader.forwarders(config, store, seams.stdout());
            built.addAll(forwarders);
            this.polls = new Emu2Polls(config.emu2(), scheduler);
            this.baselines = new NightlyBaselines(store, config.report().zoneId());
            this.recorder = new ReadingRecorder(store, clock, seams.observer(), polls::afterIdentified, baselines::afterStored);
            this.emu2At = seams.emu2().or(() -> Optional.ofNullable(config.emu2().port())
                    .filter(port -> !port.isBlank()).map(Endpoint::parse));
            // the radio's readings go to the store like the EMU-2's; its own recorder keeps its own counts for /status
            this.radioRecorder = new ReadingRecorder(store, clock, seams.observer(), () -> { }, reading -> { });
            this.rtlamr = Optional.ofNullable(config.rtlamr()).map(radio -> new RtlamrSource(feed(radio),
                    new RtlamrSource.Settings(new MeterChoice(Set.copyOf(radio.meters()), radio.storeOthers()), radio.silence(),
                            new Backoff(radio.restartBackoff(), radio.restartBackoffMax()), radio.maxLineBytes()),
                    radioRecorder::onReading, clock));
            rtlamr.ifPresent(radio -> radio.resumeFrom(storedByRadio(store)));
            this.session = emu2At.map(at -> new Emu2Session(at.transport(),
                    Emu2Options.DEFAULTS.withMaxFragmentBytes(config.emu2().maxFragmentBytes()), recorder));
            boolean scheduled = config.schedule().pgeDailyBulkTime().isPresent();
            boolean receives = config.pge() != null && config.pge().notifications() != null;
            this.pge = scheduled || receives ? Optional.of(PgeConnection.open(config, loader, store, clock)) : Optional.empty();
            pge.ifPresent(built::add);
            pge.ifPresent(connection -> connection.afterIntervalsStored(baselines::afterPgeStored));
            // the same zone as the report's days and nights: the one the user named, never the host's
            this.daily = config.schedule().pgeDailyBulkTime().map(at -> new PgeDailyBulk(pge.orElseThrow(), at,
                    config.report().zoneId(), config.schedule().pgeDays(), clock));
        } catch (RuntimeException e) {
            built.forEach(Collector::closeQuietly);
            store.close();
            scheduler.shutdownNow();
            throw e;
        }
    }

    /**
     * The radio's last stored week (by rtlamr's own times, whatever the host's clock says now): enough to know each
     * meter's last total and newest interval.
     */
    private static List<Point> storedByRadio(Store store) {
        List<Point> points = new ArrayList<>();
        for (String measurement : List.of(AmrConsumptionReading.MEASUREMENT, AmrIntervalReading.MEASUREMENT)) {
            store.latestTime(measurement).ifPresent(latest -> points.addAll(store.query(new PointQuery(measurement, Map.of(),
                    latest.minus(Duration.ofDays(7)), Instant.MAX))));
        }
        return points;
    }

    private static RtlamrFeed feed(RtlamrConfig radio) {
        return radio.tcp() != null && !radio.tcp().isBlank() ? new TcpFeed(radio.tcp()) : new CommandFeed(radio.commandLine());
    }

    /**
     * Opens the store and builds every piece, resolving secrets and reading certificate files now, so that a
     * configuration error stops us before the device is touched. Nothing runs until {@link #start()}.
     */
    public static Collector assemble(MetertapConfig config, Seams seams) {
        return new Collector(config, seams);
    }

    /**
     * Starts the sinks first (they forward a backlog from an earlier run), the nightly always-on series (measured once
     * now), then PG&E's receiver, then the device.
     */
    public synchronized void start() {
        started = true;
        startedAt = clock.instant();
        forwarders.forEach(Forwarder::start);
        baselines.start();
        pge.ifPresent(PgeConnection::start);
        daily.ifPresent(PgeDailyBulk::start);
        rtlamr.ifPresent(RtlamrSource::start);
        session.ifPresent(emu2 -> {
            polls.start(emu2);
            emu2.start();
            polls.firstRound().thenRun(() -> log.info("EMU-2 {} reading meter(s) {}", emu2.device().map(String::valueOf)
                    .orElse("(device not known yet)"), emu2.meters()));
        });
        log.info("collecting into {} with {} sink(s){}{}{}", store.path(), forwarders.size(),
                emu2At.map(at -> ", EMU-2 at " + at).orElse(""), pge.isPresent() ? ", PG&E" : "",
                rtlamr.map(radio -> ", rtlamr from " + radio.health().feed()).orElse(""));
    }

    public RunStatus status() {
        List<RunStatus.SinkStatus> sinks = new ArrayList<>();
        for (Forwarder forwarder : forwarders) {
            sinks.add(new RunStatus.SinkStatus(forwarder.sinkName(), forwarder.state(), forwarder.pointsSent(), outboxLag(forwarder)));
        }
        return new RunStatus(clock.instant(), startedAt, recorder.connected(),
                session.flatMap(Emu2Session::device).map(String::valueOf), session.map(Emu2Session::stats).orElse(NO_EMU2),
                recorder.stored(), recorder.failed(), recorder.lastStoredAt(), sinks,
                pge.map(p -> new RunStatus.PgeStatus(daily.flatMap(PgeDailyBulk::lastSuccess), p.refusedCount())),
                rtlamr.map(radio -> new RunStatus.RtlamrStatus(radio.health(), radioRecorder.stored(), radioRecorder.failed())));
    }

    /** Waits until sink {@code name} is in {@code state}; false when it was not within {@code timeout}. */
    public boolean awaitSinkState(String name, Forwarder.State state, Duration timeout) throws InterruptedException {
        return forwarder(name).awaitState(state, timeout);
    }

    /** Waits until sink {@code name} has acknowledged everything stored so far; false when it had not within {@code timeout}. */
    public boolean awaitDelivered(String name, Duration timeout) throws InterruptedException {
        return forwarder(name).awaitDelivered(store.lastSeq(), timeout);
    }

    private Forwarder forwarder(String name) {
        return forwarders.stream().filter(f -> f.sinkName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sink named '" + name + "'"));
    }

    private long outboxLag(Forwarder forwarder) {
        try (Outbox outbox = store.outbox(forwarder.sinkName())) {
            return outbox.pending();
        }
    }

    public Store store() {
        return store;
    }

    /** The radio source, when {@code rtlamr:} is configured: its health. */
    public Optional<RtlamrSource> rtlamr() {
        return rtlamr;
    }

    /** The EMU-2 session, when the collector reads one: to ask the device something. */
    public Optional<Emu2Session> emu2() {
        return session;
    }

    /**
     * Completes once the collector has asked the EMU-2, after its first connect, who it is and for its current
     * demand, summation and price, and had the answers or given up: from then on only the polls' schedule and the
     * device's own notifications make it write.
     */
    public CompletableFuture<Void> emu2Settled() {
        return polls.firstRound();
    }

    /** When the daily PG&E request is next due, when {@code schedule.pge-daily-bulk-at} is set. */
    Optional<java.time.ZonedDateTime> nextPgeDailyRequest() {
        return daily.map(PgeDailyBulk::nextRequest);
    }

    /** PG&E's side, present when {@code pge:} configures a notification receiver. */
    public Optional<PgeConnection> pge() {
        return pge;
    }

    /**
     * Stops reading (the device, then PG&E), stores what was read and the nights measured from it, lets every
     * sink that can still be reached deliver everything stored, and closes the store last. A sink that fails or refuses keeps the rest in the
     * outbox for the next start.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        session.ifPresent(Emu2Session::close);
        recorder.seal();
        rtlamr.ifPresent(RtlamrSource::close);
        radioRecorder.seal();
        daily.ifPresent(PgeDailyBulk::close);
        pge.ifPresent(PgeConnection::close);
        baselines.close(); // after every source stopped, so that the nights it measured last are in the drain
        long last = store.lastSeq();
        if (started) {
            forwarders.forEach(forwarder -> forwarder.drainTo(last));
            for (Forwarder forwarder : forwarders) {
                awaitDrained(forwarder, last);
            }
        }
        forwarders.forEach(Forwarder::close);
        awaitQuietly();
        store.close();
        log.info("stopped: {} reading(s) stored this run{}", recorder.stored() + radioRecorder.stored(),
                rtlamr.isPresent() ? " (" + radioRecorder.stored() + " by radio)" : "");
    }

    private static void awaitDrained(Forwarder forwarder, long last) {
        try {
            if (!forwarder.awaitDrained(last)) {
                log.warn("sink '{}' is {} and did not get everything before shutdown; the rest waits in the store for the next start",
                        forwarder.sinkName(), forwarder.state().name().toLowerCase(java.util.Locale.ROOT));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitQuietly() {
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("while giving up the assembly: {}", e.getMessage());
        }
    }
}
