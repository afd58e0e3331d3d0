package dev.metertap.pgemock;

import dev.metertap.certs.Pem;
import dev.metertap.certs.Pkcs12;
import dev.metertap.certs.PrivateFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * What the mock hands a client, as files: what the PG&E portal would give a Self-Access user plus
 * the user's own material. Private files are mode 0600.
 *
 * @param clientCertificate {@code client.crt}: the registered client certificate (PEM)
 * @param clientKey         {@code client.key}: its private key (PKCS#8 PEM, 0600)
 * @param pkcs12            {@code client.p12}: key and chain (0600)
 * @param pkcs12Password    {@code client.p12.password}: the bundle's password (0600)
 * @param credentials       {@code client-credentials.properties}: {@code client_id}, {@code client_secret} (0600)
 * @param serverCa          {@code pge-mock-ca.crt}: the CA of the mock's server certificate (curl's {@code --cacert})
 * @param clientCa          {@code client-ca.crt}: the user's own root that signed {@code client.crt}
 */
public record ClientKit(Path directory, Path clientCertificate, Path clientKey, Path pkcs12, Path pkcs12Password,
        Path credentials, Path serverCa, Path clientCa) {

    static ClientKit write(PgeMock mock, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + directory, e);
        }
        ClientKit kit = new ClientKit(directory, directory.resolve("client.crt"), directory.resolve("client.key"),
                directory.resolve("client.p12"), directory.resolve("client.p12.password"),
                directory.resolve("client-credentials.properties"), directory.resolve("pge-mock-ca.crt"),
                directory.resolve("client-ca.crt"));
        Pem.writeCertificates(kit.clientCertificate, List.of(mock.clientIdentity().certificate()));
        Pem.writePrivateKey(kit.clientKey, mock.clientIdentity().privateKey());
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        Pkcs12.write(kit.pkcs12, mock.clientIdentity(), password);
        PrivateFiles.write(kit.pkcs12Password, (new String(password) + "\n").getBytes(StandardCharsets.UTF_8));
        PrivateFiles.write(kit.credentials, ("# Share My Data client credentials issued by pge-mock\n"
                + "client_id=" + mock.credentials().clientId() + "\n"
                + "client_secret=" + mock.credentials().clientSecret() + "\n").getBytes(StandardCharsets.UTF_8));
        Pem.writeCertificates(kit.serverCa, List.of(mock.serverCa()));
        Pem.writeCertificates(kit.clientCa, List.of(mock.clientIdentity().chain().get(mock.clientIdentity().chain().size() - 1)));
        return kit;
    }
}
