package dev.metertap.collector.pge.espi;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.reading.IntervalReading;

import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a Green Button (ESPI) feed, as PG&amp;E's Share My Data serves it, into {@link IntervalReading}s.
 *
 * <p>Streaming StAX with DTDs and external entities off, bounded by {@link EspiLimits}, matched by namespace, never
 * by prefix. The bytes are decoded strictly and every comment, PI, CDATA section, text and tag bounded before StAX
 * sees them (it would hold each whole). IntervalBlocks are joined to their usage point and ReadingType through Atom links only; a block that
 * comes before the entries it links to is held back (boundedly) until they arrive. Energy is
 * {@code value × 10^powerOfTenMultiplier} in the uom, converted to kWh (Wh) or therm exactly; cost is
 * {@code cost / 100000}. DST days pass as sent (25 or 23 hourly readings).
 *
 * <p>Each interval, keyed by its series (usage point, commodity, flow, unit, interval length) and start, reaches the
 * sink once. When the same feed re-publishes it with a different value, the later value is passed too (a correction;
 * an upserting store keeps the latest) and counted in {@link EspiSummary#corrected()}.
 *
 * <p>Holds only its limits: thread-safe, and one instance serves any number of feeds.
 */
public final class EspiParser {

    private final EspiLimits limits;

    public EspiParser() {
        this(EspiLimits.DEFAULTS);
    }

    public EspiParser(EspiLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public EspiLimits limits() {
        return limits;
    }

    /**
     * Streams the feed, clipping to {@code clip} when given; each reading once per series and start, the latest
     * value winning. Does not close {@code feed}.
     *
     * @throws EspiException when the document is hostile, too large, not XML, not a feed, or holds readings that
     *                       cannot be given a meaning (the sink may already have received earlier readings)
     */
    public EspiSummary parse(InputStream feed, Optional<TimeWindow> clip, Consumer<IntervalReading> sink)
            throws EspiException {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(clip, "clip");
        Objects.requireNonNull(sink, "sink");
        ReadingGate gate = new ReadingGate(clip, sink);
        try (BoundedXml xml = BoundedXml.open(feed, limits)) {
            new FeedReading(xml, limits, gate).run();
        }
        return gate.summary();
    }
}
