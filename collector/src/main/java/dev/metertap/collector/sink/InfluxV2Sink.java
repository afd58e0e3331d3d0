package dev.metertap.collector.sink;

import dev.metertap.collector.config.Secret;
import dev.metertap.collector.store.Batch;

import java.net.URI;
import java.time.Duration;

/** InfluxDB 2.x (and 1.8+'s compatibility API): {@code POST /api/v2/write?org=…&bucket=…&precision=s}, {@code Authorization: Token …}. */
public final class InfluxV2Sink implements Sink {

    private final String name;
    private final InfluxWriteEndpoint endpoint;

    public InfluxV2Sink(String name, URI url, String org, String bucket, Secret token, Duration timeout) {
        this.name = name;
        String query = "org=" + InfluxV1Sink.encode(org) + "&bucket=" + InfluxV1Sink.encode(bucket) + "&precision=s";
        this.endpoint = new InfluxWriteEndpoint(url.resolve(InfluxV1Sink.stripSlash(url) + "/api/v2/write?" + query),
                "Token " + token.reveal(), timeout);
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
        return "InfluxV2Sink[" + name + " → " + endpoint.writeUri() + "]";
    }
}
