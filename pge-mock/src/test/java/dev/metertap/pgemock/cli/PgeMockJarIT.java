package dev.metertap.pgemock.cli;

import dev.metertap.pgemock.ListenPort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.certs.ClientTls;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pem;
import dev.metertap.certs.Pkcs12;
import dev.metertap.pgemock.NotificationReceiver;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a user runs it. */
class PgeMockJarIT {

    @TempDir
    Path stateDir;

    @Test
    void jarStartsWritesTheKitAndTheCurlRecipeGetsAToken() throws Exception {
        try (RunningJar jar = RunningJar.start(stateDir, List.of(), "--port", "0", "--state-dir", stateDir.toString())) {
            assertThat(jar.printed).contains("client kit in " + stateDir.toAbsolutePath());
            Properties credentials = credentials();
            Process curl = new ProcessBuilder("/usr/bin/curl", "--silent", "--show-error", "--max-time", "20",
                    "--cacert", stateDir.resolve("pge-mock-ca.crt").toString(),
                    "--cert", stateDir.resolve("client.crt").toString(), "--key", stateDir.resolve("client.key").toString(),
                    "--basic", "--user", credentials.getProperty("client_id") + ":" + credentials.getProperty("client_secret"),
                    "-X", "POST", jar.baseUrl + "/datacustodian/oauth/v2/token?grant_type=client_credentials")
                    .redirectErrorStream(true).start();
            String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(answer).startsWith("{\"client_access_token\":\"").contains("\"token_type\":\"Bearer\"");
            assertThat(jar.printed).doesNotContain(credentials.getProperty("client_secret"));
        }
    }

    @Test
    void theKitIsThereTheMomentThePortAnswersAndOnlyTheGivenAddressListens() throws Exception {
        int port = ListenPort.pick();
        Path jar = Path.of("target", "pge-mock.jar");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--port", String.valueOf(port), "--state-dir", stateDir.toString())
                .redirectErrorStream(true).redirectOutput(stateDir.resolve("pge-mock.out").toFile()).start();
        try {
            // a script's loop: try the port until it answers, then read the kit
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!answers(InetAddress.getLoopbackAddress(), port)) {
                assertThat(System.nanoTime()).as("pge-mock answered on port %d within 2 minutes", port).isLessThan(deadline);
                // the retry's pause doubles as a wait for the process to die, which would end the test at once
                assertThat(process.waitFor(100, TimeUnit.MILLISECONDS)).as("pge-mock exited: %s",
                        Files.readString(stateDir.resolve("pge-mock.out"))).isFalse();
            }
            assertThat(stateDir.resolve("client-credentials.properties")).exists();
            assertThat(credentials().getProperty("client_id")).isNotBlank();
            for (InetAddress other : otherLocalAddresses()) {
                assertThat(answers(other, port)).as("listening on %s too", other).isFalse();
            }
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static boolean answers(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** This machine's addresses that are not loopback (an interface's IPv4 address, when it has one). */
    private static List<InetAddress> otherLocalAddresses() throws IOException {
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && address instanceof Inet4Address) {
                    others.add(address);
                }
            }
        }
        return others;
    }

    @Test
    void fortyEightMonthsForThreeUsagePointsStreamWithA256MegabyteHeap() throws Exception {
        try (NotificationReceiver receiver = new NotificationReceiver().start()) {
            Path notifyCa = stateDir.resolve("notify-ca.crt");
            Pem.writeCertificates(notifyCa, List.of(receiver.ca()));
            List<UsagePointSpec> points = List.of(UsagePointSpec.solar("5550000101", 900),
                    UsagePointSpec.electric("5550000103", 3600), UsagePointSpec.gas("5550000102"));
            try (RunningJar jar = RunningJar.start(stateDir, List.of("-Xmx256m"), "--port", "0",
                    "--state-dir", stateDir.toString(), "--notify-uri", receiver.uri().toString(),
                    "--notify-ca", notifyCa.toString(), "--notification-delay", "0", "--seed", "42",
                    "--usage-point", "5550000101:solar:900", "--usage-point", "5550000103:electric:3600",
                    "--usage-point", "5550000102:gas")) {
                Identity client = Pkcs12.read(stateDir.resolve("client.p12"),
                        Files.readString(stateDir.resolve("client.p12.password")).strip().toCharArray());
                HttpClient http = HttpClient.newBuilder().sslContext(ClientTls.context(client,
                        Pem.readCertificates(stateDir.resolve("pge-mock-ca.crt")))).build();
                Properties credentials = credentials();
                String basic = Base64.getEncoder().encodeToString((credentials.getProperty("client_id") + ":"
                        + credentials.getProperty("client_secret")).getBytes(StandardCharsets.UTF_8));
                String tokenJson = http.send(HttpRequest.newBuilder(URI.create(jar.baseUrl
                                + "/datacustodian/oauth/v2/token")).header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher token = Pattern.compile("\"client_access_token\":\"([^\"]+)\"").matcher(tokenJson);
                assertThat(token.find()).isTrue();

                LocalDate today = LocalDate.now(UsageModel.PACIFIC);
                Instant from = today.minusMonths(48).atStartOfDay(UsageModel.PACIFIC).toInstant();
                Instant to = today.atStartOfDay(UsageModel.PACIFIC).toInstant();
                HttpResponse<Void> accepted = http.send(HttpRequest.newBuilder(URI.create(jar.baseUrl
                        + "/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/50098?published-min=" + from
                        + "&published-max=" + to)).header("Authorization", "Bearer " + token.group(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(accepted.statusCode()).isEqualTo(202);

                UsageModel expected = new UsageModel(42L, points, UsageModel.PACIFIC).withAvailableData(from, to);
                List<String> urls = receiver.next(Duration.ofSeconds(30));
                assertThat(urls).hasSize(4);
                for (int i = 0; i < points.size(); i++) {
                    HttpResponse<InputStream> feed = http.send(HttpRequest.newBuilder(URI.create(urls.get(i)))
                            .header("Authorization", "Bearer " + token.group(1)).build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    assertThat(feed.statusCode()).isEqualTo(200);
                    long readings;
                    try (InputStream body = feed.body()) {
                        readings = intervalReadings(body);
                    }
                    assertThat(readings).as(points.get(i).id())
                            .isEqualTo(expected.publishedIntervals(points.get(i).id(), from, to).count());
                }
                assertThat(jar.process.isAlive()).isTrue();
            }
        }
    }

    private Properties credentials() throws Exception {
        Properties credentials = new Properties();
        try (var in = Files.newInputStream(stateDir.resolve("client-credentials.properties"))) {
            credentials.load(in);
        }
        return credentials;
    }

    private static long intervalReadings(InputStream feed) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader xml = factory.createXMLStreamReader(feed);
        long count = 0;
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && "IntervalReading".equals(xml.getLocalName())) {
                count++;
            }
        }
        return count;
    }

    /** {@code java [jvm args] -jar target/pge-mock.jar [args]}, read until it prints its curl hint. */
    private static final class RunningJar implements AutoCloseable {
        final Process process;
        final String printed;
        final String baseUrl;

        private RunningJar(Process process, String printed, String baseUrl) {
            this.process = process;
            this.printed = printed;
            this.baseUrl = baseUrl;
        }

        static RunningJar start(Path stateDir, List<String> jvmArgs, String... args) throws Exception {
            Path jar = Path.of("target", "pge-mock.jar");
            assertThat(jar).exists();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmArgs);
            command.addAll(List.of("-jar", jar.toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command)
                    .redirectError(stateDir.resolve("pge-mock.log").toFile()).start();
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = stdout.readLine(); line != null && !line.equals("try:"); line = stdout.readLine()) {
                lines.add(line);
            }
            String printed = String.join("\n", lines);
            Matcher listening = Pattern.compile("pge-mock listening on (https://127\\.0\\.0\\.1:\\d+)").matcher(printed);
            if (!listening.find()) {
                process.destroy();
                throw new AssertionError("pge-mock did not start: " + printed + "\n" + Files.readString(stateDir.resolve("pge-mock.log")));
            }
            return new RunningJar(process, printed, listening.group(1));
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
