package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.PgeMockSettings;
import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.collector.pge.client.ShareMyDataClient;
import dev.metertap.collector.pge.espi.EspiParser;
import dev.metertap.collector.pge.notify.NotificationReceiver;
import dev.metertap.collector.pge.notify.ReceiverSettings;
import dev.metertap.collector.pge.notify.SeenNotifications;
import dev.metertap.pgemock.ListenPort;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import dev.metertap.pgemock.espi.UsageModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The real pieces of a backfill wired to pge-mock over mutual TLS: the mock (its notifications go to our receiver,
 * which trusts only the mock's resource base), the receiver feeding an inbox, and the client with PG&E's pace of one
 * request per second.
 */
final class MockedShareMyData implements AutoCloseable {

    final PgeMock pge;
    final NotificationReceiver receiver;
    final ResourceInbox inbox = new ResourceInbox();
    final ShareMyDataClient client;
    final ClientBulkService service;

    MockedShareMyData(UsageModel model, Duration notificationDelay, Clock mockClock) {
        int receiverPort = ListenPort.pick();
        CertificateAuthority receiverCa = CertificateAuthority.create("metertap test notification CA");
        Identity receiverIdentity = receiverCa.issueServer("metertap notification receiver");
        pge = new PgeMock(PgeMockOptions.defaults()
                .model(model)
                .clock(mockClock)
                .notifyUri(URI.create("https://127.0.0.1:" + receiverPort + "/pge/notifications"))
                .notifyTrust(List.of(receiverCa.certificate()))
                .notificationDelay(notificationDelay)).start();
        try {
            receiver = new NotificationReceiver(new ReceiverSettings(new InetSocketAddress("127.0.0.1", receiverPort),
                    receiverIdentity, URI.create(pge.resourceBase()), ReceiverSettings.DEFAULT_MAX_BODY_BYTES),
                    SeenNotifications.inMemory(), resource -> inbox.offer(resource.url())).start();
        } catch (IOException e) {
            pge.close();
            throw new UncheckedIOException(e);
        }
        client = new ShareMyDataClient(PgeMockSettings.of(pge, Duration.ofSeconds(1), Duration.ofSeconds(30), 4), Clock.systemUTC());
        service = new ClientBulkService(client, new EspiParser());
    }

    @Override
    public void close() {
        client.close();
        receiver.close();
        pge.close();
    }
}
