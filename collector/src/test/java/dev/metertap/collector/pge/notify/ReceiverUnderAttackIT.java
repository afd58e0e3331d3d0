package dev.metertap.collector.pge.notify;

import dev.metertap.collector.pge.PgeMockSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.ClientTls;
import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.client.BulkAnswer;
import dev.metertap.collector.pge.client.ShareMyDataClient;
import dev.metertap.pgemock.ListenPort;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver against slow and many connections: slowloris headers and handshakes are closed after the request
 * timeout, and a burst of 2,000 connections leaves room for pge-mock's real notification, sent over a real TLS
 * handshake after the collector's client asked for bulk data with its client certificate.
 */
class ReceiverUnderAttackIT {

    private static final Logger log = LoggerFactory.getLogger(ReceiverUnderAttackIT.class);
    /** Generous for a loaded 2-core machine; only ever a bound on waiting for an event. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(2);
    private static final int BURST = 2000;

    private static CertificateAuthority receiverCa;
    private static PgeMock pge;
    private static ShareMyDataClient client;
    private static int notifyPort;
    private static final BlockingQueue<NotifiedResource> resources = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    private static int window;

    @BeforeAll
    static void start() throws Exception {
        receiverCa = CertificateAuthority.create("metertap notification receiver CA");
        notifyPort = ListenPort.pick();
        pge = new PgeMock(PgeMockOptions.defaults()
                .notifyUri(URI.create("https://127.0.0.1:" + notifyPort + "/pge/notify"))
                .notifyTrust(List.of(receiverCa.certificate()))
                .notificationDelay(Duration.ZERO));
        pge.start();
        client = new ShareMyDataClient(PgeMockSettings.of(pge, Duration.ofMillis(5), Duration.ofSeconds(20), 4), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        pge.close();
    }

    @AfterEach
    void cleanUp() {
        trickle.shutdownNow();
        resources.clear();
    }

    private static NotificationReceiver start(ReceiverSettings settings) throws IOException {
        return new NotificationReceiver(settings, SeenNotifications.inMemory(), resources::add).start();
    }

    /** The defaults: a request timeout of 30 s and at most 64 connections. */
    private static ReceiverSettings settings(int port) {
        return new ReceiverSettings(new InetSocketAddress("127.0.0.1", port), receiverCa.issueServer("metertap receiver"),
                URI.create(pge.resourceBase()), 16 * 1024);
    }

    /** Sends {@code bytes} one at a time, every 100 ms, until the connection fails or all are sent. */
    private AtomicInteger trickle(OutputStream out, byte[] bytes) {
        AtomicInteger sent = new AtomicInteger();
        trickle.scheduleAtFixedRate(() -> {
            int next = sent.get();
            if (next >= bytes.length) {
                return;
            }
            try {
                out.write(bytes[next]);
                out.flush();
                sent.incrementAndGet();
            } catch (IOException e) {
                throw new IllegalStateException("closed"); // ends the schedule
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        return sent;
    }

    /** Blocks until the server ends the connection (end of stream or reset); fails when it is still open after the deadline. */
    private static void awaitEndedByServer(Socket socket, InputStream in) throws IOException {
        socket.setSoTimeout((int) DEADLINE.toMillis());
        try {
            while (in.read() >= 0) {
                // a TLS alert or an answer may come first
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the receiver still held the connection open after " + DEADLINE);
        } catch (IOException e) {
            // reset or TLS failure: ended by the server all the same
        }
    }

    @Test
    void closesAConnectionWhoseHeadersTrickleIn() throws Exception {
        try (NotificationReceiver receiver = start(settings(0).withRequestTimeout(SHORT_TIMEOUT));
             SSLSocket socket = (SSLSocket) ClientTls.context(new KeyManager[0], List.of(receiverCa.certificate()))
                     .getSocketFactory().createSocket("127.0.0.1", receiver.port())) {
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write("POST /pge/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // 600 bytes at ten a second: every read timeout is reset long before the headers could end
            byte[] rest = ("a".repeat(600) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            AtomicInteger sent = trickle(out, rest);

            awaitEndedByServer(socket, socket.getInputStream());

            assertThat(sent.get()).as("bytes trickled before the close").isLessThan(rest.length);
            assertThat(receiver.connections().timedOut()).isEqualTo(1);
            assertThat(resources).isEmpty();
        }
    }

    @Test
    void closesAConnectionWhoseTlsHandshakeTricklesIn() throws Exception {
        try (NotificationReceiver receiver = start(settings(0).withRequestTimeout(SHORT_TIMEOUT));
             Socket silent = new Socket("127.0.0.1", receiver.port());
             Socket socket = new Socket("127.0.0.1", receiver.port())) {
            OutputStream out = socket.getOutputStream();
            // a TLS handshake record announcing 16 KB, then its bytes one by one: the handshake never completes
            out.write(new byte[] {0x16, 0x03, 0x01, 0x40, 0x00, 0x01});
            out.flush();
            AtomicInteger sent = trickle(out, new byte[16 * 1024]);

            awaitEndedByServer(socket, socket.getInputStream());
            awaitEndedByServer(silent, silent.getInputStream());

            assertThat(sent.get()).as("bytes trickled before the close").isLessThan(16 * 1024);
            assertThat(receiver.connections().timedOut()).isEqualTo(2);
        }
    }

    /** A different past day each time, so that each bulk request gets new correlationIDs. */
    private static BulkAnswer requestBulk() throws Exception {
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10L + window++));
        return client.requestBulk(pge.bulkId(), new TimeWindow(day, day.plus(Duration.ofDays(1))));
    }

    /** pge-mock's notification for a new bulk request reached the receiver, and every notified resource is fetched. */
    private static void assertANotificationIsDelivered() throws Exception {
        assertThat(requestBulk()).isEqualTo(BulkAnswer.ACCEPTED);
        int usagePoints = pge.model().usagePoints().size();
        List<NotifiedResource> got = new ArrayList<>();
        for (int i = 0; i < usagePoints; i++) {
            NotifiedResource next = resources.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(next).as("notified resource %d of %d; pge-mock's notifications: %s", i + 1, usagePoints,
                    pge.journal().notifications()).isNotNull();
            got.add(next);
        }
        for (NotifiedResource resource : got) {
            int bytes = client.fetch(resource.url(), body -> body.readAllBytes().length);
            assertThat(bytes).isPositive();
        }
    }

    @Test
    void aBurstOfTwoThousandConnectionsLeavesRoomForPgesNotification() throws Exception {
        try (NotificationReceiver receiver = start(settings(notifyPort));
             ConnectionBurst burst = new ConnectionBurst(new InetSocketAddress("127.0.0.1", notifyPort), InetAddress.getLoopbackAddress())) {
            int limit = ReceiverSettings.DEFAULT_MAX_CONNECTIONS;
            burst.open(BURST);
            // every connection past the limit pushes out an older one: once these are gone, all were taken in
            assertThat(burst.awaitServerEnded(BURST - limit, DEADLINE)).as("burst ended by the receiver: %s", burst.fates()).isTrue();
            ConnectionBurst.Fates during = burst.fates();

            assertANotificationIsDelivered();

            ConnectionCounts counts = receiver.connections();
            ConnectionBurst.Fates after = burst.fates();
            log.info("burst of {} from one address: during it {}; after the notification {}; receiver {}", BURST, during, after, counts);
            assertThat(counts.peakOpen()).isLessThanOrEqualTo(limit);
            assertThat(after.open()).as("burst connections the receiver still holds").isLessThanOrEqualTo(limit);
            assertThat(counts.admitted()).isGreaterThanOrEqualTo(BURST + 1);
            assertThat(counts.refused()).isZero();
            assertThat(receiver.refused()).isEmpty();
        }
    }

    @Test
    void aBurstFromOneAddressGoingOnDuringTheNotificationDoesNotCrowdItOut() throws Exception {
        InetAddress elsewhere = InetAddress.getByName("127.0.0.2");
        assumeTrue(canBindTo(elsewhere), "127.0.0.2 is not a local address here (it is on Linux)");
        try (NotificationReceiver receiver = start(settings(notifyPort));
             ConnectionBurst burst = new ConnectionBurst(new InetSocketAddress("127.0.0.1", notifyPort), elsewhere)) {
            burst.open(BURST / 4);
            AtomicBoolean delivered = new AtomicBoolean();
            CompletableFuture<Void> more = CompletableFuture.runAsync(() -> {
                try {
                    while (!delivered.get() && burst.opened() < 4 * BURST) {
                        burst.open(50);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            int openedBefore = burst.opened();

            assertANotificationIsDelivered();
            delivered.set(true);
            int openedUntilDelivered = burst.opened();

            more.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            ConnectionCounts counts = receiver.connections();
            log.info("burst from {} going on during the notification ({} opened before it was asked for, {} by its delivery):"
                    + " {}; receiver {}", elsewhere, openedBefore, openedUntilDelivered, burst.fates(), counts);
            assertThat(openedUntilDelivered).as("the burst went on while the notification was on its way").isGreaterThan(openedBefore);
            assertThat(counts.peakOpen()).isLessThanOrEqualTo(ReceiverSettings.DEFAULT_MAX_CONNECTIONS);
            assertThat(receiver.refused()).isEmpty();
        }
    }

    private static boolean canBindTo(InetAddress address) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
