package dev.metertap.pgemock;

import dev.metertap.certs.ClientTls;
import dev.metertap.certs.Identity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The clients a Share My Data user might write with the JDK. */
final class HttpClients {

    private HttpClients() {
    }

    /** Offers the identity whatever the server's CA list says (what works against PG&E). */
    static HttpClient issuerAgnostic(Identity identity, X509Certificate serverCa) {
        return client(ClientTls.context(identity, List.of(serverCa)));
    }

    /** The JDK's default key manager loaded with the identity (what silently sends no certificate). */
    static HttpClient defaultKeyManager(Identity identity, X509Certificate serverCa) throws Exception {
        char[] password = "test".toCharArray();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity.toKeyStore(password), password);
        return client(ClientTls.context(keys.getKeyManagers(), List.of(serverCa)));
    }

    static HttpClient withoutCertificate(X509Certificate serverCa) {
        return client(ClientTls.context(new KeyManager[0], List.of(serverCa)));
    }

    static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpResponse<String> postToken(HttpClient client, String url, String clientId, String secret, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (clientId != null) {
            request.header("Authorization", basic(clientId, secret));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpClient client, String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** The client_access_token of a successful token answer. */
    static String token(HttpResponse<String> response) {
        var matcher = java.util.regex.Pattern.compile("\"client_access_token\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new AssertionError("no token in " + response.statusCode() + " " + response.body());
        }
        return matcher.group(1);
    }
}
