package dev.metertap.pgemock;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.metertap.certs.BadIdentities;
import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.certs.IssuerAgnosticKeyManager;
import dev.metertap.certs.Pkcs12;
import dev.metertap.pgemock.oauth.TokenEndpoint;
import dev.metertap.pgemock.tls.ConnectionFacts;
import dev.metertap.pgemock.tls.Mode;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Both sides of the certificate boundary, with real handshakes against the mock on a free port. */
class MutualTlsIT {

    private static CertificateAuthority userCa;
    private static BadIdentities bad;
    private static Identity registered;

    @BeforeAll
    static void makeUserPki() {
        userCa = CertificateAuthority.create("a user's own root");
        bad = new BadIdentities(userCa);
        registered = userCa.issueClient("self-access client");
    }

    private static PgeMock mock(Mode mode) {
        return new PgeMock(PgeMockOptions.defaults().mode(mode).clientIdentity(registered)).start();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Gateway {

        private PgeMock pge;

        @BeforeAll
        void start() {
            pge = mock(Mode.GATEWAY);
        }

        @AfterAll
        void stop() {
            pge.close();
        }

        /** Each test reads only its own requests back from WireMock's journal. */
        @BeforeEach
        void forgetRequests() {
            pge.wireMock().resetRequests();
        }

        @Test
        void curlRecipeGetsAToken(@TempDir Path dir) throws Exception {
            ClientKit kit = pge.writeClientKit(dir);
            Properties credentials = new Properties();
            try (var in = java.nio.file.Files.newInputStream(kit.credentials())) {
                credentials.load(in);
            }
            Curl curl = Curl.run("--cacert", kit.serverCa().toString(),
                    "--cert", kit.clientCertificate().toString(), "--key", kit.clientKey().toString(),
                    "--basic", "--user", credentials.getProperty("client_id") + ":" + credentials.getProperty("client_secret"),
                    "-X", "POST", pge.tokenUrl() + "?grant_type=client_credentials");

            assertThat(curl.status()).isEqualTo(200);
            assertThat(curl.body()).matches("\\{\"client_access_token\":\"[0-9a-f-]{36}\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":3600,\"scope\":\"[^\"]+\"}");
        }

        @Test
        void curlWithoutCertificateGetsInvalidCertificate(@TempDir Path dir) throws Exception {
            ClientKit kit = pge.writeClientKit(dir);
            Curl curl = Curl.run("--cacert", kit.serverCa().toString(),
                    "--basic", "--user", pge.credentials().clientId() + ":" + pge.credentials().clientSecret(),
                    "-X", "POST", pge.tokenUrl() + "?grant_type=client_credentials");

            assertThat(curl.status()).isEqualTo(400);
            assertThat(curl.body()).isEqualTo("Invalid Certificate");
        }

        @Test
        void javaDefaultKeyManagerSendsNoCertificateAndIsRefused() throws Exception {
            HttpResponse<String> response = token(HttpClients.defaultKeyManager(registered, pge.serverCa()));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("Invalid Certificate");
            pge.wireMock().verify(1, postRequestedFor(urlPathEqualTo(TokenEndpoint.PRODUCTION_PATH))
                    .withoutHeader(ConnectionFacts.CLIENT_CERTIFICATE));
            pge.wireMock().verify(0, anyRequestedFor(anyUrl()).withHeader(ConnectionFacts.CLIENT_CERTIFICATE, equalTo(registered.fingerprint().hex())));
        }

        @Test
        void issuerAgnosticKeyManagerGetsAToken() throws Exception {
            HttpResponse<String> response = token(HttpClients.issuerAgnostic(registered, pge.serverCa()));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(HttpClients.token(response)).isNotBlank();
            pge.wireMock().verify(1, postRequestedFor(urlPathEqualTo(TokenEndpoint.PRODUCTION_PATH))
                    .withHeader(ConnectionFacts.CLIENT_CERTIFICATE, equalTo(registered.fingerprint().hex())));
        }

        @Test
        void unregisteredCertificateFromTheSameAuthorityIsRefused() throws Exception {
            Identity sibling = userCa.issueClient("self-access client");
            assertRefused(HttpClients.issuerAgnostic(sibling, pge.serverCa()));
        }

        @Test
        void expiredCertificateIsRefusedEvenWhenRegistered() throws Exception {
            Identity expired = bad.expired("expired client");
            pge.register(expired.certificate());
            assertRefused(HttpClients.issuerAgnostic(expired, pge.serverCa()));
        }

        @Test
        void certificateFromAnotherAuthorityIsRefused() throws Exception {
            assertRefused(HttpClients.issuerAgnostic(bad.fromOtherAuthority("stranger"), pge.serverCa()));
        }

        @Test
        void wireMockAdminApiAlsoWantsTheRegisteredCertificate() throws Exception {
            String admin = pge.baseUrl() + "/__admin/mappings";
            HttpResponse<String> refused = HttpClients.get(HttpClients.withoutCertificate(pge.serverCa()), admin, null);
            HttpResponse<String> allowed = HttpClients.get(HttpClients.issuerAgnostic(registered, pge.serverCa()), admin, null);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).isEqualTo("Invalid Certificate");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).contains("No listener for endpoint");
        }

        @Test
        void certificateRequestListsCasThatAreNotTheUsersRoot() throws Exception {
            List<Principal> listed = new ArrayList<>();
            IssuerAgnosticKeyManager agnostic = new IssuerAgnosticKeyManager(registered);
            javax.net.ssl.X509ExtendedKeyManager recording = new RecordingKeyManager(agnostic, listed);
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(Pkcs12.trustStore(List.of(pge.serverCa())));
            context.init(new KeyManager[] {recording}, trust.getTrustManagers(), null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", pge.port())) {
                socket.startHandshake();
            }
            assertThat(listed).extracting(Principal::getName)
                    .containsExactlyInAnyOrderElementsOf(pge.advertisedCas().stream()
                            .map(ca -> ca.getSubjectX500Principal().getName()).toList())
                    .doesNotContain(userCa.certificate().getSubjectX500Principal().getName());
        }

        private void assertRefused(HttpClient client) throws Exception {
            HttpResponse<String> response = token(client);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("Invalid Certificate");
        }

        private HttpResponse<String> token(HttpClient client) throws Exception {
            return HttpClients.postToken(client, pge.tokenUrl(), pge.credentials().clientId(),
                    pge.credentials().clientSecret(), "grant_type=client_credentials");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Strict {

        private PgeMock pge;

        @BeforeAll
        void start() {
            pge = mock(Mode.STRICT);
        }

        @AfterAll
        void stop() {
            pge.close();
        }

        @Test
        void registeredCertificateIsAccepted() throws Exception {
            HttpResponse<String> response = HttpClients.postToken(HttpClients.issuerAgnostic(registered, pge.serverCa()),
                    pge.tokenUrl(), pge.credentials().clientId(), pge.credentials().clientSecret(),
                    "grant_type=client_credentials");
            assertThat(response.statusCode()).isEqualTo(200);
        }

        @Test
        void defaultKeyManagerIsRefusedInTheHandshake() {
            assertThatThrownBy(() -> HttpClients.postToken(HttpClients.defaultKeyManager(registered, pge.serverCa()),
                    pge.tokenUrl(), pge.credentials().clientId(), pge.credentials().clientSecret(),
                    "grant_type=client_credentials"))
                    .isInstanceOf(IOException.class);
            pge.wireMock().verify(0, anyRequestedFor(anyUrl()).withoutHeader(ConnectionFacts.CLIENT_CERTIFICATE));
        }

        @Test
        void unregisteredCertificateIsRefusedInTheHandshake() {
            Identity sibling = userCa.issueClient("sibling");
            assertThatThrownBy(() -> HttpClients.postToken(HttpClients.issuerAgnostic(sibling, pge.serverCa()),
                    pge.tokenUrl(), pge.credentials().clientId(), pge.credentials().clientSecret(),
                    "grant_type=client_credentials"))
                    .isInstanceOf(IOException.class);
            pge.wireMock().verify(0, anyRequestedFor(anyUrl())
                    .withHeader(ConnectionFacts.CLIENT_CERTIFICATE, equalTo(sibling.fingerprint().hex())));
        }
    }

    /** Records the CA names the server's CertificateRequest lists, then answers like its delegate. */
    private static final class RecordingKeyManager extends javax.net.ssl.X509ExtendedKeyManager {
        private final IssuerAgnosticKeyManager delegate;
        private final List<Principal> listed;

        RecordingKeyManager(IssuerAgnosticKeyManager delegate, List<Principal> listed) {
            this.delegate = delegate;
            this.listed = listed;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            if (issuers != null) {
                listed.addAll(List.of(issuers));
            }
            return delegate.chooseClientAlias(keyTypes, issuers, socket);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public java.security.PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }

    /** {@code /usr/bin/curl}, as the PG&E tutorials use it. */
    record Curl(int status, String body) {
        static Curl run(String... arguments) throws Exception {
            List<String> command = new ArrayList<>(List.of("/usr/bin/curl", "--silent", "--show-error",
                    "--max-time", "20", "--write-out", "\n%{http_code}"));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String text = new String(output, StandardCharsets.UTF_8);
            int newline = text.lastIndexOf('\n');
            return new Curl(Integer.parseInt(text.substring(newline + 1).trim()), text.substring(0, newline));
        }
    }
}
