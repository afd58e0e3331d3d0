package dev.metertap.features;

import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.run.ChildLines;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code metertap run} from the jar the build made, as a child process on the scenario's metertap.yaml: the
 * collector as it ships, with its own JVM, signals and status endpoint. Killed after the scenario if still running.
 */
public final class ShippedCollector implements AutoCloseable {

    /** How long a step waits for the child: a JVM starting on a busy machine, PG&E's round trip. */
    static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Pattern STATUS_URL = Pattern.compile("status on (http://[^ ]+)/status");

    private final ScenarioConfig config;
    private Process child;
    private ChildLines stdout;
    private ChildLines stderr;
    private String statusBase;

    public ShippedCollector(ScenarioConfig config) {
        this.config = config;
    }

    /** Starts it and waits until it serves its status and, with a display, has asked the display who it is. */
    public void start(Optional<String> emu2Port) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("metertap.jar", "../collector/target/metertap.jar"));
        assertThat(jar).as("the collector's jar; build it with mvn -pl collector -am package").exists();
        Path file = config.write(emu2Port);
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "run", "-c", file.toString()).start();
        stdout = new ChildLines(child.getInputStream(), DEADLINE);
        stderr = new ChildLines(child.getErrorStream(), DEADLINE);
        Matcher status = STATUS_URL.matcher(stderr.await(line -> STATUS_URL.matcher(line).find(), "the status endpoint"));
        assertThat(status.find()).isTrue();
        statusBase = status.group(1);
        if (emu2Port.isPresent()) {
            // it has asked who the display is and for its current readings: from here on time passing writes the same bytes
            stderr.await(line -> line.contains(" reading meter(s) "), "the collector asked the display who it is");
        }
    }

    public boolean isRunning() {
        return child != null;
    }

    /** The body of a GET on its status server, which must answer 200. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(statusBase + path))
                .timeout(DEADLINE).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    /** Waits until a stdout sink has printed the reading with this {@link ReadingKey}. */
    public void awaitPrinted(String readingKey) throws InterruptedException {
        stdout.await(line -> ReadingKey.of(LineProtocol.decode(line)).filter(readingKey::equals).isPresent(),
                "the stdout sink printed " + readingKey);
    }

    /** Waits for a line of its log. */
    public String awaitLog(String text) throws InterruptedException {
        return stderr.await(line -> line.contains(text), "'" + text + "' in the collector's log");
    }

    /** Sends SIGTERM and waits for it to exit; its exit status. */
    public int stop() throws InterruptedException {
        ChildLines.sigterm(child);
        assertThat(child.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("stopped within %s", DEADLINE).isTrue();
        return child.exitValue();
    }

    /** Every line it printed on stdout, once it has exited. */
    public List<String> printed() throws InterruptedException {
        return stdout.untilEnd();
    }

    /** Every line of its log, once it has exited. */
    public List<String> log() throws InterruptedException {
        return stderr.untilEnd();
    }

    public Path storeFile() {
        return config.storeFile();
    }

    @Override
    public void close() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }
}
