package dev.metertap.collector.config;

import dev.metertap.collector.sink.InfluxSink;
import dev.metertap.collector.sink.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of("INFLUX_TOKEN", "s3cr3t-token-value"));

    @Test
    void emptyFileMeansDefaults() {
        MetertapConfig config = loader.parse("", "metertap.yaml");
        assertThat(config.store().path()).isEqualTo(Path.of("metertap-data/metertap.db"));
        assertThat(config.sinks()).isEmpty();
    }

    @Test
    void readsEverySection() {
        MetertapConfig config = loader.parse("""
                store:
                  path: /var/lib/metertap/m.db
                batching: {max-points: 100, max-bytes: 65536, max-delay: 250ms}
                backoff: {initial: 2s, max: 5m}
                sinks:
                  - name: home
                    type: influxdb-v1
                    url: http://pi.local:8086
                    database: metertap
                    retention-policy: autogen
                    batching: {max-points: 10, max-bytes: 4096, max-delay: 1s}
                  - name: cloud
                    type: influxdb-v2
                    url: https://eu-central-1-1.aws.cloud2.influxdata.com
                    org: home
                    bucket: meter
                    token: {env: INFLUX_TOKEN}
                    timeout: 30s
                  - {name: telegraf, type: stdout}
                """, "metertap.yaml");
        assertThat(config.store().path()).isEqualTo(Path.of("/var/lib/metertap/m.db"));
        assertThat(config.batching().maxDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.backoff().max()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.sinks()).extracting(SinkConfig::name).containsExactly("home", "cloud", "telegraf");
        assertThat(config.batchingOf(config.sink("home")).maxPoints()).isEqualTo(10);
        assertThat(config.batchingOf(config.sink("cloud")).maxPoints()).isEqualTo(100);
        assertThat(((InfluxV2SinkConfig) config.sink("cloud")).timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void unknownKeyIsRejectedWithItsPath() {
        assertThatThrownBy(() -> loader.parse("""
                sinks:
                  - name: home
                    type: influxdb-v1
                    url: http://localhost:8086
                    database: metertap
                    batching: {max-points: 10, max-bytes: 4096, max-dealy: 1s}
                """, "metertap.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("metertap.yaml: unknown key 'sinks[0].batching.max-dealy'")
                .hasMessageContaining("max-delay");
    }

    @Test
    void unknownTopLevelKeyIsRejected() {
        assertThatThrownBy(() -> loader.parse("stor:\n  path: x.db\n", "m.yaml"))
                .hasMessageStartingWith("m.yaml: unknown key 'stor'");
    }

    @Test
    void badNumberIsRejectedWithItsPath() {
        assertThatThrownBy(() -> loader.parse("batching: {max-points: lots, max-bytes: 4096, max-delay: 1s}\n", "m.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("m.yaml: batching.max-points: 'lots' is not a valid whole number");
    }

    @Test
    void badDurationIsRejectedWithItsPath() {
        assertThatThrownBy(() -> loader.parse("backoff: {initial: soon, max: 1m}\n", "m.yaml"))
                .hasMessage("m.yaml: backoff.initial: 'soon' is not a valid duration (like 500ms, 10s, 5m, 1h)");
    }

    @Test
    void outOfRangeValueIsRejectedWithItsPath() {
        assertThatThrownBy(() -> loader.parse("batching: {max-points: 0, max-bytes: 4096, max-delay: 1s}\n", "m.yaml"))
                .hasMessage("m.yaml: batching: maxPoints must be at least 1, was 0");
    }

    @Test
    void yamlSyntaxErrorIsOneLineWithLineAndColumn() {
        String yaml = "store:\n  path: x.db\n   oops: 1\n";
        int column = yaml.lines().toList().get(2).indexOf(':') + 1;  // the colon SnakeYAML cannot place
        assertThatThrownBy(() -> loader.parse(yaml, "m.yaml"))
                .hasMessage("m.yaml: not valid YAML at line 3, column " + column + ": mapping values are not allowed here");
        assertThatThrownBy(() -> loader.parse("sinks:\n  - {name: a, type: stdout\n", "m.yaml"))
                .hasMessage("m.yaml: not valid YAML at line 3, column 1: expected ',' or '}', but got <stream end>"
                        + " (while parsing a flow mapping from line 2, column 5)");
        assertThatThrownBy(() -> loader.parse("store:\n\tpath: x.db\n", "m.yaml"))
                .hasMessageStartingWith("m.yaml: not valid YAML at line 2, column 1: ")
                .hasMessageContaining("tab")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\\t"));
    }

    @Test
    void partialBatchingAndBackoffTakeTheRestFromTheirDefaults() {
        MetertapConfig config = loader.parse("""
                batching: {max-points: 100}
                backoff: {max: 5m}
                sinks:
                  - name: slow
                    type: stdout
                    batching: {max-delay: 1h}
                    backoff: {initial: 2s}
                  - {name: plain, type: stdout}
                """, "m.yaml");
        // top level: the README's defaults (1000000 bytes, 1s delay; backoff from 1s) fill the keys left out
        assertThat(config.batching()).isEqualTo(new dev.metertap.collector.sink.Batching(100, 1_000_000, Duration.ofSeconds(1)));
        assertThat(config.backoff()).isEqualTo(new dev.metertap.collector.sink.Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)));
        // a sink overrides the top-level sections key by key
        assertThat(config.batchingOf(config.sink("slow")))
                .isEqualTo(new dev.metertap.collector.sink.Batching(100, 1_000_000, Duration.ofHours(1)));
        assertThat(config.backoffOf(config.sink("slow")))
                .isEqualTo(new dev.metertap.collector.sink.Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)));
        assertThat(config.batchingOf(config.sink("plain"))).isEqualTo(config.batching());
    }

    @Test
    void aBadKeyInAPartialSectionIsOneLineWithItsPath() {
        assertThatThrownBy(() -> loader.parse("sinks:\n  - {name: x, type: stdout, batching: {max-delay: soon}}\n", "m.yaml"))
                .hasMessage("m.yaml: sinks[0].batching.max-delay: 'soon' is not a valid duration (like 500ms, 10s, 5m, 1h)");
        // a bad top-level value is reported where it was written, not in the sink that inherits it
        assertThatThrownBy(() -> loader.parse("sinks:\n  - {name: x, type: stdout, batching: {max-delay: 1h}}\n"
                + "batching: {max-points: lots}\n", "m.yaml"))
                .hasMessage("m.yaml: batching.max-points: 'lots' is not a valid whole number");
    }

    @Test
    void unknownSinkTypeAndMissingKeysNameTheEntry() {
        assertThatThrownBy(() -> loader.parse("sinks:\n  - {name: x, type: influx}\n", "m.yaml"))
                .hasMessage("m.yaml: sinks[0].type: unknown sink type 'influx'; expected influxdb-v1, influxdb-v2, stdout or mqtt");
        assertThatThrownBy(() -> loader.parse("sinks:\n  - {name: x, type: influxdb-v1, url: 'http://h:8086'}\n", "m.yaml"))
                .hasMessage("m.yaml: sinks[0]: 'database' is required");
    }

    @Test
    void secretsComeFromEnvironmentOrFileAndNeverShow(@TempDir Path dir) throws IOException {
        Path passwordFile = dir.resolve("influx-password");
        Files.writeString(passwordFile, "file-password-value\n");
        MetertapConfig config = loader.parse("""
                sinks:
                  - {name: cloud, type: influxdb-v2, url: 'http://h:8086', org: o, bucket: b, token: {env: INFLUX_TOKEN}}
                  - {name: home, type: influxdb-v1, url: 'http://h:8086', database: d, username: u, password: {file: '%s'}}
                  - {name: broken, type: influxdb-v2, url: 'http://h:8086', org: o, bucket: b, token: {env: NOT_SET}}
                """.formatted(passwordFile), "m.yaml");
        Sink cloud = loader.openSink(config, "cloud", System.out);
        Sink home = loader.openSink(config, "home", System.out);
        assertThat(cloud.toString()).doesNotContain("s3cr3t");
        assertThat(home.toString()).doesNotContain("file-password-value");
        assertThat(((InfluxSink) home).writeUri().toString()).isEqualTo("http://h:8086/write?db=d&precision=s");
        assertThat(config.toString()).doesNotContain("s3cr3t").doesNotContain("file-password-value");
        assertThatThrownBy(() -> loader.openSink(config, "broken", System.out))
                .hasMessage("sinks[2].token: environment variable NOT_SET is not set");
        assertThatThrownBy(() -> loader.openSink(config, "nope", System.out))
                .hasMessage("no sink named 'nope' in the configuration; configured: cloud, home, broken");
    }

    @Test
    void buildsAForwarderPerSink(@TempDir Path dir) {
        MetertapConfig config = loader.parse("""
                sinks:
                  - {name: telegraf, type: stdout}
                  - {name: cloud, type: influxdb-v2, url: 'http://h:8086', org: o, bucket: b, token: {env: INFLUX_TOKEN}}
                """, "m.yaml");
        try (dev.metertap.collector.store.Store store = dev.metertap.collector.store.Store.open(dir.resolve("m.db"))) {
            assertThat(loader.forwarders(config, store, System.out))
                    .extracting(dev.metertap.collector.sink.Forwarder::sinkName).containsExactly("telegraf", "cloud");
        }
    }

    @Test
    void refusesCredentialsInAUrlWithoutEchoingThem() {
        assertThatThrownBy(() -> loader.parse("sinks:\n  - {name: x, type: influxdb-v1, url: 'http://me:hunter2@h:8086', database: d}\n", "m.yaml"))
                .hasMessage("m.yaml: sinks[0]: 'url' must not carry credentials or a query: use 'username' and 'password'")
                .hasMessageNotContaining("hunter2");
    }
}
