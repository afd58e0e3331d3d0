package dev.metertap.collector.sink;

import dev.metertap.pgemock.ListenPort;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's real {@code influxd} (package {@code influxdb}, 1.x) in a folder of its own, on free
 * loopback ports: its URL, a small query client, and stop/start (on the same data and ports) for an
 * outage. Shared with other modules through the collector's test-jar.
 */
public final class Influxd implements AutoCloseable {

    /** Why influxd-based tests cannot run. */
    public static final String ABSENT = "influxd is not installed: install the Debian package 'influxdb' (apt-get install influxdb)";

    private final Path binary;
    private final Path dir;
    private final int httpPort;
    private final int rpcPort;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    /** An influxd with its data, configuration and log in {@code dir}, on free loopback ports; not started yet. */
    public Influxd(Path dir) throws IOException {
        this.binary = binary().orElseThrow(() -> new IllegalStateException(ABSENT));
        this.dir = Files.createDirectories(dir);
        this.httpPort = ListenPort.pick();
        this.rpcPort = ListenPort.pick();
        Files.writeString(dir.resolve("influxdb.conf"), """
                reporting-enabled = false
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                [monitor]
                  store-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                [logging]
                  level = "warn"
                """.formatted(rpcPort, dir, dir, dir, httpPort));
    }

    /** Debian's {@code influxd} on the PATH, if installed. */
    public static Optional<Path> binary() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(path -> Path.of(path, "influxd")).filter(Files::isExecutable).findFirst();
    }

    Path dir() {
        return dir;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Starts (or restarts, on the same data and ports) and waits until {@code /ping} answers. */
    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(binary.toString(), "-config", dir.resolve("influxdb.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("influxd.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("influxd exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("influxd.log")));
            }
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(url().resolve("/ping"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet: influxd binds within ~0.1 s
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("influxd did not answer /ping within 30 s");
            }
            // the only way to learn that a foreign process bound its port is to ask again
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void createDatabase(String name) {
        query(null, "CREATE DATABASE \"" + name + "\"");
    }

    /** Runs InfluxQL (epoch seconds) and returns InfluxDB's JSON answer; fails on an error. */
    public String query(String database, String influxql) {
        String params = "epoch=s&q=" + URLEncoder.encode(influxql, StandardCharsets.UTF_8)
                + (database == null ? "" : "&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url().resolve("/query"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(params)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
                throw new IllegalStateException("query failed (" + response.statusCode() + "): " + influxql + " → " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("query failed: " + influxql, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
