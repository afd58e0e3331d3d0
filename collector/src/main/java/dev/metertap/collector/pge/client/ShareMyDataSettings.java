package dev.metertap.collector.pge.client;

import dev.metertap.certs.Identity;
import dev.metertap.collector.secret.Secret;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the Share My Data client needs. {@code extraTrust} is added to the JDK's trusted CAs
 * (the mock's CA, or a corporate proxy's); {@code minRequestInterval} keeps to PG&E's 1 request/s.
 */
public record ShareMyDataSettings(URI resourceBase, URI tokenUrl, URI testTokenUrl, String clientId, Secret clientSecret,
                                  Identity identity, List<X509Certificate> extraTrust, Duration minRequestInterval,
                                  Duration requestTimeout, int attempts) {

    public static final URI PGE_RESOURCE_BASE = URI.create("https://api.pge.com/GreenButtonConnect/espi/1_1/resource");
    public static final URI PGE_TOKEN_URL = URI.create("https://api.pge.com/datacustodian/oauth/v2/token");
    public static final URI PGE_TEST_TOKEN_URL = URI.create("https://api.pge.com/datacustodian/test/oauth/v2/token");
    /**
     * PG&E allows 1 request/s and counts arrivals; requests sent exactly 1 s apart can arrive closer
     * when one was delayed in transit, so the default keeps a 10 % margin.
     */
    public static final Duration DEFAULT_MIN_REQUEST_INTERVAL = Duration.ofMillis(1100);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_ATTEMPTS = 4;

    public ShareMyDataSettings {
        resourceBase = stripTrailingSlash(Objects.requireNonNull(resourceBase, "resourceBase"));
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        testTokenUrl = testTokenUrl == null ? tokenUrl : testTokenUrl;
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("a client id is required");
        }
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(identity, "identity");
        extraTrust = extraTrust == null ? List.of() : List.copyOf(extraTrust);
        minRequestInterval = minRequestInterval == null ? DEFAULT_MIN_REQUEST_INTERVAL : minRequestInterval;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        for (URI uri : List.of(resourceBase, tokenUrl, testTokenUrl)) {
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() != null) {
                throw new IllegalArgumentException("Share My Data URLs are https://host/… without credentials: " + uri);
            }
        }
    }

    /** Settings for PG&E's production endpoints with the default pace, timeout and attempts. */
    public static ShareMyDataSettings pge(String clientId, Secret clientSecret, Identity identity) {
        return new ShareMyDataSettings(PGE_RESOURCE_BASE, PGE_TOKEN_URL, PGE_TEST_TOKEN_URL, clientId, clientSecret, identity,
                List.of(), null, null, DEFAULT_ATTEMPTS);
    }

    public ShareMyDataSettings withMinRequestInterval(Duration interval) {
        return new ShareMyDataSettings(resourceBase, tokenUrl, testTokenUrl, clientId, clientSecret, identity, extraTrust,
                interval, requestTimeout, attempts);
    }

    public ShareMyDataSettings withTokenUrl(URI url) {
        return new ShareMyDataSettings(resourceBase, url, testTokenUrl, clientId, clientSecret, identity, extraTrust,
                minRequestInterval, requestTimeout, attempts);
    }

    public ShareMyDataSettings withClientSecret(Secret secret) {
        return new ShareMyDataSettings(resourceBase, tokenUrl, testTokenUrl, clientId, secret, identity, extraTrust,
                minRequestInterval, requestTimeout, attempts);
    }

    /** Concise, and without the secret (a {@link Secret} hides itself anyway). */
    @Override
    public String toString() {
        return "ShareMyDataSettings[resourceBase=" + resourceBase + ", tokenUrl=" + tokenUrl + ", testTokenUrl=" + testTokenUrl
                + ", clientId=" + clientId + ", clientSecret=" + clientSecret + ", identity=" + identity
                + ", extraTrust=" + extraTrust.size() + " CA(s), minRequestInterval=" + minRequestInterval
                + ", requestTimeout=" + requestTimeout + ", attempts=" + attempts + "]";
    }

    private static URI stripTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
