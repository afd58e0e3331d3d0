package dev.metertap.pgemock.espi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.stream.XMLStreamException;

/**
 * Streams a PG&amp;E-shaped Green Button feed (Atom 1.0 + ESPI) for some usage points of a model over a window.
 *
 * <p>Over-inclusive like PG&amp;E: every whole local day the window touches, one IntervalBlock per day and flow.
 * Generated day by day while writing, so memory does not grow with the window. Per usage point the order is:
 * ReadingTypes, UsagePoint, MeterReadings, then the blocks day by day with the flows interleaved, so only the links
 * tell which ReadingType a block belongs to.
 */
public final class FeedWriter {

    /** PG&amp;E's LocalTimeParameters rules for US daylight saving: second Sunday of March / first Sunday of November, 02:00. */
    private static final String DST_START_RULE = "360E2000";
    private static final String DST_END_RULE = "B40E2000";

    private final EspiLinks links;
    private final Clock clock;

    /** Links to api.pge.com, published now. */
    public FeedWriter() {
        this(EspiLinks.pge(), Clock.systemUTC());
    }

    /** @param clock stamps {@code published}/{@code updated}; a fixed clock gives byte-identical feeds */
    public FeedWriter(EspiLinks links, Clock clock) {
        this.links = Objects.requireNonNull(links, "links");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public EspiLinks links() {
        return links;
    }

    /** Whether a feed for this window would hold any reading (the mock answers 204 to a bulk request when not). */
    public boolean hasData(UsageModel model, List<String> usagePointIds, Instant from, Instant to) {
        usagePointIds.forEach(model::usagePoint);
        return !usagePointIds.isEmpty() && model.coveredDays(from, to).findAny().isPresent();
    }

    /**
     * Writes the feed. With no usage points, or no data in the window, the feed is valid Atom with no entries.
     * Does not close {@code out}.
     *
     * @throws IllegalArgumentException when an id is not in the model or the window ends before it starts
     */
    public void writeFeed(UsageModel model, List<String> usagePointIds, Instant from, Instant to, OutputStream out)
            throws IOException {
        FeedSteps steps = new FeedSteps(model, usagePointIds, from, to);
        try {
            steps.open(out);
            while (steps.next()) {
                // each step writes through to out
            }
        } catch (XMLStreamException e) {
            throw AtomWriter.asIoException(e);
        }
    }

    /**
     * The same feed as {@link #writeFeed}, written as it is read (one day of one usage point at a time), so a server
     * can hand it over as a body without a thread or a buffer of the whole feed. Stamped with the time of this call.
     *
     * @throws IllegalArgumentException when an id is not in the model or the window ends before it starts
     */
    public InputStream openFeed(UsageModel model, List<String> usagePointIds, Instant from, Instant to) {
        return new SteppedStream(new FeedSteps(model, usagePointIds, from, to));
    }

    /** The feed in steps: the head (and LocalTimeParameters), per usage point its head, then a day per step. */
    private final class FeedSteps implements SteppedStream.Steps {

        private final UsageModel model;
        private final List<String> usagePointIds;
        private final Instant from;
        private final Instant to;
        private final Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // PG&E stamps milliseconds
        private final boolean hasData;
        private final Iterator<String> points;
        private final Set<String> readingTypesWritten = new HashSet<>();
        private AtomWriter atom;
        private String point;
        private Iterator<LocalDate> days = Collections.emptyIterator();
        private boolean closed;

        FeedSteps(UsageModel model, List<String> usagePointIds, Instant from, Instant to) {
            this.model = model;
            this.usagePointIds = List.copyOf(usagePointIds);
            this.from = from;
            this.to = to;
            this.hasData = hasData(model, usagePointIds, from, to);
            this.points = hasData ? this.usagePointIds.iterator() : Collections.emptyIterator();
        }

        @Override
        public void open(OutputStream sink) throws XMLStreamException {
            atom = AtomWriter.on(sink);
            String self = links.feedSelf(usagePointIds);
            atom.startFeed(AtomWriter.entryId(self, now), "Green Button Usage Feed", now, self);
            if (hasData) {
                localTimeParameters(atom, model, now);
            }
            atom.flush();
        }

        @Override
        public boolean next() throws XMLStreamException {
            if (days.hasNext()) {
                DayReadings day = model.day(point, days.next());
                UsagePointSpec spec = model.usagePoint(point);
                for (Flow flow : spec.flows()) {
                    intervalBlock(atom, day, flow, model.readingType(point, flow), now);
                }
            } else if (points.hasNext()) {
                point = points.next();
                usagePointHead(atom, model, point, now, readingTypesWritten);
                days = model.coveredDays(from, to).iterator();
            } else if (!closed) {
                closed = true;
                atom.close();
                return true;
            } else {
                return false;
            }
            atom.flush();
            return true;
        }
    }

    /** Writes of entries into an open document, stamped with its publication time. */
    interface Entries {
        void write(AtomWriter atom, Instant now) throws XMLStreamException;
    }

    /** One resource as a standalone Atom entry document (what a GET of the resource's own URL answers). */
    void entryDocument(OutputStream out, Entries entry) throws IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try (AtomWriter atom = AtomWriter.on(out)) {
            entry.write(atom, now);
        } catch (XMLStreamException e) {
            throw AtomWriter.asIoException(e);
        }
    }

    /** A collection as a feed of entries (what a GET of a collection URL answers). */
    void feedDocument(OutputStream out, String title, String self, Entries entries) throws IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try (AtomWriter atom = AtomWriter.on(out)) {
            atom.startFeed(AtomWriter.entryId(self, now), title, now, self);
            entries.write(atom, now);
        } catch (XMLStreamException e) {
            throw AtomWriter.asIoException(e);
        }
    }

    /** PG&amp;E's bare empty answer, {@code <ns1:feed xmlns:ns1="http://www.w3.org/2005/Atom"/>}: no id, no title. */
    public static void writeBareEmptyFeed(OutputStream out) throws IOException {
        try (AtomWriter atom = AtomWriter.on(out)) {
            atom.bareFeed();
        } catch (XMLStreamException e) {
            throw AtomWriter.asIoException(e);
        }
    }

    void localTimeParameters(AtomWriter atom, UsageModel model, Instant now) throws XMLStreamException {
        String self = links.localTimeParameters();
        atom.startEntry(AtomWriter.entryId(self, now));
        atom.link("up", links.localTimeParametersCollection());
        atom.link("self", self);
        atom.startContent("DST For North America", now, "LocalTimeParameters");
        ZoneRules rules = model.zone().getRules();
        boolean observesDst = !rules.isFixedOffset() && !rules.getTransitionRules().isEmpty();
        atom.espi("dstEndRule", DST_END_RULE);
        atom.espi("dstOffset", observesDst ? 3600 : 0);
        atom.espi("dstStartRule", DST_START_RULE);
        atom.espi("tzOffset", rules.getStandardOffset(now).getTotalSeconds());
        atom.endEntry();
    }

    /** A usage point's ReadingTypes (those not written yet), UsagePoint and MeterReadings. */
    private void usagePointHead(AtomWriter atom, UsageModel model, String id, Instant now, Set<String> readingTypesWritten)
            throws XMLStreamException {
        UsagePointSpec point = model.usagePoint(id);
        for (Flow flow : point.flows()) {
            ReadingType type = model.readingType(id, flow);
            if (readingTypesWritten.add(type.id())) {
                readingType(atom, type, now);
            }
        }
        usagePointEntry(atom, point, now);
        for (Flow flow : point.flows()) {
            meterReading(atom, id, model.readingType(id, flow), flow, now);
        }
    }

    /** Fields in the XSD's order; absent ones are left out as PG&amp;E does. */
    void readingType(AtomWriter atom, ReadingType type, Instant now) throws XMLStreamException {
        String self = links.readingType(type);
        atom.startEntry(AtomWriter.entryId(self, now));
        atom.link("up", links.readingTypeCollection());
        atom.link("self", self);
        atom.startContent("Type of Meter Reading Data", now, "ReadingType");
        atom.espi("accumulationBehaviour", ReadingType.ACCUMULATION_INTERVAL_DELTA);
        atom.espi("commodity", type.commodity());
        atom.espi("currency", ReadingType.CURRENCY_USD);
        atom.espi("dataQualifier", ReadingType.DATA_QUALIFIER_NORMAL);
        atom.espi("defaultQuality", ReadingType.DEFAULT_QUALITY_VALIDATED);
        atom.espi("flowDirection", type.flowDirection());
        atom.espi("intervalLength", type.intervalLength());
        atom.espi("kind", ReadingType.KIND_ENERGY);
        atom.espi("powerOfTenMultiplier", type.powerOfTenMultiplier());
        atom.espi("timeAttribute", type.timeAttribute());
        if (type.perReadingTou()) {
            atom.espi("tou", 0); // 0: not one tier for the whole type; each reading carries its own
        }
        atom.espi("uom", type.uom());
        atom.espi("measuringPeriod", type.measuringPeriod());
        atom.endEntry();
    }

    void usagePointEntry(AtomWriter atom, UsagePointSpec point, Instant now) throws XMLStreamException {
        String self = links.usagePoint(point.id());
        atom.startEntry(AtomWriter.entryId(self, now));
        atom.link("up", links.usagePointCollection());
        atom.link("self", self);
        atom.link("related", links.meterReadingCollection(point.id()));
        atom.link("related", links.usageSummaryCollection(point.id()));
        atom.link("related", links.localTimeParameters());
        atom.startContent("Green Button Data File", now, "UsagePoint");
        atom.startEspi("ServiceCategory");
        atom.espi("kind", point.commodity().serviceCategoryKind());
        atom.end();
        atom.endEntry();
    }

    void meterReading(AtomWriter atom, String id, ReadingType type, Flow flow, Instant now)
            throws XMLStreamException {
        String self = links.meterReading(id, flow);
        atom.startEntry(AtomWriter.entryId(self, now));
        atom.link("up", links.meterReadingCollection(id));
        atom.link("self", self);
        atom.link("related", links.intervalBlockCollection(id, flow));
        atom.link("related", links.readingType(type));
        atom.link("related", links.localTimeParameters());
        atom.startContent("Green Button Data File", now, "MeterReading");
        atom.endEntry();
    }

    void intervalBlock(AtomWriter atom, DayReadings day, Flow flow, ReadingType type, Instant now)
            throws XMLStreamException {
        String id = day.point().id();
        long blockStart = day.day().blockStart();
        String self = links.intervalBlock(id, flow, blockStart);
        atom.startEntry(AtomWriter.entryId(self, now));
        atom.link("up", links.intervalBlockCollection(id, flow));
        atom.link("self", self);
        atom.startContent("IntervalBlock_" + blockStart, now, "IntervalBlock");
        atom.startEspi("interval");
        atom.espi("duration", day.day().blockDuration());
        atom.espi("start", blockStart);
        atom.end();
        int unitScale = type.unitScale();
        for (TrueInterval reading : day.of(flow)) {
            atom.startEspi("IntervalReading");
            if (reading.cost() != null) {
                atom.espi("cost", reading.cost().setScale(5).unscaledValue().toString());
            }
            atom.startEspi("ReadingQuality");
            atom.espi("quality", reading.quality());
            atom.end();
            atom.startEspi("timePeriod");
            atom.espi("duration", reading.durationSeconds());
            atom.espi("start", reading.start().getEpochSecond());
            atom.end();
            atom.espi("value", reading.value().setScale(unitScale).unscaledValue().toString());
            if (reading.tou() != null) {
                atom.espi("tou", reading.tou());
            }
            atom.end();
        }
        atom.endEntry();
    }
}
