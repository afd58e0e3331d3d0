package dev.metertap.demo;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.collector.secret.Secret;
import dev.metertap.collector.emu2.session.Emu2Options;
import dev.metertap.collector.emu2.session.Emu2Session;
import dev.metertap.collector.emu2.transport.Endpoint;
import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.backfill.Backfill;
import dev.metertap.collector.pge.backfill.BackfillSettings;
import dev.metertap.collector.pge.backfill.BackfillSummary;
import dev.metertap.collector.pge.backfill.ClientBulkService;
import dev.metertap.collector.pge.backfill.ResourceInbox;
import dev.metertap.collector.pge.client.ShareMyDataClient;
import dev.metertap.collector.pge.client.ShareMyDataSettings;
import dev.metertap.collector.pge.espi.EspiParser;
import dev.metertap.collector.pge.notify.NotificationReceiver;
import dev.metertap.collector.pge.notify.ReceiverSettings;
import dev.metertap.collector.pge.notify.SeenNotifications;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.fault.FaultName;
import dev.metertap.simulator.journal.FragmentEntry;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One demo run: the virtual EMU-2 on a pty (accelerated) and the PG&E mock in-process with a fresh
 * client kit; the real collector reads the first over jSerialComm and backfills from the second
 * over mutual TLS with a notification round trip, into the embedded store.
 */
final class DemoRun {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    record Settings(Path dir, Duration duration, double speed, long seed, int backfillDays, Progress progress) {
    }

    /** How the status line is shown: rewritten in place on a terminal; a line now and then in a log or a pipe. */
    enum Progress {
        /** The spaces cover the end of a longer line before. */
        LIVE(Duration.ofMillis(250), "\r", "   "),
        LOG(Duration.ofSeconds(5), "", System.lineSeparator());

        final Duration every;
        private final String before;
        private final String after;

        Progress(Duration every, String before, String after) {
            this.every = every;
            this.before = before;
            this.after = after;
        }

        String show(String status) {
            return before + status + after;
        }
    }

    record Summary(Path store, Path kit, long liveReadings, long fragments, long clobbered, BackfillSummary backfill,
                   Optional<java.math.BigDecimal> baseLoadKw, Duration wall) {
    }

    private final Settings settings;
    private final PrintStream out;

    DemoRun(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    Summary run() throws Exception {
        long wallStart = System.nanoTime();
        Path dir = Files.createDirectories(settings.dir());
        Path storeFile = dir.resolve("metertap.db");
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int receiverPort = freePort();
        CertificateAuthority receiverCa = CertificateAuthority.create("metertap demo notification CA");
        Identity receiverIdentity = receiverCa.issueServer("metertap demo notification receiver");
        ResourceInbox inbox = new ResourceInbox();
        try (Store store = Store.open(storeFile);
             PgeMock pge = new PgeMock(PgeMockOptions.defaults()
                     .notifyUri(URI.create("https://127.0.0.1:" + receiverPort + "/pge/notifications"))
                     .notifyTrust(List.of(receiverCa.certificate())).notificationDelay(Duration.ofSeconds(1))).start();
             NotificationReceiver receiver = new NotificationReceiver(new ReceiverSettings(
                     new InetSocketAddress("127.0.0.1", receiverPort), receiverIdentity, URI.create(pge.resourceBase()),
                     ReceiverSettings.DEFAULT_MAX_BODY_BYTES), SeenNotifications.inMemory(), resource -> inbox.offer(resource.url()))
                     .start();
             ShareMyDataClient client = new ShareMyDataClient(new ShareMyDataSettings(URI.create(pge.resourceBase()),
                     URI.create(pge.tokenUrl()), URI.create(pge.testTokenUrl()), pge.credentials().clientId(),
                     Secret.of(pge.credentials().clientSecret(), "pge-mock"), pge.clientIdentity(), List.of(pge.serverCa()),
                     ShareMyDataSettings.DEFAULT_MIN_REQUEST_INTERVAL, Duration.ofSeconds(30), 4), Clock.systemUTC());
             Emu2Simulator emu = Emu2Simulator.builder().seed(settings.seed()).zone(ZONE).solar(5000)
                     .start(end.minus(settings.duration())).stopAt(end).speed(settings.speed())
                     .fault(FaultName.CLOBBER, 0.1).pty(dir.resolve("ttyEMU2")).build().start()) {
            Path kit = pge.writeClientKit(dir.resolve("pge-kit")).directory();
            LiveTally tally = new LiveTally(store);
            ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor();
            try (Emu2Session session = new Emu2Session(Endpoint.parse(emu.portPath().orElseThrow()).transport(),
                    Emu2Options.DEFAULTS, tally)) {
                session.start();
                Progress progress = settings.progress();
                status.scheduleAtFixedRate(() -> out.print(progress.show(StatusLine.of(emu, session, tally))),
                        0, progress.every.toMillis(), TimeUnit.MILLISECONDS);
                LocalDate lastFullDay = LocalDate.ofInstant(end, ZONE).minusDays(1);
                TimeWindow history = new TimeWindow(lastFullDay.minusDays(settings.backfillDays() - 1L).atStartOfDay(ZONE)
                        .toInstant(), lastFullDay.plusDays(1).atStartOfDay(ZONE).toInstant());
                Backfill backfill = new Backfill(new ClientBulkService(client, new EspiParser()), inbox, store,
                        new BackfillSettings(Duration.ofDays(Math.max(2, settings.backfillDays())), Duration.ofMinutes(1), 3),
                        tally, Clock.systemUTC());
                CompletableFuture<BackfillSummary> backfilled = CompletableFuture.supplyAsync(
                        () -> backfill.run(backfill.subscription(Optional.empty(), List.of()), history));

                Duration patience = Duration.ofSeconds((long) (settings.duration().toSeconds() / settings.speed()) + 120);
                if (!emu.awaitTime(end, patience)) {
                    throw new IllegalStateException("the virtual EMU-2 did not reach " + end + " within " + patience);
                }
                awaitCaughtUp(emu, tally);
                BackfillSummary backfillSummary = backfilled.get(5, TimeUnit.MINUTES);
                status.shutdownNow();
                status.awaitTermination(1, TimeUnit.SECONDS);
                out.print(progress.show(StatusLine.of(emu, session, tally)));
                if (progress == Progress.LIVE) {
                    out.println();
                }
                List<FragmentEntry> fragments = emu.journal().fragments();
                long clobbered = fragments.stream().filter(f -> !f.isIntact()).count();
                return new Summary(storeFile, kit, tally.readings(), fragments.size(), clobbered, backfillSummary,
                        tally.baseLoadKw(), Duration.ofNanos(System.nanoTime() - wallStart));
            } finally {
                status.shutdownNow();
            }
        }
    }

    /** Waits until the collector has passed on the reading of the last whole demand fragment the device wrote. */
    private static void awaitCaughtUp(Emu2Simulator emu, LiveTally tally) throws InterruptedException {
        Instant last = emu.journal().fragments("InstantaneousDemand").stream()
                .filter(f -> f.isIntact() && f.deviceTime() != null)
                .map(FragmentEntry::deviceTime).max(Instant::compareTo).orElse(Instant.MIN);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (tally) {
            while (tally.lastDemand() == null || tally.lastDemand().time().isBefore(last)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the collector did not catch up with the device within 60 s");
                }
                tally.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
