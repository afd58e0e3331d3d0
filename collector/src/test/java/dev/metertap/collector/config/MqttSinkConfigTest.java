package dev.metertap.collector.config;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pem;
import dev.metertap.collector.sink.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttSinkConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("MQTT_PASSWORD", "hunter2-mqtt"));

    private MetertapConfig parse(String entry) {
        return loader.parse("sinks:\n  - " + entry + "\n", "m.yaml");
    }

    @Test
    void theDefaultsAreQos1UnderMetertapForHomeAssistant() {
        MqttSinkConfig ha = (MqttSinkConfig) parse("{name: ha, type: mqtt, url: 'mqtt://127.0.0.1:1883'}").sink("ha");
        assertThat(ha.qos()).isEqualTo(1);
        assertThat(ha.clientId()).isEqualTo("metertap-ha");
        assertThat(ha.topicPrefix()).isEqualTo("metertap");
        assertThat(ha.discoveryPrefix()).isEqualTo("homeassistant");
        assertThat(ha.offlineAfter()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void everyKeyIsRead(@TempDir Path dir) throws IOException {
        CertificateAuthority ca = CertificateAuthority.create("broker CA");
        Identity client = ca.issueClient("collector");
        Pem.writeCertificates(dir.resolve("ca.crt"), List.of(ca.certificate()));
        Pem.writeCertificates(dir.resolve("client.crt"), client.chain());
        Pem.writePrivateKey(dir.resolve("client.key"), client.privateKey());
        MetertapConfig config = loader.parse("""
                sinks:
                  - name: ha
                    type: mqtt
                    url: mqtts://broker.lan:8883
                    client-id: house-17
                    username: metertap
                    password: {env: MQTT_PASSWORD}
                    ca-file: %s
                    certificate: %s
                    key: %s
                    qos: 2
                    topic-prefix: homes/17
                    discovery-prefix: ha
                    offline-after: 90s
                    timeout: 5s
                """.formatted(dir.resolve("ca.crt"), dir.resolve("client.crt"), dir.resolve("client.key")), "m.yaml");
        MqttSinkConfig ha = (MqttSinkConfig) config.sink("ha");
        assertThat(ha.qos()).isEqualTo(2);
        assertThat(ha.topicPrefix()).isEqualTo("homes/17");
        assertThat(ha.offlineAfter()).isEqualTo(Duration.ofSeconds(90));
        Sink sink = loader.openSink(config, "ha", System.out);
        assertThat(sink.toString()).isEqualTo("MqttSink[ha → mqtts://broker.lan:8883]").doesNotContain("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2");
        sink.close();  // never started: nothing to stop
    }

    @Test
    void badValuesAreOneLineNamingTheEntry() {
        assertThatThrownBy(() -> parse("{name: ha, type: mqtt, url: 'http://127.0.0.1:1883'}"))
                .hasMessage("m.yaml: sinks[0]: 'url' is required, like mqtt://127.0.0.1:1883 or mqtts://broker.lan:8883");
        assertThatThrownBy(() -> parse("{name: ha, type: mqtt, url: 'mqtt://me:hunter2@h:1883'}"))
                .hasMessage("m.yaml: sinks[0]: 'url' is a broker's address only, without credentials, path or query: use 'username' and 'password'")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> parse("{name: ha, type: mqtt, url: 'mqtt://h', qos: 3}"))
                .hasMessage("m.yaml: sinks[0]: 'qos' is 0, 1 or 2");
        assertThatThrownBy(() -> parse("{name: ha, type: mqtt, url: 'mqtt://h', ca-file: /etc/ca.crt}"))
                .hasMessage("m.yaml: sinks[0]: 'ca-file', 'certificate' and 'key' need an mqtts:// url");
        assertThatThrownBy(() -> parse("{name: ha, type: mqtt, url: 'mqtts://h', certificate: /etc/c.crt}"))
                .hasMessage("m.yaml: sinks[0]: 'certificate' and 'key' go together: the client certificate and its private key");
        assertThatThrownBy(() -> parse("{name: ha, type: mqtt, url: 'mqtt://h', topic-prefix: 'homes/#'}"))
                .hasMessage("m.yaml: sinks[0]: 'topic-prefix' must not contain the wildcards '+' or '#' or control characters");
        assertThatThrownBy(() -> parse("{name: ha, type: mqtt, url: 'mqtt://h', discovery-prefix: '/homeassistant'}"))
                .hasMessage("m.yaml: sinks[0]: 'discovery-prefix' is one or more topic levels without a leading or trailing '/', like metertap or home/metertap");
        assertThatThrownBy(() -> parse("{name: ha, type: mqtt, url: 'mqtt://h', password: {env: MQTT_PASSWORD}}"))
                .hasMessage("m.yaml: sinks[0]: 'password' needs a 'username'");
        assertThatThrownBy(() -> parse("{name: ha, type: mqtt, url: 'mqtt://h', offline-after: 0s}"))
                .hasMessage("m.yaml: sinks[0]: 'offline-after' must be longer than 0s");
        assertThatThrownBy(() -> parse("{name: ha, type: mqtt, url: 'mqtt://h', retain: true}"))
                .hasMessageStartingWith("m.yaml: unknown key 'sinks[0].retain'; known keys here: backoff, batching, ca-file, certificate");
    }

    @Test
    void secretsAndCertificatesThatCannotBeReadAreOneLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("empty.crt"), "not a certificate\n");
        MetertapConfig config = loader.parse("""
                sinks:
                  - {name: a, type: mqtt, url: 'mqtt://h', username: u, password: {env: NOT_SET}}
                  - {name: b, type: mqtt, url: 'mqtts://h', ca-file: '%s'}
                """.formatted(dir.resolve("empty.crt")), "m.yaml");
        assertThatThrownBy(() -> loader.openSink(config, "a", System.out))
                .hasMessage("sinks[0].password: environment variable NOT_SET is not set");
        assertThatThrownBy(() -> loader.openSink(config, "b", System.out))
                .hasMessage("sinks[1].ca-file: no certificate in " + dir.resolve("empty.crt"));
    }
}
