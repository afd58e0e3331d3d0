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
    void helpShowsExamples() {
        Run help = run("pge", "--help");
        assertThat(help.out()).contains("check").contains("token").contains("listen").contains("metertap pge check");
        assertThat(run("pge", "check", "--help").out()).contains("Examples:");
    }
}
