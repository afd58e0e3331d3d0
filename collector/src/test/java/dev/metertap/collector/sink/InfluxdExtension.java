package dev.metertap.collector.sink;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

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
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts Debian's real {@code influxd} (package {@code influxdb}, 1.6.x) for a test class: its
 * directories in a temp dir, HTTP and RPC on free loopback ports, no usage reporting. Inject
 * {@link Influxd} into tests or constructors. Tests are skipped when {@code influxd} is not
 * installed, except with {@code CI=true}, where that fails them.
 *
 * <p>It runs fine as root (it does not drop privileges when started by hand).
 */
public final class InfluxdExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final String ABSENT = "influxd is not installed: install the Debian package 'influxdb' (apt-get install influxdb)";

    private Influxd influxd;

    private static Path binary() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, "influxd")).filter(Files::isExecutable).findFirst().orElse(null);
    }

    private static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    /** Disabled tests are reported as skipped with this reason; under CI=true they run, and fail in beforeAll. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return binary() != null || onCi() ? ConditionEvaluationResult.enabled("influxd found")
                : ConditionEvaluationResult.disabled(ABSENT);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path binary = binary();
        if (binary == null) {
            throw new IllegalStateException(ABSENT + "; CI=true requires it");
        }
        influxd = new Influxd(binary, Files.createTempDirectory("influxd-"));
        influxd.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (influxd != null) {
            influxd.stop();
            try (Stream<Path> files = Files.walk(influxd.dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Influxd.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return influxd;
    }

    /** A running influxd: its URL, a small query client, and stop/start to simulate an outage. */
    public static final class Influxd {
        private final Path binary;
        private final Path dir;
        private final int httpPort;
        private final int rpcPort;
        private final HttpClient http = HttpClient.newHttpClient();
        private Process process;

        Influxd(Path binary, Path dir) throws IOException {
            this.binary = binary;
            this.dir = dir;
            this.httpPort = freePort();
            this.rpcPort = freePort();
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

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
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
    }
}
