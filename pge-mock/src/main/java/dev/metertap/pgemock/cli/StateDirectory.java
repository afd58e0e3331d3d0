package dev.metertap.pgemock.cli;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pkcs12;
import dev.metertap.certs.PrivateFiles;
import dev.metertap.pgemock.PgeMockOptions;
import dev.metertap.pgemock.oauth.ClientCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The mock's state between runs: the registered client identity and credentials (the kit's own
 * files) and the server identity (under {@code mock-private/}). Reused when present, so a client
 * configured once keeps working after a restart; generated otherwise.
 */
final class StateDirectory {

    private final Path directory;

    StateDirectory(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** Adds the remembered (or new) identities and credentials to the options. */
    PgeMockOptions restoreInto(PgeMockOptions options) throws IOException {
        Files.createDirectories(directory.resolve("mock-private"));
        Path client = directory.resolve("client.p12");
        Path clientPassword = directory.resolve("client.p12.password");
        if (Files.exists(client) && Files.exists(clientPassword)) {
            options.clientIdentity(Pkcs12.read(client, password(clientPassword)));
        }
        Path credentials = directory.resolve("client-credentials.properties");
        if (Files.exists(credentials)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(credentials)) {
                properties.load(in);
            }
            String id = properties.getProperty("client_id");
            String secret = properties.getProperty("client_secret");
            if (id != null && secret != null) {
                options.credentials(new ClientCredentials(id, secret));
            }
        }
        options.serverIdentity(serverIdentity());
        return options;
    }

    private Identity serverIdentity() throws IOException {
        Path store = directory.resolve("mock-private/pge-mock-server.p12");
        Path passwordFile = directory.resolve("mock-private/pge-mock-server.p12.password");
        if (Files.exists(store) && Files.exists(passwordFile)) {
            return Pkcs12.read(store, password(passwordFile));
        }
        Identity server = CertificateAuthority.create("metertap pge-mock server CA").issueServer("api.pge.com (metertap mock)");
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        PrivateFiles.write(passwordFile, (password + "\n").getBytes(StandardCharsets.UTF_8));
        Pkcs12.write(store, server, password.toCharArray());
        return server;
    }

    private static char[] password(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
    }
}
