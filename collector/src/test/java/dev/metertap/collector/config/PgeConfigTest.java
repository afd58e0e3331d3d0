package dev.metertap.collector.config;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pem;
import dev.metertap.certs.Pkcs12;
import dev.metertap.collector.pge.client.ShareMyDataSettings;
import dev.metertap.collector.pge.notify.ReceiverSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PgeConfigTest {

    private static final String SECRET = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    private final ConfigLoader loader = new ConfigLoader(Map.of("PGE_CLIENT_SECRET", SECRET, "P12_PASSWORD", "kit-password"));

    @Test
    void readsAPemKitWithPgeDefaults(@TempDir Path dir) {
        Identity client = CertificateAuthority.create("home root").issueClient("home");
        Pem.writeCertificates(dir.resolve("client.crt"), client.chain());
        Pem.writePrivateKey(dir.resolve("client.key"), client.privateKey());
        MetertapConfig config = loader.parse("""
                pge:
                  client-id: 0123456789abcdef0123456789abcdef
                  client-secret: {env: PGE_CLIENT_SECRET}
                  certificate: %s
                  key: %s
                """.formatted(dir.resolve("client.crt"), dir.resolve("client.key")), "metertap.yaml");
        ShareMyDataSettings settings = loader.shareMyData(config);
        assertThat(settings.resourceBase()).isEqualTo(URI.create("https://api.pge.com/GreenButtonConnect/espi/1_1/resource"));
        assertThat(settings.tokenUrl()).isEqualTo(URI.create("https://api.pge.com/datacustodian/oauth/v2/token"));
        assertThat(settings.testTokenUrl()).isEqualTo(URI.create("https://api.pge.com/datacustodian/test/oauth/v2/token"));
        assertThat(settings.minRequestInterval()).as("1 request/s with a margin").isEqualTo(Duration.ofMillis(1100));
        assertThat(settings.identity().fingerprint()).isEqualTo(client.fingerprint());
        assertThat(settings.clientSecret().reveal()).isEqualTo(SECRET);
        assertThat(settings.toString()).doesNotContain(SECRET);
        assertThat(config.pge().bulkId()).isNull();
    }

    @Test
    void readsAPkcs12KitExtraCaPaceAndReceiver(@TempDir Path dir) throws IOException {
        CertificateAuthority root = CertificateAuthority.create("home root");
        Pkcs12.write(dir.resolve("client.p12"), root.issueClient("home"), "kit-password".toCharArray());
        Pem.writeCertificates(dir.resolve("mock-ca.crt"), java.util.List.of(root.certificate()));
        Identity server = root.issueServer("receiver");
        Pem.writeCertificates(dir.resolve("receiver.crt"), server.chain());
        Pem.writePrivateKey(dir.resolve("receiver.key"), server.privateKey());
        Files.writeString(dir.resolve("secret"), SECRET + "\n");
        MetertapConfig config = loader.parse("""
                pge:
                  resource-base: https://127.0.0.1:8443/GreenButtonConnect/espi/1_1/resource
                  token-url: https://127.0.0.1:8443/datacustodian/oauth/v2/token
                  client-id: abc
                  client-secret: {file: %1$s/secret}
                  pkcs12: %1$s/client.p12
                  pkcs12-password: {env: P12_PASSWORD}
                  extra-ca: %1$s/mock-ca.crt
                  bulk-id: "50098"
                  min-request-interval: 250ms
                  attempts: 2
                  notifications:
                    bind: 127.0.0.1
                    port: 9443
                    certificate: %1$s/receiver.crt
                    key: %1$s/receiver.key
                    max-body-bytes: 4096
                    request-timeout: 5s
                    max-connections: 16
                """.formatted(dir), "metertap.yaml");
        ShareMyDataSettings settings = loader.shareMyData(config);
        assertThat(settings.extraTrust()).containsExactly(root.certificate());
        assertThat(settings.minRequestInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.attempts()).isEqualTo(2);
        assertThat(settings.clientSecret().reveal()).isEqualTo(SECRET);
        ReceiverSettings receiver = loader.notificationReceiver(config);
        assertThat(receiver.bind().getPort()).isEqualTo(9443);
        assertThat(receiver.maxBodyBytes()).isEqualTo(4096);
        assertThat(receiver.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(receiver.maxConnections()).isEqualTo(16);
        assertThat(receiver.allowedBase()).isEqualTo(settings.resourceBase());
    }

    @Test
    void errorsNameTheKey() {
        assertThatThrownBy(() -> loader.parse("pge: {client-id: x, client-secret: {env: A}, certificate: /c}", "m.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("m.yaml: pge: ").hasMessageContaining("'key'");
        assertThatThrownBy(() -> loader.parse("pge: {client-id: x, client-secret: {env: A}}", "m.yaml"))
                .hasMessageContaining("pge: give the client certificate either");
        assertThatThrownBy(() -> loader.parse("pge: {client-secret: {env: A}, pkcs12: /p}", "m.yaml"))
                .hasMessageContaining("'client-id' is required");
        assertThatThrownBy(() -> loader.parse("pge: {client-id: x, client-secret: {env: A}, pkcs12: /p}", "m.yaml"))
                .hasMessageContaining("'pkcs12-password'");
        assertThatThrownBy(() -> loader.parse("pge: {client-id: x, client-secret: {env: A}, pkcs12: /p, pkcs12-password: {env: B},"
                + " token-url: 'http://api.pge.com/t'}", "m.yaml")).hasMessageContaining("'token-url' must be an https:// URL");
        assertThatThrownBy(() -> loader.parse("pge: {client-id: x, client-secret: {env: A}, pkcs12: /p, pkcs12-password: {env: B},"
                + " min-request-interval: often}", "m.yaml")).hasMessageContaining("pge.min-request-interval: 'often' is not a valid duration");
        assertThatThrownBy(() -> loader.parse("pge: {client-id: x, client-sercet: {env: A}}", "m.yaml"))
                .hasMessageContaining("unknown key 'pge.client-sercet'");
        assertThatThrownBy(() -> loader.parse("pge: {client-id: x, client-secret: {env: A}, pkcs12: /p, pkcs12-password: {env: B},"
                + " notifications: {port: 9443}}", "m.yaml")).hasMessageContaining("pge.notifications: 'certificate' and 'key' are required");
        assertThatThrownBy(() -> loader.parse("pge: {client-id: x, client-secret: {env: A}, pkcs12: /p, pkcs12-password: {env: B},"
                + " notifications: {certificate: /c, key: /k, request-timeout: 2h}}", "m.yaml"))
                .hasMessageContaining("pge.notifications: 'request-timeout' must be between 1s and 10m");
        assertThatThrownBy(() -> loader.parse("pge: {client-id: x, client-secret: {env: A}, pkcs12: /p, pkcs12-password: {env: B},"
                + " notifications: {certificate: /c, key: /k, max-connections: 1}}", "m.yaml"))
                .hasMessageContaining("pge.notifications: 'max-connections' must be between 4 and 10000");
    }

    @Test
    void theReceiverIsBoundedByDefault() {
        MetertapConfig config = loader.parse("pge: {client-id: x, client-secret: {env: A}, pkcs12: /p, pkcs12-password: {env: B},"
                + " notifications: {certificate: /c, key: /k}}", "m.yaml");
        assertThat(config.pge().notifications().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.pge().notifications().maxConnections()).isEqualTo(64);
    }

    @Test
    void missingSectionsAndFilesAreExplained(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.shareMyData(MetertapConfig.DEFAULTS)).hasMessageContaining("no 'pge:' section");
        MetertapConfig missingFiles = loader.parse("pge: {client-id: x, client-secret: {env: PGE_CLIENT_SECRET}, certificate: "
                + dir.resolve("nope.crt") + ", key: " + dir.resolve("nope.key") + "}", "m.yaml");
        assertThatThrownBy(() -> loader.shareMyData(missingFiles)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("pge.certificate/pge.key: ");
        MetertapConfig unsetSecret = loader.parse("pge: {client-id: x, client-secret: {env: NOT_SET}, certificate: /c, key: /k}", "m.yaml");
        assertThatThrownBy(() -> loader.shareMyData(unsetSecret)).hasMessage("pge.client-secret: environment variable NOT_SET is not set");
        assertThatThrownBy(() -> loader.notificationReceiver(unsetSecret)).hasMessageContaining("no 'pge.notifications:' section");
    }
}
