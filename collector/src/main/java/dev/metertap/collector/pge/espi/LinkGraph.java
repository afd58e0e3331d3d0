package dev.metertap.collector.pge.espi;

import dev.metertap.collector.reading.IntervalReading.Commodity;
import dev.metertap.collector.reading.IntervalReading.Flow;
import dev.metertap.collector.reading.IntervalReading.Unit;

import java.util.HashMap;
import java.util.Map;

/**
 * The feed's resources related through their links alone (UsagePoint → MeterReading → ReadingType, MeterReading →
 * IntervalBlock collection), never through document order or MeterReading ids (PG&amp;E re-encoded those in 2024).
 */
final class LinkGraph {

    /** How an IntervalBlock's readings are to be read, or why they cannot be, or that the feed has not said yet. */
    record Resolution(Series series, String unusable) {
        static final Resolution PENDING = new Resolution(null, null);

        boolean pending() {
            return series == null && unusable == null;
        }
    }

    private record UsagePointEntry(String id, Integer serviceKind) {
    }

    private final Map<String, ReadingTypeFields> readingTypes = new HashMap<>();
    private final Map<String, UsagePointEntry> usagePoints = new HashMap<>();
    private final Map<String, EntryLinks> meterReadingsByBlockCollection = new HashMap<>();
    private final Map<String, Resolution> resolved = new HashMap<>();

    void readingType(EntryLinks links, ReadingTypeFields fields) {
        if (links.self != null) {
            readingTypes.put(links.self, fields);
            resolved.clear();
        }
    }

    void usagePoint(EntryLinks links, Integer serviceKind) {
        if (links.self != null) {
            usagePoints.put(links.self, new UsagePointEntry(EntryLinks.lastSegment(links.self), serviceKind));
            resolved.clear();
        }
    }

    void meterReading(EntryLinks links) {
        EntryLinks copy = links.copy();
        for (String related : copy.related) {
            meterReadingsByBlockCollection.put(related, copy);
        }
        if (copy.self != null) {
            meterReadingsByBlockCollection.putIfAbsent(copy.self + "/IntervalBlock", copy);
        }
        resolved.clear();
    }

    /** Resources held to join blocks to them: reading types, usage points, meter readings (by block collection). */
    int size() {
        return readingTypes.size() + usagePoints.size() + meterReadingsByBlockCollection.size();
    }

    /** The block's collection: its {@code up} link, else its {@code self} without the last segment. */
    static String blockCollection(EntryLinks block) {
        if (block.up != null) {
            return block.up;
        }
        return block.self == null ? null : EntryLinks.parent(block.self);
    }

    Resolution resolve(EntryLinks block) {
        String collection = blockCollection(block);
        if (collection == null) {
            return new Resolution(null, "an IntervalBlock has neither an 'up' nor a 'self' link");
        }
        Resolution known = resolved.get(collection);
        if (known != null) {
            return known;
        }
        Resolution resolution = resolveUncached(collection);
        if (!resolution.pending()) {
            resolved.put(collection, resolution);
        }
        return resolution;
    }

    private Resolution resolveUncached(String collection) {
        EntryLinks meterReading = meterReadingsByBlockCollection.get(collection);
        if (meterReading == null) {
            return Resolution.PENDING;
        }
        ReadingTypeFields type = null;
        for (String related : meterReading.related) {
            type = type != null ? type : readingTypes.get(related);
        }
        if (type == null) {
            return Resolution.PENDING;
        }
        UsagePointEntry usagePoint = usagePointOf(meterReading);
        String usagePointId = usagePoint != null ? usagePoint.id()
                : firstNonNull(EntryLinks.usagePointIdIn(meterReading.up), EntryLinks.usagePointIdIn(meterReading.self),
                        EntryLinks.usagePointIdIn(collection));
        if (usagePointId == null) {
            return Resolution.PENDING;
        }
        Integer serviceKind = usagePoint == null ? null : usagePoint.serviceKind();
        return series(usagePointId, serviceKind, type, usagePoint != null);
    }

    private UsagePointEntry usagePointOf(EntryLinks meterReading) {
        if (meterReading.up != null) {
            UsagePointEntry byUp = usagePoints.get(EntryLinks.parent(meterReading.up));
            if (byUp != null) {
                return byUp;
            }
        }
        if (meterReading.self != null) {
            return usagePoints.get(EntryLinks.parent(EntryLinks.parent(meterReading.self)));
        }
        return null;
    }

    private static Resolution series(String usagePointId, Integer serviceKind, ReadingTypeFields type,
                                     boolean usagePointKnown) {
        int uom = type.uom() == null ? -1 : type.uom();
        Unit unit;
        int valueScale;
        switch (uom) {
            case 72 -> {
                unit = Unit.KWH;
                valueScale = 3 - type.powerOfTenMultiplier(); // Wh × 10^m = kWh × 10^(m-3)
            }
            case 169 -> {
                unit = Unit.THERM;
                valueScale = -type.powerOfTenMultiplier();
            }
            default -> {
                return new Resolution(null, "uom " + (type.uom() == null ? "(none)" : uom)
                        + " is not energy in Wh or therm");
            }
        }
        Commodity commodity = commodity(serviceKind, type.commodity(), uom);
        if (commodity == null) {
            if (!usagePointKnown) {
                return Resolution.PENDING; // the UsagePoint's ServiceCategory may still come
            }
            return new Resolution(null, "usage point " + usagePointId + " is neither electricity nor gas (kind "
                    + serviceKind + ", commodity " + type.commodity() + ")");
        }
        Flow flow;
        int direction = type.flowDirection() == null ? 1 : type.flowDirection();
        switch (direction) {
            case 1 -> flow = Flow.DELIVERED;
            case 19 -> flow = Flow.RECEIVED;
            default -> {
                return new Resolution(null, "flowDirection " + direction + " is neither delivered (1) nor received (19)");
            }
        }
        int defaultInterval = type.intervalLength() == null ? 0 : type.intervalLength();
        int defaultQuality = type.defaultQuality() == null ? 0 : type.defaultQuality();
        Integer tou = type.tou() == null || type.tou() == 0 ? null : type.tou();
        return new Resolution(new Series(usagePointId, commodity, flow, unit, valueScale, defaultInterval,
                defaultQuality, tou), null);
    }

    /** ServiceCategory kind first (0 electricity, 1 gas), then the ReadingType's commodity, then the unit. */
    private static Commodity commodity(Integer serviceKind, Integer readingTypeCommodity, int uom) {
        if (serviceKind != null && (serviceKind == 0 || serviceKind == 1)) {
            return serviceKind == 0 ? Commodity.ELECTRICITY : Commodity.GAS;
        }
        if (readingTypeCommodity != null) {
            switch (readingTypeCommodity) {
                case 1, 2 -> {
                    return Commodity.ELECTRICITY;
                }
                case 7, 8 -> {
                    return Commodity.GAS;
                }
                default -> {
                }
            }
        }
        if (serviceKind == null && (readingTypeCommodity == null || readingTypeCommodity == 0)) {
            return uom == 169 ? Commodity.GAS : Commodity.ELECTRICITY;
        }
        return null;
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
