package dev.metertap.pgemock.espi;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A feed read back the way a careful client reads it: JDK StAX, namespace-aware, DTDs and external entities off,
 * elements matched by namespace and local name, resources joined through their links only.
 */
public record ParsedFeed(String rootNamespace, String rootName, List<Entry> entries, Set<String> atomPrefixes,
                  Set<String> espiPrefixes, int xsiTypeAttributes) {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String ESPI = "http://naesb.org/espi";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    public record Link(String rel, String href) {
    }

    public record Reading(Long cost, int quality, long start, int duration, long value, Integer tou) {
    }

    /** One Atom entry; {@code fields} holds the resource's leaf elements in document order (local name → text). */
    public record Entry(String id, List<Link> links, String resource, Map<String, String> fields, long blockStart,
                 int blockDuration, List<Reading> readings) {

        public String self() {
            return links.stream().filter(l -> l.rel().equals("self")).map(Link::href).findFirst().orElseThrow();
        }

        public String up() {
            return links.stream().filter(l -> l.rel().equals("up")).map(Link::href).findFirst().orElseThrow();
        }

        public List<String> related() {
            return links.stream().filter(l -> l.rel().equals("related")).map(Link::href).toList();
        }

        public long field(String name) {
            return Long.parseLong(fields.get(name));
        }
    }

    /** A reading with what the links say about it. */
    record JoinedReading(String usagePointId, int serviceKind, int flowDirection, int uom, int powerOfTenMultiplier,
                         int intervalLength, Entry block, Reading reading) {

        /** value × 10^multiplier in the uom, converted to kWh (uom 72, Wh) or left in therm (uom 169). */
        BigDecimal quantity() {
            BigDecimal inUom = BigDecimal.valueOf(reading.value()).scaleByPowerOfTen(powerOfTenMultiplier);
            return uom == 72 ? inUom.movePointLeft(3) : inUom;
        }

        BigDecimal cost() {
            return reading.cost() == null ? null : BigDecimal.valueOf(reading.cost(), 5);
        }
    }

    public static ParsedFeed parse(byte[] xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
        try {
            return new Parser(reader).parse();
        } finally {
            reader.close();
        }
    }

    List<Entry> resources(String name) {
        return entries.stream().filter(e -> name.equals(e.resource())).toList();
    }

    /** Every reading joined block → MeterReading → ReadingType and → UsagePoint through links, never by order. */
    List<JoinedReading> joinedReadings() {
        Map<String, Entry> readingTypes = new LinkedHashMap<>();
        resources("ReadingType").forEach(e -> readingTypes.put(e.self(), e));
        List<JoinedReading> joined = new ArrayList<>();
        for (Entry block : resources("IntervalBlock")) {
            Entry meterReading = only(resources("MeterReading").stream()
                    .filter(mr -> mr.related().contains(block.up())).toList(), "MeterReading of " + block.self());
            Entry readingType = only(meterReading.related().stream().filter(readingTypes::containsKey)
                    .map(readingTypes::get).toList(), "ReadingType of " + meterReading.self());
            Entry usagePoint = only(resources("UsagePoint").stream()
                    .filter(up -> up.related().contains(meterReading.up())).toList(), "UsagePoint of " + meterReading.self());
            String usagePointId = usagePoint.self().substring(usagePoint.self().lastIndexOf('/') + 1);
            for (Reading reading : block.readings()) {
                joined.add(new JoinedReading(usagePointId, (int) usagePoint.field("kind"),
                        (int) readingType.field("flowDirection"), (int) readingType.field("uom"),
                        (int) readingType.field("powerOfTenMultiplier"), (int) readingType.field("intervalLength"),
                        block, reading));
            }
        }
        return joined;
    }

    private static <T> T only(List<T> candidates, String what) {
        if (candidates.size() != 1) {
            throw new AssertionError(what + ": expected exactly one, found " + candidates.size());
        }
        return candidates.get(0);
    }

    private static final class Parser {
        private final XMLStreamReader in;
        private final List<Entry> entries = new ArrayList<>();
        private final Set<String> atomPrefixes = new HashSet<>();
        private final Set<String> espiPrefixes = new HashSet<>();
        private final Deque<String> path = new ArrayDeque<>();
        private int xsiTypes;

        private String entryId;
        private List<Link> links;
        private String resource;
        private Map<String, String> fields;
        private long blockStart;
        private int blockDuration;
        private List<Reading> readings;
        private Map<String, String> reading;

        Parser(XMLStreamReader in) {
            this.in = in;
        }

        ParsedFeed parse() throws XMLStreamException {
            String rootNamespace = null;
            String rootName = null;
            StringBuilder text = new StringBuilder();
            while (in.hasNext()) {
                int event = in.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String ns = in.getNamespaceURI();
                    String name = in.getLocalName();
                    if (rootName == null) {
                        rootNamespace = ns;
                        rootName = name;
                    }
                    if (ATOM.equals(ns)) {
                        atomPrefixes.add(in.getPrefix());
                    } else if (ESPI.equals(ns)) {
                        espiPrefixes.add(in.getPrefix());
                    }
                    for (int i = 0; i < in.getAttributeCount(); i++) {
                        if (XSI.equals(in.getAttributeNamespace(i)) && "type".equals(in.getAttributeLocalName(i))) {
                            xsiTypes++;
                        }
                    }
                    start(ns, name);
                    path.push(name);
                    text.setLength(0);
                } else if (event == XMLStreamConstants.CHARACTERS) {
                    text.append(in.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    path.pop();
                    end(in.getNamespaceURI(), in.getLocalName(), text.toString().trim());
                    text.setLength(0);
                }
            }
            return new ParsedFeed(rootNamespace, rootName, entries, atomPrefixes, espiPrefixes, xsiTypes);
        }

        private void start(String ns, String name) {
            if (ATOM.equals(ns) && name.equals("entry")) {
                entryId = null;
                links = new ArrayList<>();
                resource = null;
                fields = new LinkedHashMap<>();
                readings = new ArrayList<>();
                blockStart = 0;
                blockDuration = 0;
            } else if (ATOM.equals(ns) && name.equals("link") && links != null) {
                links.add(new Link(in.getAttributeValue(null, "rel"), in.getAttributeValue(null, "href")));
            } else if (ESPI.equals(ns) && "content".equals(path.peek())) {
                resource = name;
            } else if (ESPI.equals(ns) && name.equals("IntervalReading")) {
                reading = new LinkedHashMap<>();
            }
        }

        private void end(String ns, String name, String text) {
            if (ATOM.equals(ns) && name.equals("entry")) {
                entries.add(new Entry(entryId, List.copyOf(links), resource, fields, blockStart, blockDuration,
                        List.copyOf(readings)));
                links = null;
            } else if (ATOM.equals(ns) && name.equals("id") && links != null) {
                entryId = text;
            } else if (ESPI.equals(ns) && name.equals("IntervalReading")) {
                readings.add(new Reading(
                        reading.containsKey("cost") ? Long.parseLong(reading.get("cost")) : null,
                        Integer.parseInt(reading.get("quality")),
                        Long.parseLong(reading.get("start")),
                        Integer.parseInt(reading.get("duration")),
                        Long.parseLong(reading.get("value")),
                        reading.containsKey("tou") ? Integer.parseInt(reading.get("tou")) : null));
                reading = null;
            } else if (ESPI.equals(ns) && reading != null) {
                reading.put(name, text);
            } else if (ESPI.equals(ns) && "interval".equals(path.peek())) {
                if (name.equals("start")) {
                    blockStart = Long.parseLong(text);
                } else if (name.equals("duration")) {
                    blockDuration = Integer.parseInt(text);
                }
            } else if (ESPI.equals(ns) && fields != null && !text.isEmpty()) {
                fields.put(name, text);
            }
        }
    }

}
