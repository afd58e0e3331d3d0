package dev.metertap.features;

import java.io.IOException;
import java.net.ServerSocket;
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
 * Debian's real {@code influxd} (package {@code influxdb}, 1.x) in a scenario folder, on free
 * loopback ports; stop and start make an outage on the same data. The same set-up as the
 * collector's {@code InfluxdExtension}, which features cannot see (it is test code there).
 */
final class LocalInfluxd implements AutoCloseable {

    private final Path binary;
    private final Path dir;
    private final int httpPort;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    static final String ABSENT = "influxd is not installed: install the Debian package 'influxdb' (apt-get install influxdb)";

    LocalInfluxd(Path dir) throws IOException {
        this.binary = binary().orElseThrow(() -> new IllegalStateException(ABSENT));
        this.dir = Files.createDirectories(dir);
        this.httpPort = freePort();
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
                """.formatted(freePort(), dir, dir, dir, httpPort));
    }

    static Optional<Path> binary() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(path -> Path.of(path, "influxd")).filter(Files::isExecutable).findFirst();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Starts (or restarts on the same data) and waits until {@code /ping} answers. */
    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(binary.toString(), "-config", dir.resolve("influxdb.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("influxd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("influxd exited: " + Files.readString(dir.resolve("influxd.log")));
            }
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(url().resolve("/ping")).timeout(Duration.ofSeconds(1))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("influxd did not answer /ping within 30 s");
            }
            // another process binding its port gives no event to wait on: ask again shortly
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Runs InfluxQL (times in epoch seconds) and returns the JSON answer; fails on an error. */
    String query(String database, String influxql) throws IOException, InterruptedException {
        String params = "epoch=s&q=" + URLEncoder.encode(influxql, StandardCharsets.UTF_8)
                + (database == null ? "" : "&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url().resolve("/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(params)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
            throw new IllegalStateException("query failed (" + response.statusCode() + "): " + influxql + " → " + response.body());
        }
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
