package dev.metertap.collector.run;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pem;
import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import dev.metertap.pgemock.ClientKit;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import dev.metertap.pgemock.espi.UsagePointSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The collector's daily PG&E request against pge-mock: the recent days arrive through a notification into the store. */
class PgeDailyBulkIT {

    private static final Instant NOW = Instant.parse("2025-03-04T14:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theDailyRequestStoresTheRecentDaysAndRecordsTheSuccess() throws IOException {
        int receiverPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            receiverPort = socket.getLocalPort();
        }
        CertificateAuthority receiverCa = CertificateAuthority.create("metertap test notification CA");
        Identity receiver = receiverCa.issueServer("metertap notification receiver");
        Pem.writeCertificates(dir.resolve("receiver.crt"), receiver.chain());
        Pem.writePrivateKey(dir.resolve("receiver.key"), receiver.privateKey());
        try (PgeMock pge = new PgeMock(PgeMockOptions.defaults()
                .notifyUri(URI.create("https://127.0.0.1:" + receiverPort + "/notify"))
                .notifyTrust(List.of(receiverCa.certificate()))
                .notificationDelay(Duration.ZERO)).start()) {
            ClientKit kit = pge.writeClientKit(dir.resolve("kit"));
            Files.writeString(dir.resolve("secret"), pge.credentials().clientSecret() + "\n");
            ConfigLoader loader = new ConfigLoader(Map.of());
            MetertapConfig config = loader.parse("""
                    pge:
                      resource-base: %s
                      token-url: %s
                      client-id: %s
                      client-secret: {file: %s}
                      certificate: %s
                      key: %s
                      extra-ca: %s
                      notifications: {bind: 127.0.0.1, port: %d, certificate: %s, key: %s}
                    schedule: {pge-daily-bulk-at: "06:30", pge-days: 3}
                    """.formatted(pge.resourceBase(), pge.tokenUrl(), pge.credentials().clientId(), dir.resolve("secret"),
                    kit.clientCertificate(), kit.clientKey(), kit.serverCa(), receiverPort, dir.resolve("receiver.crt"),
                    dir.resolve("receiver.key")), "metertap.yml");
            // a running clock set back to NOW: the backfill's waits for notifications need time to pass
            Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NOW));
            try (Store store = Store.open(dir.resolve("metertap.db"));
                 PgeConnection connection = PgeConnection.open(config, loader, store, clock).start();
                 PgeDailyBulk daily = new PgeDailyBulk(connection, LocalTime.of(6, 30), config.schedule().pgeDays(), clock)) {
                assertThat(daily.lastSuccess()).isEmpty();

                daily.requestRecentDays();

                Instant from = Instant.parse("2025-03-01T00:00:00Z");
                Instant to = Instant.parse("2025-03-04T00:00:00Z");
                for (UsagePointSpec point : pge.model().usagePoints()) {
                    long stored = store.query(new PointQuery(IntervalReading.MEASUREMENT, Map.of("usage_point", point.id()), from, to))
                            .size();
                    assertThat(stored).as(point.id()).isEqualTo(pge.model().trueIntervals(point.id(), from, to).count()).isPositive();
                }
                assertThat(daily.lastSuccess()).hasValueSatisfying(at -> assertThat(at).isAfter(NOW));
                assertThat(connection.refusedCount()).isZero();
            }
        }
    }
}
