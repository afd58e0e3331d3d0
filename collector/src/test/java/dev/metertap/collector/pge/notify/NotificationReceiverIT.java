package dev.metertap.collector.pge.notify;

import dev.metertap.collector.pge.PgeMockSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.ClientTls;
import dev.metertap.certs.Pem;
import dev.metertap.certs.Usage;
import dev.metertap.collector.config.PgeNotificationsConfig;
import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.client.BulkAnswer;
import dev.metertap.collector.pge.client.ShareMyDataClient;
import dev.metertap.pgemock.ListenPort;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import dev.metertap.pgemock.fault.NotificationFault;
import dev.metertap.pgemock.journal.NotificationRecord;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiver gets pge-mock's real notification POSTs over HTTPS, and hostile ones posted directly. */
class NotificationReceiverIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final int MAX_BODY = 16 * 1024;

    private static CertificateAuthority receiverCa;
    private static NotificationReceiver receiver;
    private static final BlockingQueue<NotifiedResource> resources = new LinkedBlockingQueue<>();
    private static PgeMock pge;
    private static ShareMyDataClient client;
    private static HttpClient poster;

    @BeforeAll
    static void start() throws Exception {
        receiverCa = CertificateAuthority.create("metertap notification receiver CA");
        // the mock is told where to POST when built; the receiver's allowed base is the mock's, known once it runs
        notifyPort = ListenPort.pick();
        pge = new PgeMock(PgeMockOptions.defaults()
                .notifyUri(URI.create("https://127.0.0.1:" + notifyPort + "/pge/notify"))
                .notifyTrust(List.of(receiverCa.certificate()))
                .notificationDelay(Duration.ZERO));
        pge.start();
        receiver = new NotificationReceiver(new ReceiverSettings(new InetSocketAddress("127.0.0.1", notifyPort),
                receiverCa.issueServer("metertap receiver"), URI.create(pge.resourceBase()), MAX_BODY),
                SeenNotifications.inMemory(), resources::add).start();
        client = new ShareMyDataClient(PgeMockSettings.of(pge, Duration.ofMillis(5), Duration.ofSeconds(20), 4), Clock.systemUTC());
        poster = HttpClient.newBuilder().sslContext(ClientTls.context(new KeyManager[0], List.of(receiverCa.certificate()))).build();
    }

    private static int notifyPort;

    @AfterAll
    static void stop() {
        receiver.close();
        pge.close();
    }

    @AfterEach
    void reset() {
        pge.faults().clear();
        resources.clear();
    }

    private static int window = 0;

    /** A different past day each time, so each bulk request gets new correlationIDs. */
    private static BulkAnswer requestBulk() throws Exception {
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10L + window++));
        return client.requestBulk(pge.bulkId(), new TimeWindow(day, day.plus(Duration.ofDays(1))));
    }

    private static NotificationRecord awaitNotification(int index) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            List<NotificationRecord> sent = pge.journal().notifications();
            if (sent.size() > index) {
                return sent.get(index);
            }
            pge.journal().awaitNotification(n -> pge.journal().notifications().size() > index, Duration.ofMillis(500));
        }
        throw new AssertionError("no notification number " + (index + 1) + " within " + DEADLINE);
    }

    private static List<NotifiedResource> take(int count) throws InterruptedException {
        List<NotifiedResource> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            NotifiedResource next = resources.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("only " + taken.size() + " of " + count + " resources arrived: " + taken);
            }
            taken.add(next);
        }
        return taken;
    }

    private static HttpResponse<String> post(byte[] body) throws Exception {
        return poster.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + receiver.port() + "/pge/notify"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theMocksNotificationYieldsEveryUsagePointButNotThePlaceholder() throws Exception {
        int sent = pge.journal().notifications().size();
        assertThat(requestBulk()).isEqualTo(BulkAnswer.ACCEPTED);
        NotificationRecord notification = awaitNotification(sent);
        assertThat(notification.status()).isEqualTo(200);
        assertThat(notification.resources()).anyMatch(url -> url.endsWith("correlationID=000000000-b"));

        int usagePoints = pge.model().usagePoints().size();
        List<NotifiedResource> got = take(usagePoints);
        assertThat(got).extracting(r -> r.url().toString())
                .allMatch(url -> url.startsWith(pge.resourceBase() + "/Batch/Bulk/" + pge.bulkId() + "?correlationID="))
                .noneMatch(url -> url.contains("000000000-b"));
        assertThat(got).extracting(NotifiedResource::correlationId).doesNotHaveDuplicates();
        for (NotifiedResource resource : got) {
            int bytes = client.fetch(resource.url(), body -> body.readAllBytes().length);
            assertThat(bytes).isPositive();
        }
        assertThat(resources).isEmpty();
    }

    @Test
    void aRepeatedNotificationIsFollowedOnce() throws Exception {
        int sent = pge.journal().notifications().size();
        pge.faults().notification(NotificationFault.TWICE);
        assertThat(requestBulk()).isEqualTo(BulkAnswer.ACCEPTED);
        assertThat(awaitNotification(sent).status()).isEqualTo(200);
        assertThat(awaitNotification(sent + 1).status()).isEqualTo(200);
        // resources are queued before the answer is sent: once both are answered, all are queued
        assertThat(take(pge.model().usagePoints().size())).extracting(NotifiedResource::correlationId).doesNotHaveDuplicates();
        assertThat(resources.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aForgedNotificationIsRefusedAndNotFollowed() throws Exception {
        int sent = pge.journal().notifications().size();
        int refusedBefore = receiver.refused().size();
        pge.faults().notification(NotificationFault.FORGED).forgedOrigin("https://api.pge.com.attacker.example");
        assertThat(requestBulk()).isEqualTo(BulkAnswer.ACCEPTED);
        NotificationRecord forged = awaitNotification(sent);
        assertThat(forged.status()).isEqualTo(200);

        List<RefusedNotification> refused = receiver.refused().subList(refusedBefore, receiver.refused().size());
        assertThat(refused).hasSize(pge.model().usagePoints().size()); // the placeholder is skipped before any check
        assertThat(refused).allSatisfy(r -> {
            assertThat(r.reason()).isEqualTo(RefusedNotification.FOREIGN_URL);
            assertThat(r.detail()).contains("api.pge.com.attacker.example").contains("not the configured PG&E host");
        });
        assertThat(resources.poll(200, TimeUnit.MILLISECONDS)).isNull();
        // none of the forged correlationIDs was asked for, here or anywhere
        List<String> forgedIds = forged.resources().stream().map(url -> url.substring(url.indexOf("correlationID=")))
                .filter(id -> !id.endsWith("000000000-b")).toList();
        assertThat(forgedIds).hasSize(pge.model().usagePoints().size());
        assertThat(pge.journal().requests()).noneMatch(e -> e.query() != null && forgedIds.stream().anyMatch(e.query()::contains));
    }

    @Test
    void anOversizedBodyIsAnswered413AndRecorded() throws Exception {
        int refusedBefore = receiver.refused().size();
        String big = "<BatchList xmlns=\"http://naesb.org/espi\">" + "<resources>https://x/a</resources>".repeat(2000) + "</BatchList>";
        assertThat(post(big.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(413);
        assertThat(receiver.refused().subList(refusedBefore, receiver.refused().size()))
                .singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(RefusedNotification.OVERSIZED));
    }

    /** The README's check from outside: curl's form-encoded POST of an empty BatchList. */
    @Test
    void anEmptyBatchListIsAnsweredOkAndFollowsNothing() throws Exception {
        int refusedBefore = receiver.refused().size();
        HttpResponse<String> answer = poster.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + receiver.port() + "/pge/notify"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("<BatchList xmlns=\"http://naesb.org/espi\"/>")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("OK\n");
        assertThat(receiver.refused()).hasSize(refusedBefore);
        assertThat(resources.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    /** certbot's default since 2.0: an ECDSA P-256 key (PKCS#8 privkey.pem) and fullchain.pem, read as the configuration reads them. */
    @Test
    void servesAnEcdsaCertificateLikeCertbotsDefault(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X509Certificate leaf = receiverCa.issue("home.example.org", keys.getPublic(), Usage.SERVER,
                List.of("127.0.0.1"), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)));
        Pem.writeCertificates(dir.resolve("fullchain.pem"), List.of(leaf, receiverCa.certificate()));
        Pem.writePrivateKey(dir.resolve("privkey.pem"), keys.getPrivate());
        ReceiverSettings settings = new PgeNotificationsConfig("127.0.0.1", 0, dir.resolve("fullchain.pem"),
                dir.resolve("privkey.pem"), null, null, null).settings(URI.create(pge.resourceBase()));
        try (NotificationReceiver ecdsa = new NotificationReceiver(settings, SeenNotifications.inMemory(), r -> { }).start()) {
            HttpResponse<String> answer = poster.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + ecdsa.port() + "/pge/notify"))
                    .POST(HttpRequest.BodyPublishers.ofString("<BatchList xmlns=\"http://naesb.org/espi\"/>")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.sslSession()).isPresent();
            assertThat(answer.sslSession().get().getPeerCertificates()[0].getPublicKey().getAlgorithm()).isEqualTo("EC");
        }
    }

    @Test
    void anOversizedBodyAnnouncedWithExpectContinueIsAnswered413AndRecorded() throws Exception {
        int refusedBefore = receiver.refused().size();
        byte[] big = new byte[MAX_BODY + 1];
        HttpResponse<String> answer = poster.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + receiver.port() + "/pge/notify"))
                .expectContinue(true).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(receiver.refused().subList(refusedBefore, receiver.refused().size())).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RefusedNotification.OVERSIZED);
            assertThat(r.detail()).contains("Expect: 100-continue").contains("Content-Length " + big.length);
        });
    }

    @Test
    void externalEntitiesAndEntityBombsAreRefused() throws Exception {
        int refusedBefore = receiver.refused().size();
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE BatchList [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <BatchList xmlns="http://naesb.org/espi"><resources>https://127.0.0.1/&xxe;</resources></BatchList>""";
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE BatchList [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
                <BatchList xmlns="http://naesb.org/espi"><resources>&d;</resources></BatchList>""";
        assertThat(post(xxe.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(post(bomb.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        List<RefusedNotification> refused = receiver.refused().subList(refusedBefore, receiver.refused().size());
        assertThat(refused).hasSize(2).allSatisfy(r -> {
            assertThat(r.reason()).isEqualTo(RefusedNotification.MALFORMED);
            assertThat(r.detail()).contains("DOCTYPE").doesNotContain("root:");
        });
        assertThat(resources.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void answersAtOnceWhileTheResourceIsStillBeingHandled() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (NotificationReceiver slow = new NotificationReceiver(new ReceiverSettings(new InetSocketAddress("127.0.0.1", 0),
                receiverCa.issueServer("slow receiver"), URI.create(pge.resourceBase()), MAX_BODY),
                SeenNotifications.inMemory(), r -> awaitQuietly(release)).start()) {
            String body = "<ns0:BatchList xmlns:ns0=\"http://naesb.org/espi\"><ns0:resources>" + pge.resourceBase()
                    + "/Batch/Bulk/" + pge.bulkId() + "?correlationID=held</ns0:resources></ns0:BatchList>";
            HttpResponse<String> answer = poster.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + slow.port() + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(release.getCount()).isEqualTo(1); // the handler is still blocked: the answer did not wait for it
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
