package dev.metertap.collector.run;

import dev.metertap.collector.cli.MetertapCommand;
import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.store.PointQuery;
import dev.metertap.collector.store.Store;
import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.journal.FragmentEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code metertap run} as a child JVM (so that SIGTERM is real) against the virtual EMU-2 on a pty, with
 * a stdout sink: readings reach the store and the sink, /status and /metrics answer, SIGTERM ends it with
 * exit 0 and every stored point delivered. Configuration errors are run in-process.
 */
class RunCommandIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern STATUS_URL = Pattern.compile("status on (http://[^ ]+)/status");

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killLeftover() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    @Test
    void storesAndForwardsReadingsServesStatusAndStopsCleanlyOnSigterm() throws Exception {
        ChildLines stdout;
        ChildLines stderr;
        Path link = dir.resolve("ttyEMU2");
        Path storeFile = dir.resolve("data/metertap.db");
        try (Emu2Simulator emu = Emu2Simulator.builder().seed(7).manualTime().pty(link).build().start()) {
            Path config = write("metertap.yml", """
                    store: {path: %s}
                    emu2: {port: %s}
                    status: {port: 0}
                    sinks:
                      - {name: telegraf, type: stdout}
                    """.formatted(storeFile, link));
            child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    MetertapCommand.class.getName(), "run", "-c", config.toString()).start();
            stdout = new ChildLines(child.getInputStream(), DEADLINE);
            stderr = new ChildLines(child.getErrorStream(), DEADLINE);
            stderr.await(line -> line.contains("EMU-2 connected"), "the collector connected to the EMU-2");
            String base = statusBase(stderr.await(line -> STATUS_URL.matcher(line).find(), "the status endpoint started"));

            long connectedAt = emu.journal().size();
            emu.advance(Duration.ofMinutes(10));
            FragmentEntry lastDemand = emu.journal().fragments("InstantaneousDemand").stream()
                    .filter(entry -> entry.sequence() > connectedAt && entry.isIntact() && entry.deviceTime() != null)
                    .reduce((first, second) -> second).orElseThrow();
            String lastDemandTime = " " + lastDemand.deviceTime().getEpochSecond();
            stdout.await(line -> line.startsWith("emu2_demand,") && line.endsWith(lastDemandTime),
                    "the sink printed the last demand the simulator wrote");

            String status = get(base + "/status");
            assertThat(status).contains("\"connected\":true").contains("\"name\":\"telegraf\"").doesNotContain("\"readingsStored\":0,");
            String metrics = get(base + "/metrics");
            assertThat(metrics).containsPattern("(?m)^metertap_emu2_fragments_accepted_total [1-9]\\d*$")
                    .containsPattern("(?m)^metertap_readings_stored_total [1-9]\\d*$")
                    .containsPattern("(?m)^metertap_emu2_reconnects_total 0$")
                    .containsPattern("(?m)^metertap_last_reading_age_seconds \\d")
                    .containsPattern("(?m)^metertap_sink_outbox_lag_points\\{sink=\"telegraf\"} \\d+$");

            ChildLines.sigterm(child);
            assertThat(child.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("stopped within %s", DEADLINE).isTrue();
            assertThat(child.exitValue()).as("exit status; stderr:%n%s", stderr.text()).isZero();
        }
        Set<String> forwarded = Set.copyOf(stdout.untilEnd());
        String log = String.join("\n", stderr.untilEnd());
        Set<String> stored;
        try (Store store = Store.open(storeFile)) {
            stored = store.query(PointQuery.everything()).stream().map(LineProtocol::encode).collect(Collectors.toSet());
        }
        assertThat(stored).as("readings in the store").anyMatch(line -> line.startsWith("emu2_demand,"));
        assertThat(forwarded).as("every stored point reached the sink before exit, and nothing else; stderr:%n%s", log)
                .isEqualTo(stored);
    }

    @Test
    void anUnknownKeyIsOneClearLineAndExitStatus2() throws IOException {
        Path config = write("metertap.yml", "emu2: {prot: /dev/emu2}\n");
        Result result = runInProcess("run", "-c", config.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines().toList()).containsExactly(
                "metertap: " + config + ": unknown key 'emu2.prot'; known keys here: max-fragment-bytes, port, price-poll, summation-poll");
    }

    @Test
    void aMissingConfigurationFileIsOneClearLineAndExitStatus2() {
        Path missing = dir.resolve("nowhere.yml");
        Result result = runInProcess("run", "-c", missing.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err().lines().toList()).containsExactly("metertap: configuration file " + missing + " does not exist");
    }

    @Test
    void aStatusPortInUseIsOneClearLineAndExitStatus2() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = write("metertap.yml", """
                    store: {path: %s}
                    emu2: {port: %s}
                    status: {port: %d}
                    """.formatted(dir.resolve("metertap.db"), dir.resolve("ttyNone"), taken.getLocalPort()));
            Result result = runInProcess("run", "-c", config.toString());
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err().lines().toList()).singleElement().asString()
                    .startsWith("metertap: status.port: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .endsWith("another program uses it; choose another port under 'status:'");
        }
    }

    @Test
    void aSecondRunOnTheSameStoreExits2NamingTheFirst() throws Exception {
        Path link = dir.resolve("ttyEMU2");
        Path storeFile = dir.resolve("data/metertap.db");
        try (Emu2Simulator emu = Emu2Simulator.builder().seed(11).manualTime().pty(link).build().start()) {
            String config = """
                    store: {path: %s}
                    emu2: {port: %s}
                    status: {port: 0}
                    sinks:
                      - {name: telegraf, type: stdout}
                    """.formatted(storeFile, link);
            Path first = write("first.yml", config);
            Path second = write("second.yml", config);
            Instant launched = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    MetertapCommand.class.getName(), "run", "-c", first.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ChildLines stderr = new ChildLines(child.getErrorStream(), DEADLINE);
            stderr.await(line -> line.contains("collecting into"), "the first collector started");

            Result refused = runInProcess("run", "-c", second.toString());

            assertThat(refused.exit()).as(refused.err()).isEqualTo(2);
            List<String> lines = refused.err().lines().toList();
            assertThat(lines).as("one line").hasSize(1);
            String line = lines.get(0);
            Matcher m = Pattern.compile("^metertap: the store (.+) is in use by process (\\d+) \\(metertap run, since (\\S+)\\); "
                    + "stop it first$").matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(Path.of(m.group(1))).isEqualTo(storeFile.toAbsolutePath());
            assertThat(Long.parseLong(m.group(2))).as("the first collector's pid").isEqualTo(child.pid());
            assertThat(Instant.parse(m.group(3))).as("since it started").isAfterOrEqualTo(launched).isBeforeOrEqualTo(Instant.now());
            assertThat(child.isAlive()).as("the first collector carries on").isTrue();

            ChildLines.sigterm(child);
            assertThat(child.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("stderr:%n%s", stderr.text()).isZero();
        }
    }

    // --- helpers

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String statusBase(String line) {
        Matcher m = STATUS_URL.matcher(line);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return response.body();
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result runInProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MetertapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
