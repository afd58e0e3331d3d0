package dev.metertap.collector.pge.espi;

/**
 * Bounds on what one ESPI document may cost to read: a feed from the network is untrusted.
 *
 * @param maxBytes           bytes read from the stream (a 48-month 15-minute solar feed is about 90 MB)
 * @param maxDepth           element nesting (ESPI needs 7)
 * @param maxTextLength      characters in one element's text or attribute, and in any run the XML parser holds whole:
 *                           a comment, a processing instruction, a CDATA section, a tag
 * @param maxEntries         Atom entries (PG&amp;E sends one IntervalBlock entry per local day and flow)
 * @param maxPendingReadings readings held back because their IntervalBlock arrived before the entries that give
 *                           it a meaning (its MeterReading and ReadingType)
 * @param maxLinkedResources usage points, meter readings and reading types kept to join blocks to them (a meter
 *                           reading once per related link), and block collections held back (a household has a few
 *                           of each; counted once however often a feed repeats them)
 */
public record EspiLimits(long maxBytes, int maxDepth, int maxTextLength, int maxEntries, int maxPendingReadings,
                         int maxLinkedResources) {

    public static final EspiLimits DEFAULTS = new EspiLimits(1L << 30, 64, 64 * 1024, 1_000_000, 200_000, 10_000);

    public EspiLimits {
        if (maxBytes <= 0 || maxDepth <= 0 || maxTextLength <= 0 || maxEntries <= 0 || maxPendingReadings < 0
                || maxLinkedResources <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxBytes + ", " + maxDepth + ", "
                    + maxTextLength + ", " + maxEntries + ", " + maxPendingReadings + ", " + maxLinkedResources);
        }
    }

    public EspiLimits withMaxBytes(long bytes) {
        return new EspiLimits(bytes, maxDepth, maxTextLength, maxEntries, maxPendingReadings, maxLinkedResources);
    }

    public EspiLimits withMaxPendingReadings(int readings) {
        return new EspiLimits(maxBytes, maxDepth, maxTextLength, maxEntries, readings, maxLinkedResources);
    }

    public EspiLimits withMaxLinkedResources(int resources) {
        return new EspiLimits(maxBytes, maxDepth, maxTextLength, maxEntries, maxPendingReadings, resources);
    }
}
