package dev.metertap.collector.pge.espi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;

/** One pass over one feed: entries, their links and resources, readings to the gate. Not reusable. */
final class FeedReading {

    private static final Logger log = LoggerFactory.getLogger(FeedReading.class);

    /** Starts above this are milliseconds (in seconds it would be the year 5138): old payloads sent them. */
    private static final long LARGEST_SECONDS = 100_000_000_000L;
    /** PG&amp;E's UsagePoint has four; each is kept until the entry ends, and a MeterReading's in the link graph. */
    private static final int MAX_RELATED_LINKS = 64;

    /** Held-back readings of one block collection (a block's meaning depends on its collection alone). */
    private record PendingBlocks(EntryLinks firstLinks, List<RawReading> readings) {
    }

    private final BoundedXml xml;
    private final EspiLimits limits;
    private final ReadingGate gate;
    private final LinkGraph graph = new LinkGraph();
    private final EntryLinks links = new EntryLinks();
    private final Map<String, PendingBlocks> pending = new LinkedHashMap<>();
    private final Set<String> warned = new HashSet<>();
    private int entries;
    private long pendingReadings;
    private long skippedReadings;

    // the entry being read: its resource is registered at the entry's end, when all its links are known
    private String resource;
    private ReadingTypeFields readingType;
    private Integer serviceKind;
    private List<RawReading> heldBack; // every held-back block of the entry: its content may hold several

    FeedReading(BoundedXml xml, EspiLimits limits, ReadingGate gate) {
        this.xml = xml;
        this.limits = limits;
        this.gate = gate;
    }

    void run() throws EspiException {
        boolean root = true;
        int entryDepth = -1;
        int contentDepth = -1;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (root) {
                    requireFeed();
                    root = false;
                }
                int depth = xml.depth();
                if (xml.isAtom()) {
                    switch (xml.localName()) {
                        case "entry" -> {
                            if (++entries > limits.maxEntries()) {
                                throw new EspiException("the feed has more entries than the limit of " + limits.maxEntries());
                            }
                            startEntry();
                            entryDepth = depth;
                        }
                        case "link" -> {
                            if (depth == entryDepth + 1) {
                                if (links.related.size() >= MAX_RELATED_LINKS) {
                                    throw new EspiException("an entry has more than " + MAX_RELATED_LINKS
                                            + " related links");
                                }
                                links.add(xml.attribute("rel"), xml.attribute("href"));
                            }
                        }
                        case "content" -> contentDepth = depth;
                        default -> {
                        }
                    }
                } else if (xml.isEspi() && entryDepth > 0 && depth == contentDepth + 1) {
                    readResource();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (xml.depth() == entryDepth - 1 && xml.isAtom() && "entry".equals(xml.localName())) {
                    endEntry();
                    entryDepth = -1;
                    contentDepth = -1;
                } else if (xml.depth() == contentDepth - 1) {
                    contentDepth = -1;
                }
            }
        }
        if (!pending.isEmpty()) {
            EntryLinks first = pending.values().iterator().next().firstLinks();
            throw new EspiException(pending.size() + " IntervalBlock collection(s) with " + pendingReadings
                    + " reading(s) link to no MeterReading and ReadingType in the feed (first: up="
                    + first.up + ", self=" + first.self + ")");
        }
        if (skippedReadings > 0) {
            log.warn("skipped {} IntervalReading(s) without a start, a value or a length", skippedReadings);
        }
    }

    /** Atom feed or entry: anything else (an HTML error page, a ServiceStatus) is not a feed of readings. */
    private void requireFeed() throws EspiException {
        if (!xml.isAtom() || !("feed".equals(xml.localName()) || "entry".equals(xml.localName()))) {
            throw new EspiException("not a Green Button feed: the root element is <" + xml.localName() + "> in "
                    + (xml.namespace() == null || xml.namespace().isEmpty() ? "no namespace" : xml.namespace())
                    + ", not an Atom feed");
        }
    }

    private void startEntry() {
        links.clear();
        resource = null;
        readingType = null;
        serviceKind = null;
        heldBack = null;
    }

    private void readResource() throws EspiException {
        resource = xml.localName();
        switch (resource) {
            case "ReadingType" -> readingType = readReadingType();
            case "UsagePoint" -> serviceKind = readServiceKind();
            case "IntervalBlock" -> readIntervalBlock();
            default -> xml.skipElement(); // MeterReading is empty; the rest carries no interval data
        }
    }

    private void endEntry() throws EspiException {
        if (resource == null) {
            return;
        }
        switch (resource) {
            case "ReadingType" -> {
                graph.readingType(links, readingType);
                requireGraphWithinLimit();
                retryPending();
            }
            case "UsagePoint" -> {
                graph.usagePoint(links, serviceKind);
                requireGraphWithinLimit();
                retryPending();
            }
            case "MeterReading" -> {
                graph.meterReading(links);
                requireGraphWithinLimit();
                retryPending();
            }
            case "IntervalBlock" -> {
                if (heldBack != null && !heldBack.isEmpty()) {
                    LinkGraph.Resolution resolution = graph.resolve(links);
                    if (resolution.pending()) {
                        String collection = LinkGraph.blockCollection(links);
                        if (!pending.containsKey(collection) && pending.size() >= limits.maxLinkedResources()) {
                            throw new EspiException("more than " + limits.maxLinkedResources() + " IntervalBlock "
                                    + "collections come before the MeterReading and ReadingType they link to");
                        }
                        pending.computeIfAbsent(collection, c -> new PendingBlocks(links.copy(), new ArrayList<>()))
                                .readings().addAll(heldBack);
                    } else {
                        release(resolution, heldBack);
                    }
                }
            }
            default -> {
            }
        }
    }

    /** Distinct resources only: a feed may repeat its UsagePoint and ReadingType entries. */
    private void requireGraphWithinLimit() throws EspiException {
        if (graph.size() > limits.maxLinkedResources()) {
            throw new EspiException("the feed describes more than " + limits.maxLinkedResources()
                    + " usage points, meter readings and reading types");
        }
    }

    private ReadingTypeFields readReadingType() throws EspiException {
        Integer commodity = null;
        Integer flowDirection = null;
        Integer intervalLength = null;
        int multiplier = 0;
        Integer uom = null;
        Integer defaultQuality = null;
        Integer tou = null;
        int depth = xml.depth();
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!xml.isEspi()) {
                    xml.skipElement();
                    continue;
                }
                switch (xml.localName()) {
                    case "commodity" -> commodity = intText("ReadingType commodity");
                    case "flowDirection" -> flowDirection = intText("ReadingType flowDirection");
                    case "intervalLength" -> intervalLength = intText("ReadingType intervalLength");
                    case "powerOfTenMultiplier" -> {
                        Integer m = intText("ReadingType powerOfTenMultiplier");
                        multiplier = m == null ? 0 : m;
                        if (Math.abs(multiplier) > 30) {
                            throw new EspiException("ReadingType powerOfTenMultiplier " + multiplier + " is out of range");
                        }
                    }
                    case "uom" -> uom = intText("ReadingType uom");
                    case "defaultQuality" -> defaultQuality = intText("ReadingType defaultQuality");
                    case "tou" -> tou = intText("ReadingType tou");
                    default -> xml.skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.depth() < depth) {
                return new ReadingTypeFields(commodity, flowDirection, intervalLength, multiplier, uom,
                        defaultQuality, tou);
            }
        }
    }

    private Integer readServiceKind() throws EspiException {
        Integer kind = null;
        int depth = xml.depth();
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (xml.isEspi() && "kind".equals(xml.localName()) && xml.depth() == depth + 2) {
                    kind = intText("UsagePoint ServiceCategory kind"); // the only kind two levels down
                } else if (!xml.isEspi() || xml.depth() > depth + 1 || !"ServiceCategory".equals(xml.localName())) {
                    xml.skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.depth() < depth) {
                return kind;
            }
        }
    }

    /** Streams straight to the gate when the links already tell what the block is (PG&amp;E's order), else holds back. */
    private void readIntervalBlock() throws EspiException {
        LinkGraph.Resolution resolution = links.up != null || links.self != null ? graph.resolve(links)
                : LinkGraph.Resolution.PENDING;
        if (resolution.unusable() != null) {
            warnOnce(resolution.unusable());
            xml.skipElement();
            return;
        }
        Series series = resolution.series();
        if (series == null && heldBack == null) {
            heldBack = new ArrayList<>();
        }
        long blockSeconds = 0; // the block's own duration, in seconds; 0 when not (yet) known
        int depth = xml.depth();
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (xml.isEspi() && "IntervalReading".equals(xml.localName())) {
                    readIntervalReading(series, blockSeconds);
                } else if (xml.isEspi() && "interval".equals(xml.localName())) {
                    long[] period = readPeriod("IntervalBlock interval");
                    blockSeconds = isMilliseconds(period[0]) ? period[1] / 1000 : period[1];
                } else {
                    xml.skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.depth() < depth) {
                return;
            }
        }
    }

    private void readIntervalReading(Series series, long blockSeconds) throws EspiException {
        long start = Long.MIN_VALUE;
        long duration = 0;
        BigDecimal value = null;
        Integer quality = null;
        BigDecimal cost = null;
        Integer tou = null;
        int depth = xml.depth();
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (!xml.isEspi()) {
                    xml.skipElement();
                    continue;
                }
                switch (xml.localName()) {
                    case "value" -> value = decimalText("IntervalReading value");
                    case "cost" -> cost = decimalText("IntervalReading cost");
                    case "tou" -> tou = intText("IntervalReading tou");
                    case "ReadingQuality" -> {
                        Integer q = readQuality();
                        quality = q != null ? q : quality;
                    }
                    case "timePeriod" -> {
                        long[] period = readPeriod("IntervalReading timePeriod");
                        start = period[0];
                        duration = period[1];
                    }
                    default -> xml.skipElement(); // consumptionTier, cpp, …
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.depth() < depth) {
                break;
            }
        }
        if (start == Long.MIN_VALUE || value == null) {
            skippedReadings++;
            return;
        }
        // ESPI durations are seconds: milliseconds only on evidence, a start in ms or a length overrunning its block
        if (isMilliseconds(start)) {
            start = Math.floorDiv(start, 1000);
            duration = duration / 1000;
        } else if (blockSeconds > 0 && duration > blockSeconds && duration % 1000 == 0
                && duration / 1000 <= blockSeconds) {
            duration = duration / 1000;
        }
        RawReading raw = new RawReading(start, duration, value, quality, cost, tou);
        if (series != null) {
            emit(series, raw);
        } else {
            if (++pendingReadings > limits.maxPendingReadings()) {
                throw new EspiException("more than " + limits.maxPendingReadings() + " readings come before the "
                        + "MeterReading and ReadingType their blocks link to");
            }
            heldBack.add(raw);
        }
    }

    private static boolean isMilliseconds(long start) {
        return start != Long.MIN_VALUE && (start > LARGEST_SECONDS || start < -LARGEST_SECONDS); // MIN_VALUE: none
    }

    /** A DateTimeInterval as sent: {start or Long.MIN_VALUE when absent, duration or 0 when absent}. */
    private long[] readPeriod(String what) throws EspiException {
        long start = Long.MIN_VALUE;
        long duration = 0;
        int depth = xml.depth();
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (xml.isEspi() && "start".equals(xml.localName())) {
                    Long s = longText(what + " start");
                    start = s == null ? Long.MIN_VALUE : s;
                } else if (xml.isEspi() && "duration".equals(xml.localName())) {
                    Long d = longText(what + " duration");
                    duration = d == null ? 0 : d;
                } else {
                    xml.skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.depth() < depth) {
                return new long[] {start, duration};
            }
        }
    }

    private Integer readQuality() throws EspiException {
        Integer quality = null;
        int depth = xml.depth();
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (xml.isEspi() && "quality".equals(xml.localName())) {
                    quality = intText("ReadingQuality quality");
                } else {
                    xml.skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.depth() < depth) {
                return quality;
            }
        }
    }

    private void emit(Series series, RawReading raw) {
        long interval = raw.duration() > 0 ? raw.duration() : series.defaultInterval();
        if (interval <= 0 || interval > Integer.MAX_VALUE) {
            skippedReadings++;
            return;
        }
        BigDecimal value = raw.value().scaleByPowerOfTen(-series.valueScale());
        BigDecimal cost = raw.cost() == null ? null : raw.cost().scaleByPowerOfTen(-5); // 1/100000 of the currency
        int quality = raw.quality() != null ? raw.quality() : series.defaultQuality();
        Integer tou = raw.tou() != null ? raw.tou() : series.tou();
        gate.accept(series, raw.start(), (int) interval, value, quality, cost, tou);
    }

    private void release(LinkGraph.Resolution resolution, List<RawReading> readings) {
        pendingReadings -= readings.size();
        if (resolution.unusable() != null) {
            warnOnce(resolution.unusable());
            return;
        }
        for (RawReading raw : readings) {
            emit(resolution.series(), raw);
        }
    }

    private void retryPending() {
        if (pending.isEmpty()) {
            return;
        }
        for (var it = pending.values().iterator(); it.hasNext(); ) {
            PendingBlocks block = it.next();
            LinkGraph.Resolution resolution = graph.resolve(block.firstLinks());
            if (!resolution.pending()) {
                it.remove();
                release(resolution, block.readings());
            }
        }
    }

    private void warnOnce(String reason) {
        if (warned.add(reason)) {
            log.warn("skipping IntervalBlocks: {}", reason);
        }
    }

    private Integer intText(String what) throws EspiException {
        Long value = longText(what);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new EspiException(what + " " + value + " is out of range");
        }
        return value.intValue();
    }

    private Long longText(String what) throws EspiException {
        try {
            return xml.longText();
        } catch (NumberFormatException e) {
            throw new EspiException(what + " is not a number");
        }
    }

    private BigDecimal decimalText(String what) throws EspiException {
        try {
            return xml.decimalText();
        } catch (NumberFormatException e) {
            throw new EspiException(what + " is not a number");
        }
    }
}
