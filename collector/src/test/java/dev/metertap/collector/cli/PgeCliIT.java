package dev.metertap.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pem;
import dev.metertap.pgemock.ClientKit;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code metertap pge check|token} in-process against pge-mock, configured from the mock's client kit. */
class PgeCliIT {

    @TempDir
    static Path dir;
    private static PgeMock pge;
    private static ClientKit kit;

    @BeforeAll
    static void start() throws IOException {
        pge = new PgeMock(PgeMockOptions.defaults()).start();
        kit = pge.writeClientKit(dir.resolve("kit"));
        Files.writeString(dir.resolve("secret"), pge.credentials().clientSecret() + "\n");
        Files.writeString(dir.resolve("wrong-secret"), "0000000000000000ffffffffffffffff\n");
    }

    @AfterAll
    static void stop() {
        pge.close();
    }

    private static Path config(String secretFile) throws IOException {
        Path file = dir.resolve("metertap-" + secretFile + ".yaml");
        Files.writeString(file, """
                pge:
                  resource-base: %s
                  token-url: %s
                  test-token-url: %s
                  client-id: %s
                  client-secret: {file: %s}
                  certificate: %s
                  key: %s
                  extra-ca: %s
                  min-request-interval: 50ms
                """.formatted(pge.resourceBase(), pge.tokenUrl(), pge.testTokenUrl(), pge.credentials().clientId(),
                dir.resolve(secretFile), kit.clientCertificate(), kit.clientKey(), kit.serverCa()));
        return file;
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MetertapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void checkPassesEveryStepAndExplainsTheCaListTrap() throws IOException {
        Run run = run("pge", "check", "-c", config("secret").toString());
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out().lines().filter(line -> line.startsWith("PASS")))
                .extracting(line -> line.substring(6, 25).strip())
                .containsExactly("configuration", "TLS handshake", "test token", "ReadServiceStatus", "DownloadSampleData");
        assertThat(run.out()).contains("SKIP  clock"); // pge-mock sends no Date header
        assertThat(run.out()).contains("does not name your issuer").contains("metertap sends it anyway")
                .contains("all steps passed").doesNotContain(pge.credentials().clientSecret());
        assertThat(pge.journal().requests()).anyMatch(e -> e.path().equals("/datacustodian/test/oauth/v2/token") && e.status() == 200);
    }

    @Test
    void checkWithAWrongSecretNamesTheCause() throws IOException {
        Run run = run("pge", "check", "-c", config("wrong-secret").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  test token").contains("likely cause: the client id or the client secret is wrong")
                .doesNotContain("0000000000000000ffffffffffffffff").doesNotContain("PASS  ReadServiceStatus");
    }

    @Test
    void checkWithAnUnregisteredCertificateSaysSo() throws IOException {
        Identity stranger = CertificateAuthority.create("another root").issueClient("not registered");
        Pem.writeCertificates(dir.resolve("stranger.crt"), stranger.chain());
        Pem.writePrivateKey(dir.resolve("stranger.key"), stranger.privateKey());
        Path config = Files.writeString(dir.resolve("stranger.yaml"), Files.readString(config("secret"))
                .replace(kit.clientCertificate().toString(), dir.resolve("stranger.crt").toString())
                .replace(kit.clientKey().toString(), dir.resolve("stranger.key").toString()));
        Run run = run("pge", "check", "-c", config.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  test token").contains("Invalid Certificate")
                .contains("likely cause: PG&E did not accept the certificate metertap sent").contains("upload client.crt");
    }

    @Test
    void checkWithoutAPgeSectionIsAConfigurationFailure() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "store: {path: x.db}\n");
        Run run = run("pge", "check", "-c", empty.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).contains("FAIL  configuration").contains("no 'pge:' section");
    }

    @Test
    void tokenShowsTheExpiryAndTheTokenOnlyWhenAsked() throws IOException {
        Run plain = run("pge", "token", "-c", config("secret").toString());
        assertThat(plain.status()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("expires").doesNotContain("token      ");
        String lastBearer = pge.journal().requests().stream().filter(e -> e.bearerToken().isPresent())
                .reduce((a, b) -> b).flatMap(e -> e.bearerToken()).orElse("none");
        assertThat(plain.out()).doesNotContain(lastBearer);

        Run shown = run("pge", "token", "--show", "--quiet", "-c", config("secret").toString());
        assertThat(shown.status()).isZero();
        assertThat(shown.out().strip()).matches("[0-9a-f-]{36}");
    }

    @Test
    void listenPrintsAcceptedAndRefusedNotifications() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("receiver CA");
        Identity server = ca.issueServer("receiver");
        Pem.writeCertificates(dir.resolve("receiver.crt"), server.chain());
        Pem.writePrivateKey(dir.resolve("receiver.key"), server.privateKey());
        Path config = Files.writeString(dir.resolve("listen.yaml"), Files.readString(config("secret")) + """
                  notifications:
                    bind: 127.0.0.1
                    port: 0
                    certificate: %s
                    key: %s
                """.formatted(dir.resolve("receiver.crt"), dir.resolve("receiver.key")));
        Output out = new Output();
        CommandLine cli = MetertapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int[] status = {-1};
        Thread listening = new Thread(() -> status[0] = cli.execute("pge", "listen", "-c", config.toString()), "pge-listen-under-test");
        listening.start();
        try {
            java.util.regex.Matcher port = out.await("listening on https://127\\.0\\.0\\.1:(\\d+)");
            String good = pge.resourceBase() + "/Batch/Bulk/" + pge.bulkId() + "?correlationID=good-1";
            String body = "<ns0:BatchList xmlns:ns0=\"http://naesb.org/espi\">"
                    + "<ns0:resources>" + good + "</ns0:resources>"
                    + "<ns0:resources>https://evil.example/GreenButtonConnect/espi/1_1/resource/Batch/Bulk/1?correlationID=x</ns0:resources>"
                    + "<ns0:resources>" + pge.bulkUrl() + "?correlationID=000000000-b</ns0:resources></ns0:BatchList>";
            java.net.http.HttpClient poster = java.net.http.HttpClient.newBuilder()
                    .sslContext(dev.metertap.certs.ClientTls.context(new javax.net.ssl.KeyManager[0], java.util.List.of(ca.certificate()))).build();
            var answer = poster.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + port.group(1) + "/"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            out.await("accepted " + java.util.regex.Pattern.quote(good));
            out.await("refused  foreign-url: https://evil\\.example");
            assertThat(out.toString()).doesNotContain("000000000-b");
        } finally {
            listening.interrupt();
            listening.join(10_000);
        }
        assertThat(status[0]).as(err.toString()).isZero();
    }

    /** The command's output, with a wait (and a deadline) for a line to appear: no polling. */
    private static final class Output extends java.io.Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
            notifyAll();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        synchronized java.util.regex.Matcher await(String regex) throws InterruptedException {
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (true) {
                java.util.regex.Matcher matcher = pattern.matcher(text);
                if (matcher.find()) {
                    return matcher;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new AssertionError("no output matching " + regex + " in:\n" + text);
                }
                wait(left);
            }
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }

    @Test
    void helpShowsExamples() {
        Run help = run("pge", "--help");
        assertThat(help.out()).contains("check").contains("token").contains("listen").contains("metertap pge check");
        assertThat(run("pge", "check", "--help").out()).contains("Examples:");
    }
}
