package dev.metertap.collector.run;

import dev.metertap.collector.config.ConfigException;
import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.emu2.session.Emu2Options;
import dev.metertap.collector.emu2.session.Emu2Session;
import dev.metertap.collector.emu2.transport.ByteTransport;
import dev.metertap.collector.sink.Forwarder;
import dev.metertap.collector.store.Outbox;
import dev.metertap.collector.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The long-running collector: EMU-2 session → store, polls, forwarders reading the store's outbox, and
 * optionally PG&E's daily request with its notification receiver. Readings reach the store before any
 * sink sees them, so closing at any point loses nothing a sink has not yet acknowledged.
 */
public final class Collector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);

    /** How long close() lets sinks catch up; what they miss stays in the outbox for the next start. */
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

    private final Store store;
    private final List<Forwarder> forwarders;
    private final ReadingRecorder recorder;
    private final Emu2Session session;
    private final Emu2Polls polls;
    private final Optional<PgeDailyBulk> pge;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private Instant startedAt;
    private boolean started;
    private boolean closed;

    /**
     * Opens the store and builds every piece, resolving secrets and reading certificate files now, so that
     * a configuration error stops us before the device is touched. Nothing runs until {@link #start()}.
     */
    public Collector(MetertapConfig config, ConfigLoader loader, ByteTransport transport, PrintStream stdout, Clock clock) {
        this.clock = clock;
        Optional<PgeSettings> pgeSettings = config.schedule().pgeDailyBulkTime().map(at -> new PgeSettings(
                loader, config, at));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metertap-schedule");
            thread.setDaemon(true);
            return thread;
        });
        this.store = Store.open(config.store().path());
        try {
            this.forwarders = loader.forwarders(config, store, stdout);
            this.polls = new Emu2Polls(config.emu2(), scheduler);
            this.recorder = new ReadingRecorder(store, clock, polls::afterConnect);
            this.session = new Emu2Session(transport, Emu2Options.DEFAULTS.withMaxFragmentBytes(config.emu2().maxFragmentBytes()),
                    recorder);
            this.pge = pgeSettings.map(s -> new PgeDailyBulk(s.connection(), s.notifications(),
                    Optional.ofNullable(config.pge().bulkId()), s.at(), config.schedule().pgeDays(), store, clock));
        } catch (RuntimeException e) {
            store.close();
            scheduler.shutdownNow();
            throw e;
        }
    }

    /** Starts the sinks first (they forward a backlog from an earlier run), then PG&E's receiver, then the device. */
    public synchronized void start() {
        started = true;
        startedAt = clock.instant();
        forwarders.forEach(Forwarder::start);
        if (pge.isPresent()) {
            try {
                pge.get().start();
            } catch (IOException e) {
                throw new ConfigException("pge.notifications: cannot listen (" + e.getMessage()
                        + "): is another metertap or 'metertap pge listen' running?", e);
            }
        }
        polls.start(session);
        session.start();
        log.info("collecting into {} with {} sink(s)", store.path(), forwarders.size());
    }

    public RunStatus status() {
        List<RunStatus.SinkStatus> sinks = new ArrayList<>();
        for (Forwarder forwarder : forwarders) {
            sinks.add(new RunStatus.SinkStatus(forwarder.sinkName(), forwarder.state(), forwarder.pointsSent(), outboxLag(forwarder)));
        }
        return new RunStatus(clock.instant(), startedAt, recorder.connected(), session.device().map(String::valueOf),
                session.stats(), recorder.stored(), recorder.failed(), recorder.lastStoredAt(), sinks,
                pge.map(p -> new RunStatus.PgeStatus(p.lastSuccess(), p.refusedNotifications())));
    }

    private long outboxLag(Forwarder forwarder) {
        try (Outbox outbox = store.outbox(forwarder.sinkName())) {
            return outbox.pending();
        }
    }

    public Store store() {
        return store;
    }

    /**
     * Stops the device first (no new readings), then PG&E, gives each sink a few seconds to deliver what is
     * stored, and closes the store last.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        session.close();
        pge.ifPresent(PgeDailyBulk::close);
        long last = store.lastSeq();
        for (Forwarder forwarder : forwarders) {
            try {
                if (started && forwarder.state() != Forwarder.State.PAUSED && !forwarder.awaitDelivered(last, FLUSH_TIMEOUT)) {
                    log.warn("sink '{}' did not catch up before shutdown; it resumes from the store at the next start",
                            forwarder.sinkName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            forwarder.close();
        }
        awaitQuietly();
        store.close();
        log.info("stopped: {} reading(s) stored this run", recorder.stored());
    }

    private void awaitQuietly() {
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** PG&E's settings, read (files and secrets) before anything opens. */
    private record PgeSettings(dev.metertap.collector.pge.client.ShareMyDataSettings connection,
                               dev.metertap.collector.pge.notify.ReceiverSettings notifications, java.time.LocalTime at) {
        PgeSettings(ConfigLoader loader, MetertapConfig config, java.time.LocalTime at) {
            this(loader.shareMyData(config), loader.notificationReceiver(config), at);
        }
    }
}
