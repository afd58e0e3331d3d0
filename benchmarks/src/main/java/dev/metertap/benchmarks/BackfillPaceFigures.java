package dev.metertap.benchmarks;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.backfill.Backfill;
import dev.metertap.collector.pge.backfill.BackfillSettings;
import dev.metertap.collector.pge.backfill.BackfillSummary;
import dev.metertap.collector.pge.backfill.ClientBulkService;
import dev.metertap.collector.pge.backfill.LoggedProgress;
import dev.metertap.collector.pge.backfill.ResourceInbox;
import dev.metertap.collector.pge.client.ShareMyDataClient;
import dev.metertap.collector.pge.client.ShareMyDataSettings;
import dev.metertap.collector.pge.espi.EspiParser;
import dev.metertap.collector.pge.notify.NotificationReceiver;
import dev.metertap.collector.pge.notify.ReceiverSettings;
import dev.metertap.collector.pge.notify.SeenNotifications;
import dev.metertap.collector.secret.Secret;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.RateLimit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * How long a 48-month backfill of three usage points (15-minute electric, 15-minute solar, daily gas) takes against
 * pge-mock at PG&amp;E's pace: its limit of one request per second on, and each notification sent
 * {@code -Ddelay=SECONDS} (default 120) after its bulk request. Everything is real: mutual TLS to the mock, its HTTPS
 * notifications to the collector's receiver, the client's own pacing, the store on disk, the default backfill
 * settings. Prints the wall time, requests and readings; the issue's target is under 4 minutes at 120 s.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar -Ddelay=120 dev.metertap.benchmarks.BackfillPaceFigures</pre>
 */
public final class BackfillPaceFigures {

    public static void main(String[] args) throws Exception {
        Duration delay = Duration.ofSeconds(Long.getLong("delay", 120));
        LocalDate today = LocalDate.now(UsageModel.PACIFIC);
        TimeWindow range = new TimeWindow(today.minus(Period.ofMonths(48)).atStartOfDay(UsageModel.PACIFIC).toInstant(),
                today.atStartOfDay(UsageModel.PACIFIC).toInstant());
        UsageModel model = new UsageModel(48L, List.of(UsagePointSpec.electric("5550000301", 900),
                UsagePointSpec.solar("5550000302", 900), UsagePointSpec.gas("5550000303")))
                .withAvailableData(range.from(), range.to());
        Path dir = Files.createTempDirectory("backfill-pace");
        int receiverPort = freePort();
        CertificateAuthority receiverCa = CertificateAuthority.create("backfill figures notification CA");
        Identity receiverIdentity = receiverCa.issueServer("metertap notification receiver");
        ResourceInbox inbox = new ResourceInbox();
        try (PgeMock pge = new PgeMock(PgeMockOptions.defaults().model(model)
                .notifyUri(URI.create("https://127.0.0.1:" + receiverPort + "/pge/notifications"))
                .notifyTrust(List.of(receiverCa.certificate())).notificationDelay(delay)).start();
             NotificationReceiver receiver = new NotificationReceiver(new ReceiverSettings(
                     new InetSocketAddress("127.0.0.1", receiverPort), receiverIdentity, URI.create(pge.resourceBase()),
                     ReceiverSettings.DEFAULT_MAX_BODY_BYTES), SeenNotifications.inMemory(), r -> inbox.offer(r.url())).start();
             ShareMyDataClient client = new ShareMyDataClient(new ShareMyDataSettings(URI.create(pge.resourceBase()),
                     URI.create(pge.tokenUrl()), URI.create(pge.testTokenUrl()), pge.credentials().clientId(),
                     Secret.of(pge.credentials().clientSecret(), "pge-mock"), pge.clientIdentity(), List.of(pge.serverCa()),
                     Duration.ofSeconds(1), Duration.ofSeconds(30), 4), Clock.systemUTC());
             Store store = Store.open(dir.resolve("metertap.db"))) {
            pge.faults().rateLimit(RateLimit.tooManyRequests());
            BackfillSettings settings = BackfillSettings.DEFAULTS;
            Backfill backfill = new Backfill(new ClientBulkService(client, new EspiParser()), inbox, store, settings,
                    new LoggedProgress(), Clock.systemUTC());

            long started = System.nanoTime();
            BackfillSummary summary = backfill.run(backfill.subscription(Optional.empty(), List.of()), range);
            Duration wall = Duration.ofNanos(System.nanoTime() - started);

            System.out.printf("48-month backfill, 3 usage points, notification delay %d s, pge-mock 1 request/s: %.1f s wall"
                            + " (target < 240 s); %d bulk requests, %d resources, %,d readings, %,d intervals stored,"
                            + " gaps %s; settings %s%n",
                    delay.toSeconds(), wall.toMillis() / 1000.0, summary.requests(), summary.resourcesFetched(),
                    summary.readings(), summary.intervalsChanged(), summary.gaps().complete() ? "none" : "LEFT", settings);
            if (!summary.succeeded() || !summary.gaps().complete()) {
                System.exit(1);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
