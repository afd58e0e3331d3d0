package dev.metertap.certs.cli;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.certs.KeyPairs;
import dev.metertap.certs.Pem;
import dev.metertap.certs.Pkcs12;
import dev.metertap.certs.PrivateFiles;
import dev.metertap.certs.SerialFile;
import dev.metertap.certs.SigningRequest;
import dev.metertap.certs.Usage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code metertap certs init --out DIR --cn NAME}: the registration kit, as the tutorials make it with OpenSSL. */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the kit was written", "1:a file could not be written", "2:a bad option, or DIR already holds a kit (use --force to replace it)"},
        description = {
            "Make the certificate kit a Self-Access user registers with PG&E: a root CA (key and certificate),",
            "a client key, a CSR, the client certificate signed by the CA, the CA's serial file, a PKCS#12 bundle,",
            "and a README saying which file to upload and which to keep private. Private files get mode 0600."},
        footerHeading = "%nExample:%n",
        footer = {"  metertap certs init --out ~/metertap/pge-certs --cn \"metertap $(hostname)\"",
            "  then upload ~/metertap/pge-certs/client.crt on the Share My Data portal."})
public final class InitCommand implements Callable<Integer> {

    static final List<String> FILES = List.of("ca.key", "ca.crt", "ca.srl", "client.key", "client.csr", "client.crt",
            "client.p12", "client.p12.password", "README.txt");

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the kit (created if missing).")
    Path out;

    @Option(names = "--cn", required = true, paramLabel = "NAME", description = "Common name of the client certificate.")
    String commonName;

    @Option(names = "--days", paramLabel = "DAYS", description = "Validity of the client certificate (default: ${DEFAULT-VALUE}).")
    int days = 730;

    @Option(names = "--force", description = "Overwrite an existing kit in DIR (its keys are lost).")
    boolean force;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (days < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--days must be at least 1");
        }
        Files.createDirectories(out);
        List<String> existing = FILES.stream().filter(name -> Files.exists(out.resolve(name))).toList();
        if (!existing.isEmpty() && !force) {
            spec.commandLine().getErr().println("certs init: " + out + " already holds " + String.join(", ", existing)
                    + "; refusing to overwrite keys (use --force to replace them)");
            return 2;
        }

        CertificateAuthority ca = CertificateAuthority.create(commonName + " Root CA");
        KeyPair clientKeys = KeyPairs.rsa();
        PKCS10CertificationRequest request = SigningRequest.create(clientKeys, commonName);
        X509Certificate client = ca.sign(request, Usage.CLIENT, Duration.ofDays(days));
        Identity identity = new Identity(clientKeys.getPrivate(), List.of(client, ca.certificate()));

        Pem.writePrivateKey(out.resolve("ca.key"), ca.identity().privateKey());
        Pem.writeCertificates(out.resolve("ca.crt"), List.of(ca.certificate()));
        SerialFile.write(out.resolve("ca.srl"), ca.lastSerial());
        Pem.writePrivateKey(out.resolve("client.key"), clientKeys.getPrivate());
        Pem.writeSigningRequest(out.resolve("client.csr"), request);
        Pem.writeCertificates(out.resolve("client.crt"), List.of(client));
        char[] password = newPassword();
        PrivateFiles.write(out.resolve("client.p12.password"), (new String(password) + "\n").getBytes(StandardCharsets.UTF_8));
        Pkcs12.write(out.resolve("client.p12"), identity, password);
        Files.writeString(out.resolve("README.txt"), readme(identity), StandardCharsets.UTF_8);

        stdout.println("Wrote the Share My Data certificate kit to " + out.toAbsolutePath() + ":");
        stdout.println("  client.crt           UPLOAD this to the Share My Data portal (your client certificate)");
        stdout.println("  client.key           PRIVATE: the client's key, used with client.crt to talk to PG&E (0600)");
        stdout.println("  client.p12           PRIVATE: client key + certificate chain as PKCS#12 (0600)");
        stdout.println("  client.p12.password  PRIVATE: its password (0600)");
        stdout.println("  ca.key               PRIVATE: your root CA's key; only needed to sign a renewal (0600)");
        stdout.println("  ca.crt, ca.srl       your root CA's certificate and serial file");
        stdout.println("  client.csr           the signing request client.crt was made from");
        stdout.println("client.crt SHA-256 fingerprint " + identity.fingerprint().colonSeparated());
        stdout.println("valid until " + client.getNotAfter().toInstant());
        stdout.flush();
        return 0;
    }

    private static char[] newPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }

    private static String readme(Identity identity) {
        return """
                Share My Data certificate kit (made by metertap certs init)

                UPLOAD to PG&E (Share My Data portal, Self-Access registration):
                  client.crt            the client certificate (PEM)

                KEEP PRIVATE (never upload, never commit, never email):
                  client.key            the client's private key (PEM, PKCS#8)
                  client.p12            client key + certificate chain (PKCS#12)
                  client.p12.password   the password of client.p12
                  ca.key                the root CA's private key; needed only to sign a renewed client certificate

                Reference:
                  ca.crt                the root CA certificate that signed client.crt
                  ca.srl                the CA's serial file (last serial issued, hex), as OpenSSL keeps it
                  client.csr            the certificate signing request client.crt was made from

                metertap talks to PG&E with client.crt + client.key (or client.p12).
                client.crt SHA-256 fingerprint: %s
                valid from %s until %s: renew before it expires (metertap certs show client.crt warns 30 days ahead).
                """.formatted(identity.fingerprint().colonSeparated(), identity.certificate().getNotBefore().toInstant(),
                identity.certificate().getNotAfter().toInstant());
    }
}
