package dev.metertap.pgemock;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pem;
import dev.metertap.certs.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * What a metertap collector on this machine needs to take the mock for PG&E: the client kit, a notification
 * receiver certificate the mock trusts, on a free local port, and the {@code pge:} section of {@code metertap.yaml}
 * naming them, as a user writes it for PG&E. Prepare it before the mock starts (the mock must know where to
 * notify and whom to trust); write the section once the mock runs (its URLs and credentials are known then).
 */
public final class CollectorKit {

    private final Path directory;
    private final int receiverPort;
    private final X509Certificate receiverCa;
    private final Path receiverCertificate;
    private final Path receiverKey;

    private CollectorKit(Path directory, int receiverPort, X509Certificate receiverCa, Path receiverCertificate, Path receiverKey) {
        this.directory = directory;
        this.receiverPort = receiverPort;
        this.receiverCa = receiverCa;
        this.receiverCertificate = receiverCertificate;
        this.receiverKey = receiverKey;
    }

    /** Makes the receiver's certificate (from a CA of its own, as a user's would be) in {@code directory}. */
    public static CollectorKit prepare(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        CertificateAuthority ca = CertificateAuthority.create("metertap notification receiver CA");
        Identity receiver = ca.issueServer("metertap notification receiver");
        Path certificate = directory.resolve("receiver.crt");
        Path key = directory.resolve("receiver.key");
        Pem.writeCertificates(certificate, receiver.chain());
        Pem.writePrivateKey(key, receiver.privateKey());
        return new CollectorKit(directory, ListenPort.pick(), ca.certificate(), certificate, key);
    }

    /** The mock's options with its notifications sent to this receiver, trusting its certificate. */
    public PgeMockOptions notifying(PgeMockOptions options) {
        return options.notifyUri(URI.create("https://127.0.0.1:" + receiverPort + "/pge/notifications"))
                .notifyTrust(List.of(receiverCa));
    }

    public int receiverPort() {
        return receiverPort;
    }

    /**
     * Writes the client kit and the client secret into the directory and returns the {@code pge:} section for the
     * running {@code mock}, its requests paced {@code minRequestInterval} apart (PG&E's is one a second).
     */
    public String pgeSection(PgeMock mock, Duration minRequestInterval) {
        ClientKit kit = mock.writeClientKit(directory.resolve("pge-kit"));
        Path secret = directory.resolve("pge-kit/client-secret");
        PrivateFiles.write(secret, (mock.credentials().clientSecret() + "\n").getBytes(StandardCharsets.UTF_8));
        return """
                pge:
                  resource-base: %s
                  token-url: %s
                  test-token-url: %s
                  client-id: %s
                  client-secret: {file: %s}
                  certificate: %s
                  key: %s
                  extra-ca: %s
                  min-request-interval: %dms
                  notifications: {bind: 127.0.0.1, port: %d, certificate: %s, key: %s}
                """.formatted(mock.resourceBase(), mock.tokenUrl(), mock.testTokenUrl(), mock.credentials().clientId(),
                quoted(secret), quoted(kit.clientCertificate()), quoted(kit.clientKey()), quoted(kit.serverCa()),
                minRequestInterval.toMillis(), receiverPort, quoted(receiverCertificate), quoted(receiverKey));
    }

    /** A YAML double-quoted scalar: the directory may hold spaces, colons, '#' or quotes in its name. */
    private static String quoted(Path path) {
        return '"' + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
