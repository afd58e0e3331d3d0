package dev.metertap.collector.cli;

import dev.metertap.collector.config.ConfigException;
import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.pge.client.HandshakeProbe;
import dev.metertap.collector.pge.client.ShareMyDataClient;
import dev.metertap.collector.pge.client.ShareMyDataException;
import dev.metertap.collector.pge.client.ShareMyDataSettings;
import dev.metertap.collector.pge.client.TokenInfo;
import dev.metertap.collector.pge.espi.EspiException;
import dev.metertap.collector.pge.espi.EspiParser;
import dev.metertap.collector.pge.espi.EspiSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code metertap pge check}: PG&E's API connectivity test (a token from the test token URL,
 * ReadServiceStatus, DownloadSampleData), one pass/fail line per step and the likely cause of a failure.
 */
@Command(name = "check",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:every step passed", "1:a step failed (its likely cause is printed)", "2:a bad configuration"},
        mixinStandardHelpOptions = true,
        description = {"Runs PG&E's Share My Data connectivity test with the configured credentials: a token from the test "
                + "token URL, ReadServiceStatus, then DownloadSampleData. Prints one PASS/FAIL line per step and, on a "
                + "failure, the likely cause in plain words (certificate not registered or not sent, wrong secret, "
                + "untrusted server, clock, outage)."},
        footer = {"", "Examples:",
                "  metertap pge check",
                "  metertap pge check -c /etc/metertap/metertap.yaml"})
final class PgeCheckCommand implements Callable<Integer> {

    /** HTTP dates have whole seconds and the request takes a moment: only a gross difference is worth a failure. */
    static final Duration MAX_SKEW = Duration.ofMinutes(2);

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption options;

    private PrintWriter out;
    private int failed;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        try {
            return check();
        } finally {
            out.flush();
        }
    }

    private int check() {
        Clock clock = Clock.systemUTC();
        ShareMyDataSettings settings;
        try {
            ConfigLoader loader = options.loader();
            settings = loader.shareMyData(options.load(loader));
        } catch (ConfigException e) {
            fail("configuration", e.getMessage(), "");
            return 2;
        }
        X509Certificate certificate = settings.identity().certificate();
        Instant now = clock.instant();
        if (now.isAfter(certificate.getNotAfter().toInstant()) || now.isBefore(certificate.getNotBefore().toInstant())) {
            fail("configuration", "client certificate " + settings.identity() + " is valid from " + certificate.getNotBefore().toInstant()
                    + " to " + certificate.getNotAfter().toInstant() + ", not now (" + now + ")",
                    "renew the certificate (metertap certs init) and register the new one with PG&E, or correct this machine's clock.");
            return 1;
        }
        pass("configuration", "client id " + settings.clientId() + ", certificate " + settings.identity().subject()
                + " (SHA-256 " + settings.identity().fingerprint() + "), valid until " + certificate.getNotAfter().toInstant());

        HandshakeProbe.Report tls = HandshakeProbe.probe(settings.testTokenUrl(), settings.identity(), settings.extraTrust(),
                settings.requestTimeout());
        if (!tls.completed()) {
            fail("TLS handshake", settings.testTokenUrl().getHost() + ": " + tls.failure(), "");
            return 1;
        }
        pass("TLS handshake", settings.testTokenUrl().getAuthority() + " (" + tls.protocol() + ")" + trapNote(tls, settings));
        if (tls.serverDate().isPresent()) {
            Duration skew = Duration.between(tls.serverDate().get(), clock.instant()).abs();
            if (skew.compareTo(MAX_SKEW) > 0) {
                fail("clock", "this machine's clock is " + skew.toSeconds() + " s away from the server's (" + tls.serverDate().get() + ")",
                        "set the clock (NTP: timedatectl set-ntp true); tokens and certificates are judged by time.");
            } else {
                pass("clock", "within " + Math.max(1, skew.toSeconds()) + " s of the server's");
            }
        } else {
            out.printf("SKIP  %-19s %s%n", "clock", "the server sent no Date header to compare this machine's clock with");
        }

        ShareMyDataSettings test = settings.withTokenUrl(settings.testTokenUrl());
        try (ShareMyDataClient client = new ShareMyDataClient(test, clock)) {
            TokenInfo token = step("test token", client::token);
            if (token == null) {
                return 1;
            }
            pass("test token", "from " + settings.testTokenUrl() + ", expires " + token.expiresAt());
            Integer status = step("ReadServiceStatus", client::serviceStatus);
            if (status == null) {
                return 1;
            }
            if (status != 1) {
                fail("ReadServiceStatus", "currentStatus " + status, "PG&E reports its service unavailable: try again later.");
                return 1;
            }
            pass("ReadServiceStatus", "currentStatus 1 (available)");
            EspiSummary sample = step("DownloadSampleData",
                    () -> client.sampleData(body -> new EspiParser().parse(body, Optional.empty(), reading -> { })));
            if (sample == null) {
                return 1;
            }
            pass("DownloadSampleData", "a feed with " + sample.readings() + " interval readings");
        }
        if (failed > 0) {
            out.println(failed + " step(s) failed");
            return 1;
        }
        out.println("all steps passed: this configuration can talk to Share My Data");
        return 0;
    }

    /** Why the CA list matters, said once when it applies. */
    private static String trapNote(HandshakeProbe.Report tls, ShareMyDataSettings settings) {
        if (!tls.certificateAsked()) {
            return "; the server did not ask for a client certificate";
        }
        if (tls.issuerListed()) {
            return "; the server's CA list names your certificate's issuer";
        }
        return "; the server's CA list (" + String.join("; ", tls.listedIssuers()) + ") does not name your issuer ("
                + settings.identity().certificate().getIssuerX500Principal().getName()
                + "): Java's default key managers would send no certificate here; metertap sends it anyway, as curl does";
    }

    private interface Step<T> {
        T run() throws ShareMyDataException;
    }

    private <T> T step(String name, Step<T> step) {
        try {
            return step.run();
        } catch (ShareMyDataException e) {
            fail(name, e.getMessage(), cause(e));
            return null;
        }
    }

    private static String cause(ShareMyDataException e) {
        return switch (e.kind()) {
            case CERTIFICATE_REFUSED -> "PG&E did not accept the certificate metertap sent (it sends it whatever CAs the server"
                    + " lists): upload client.crt on the Share My Data portal (registration takes effect after a while), check that"
                    + " pge.certificate/pge.key are that certificate and its key, and that it has not expired.";
            case BAD_CREDENTIALS -> "the client id or the client secret is wrong: copy both again from the Share My Data portal"
                    + " (the secret file must hold only the secret).";
            case TOKEN_REJECTED -> "a fresh token was refused: the token URL and resource URLs may belong to different environments,"
                    + " or this machine's clock is far off.";
            case TLS_FAILED -> "see above: the server's certificate, the extra CA, or the client certificate.";
            case RATE_LIMITED -> "PG&E's request limits were hit: wait and run the check again.";
            case SERVER_ERROR -> "PG&E's side is failing: try again later.";
            case UNREACHABLE -> "the host cannot be reached: check the URL, DNS, the network and any firewall.";
            case NOT_FOUND -> "the URL is wrong: check pge.resource-base and the token URLs.";
            default -> "an unexpected answer: run again with -Dorg.slf4j.simpleLogger.defaultLogLevel=debug for details.";
        };
    }

    private void pass(String step, String detail) {
        out.printf("PASS  %-19s %s%n", step, detail);
        out.flush();
    }

    private void fail(String step, String detail, String cause) {
        failed++;
        out.printf("FAIL  %-19s %s%n", step, detail);
        if (!cause.isEmpty()) {
            out.printf("      likely cause: %s%n", cause);
        }
        out.flush();
    }
}
