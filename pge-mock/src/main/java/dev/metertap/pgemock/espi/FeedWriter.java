package dev.metertap.pgemock.espi;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
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
        boolean hasData = hasData(model, usagePointIds, from, to);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // PG&E stamps milliseconds
        try (AtomWriter atom = AtomWriter.on(out)) {
            String self = links.feedSelf(usagePointIds);
            atom.startFeed(AtomWriter.entryId(self, now), "Green Button Usage Feed", now, self);
            if (hasData) {
                localTimeParameters(atom, model, now);
                Set<String> readingTypesWritten = new HashSet<>();
                for (String id : usagePointIds) {
                    usagePoint(atom, model, id, from, to, now, readingTypesWritten);
                }
            }
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

    private void localTimeParameters(AtomWriter atom, UsageModel model, Instant now) throws XMLStreamException {
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

    private void usagePoint(AtomWriter atom, UsageModel model, String id, Instant from, Instant to, Instant now,
                            Set<String> readingTypesWritten) throws XMLStreamException {
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
        Iterator<LocalDate> days = model.coveredDays(from, to).iterator();
        while (days.hasNext()) {
            DayReadings day = model.day(id, days.next());
            for (Flow flow : point.flows()) {
                intervalBlock(atom, day, flow, model.readingType(id, flow), now);
            }
        }
    }

    /** Fields in the XSD's order; absent ones are left out as PG&amp;E does. */
    private void readingType(AtomWriter atom, ReadingType type, Instant now) throws XMLStreamException {
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

    private void usagePointEntry(AtomWriter atom, UsagePointSpec point, Instant now) throws XMLStreamException {
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

    private void meterReading(AtomWriter atom, String id, ReadingType type, Flow flow, Instant now)
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

    private void intervalBlock(AtomWriter atom, DayReadings day, Flow flow, ReadingType type, Instant now)
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
