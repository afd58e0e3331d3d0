package dev.metertap.collector.pge.client;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.client.ShareMyDataException.Kind;
import dev.metertap.collector.pge.espi.Authorization;
import dev.metertap.collector.pge.espi.AuthorizationParser;
import dev.metertap.collector.pge.espi.ServiceStatusParser;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * PG&E Share My Data over mutual TLS: a client-credentials token (cached, refreshed once when
 * refused), the ESPI resources, bulk requests and fetches of notified URLs. Every request waits
 * for the rate limiter and is retried on 5xx, 429 and timeouts. The bearer token is sent only to
 * URLs under the configured resource base.
 *
 * <pre>{@code
 * try (ShareMyDataClient pge = new ShareMyDataClient(settings, Clock.systemUTC())) {
 *     String bulkId = pge.authorizations().get(0).bulkId();
 *     if (pge.requestBulk(bulkId, window) == BulkAnswer.ACCEPTED) { ... wait for the notification ... }
 *     pge.fetch(notifiedUrl, body -> ...);
 * }
 * }</pre>
 */
public final class ShareMyDataClient implements AutoCloseable {

    private static final DateTimeFormatter ZULU = DateTimeFormatter.ISO_INSTANT;

    private final ShareMyDataSettings settings;
    private final ResourceScope scope;
    private final PacedHttp http;
    private final TokenSource tokens;

    public ShareMyDataClient(ShareMyDataSettings settings, Clock clock) {
        this(settings, clock, Pause.SLEEP);
    }

    /** @param pause how to wait for the rate limit and backoff; tests pass one that advances {@code clock} */
    public ShareMyDataClient(ShareMyDataSettings settings, Clock clock, Pause pause) {
        this.settings = settings;
        this.scope = new ResourceScope(settings.resourceBase());
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(ShareMyDataTls.context(settings.identity(), settings.extraTrust()))
                .sslParameters(ShareMyDataTls.parameters())
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect must not carry the token elsewhere
                .build();
        this.http = new PacedHttp(client, new RateLimiter(settings.minRequestInterval(), clock, pause), pause, settings.attempts());
        this.tokens = new TokenSource(http, settings.tokenUrl(), settings.clientId(), settings.clientSecret(),
                settings.requestTimeout(), clock);
    }

    public ShareMyDataSettings settings() {
        return settings;
    }

    /** The current token (obtained now if none is cached or it is about to expire). */
    public TokenInfo token() throws ShareMyDataException {
        return tokens.current();
    }

    /** ReadServiceStatus: 1 when PG&E's service is up, 0 during an outage. */
    public int serviceStatus() throws ShareMyDataException {
        return get(resource("ReadServiceStatus"), "ReadServiceStatus", ServiceStatusParser::parse);
    }

    public <T> T sampleData(ResponseReader<T> reader) throws ShareMyDataException {
        return get(resource("DownloadSampleData"), "DownloadSampleData", reader);
    }

    /** The Authorization feed: each entry names its Bulk ID and usage points. */
    public List<Authorization> authorizations() throws ShareMyDataException {
        return get(resource("Authorization"), "Authorization", AuthorizationParser::parse);
    }

    /** Asks for the data published in {@code window} (Zulu ISO-8601 bounds); it arrives later through a notification. */
    public BulkAnswer requestBulk(String bulkId, TimeWindow window) throws ShareMyDataException {
        if (bulkId == null || !bulkId.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("a Bulk ID is letters and digits, not '" + bulkId + "'");
        }
        URI uri = URI.create(settings.resourceBase() + "/Batch/Bulk/" + bulkId
                + "?published-min=" + zulu(window.from()) + "&published-max=" + zulu(window.to()));
        String what = "bulk request " + window;
        HttpResponse<InputStream> response = authorized(uri, what);
        int status = response.statusCode();
        String body = status == 202 || status == 204 ? "" : PacedHttp.snippet(response);
        closeQuietly(response);
        return switch (status) {
            case 200, 202 -> BulkAnswer.ACCEPTED;
            case 204 -> BulkAnswer.NO_DATA;
            case 413 -> BulkAnswer.TOO_LARGE;
            default -> {
                if (status == 400 && refusesWindowSize(body)) {
                    yield BulkAnswer.TOO_LARGE;
                }
                throw failure(status, body, uri, what);
            }
        };
    }

    /** GETs a notified resource. Refuses any URL not under the resource base: the token never goes elsewhere. */
    public <T> T fetch(URI resource, ResponseReader<T> reader) throws ShareMyDataException {
        String refusal = scope.refusal(resource);
        if (!refusal.isEmpty()) {
            throw new ShareMyDataException(Kind.REFUSED_URL, "not fetching " + describe(resource) + ": " + refusal
                    + " (only URLs under " + settings.resourceBase() + " receive the token)");
        }
        return get(resource, "fetch " + resource, reader);
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21; its threads are daemons and idle connections time out
    }

    private <T> T get(URI uri, String what, ResponseReader<T> reader) throws ShareMyDataException {
        HttpResponse<InputStream> response = authorized(uri, what);
        int status = response.statusCode();
        if (status != 200) {
            String body = PacedHttp.snippet(response);
            throw failure(status, body, uri, what);
        }
        try (InputStream body = response.body()) {
            return reader.read(body);
        } catch (IOException e) {
            throw new ShareMyDataException(Kind.UNEXPECTED_ANSWER, what + ": the answer could not be read: " + e.getMessage(), e);
        }
    }

    /** Sends with the current token; on 401/403 gets a new token once and tries once more. */
    private HttpResponse<InputStream> authorized(URI uri, String what) throws ShareMyDataException {
        TokenInfo token = tokens.current();
        HttpResponse<InputStream> response = http.send(request(uri, token), what);
        if (!refusesToken(response.statusCode())) {
            return response;
        }
        closeQuietly(response);
        tokens.invalidate(token);
        token = tokens.current();
        response = http.send(request(uri, token), what);
        if (refusesToken(response.statusCode())) {
            int status = response.statusCode();
            closeQuietly(response);
            throw new ShareMyDataException(Kind.TOKEN_REJECTED, what + ": PG&E refused a freshly obtained token (HTTP " + status
                    + "). The token URL may belong to another environment (test vs production) or the service agreements"
                    + " are not authorized for self-access.");
        }
        return response;
    }

    private HttpRequest request(URI uri, TokenInfo token) {
        return HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token.token().reveal())
                .header("Accept", "application/atom+xml, application/xml")
                .GET()
                .build();
    }

    private ShareMyDataException failure(int status, String rawBody, URI uri, String what) {
        String body = redacted(rawBody);
        if (body.contains("Invalid Certificate")) {
            return new ShareMyDataException(Kind.CERTIFICATE_REFUSED, what + ": PG&E refused the client certificate (HTTP " + status
                    + " Invalid Certificate): not the registered one, expired, or not sent.");
        }
        if (status == 404) {
            return new ShareMyDataException(Kind.NOT_FOUND, what + ": not found (HTTP 404) at " + describe(uri)
                    + (body.isEmpty() ? "" : ": " + body));
        }
        return new ShareMyDataException(Kind.UNEXPECTED_ANSWER, what + ": HTTP " + status + (body.isEmpty() ? "" : " \"" + body + "\""));
    }

    /** Error bodies are quoted in messages: never with the token in them (a gateway could echo the header). */
    private String redacted(String body) {
        TokenInfo cached = tokens.cached();
        return cached == null ? body : body.replace(cached.token().reveal(), "<redacted>");
    }

    private URI resource(String name) {
        return URI.create(settings.resourceBase() + "/" + name);
    }

    private static boolean refusesToken(int status) {
        return status == 401 || status == 403;
    }

    /** PG&E documents no answer for a window it will not serve; a 400 that talks about size or range is taken as one. */
    private static boolean refusesWindowSize(String body) {
        String text = body.toLowerCase(Locale.ROOT);
        return text.contains("too large") || text.contains("too long") || text.contains("exceed") || text.contains("range")
                || text.contains("too many");
    }

    private static String zulu(Instant instant) {
        return ZULU.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A URL for messages, without its query (a query could carry anything a forger put there). */
    private static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }

    private static void closeQuietly(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // nothing to do: the connection is dropped
        }
    }
}
