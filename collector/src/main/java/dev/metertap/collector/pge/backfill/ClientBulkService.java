package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.client.BulkAnswer;
import dev.metertap.collector.pge.client.ShareMyDataClient;
import dev.metertap.collector.pge.client.ShareMyDataException;
import dev.metertap.collector.pge.espi.Authorization;
import dev.metertap.collector.pge.espi.AuthorizationParser;
import dev.metertap.collector.pge.espi.EspiParser;
import dev.metertap.collector.reading.IntervalReading;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The backfill's calls made by the real client: over mutual TLS, rate-limited, retried, streamed into the parser. */
public final class ClientBulkService implements BulkService {

    private final ShareMyDataClient client;
    private final EspiParser parser;

    public ClientBulkService(ShareMyDataClient client, EspiParser parser) {
        this.client = client;
        this.parser = parser;
    }

    @Override
    public List<Authorization> authorizations() throws ShareMyDataException {
        return client.fetch(URI.create(client.settings().resourceBase() + "/Authorization"), AuthorizationParser::parse);
    }

    @Override
    public BulkAnswer requestBulk(String bulkId, TimeWindow window) throws ShareMyDataException {
        return client.requestBulk(bulkId, window);
    }

    @Override
    public void fetch(URI resource, TimeWindow clip, Consumer<IntervalReading> sink) throws ShareMyDataException {
        client.fetch(resource, body -> parser.parse(body, Optional.of(clip), sink));
    }
}
