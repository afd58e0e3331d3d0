package dev.metertap.collector.pge.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class HandshakeProbeIT {

    @Test
    void recordsTheCaListThatLeavesOutTheClientsIssuer() {
        try (PgeMock pge = new PgeMock(PgeMockOptions.defaults()).start()) {
            HandshakeProbe.Report report = HandshakeProbe.probe(URI.create(pge.testTokenUrl()), pge.clientIdentity(),
                    List.of(pge.serverCa()), Duration.ofSeconds(10));
            assertThat(report.completed()).as(report.failure()).isTrue();
            assertThat(report.certificateAsked()).isTrue();
            assertThat(report.issuerListed()).isFalse();
            assertThat(report.listedIssuers()).anyMatch(name -> name.contains("Entrust"));
        }
    }

    @Test
    void explainsAnUntrustedServer() {
        try (PgeMock pge = new PgeMock(PgeMockOptions.defaults()).start()) {
            HandshakeProbe.Report report = HandshakeProbe.probe(URI.create(pge.testTokenUrl()), pge.clientIdentity(), List.of(),
                    Duration.ofSeconds(10));
            assertThat(report.completed()).isFalse();
            assertThat(report.failure()).contains("not trusted").contains("extra-ca");
        }
    }

    /** The JDK's HTTPS server sends a Date header (pge-mock does not): the probe reads the server's clock from it. */
    @Test
    void readsTheServersClockFromItsDateHeader() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("dated server CA");
        Identity server = ca.issueServer("dated server");
        char[] password = "p".toCharArray();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(server.toKeyStore(password), password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", exchange -> {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
        });
        https.start();
        try {
            Instant before = Instant.now().minusSeconds(1);
            HandshakeProbe.Report report = HandshakeProbe.probe(URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/token"),
                    CertificateAuthority.create("client root").issueClient("client"), List.of(ca.certificate()), Duration.ofSeconds(10));
            assertThat(report.completed()).as(report.failure()).isTrue();
            assertThat(report.serverDate()).hasValueSatisfying(date -> assertThat(date).isAfterOrEqualTo(before.minusSeconds(1)));
        } finally {
            https.stop(0);
        }
    }
}
