package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.client.BulkAnswer;
import dev.metertap.collector.pge.client.ShareMyDataException;
import dev.metertap.collector.pge.espi.Authorization;
import dev.metertap.collector.pge.espi.EspiException;
import dev.metertap.collector.reading.IntervalReading;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

/** The three Share My Data calls a backfill makes; a seam so the orchestration is tested without a server. */
public interface BulkService {

    /** The self-access authorizations: where the Bulk ID and the usage points come from. */
    List<Authorization> authorizations() throws ShareMyDataException;

    BulkAnswer requestBulk(String bulkId, TimeWindow window) throws ShareMyDataException;

    /** Fetches one notified resource and passes its readings inside {@code clip} to {@code sink} as they stream in. */
    void fetch(URI resource, TimeWindow clip, Consumer<IntervalReading> sink) throws ShareMyDataException, EspiException;
}
