package dev.metertap.collector.config;

import dev.metertap.collector.secret.Secret;
import dev.metertap.certs.CertificateException;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pem;
import dev.metertap.certs.Pkcs12;
import dev.metertap.collector.pge.client.ShareMyDataSettings;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code pge:}: PG&E Share My Data. The client certificate is PEM ({@code certificate} + {@code key},
 * like curl's {@code --cert/--key}) or PKCS#12 ({@code pkcs12} + {@code pkcs12-password}); secrets are
 * {@link SecretRef}s. The URLs default to PG&E's production ones; {@code extra-ca} adds a CA to the
 * JDK's (a mock's, a proxy's). {@code bulk-id} is optional: the Authorization feed names it.
 */
public record PgeConfig(URI resourceBase, URI tokenUrl, URI testTokenUrl, String clientId, SecretRef clientSecret,
                        Path certificate, Path key, Path pkcs12, SecretRef pkcs12Password, Path extraCa, String bulkId,
                        Duration minRequestInterval, Duration requestTimeout, Integer attempts,
                        PgeNotificationsConfig notifications) {

    public PgeConfig {
        resourceBase = resourceBase == null ? ShareMyDataSettings.PGE_RESOURCE_BASE : https(resourceBase, "resource-base");
        tokenUrl = tokenUrl == null ? ShareMyDataSettings.PGE_TOKEN_URL : https(tokenUrl, "token-url");
        testTokenUrl = testTokenUrl == null ? ShareMyDataSettings.PGE_TEST_TOKEN_URL : https(testTokenUrl, "test-token-url");
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("'client-id' is required: the Client ID from the Share My Data portal");
        }
        if (clientSecret == null) {
            throw new IllegalArgumentException("'client-secret' is required: {env: NAME} or {file: PATH}");
        }
        boolean pem = certificate != null || key != null;
        if (pem == (pkcs12 != null)) {
            throw new IllegalArgumentException("give the client certificate either as 'certificate' and 'key' (PEM) or as 'pkcs12'");
        }
        if (pem && (certificate == null || key == null)) {
            throw new IllegalArgumentException("'certificate' and 'key' go together: the client certificate (the file uploaded to PG&E)"
                    + " and its private key");
        }
        if (pkcs12 != null && pkcs12Password == null) {
            throw new IllegalArgumentException("'pkcs12' needs 'pkcs12-password': {env: NAME} or {file: PATH}");
        }
        if (bulkId != null && !bulkId.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("'bulk-id' is letters and digits, like 50098");
        }
        minRequestInterval = minRequestInterval == null ? ShareMyDataSettings.DEFAULT_MIN_REQUEST_INTERVAL : minRequestInterval;
        requestTimeout = requestTimeout == null ? ShareMyDataSettings.DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        if (requestTimeout.isZero()) {
            throw new IllegalArgumentException("'request-timeout' must be longer than 0s");
        }
        attempts = attempts == null ? ShareMyDataSettings.DEFAULT_ATTEMPTS : attempts;
        if (attempts < 1 || attempts > 20) {
            throw new IllegalArgumentException("'attempts' must be between 1 and 20");
        }
    }

    /** Reads the certificate, key and secrets now; errors name the key ({@code pge.key: …}). */
    public ShareMyDataSettings settings(Map<String, String> environment) {
        Secret secret = clientSecret.resolve("pge.client-secret", environment);
        return new ShareMyDataSettings(resourceBase, tokenUrl, testTokenUrl, clientId, secret, identity(environment),
                extraTrust(), minRequestInterval, requestTimeout, attempts);
    }

    private Identity identity(Map<String, String> environment) {
        if (pkcs12 != null) {
            Secret password = pkcs12Password.resolve("pge.pkcs12-password", environment);
            try {
                return Pkcs12.read(pkcs12, password.reveal().toCharArray());
            } catch (CertificateException e) {
                throw new ConfigException("pge.pkcs12: " + e.getMessage(), e);
            }
        }
        try {
            return Pem.readIdentity(certificate, key);
        } catch (CertificateException e) {
            throw new ConfigException("pge.certificate/pge.key: " + e.getMessage(), e);
        }
    }

    private List<X509Certificate> extraTrust() {
        if (extraCa == null) {
            return List.of();
        }
        try {
            return Pem.readCertificates(extraCa);
        } catch (CertificateException e) {
            throw new ConfigException("pge.extra-ca: " + e.getMessage(), e);
        }
    }

    private static URI https(URI uri, String key) {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + key + "' must be an https:// URL");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null) {
            // a URL ends up in log lines and error messages: no secret may live in it
            throw new IllegalArgumentException("'" + key + "' must not carry credentials or a query");
        }
        return uri;
    }
}
