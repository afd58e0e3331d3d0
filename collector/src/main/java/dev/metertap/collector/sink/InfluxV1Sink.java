package dev.metertap.collector.sink;

import dev.metertap.collector.config.Secret;
import dev.metertap.collector.store.Batch;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * InfluxDB 1.x: {@code POST /write?db=…[&rp=…]&precision=s}. Credentials go in a Basic
 * authorization header (InfluxDB 1.x accepts it), not the URL, so they never reach an access log.
 */
public final class InfluxV1Sink implements Sink {

    private final String name;
    private final InfluxWriteEndpoint endpoint;

    /**
     * @param retentionPolicy null for the database's default
     * @param username        null when InfluxDB has auth disabled
     * @param password        null when {@code username} is null
     */
    public InfluxV1Sink(String name, URI url, String database, String retentionPolicy,
                        String username, Secret password, Duration timeout) {
        this.name = name;
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
        this.endpoint = new InfluxWriteEndpoint(url.resolve(stripSlash(url) + "/write?" + query), authorization, timeout);
    }

    static String stripSlash(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static String encode(String text) {
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
        return "InfluxV1Sink[" + name + " → " + endpoint.writeUri() + "]";
    }
}
