package dev.metertap.collector.sink;

import dev.metertap.collector.secret.Secret;
import dev.metertap.collector.store.Batch;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** InfluxDB, 1.x or 2.x: the two differ only in the write URL and the authorization header. */
public final class InfluxSink implements Sink {

    private final String name;
    private final InfluxWriteEndpoint endpoint;

    private InfluxSink(String name, URI writeUri, String authorization, Duration timeout) {
        this.name = name;
        this.endpoint = new InfluxWriteEndpoint(writeUri, authorization, timeout);
    }

    /**
     * InfluxDB 1.x: {@code POST /write?db=…[&rp=…]&precision=s}. Credentials go in a Basic
     * authorization header (InfluxDB 1.x accepts it), not the URL, so they never reach an access log.
     *
     * @param retentionPolicy null for the database's default
     * @param username        null when InfluxDB has auth disabled
     * @param password        null when {@code username} is null
     */
    public static InfluxSink v1(String name, URI url, String database, String retentionPolicy,
                                String username, Secret password, Duration timeout) {
        StringBuilder query = new StringBuilder("db=").append(encode(database));
        if (retentionPolicy != null) {
            query.append("&rp=").append(encode(retentionPolicy));
        }
        query.append("&precision=s");
        String authorization = null;
        if (username != null) {
            String credentials = username + ":" + (password == null ? "" : password.reveal());
            authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        }
        return new InfluxSink(name, write(url, "/write?" + query), authorization, timeout);
    }

    /** InfluxDB 2.x (and 1.8+'s compatibility API): {@code POST /api/v2/write?org=…&bucket=…&precision=s}, {@code Authorization: Token …}. */
    public static InfluxSink v2(String name, URI url, String org, String bucket, Secret token, Duration timeout) {
        String query = "org=" + encode(org) + "&bucket=" + encode(bucket) + "&precision=s";
        return new InfluxSink(name, write(url, "/api/v2/write?" + query), "Token " + token.reveal(), timeout);
    }

    private static URI write(URI url, String pathAndQuery) {
        String path = url.getPath() == null ? "" : url.getPath();
        return url.resolve((path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + pathAndQuery);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return name;
    }

    public URI writeUri() {
        return endpoint.writeUri();
    }

    @Override
    public void send(Batch batch) throws SinkException {
        endpoint.post(batch);
    }

    @Override
    public String toString() {
        return "InfluxSink[" + name + " → " + endpoint.writeUri() + "]";
    }
}
