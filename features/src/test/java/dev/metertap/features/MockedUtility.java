package dev.metertap.features;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.collector.config.Secret;
import dev.metertap.collector.pge.backfill.ResourceInbox;
import dev.metertap.collector.pge.client.ShareMyDataClient;
import dev.metertap.collector.pge.client.ShareMyDataSettings;
import dev.metertap.collector.pge.notify.NotificationReceiver;
import dev.metertap.collector.pge.notify.ReceiverSettings;
import dev.metertap.collector.pge.notify.SeenNotifications;
import dev.metertap.pgemock.ClientKit;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import dev.metertap.pgemock.espi.UsageModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * PG&E's Share My Data as the mock plays it, with the collector's side wired to it: the client over
 * mutual TLS with the mock's client kit, and the notification receiver the mock posts to. Started on
 * first use, closed after the scenario. The mock's model and journal are the ground truth.
 */
public final class MockedUtility implements AutoCloseable {

    /** Far quicker than PG&E's one request per second: the mock does not need the pace. */
    private static final Duration PACE = Duration.ofMillis(50);

    private final ScenarioFolder folder;
    private final MovableClock pgeClock = new MovableClock();
    private final ResourceInbox inbox = new ResourceInbox();
    private PgeMockOptions options = PgeMockOptions.defaults().notificationDelay(Duration.ZERO);
    private PgeMock pge;
    private NotificationReceiver receiver;
    private ShareMyDataClient client;

    public MockedUtility(ScenarioFolder folder) {
        this.folder = folder;
    }

    public void tokenLifetime(Duration lifetime) {
        options = configurable().tokenLifetime(lifetime);
    }

    public void model(UsageModel model) {
        options = configurable().model(model);
    }

    public synchronized PgeMock started() {
        if (pge == null) {
            int receiverPort = freePort();
            CertificateAuthority receiverCa = CertificateAuthority.create("metertap features notification CA");
            Identity receiverIdentity = receiverCa.issueServer("metertap notification receiver");
            pge = new PgeMock(options.clock(pgeClock)
                    .notifyUri(URI.create("https://127.0.0.1:" + receiverPort + "/pge/notifications"))
                    .notifyTrust(List.of(receiverCa.certificate()))).start();
            try {
                receiver = new NotificationReceiver(new ReceiverSettings(new InetSocketAddress("127.0.0.1", receiverPort),
                        receiverIdentity, URI.create(pge.resourceBase()), ReceiverSettings.DEFAULT_MAX_BODY_BYTES),
                        SeenNotifications.inMemory(), resource -> inbox.offer(resource.url())).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pge;
    }

    /** The collector's Share My Data client, configured as a user would from the mock's kit. */
    public synchronized ShareMyDataClient client() {
        if (client == null) {
            PgeMock mock = started();
            client = new ShareMyDataClient(new ShareMyDataSettings(URI.create(mock.resourceBase()), URI.create(mock.tokenUrl()),
                    URI.create(mock.testTokenUrl()), mock.credentials().clientId(),
                    Secret.of(mock.credentials().clientSecret(), "pge-mock"), mock.clientIdentity(), List.of(mock.serverCa()),
                    PACE, Duration.ofSeconds(30), 4), Clock.systemUTC());
        }
        return client;
    }

    public NotificationReceiver receiver() {
        started();
        return receiver;
    }

    public ResourceInbox inbox() {
        started();
        return inbox;
    }

    /** Moves PG&E's clock only: tokens it issued expire, the collector's clock does not notice. */
    public void pgeTimePasses(Duration duration) {
        pgeClock.forward(duration);
    }

    /** A metertap configuration file for the mock, as the README tells users to write for PG&E. */
    public Path configFile() throws IOException {
        PgeMock mock = started();
        ClientKit kit = mock.writeClientKit(folder.resolve("pge-kit"));
        Path secret = Files.writeString(folder.resolve("pge-secret"), mock.credentials().clientSecret() + "\n");
        return Files.writeString(folder.resolve("metertap.yaml"), """
                pge:
                  resource-base: %s
                  token-url: %s
                  test-token-url: %s
                  client-id: %s
                  client-secret: {file: %s}
                  certificate: %s
                  key: %s
                  extra-ca: %s
                  min-request-interval: %dms
                """.formatted(mock.resourceBase(), mock.tokenUrl(), mock.testTokenUrl(), mock.credentials().clientId(),
                secret, kit.clientCertificate(), kit.clientKey(), kit.serverCa(), PACE.toMillis()));
    }

    private PgeMockOptions configurable() {
        if (pge != null) {
            throw new IllegalStateException("PG&E is already running; configure it first");
        }
        return options;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
        if (pge != null) {
            pge.close();
            pge = null;
        }
    }
}
